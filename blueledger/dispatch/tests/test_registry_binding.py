"""A ledger target bound to the key-project registry fills itself in every round: the platform writes the
registry's figure as of the round's month, the departments are not asked for it, and every write is on the
record (最多报一次)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from openpyxl import load_workbook

from blueledger.core.testing import make_department, make_user
from blueledger.dispatch.choices import PrefillSource, ReportSource, ReportStatus
from blueledger.dispatch.exports import FIRST_DATA_ROW, VALUE_COLUMN, report_template
from blueledger.dispatch.imports import report_template_import
from blueledger.dispatch.models import RegistryBinding, Report, ReportSlot
from blueledger.dispatch.services.registry import registry_binding_remove, registry_binding_set, registry_values_fill
from blueledger.dispatch.services.reports import ReportEntry, reports_return, reports_save
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import make_round
from blueledger.ledgers.models import Ledger, LedgerQuantity
from blueledger.ledgers.services import ledger_publish
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.projects.models import IndicatorQuery
from blueledger.projects.services import lead_create, lead_stage_change
from blueledger.projects.tests.factories import make_project, make_report, make_track
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db

JUNE_2023 = (datetime.date(2023, 6, 1), datetime.date(2023, 6, 30))
PLAN = """青岛市海洋发展局2023年工作要点

一、聚焦大项目
(一)推进重点项目。推动重点项目建设3个。力争新签约过50亿元项目2个。全年完成海洋项目投资5000万元。(牵头单位:市海洋发展局)
(二)提升列统水平。海洋重点项目列统率达到100%。(牵头单位:市统计局)
"""


@pytest.fixture
def city(shandong: dict[str, Any]) -> dict[str, Any]:
    qingdao = shandong["qingdao"]
    bureau = make_department(qingdao, "市海洋发展局")
    statistics = make_department(qingdao, "市统计局")
    ledger = make_ledger(qingdao, text=PLAN)
    ledger_publish(actor=None, ledger=ledger)
    track = make_track(qingdao, "海洋装备")
    listed = make_project(shandong["huangdao"], track, is_listed=True, annual_plan_wan=Decimal(30000))
    make_project(shandong["laoshan"], track, is_listed=False)
    make_project(shandong["laoshan"], track, status="preparing", is_listed=False)
    make_report(listed, "2023-05", 2500)
    office = make_user(make_department(qingdao, "调度办"), Role.DISPATCHER, "office")
    return {**shandong, "ledger": ledger, "bureau": bureau, "statistics": statistics, "track": track,
            "office": office, "listed": listed}


def target(ledger: Ledger, metric_part: str) -> LedgerQuantity:
    return ledger.quantities.get(metric__contains=metric_part)


def slot_of(reporting_round: Any, quantity: LedgerQuantity) -> ReportSlot:
    return ReportSlot.objects.get(round=reporting_round, quantity=quantity)


def test_binding_fills_the_open_round_with_the_registry_figure_on_the_record(city: dict[str, Any]) -> None:
    reporting_round = make_round(city["ledger"], JUNE_2023)
    projects_target = target(city["ledger"], "推动重点项目建设")

    registry_binding_set(actor=city["office"], quantity=projects_target, indicator="projects", filters={})

    slot = slot_of(reporting_round, projects_target)
    report = slot.reports.get()
    assert (report.value, report.status, report.source, report.value_typed) == (
        Decimal(3), ReportStatus.SUBMITTED, ReportSource.REGISTRY, False,
    )
    assert report.progress == "取自重点项目库: 项目数 (个), 截至2023年6月"
    assert (slot.prefilled_value, slot.prefilled_from) == (Decimal(3), PrefillSource.REGISTRY)
    history = report.history.get()
    assert (history.history_user, history.history_change_reason) == (city["office"], "重点项目库取数")
    binding = RegistryBinding.objects.get(quantity=projects_target)
    assert binding.history.get().history_user == city["office"]


def test_a_round_opened_after_binding_is_filled_at_once(city: dict[str, Any]) -> None:
    listed_target = target(city["ledger"], "列统率")
    registry_binding_set(actor=city["office"], quantity=listed_target, indicator="listed_rate", filters={})

    reporting_round = make_round(city["ledger"], JUNE_2023, actor=city["office"])

    # Two projects under construction, one of them listed: 50%.
    assert slot_of(reporting_round, listed_target).reports.get().value == Decimal(50)


def test_an_amount_in_yi_is_written_in_the_targets_wan(city: dict[str, Any]) -> None:
    reporting_round = make_round(city["ledger"], JUNE_2023)
    investment = target(city["ledger"], "完成海洋项目投资")

    registry_binding_set(actor=city["office"], quantity=investment, indicator="completed", filters={})

    assert slot_of(reporting_round, investment).reports.get().value == Decimal(2500)


def test_signed_leads_over_a_size_are_counted_within_the_year(city: dict[str, Any]) -> None:
    for name, signed_wan, day in (("甲", 600000, datetime.date(2023, 3, 1)), ("乙", 200000, datetime.date(2023, 4, 1)),
                                  ("丙", 800000, datetime.date(2022, 11, 1))):
        lead = lead_create(actor=None, region=city["huangdao"], track=city["track"], name=f"{name}项目",
                           entered_on=day - datetime.timedelta(days=30))
        lead_stage_change(actor=None, lead=lead, stage="signed", changed_on=day, signed_amount_wan=Decimal(signed_wan))
    reporting_round = make_round(city["ledger"], JUNE_2023)
    signed = target(city["ledger"], "新签约过50亿元项目")

    registry_binding_set(actor=city["office"], quantity=signed, indicator="signed_leads",
                         filters={"min_signed_yi": "50"})

    assert slot_of(reporting_round, signed).reports.get().value == Decimal(1)  # 甲 only: 丙 signed last year


def test_a_changed_registry_figure_is_a_new_version_and_an_unchanged_one_writes_nothing(city: dict[str, Any]) -> None:
    reporting_round = make_round(city["ledger"], JUNE_2023)
    projects_target = target(city["ledger"], "推动重点项目建设")
    registry_binding_set(actor=city["office"], quantity=projects_target, indicator="projects", filters={})

    assert registry_values_fill(actor=city["office"], reporting_round=reporting_round) == 0
    make_project(city["huangdao"], city["track"])
    assert registry_values_fill(actor=city["office"], reporting_round=reporting_round) == 1

    versions = list(slot_of(reporting_round, projects_target).reports.values_list("version", "value"))
    assert versions == [(1, Decimal(3)), (2, Decimal(4))]


def test_closing_the_round_takes_the_registry_figure_at_closing(city: dict[str, Any]) -> None:
    reporting_round = make_round(city["ledger"], JUNE_2023)
    projects_target = target(city["ledger"], "推动重点项目建设")
    registry_binding_set(actor=city["office"], quantity=projects_target, indicator="projects", filters={})
    make_project(city["huangdao"], city["track"])

    round_close(actor=city["office"], reporting_round=reporting_round)

    latest = slot_of(reporting_round, projects_target).reports.order_by("-version").first()
    assert (latest.value, latest.status) == (Decimal(4), ReportStatus.ACCEPTED)


def test_units_that_measure_different_things_are_refused_and_nothing_is_saved(city: dict[str, Any]) -> None:
    listed_target = target(city["ledger"], "列统率")

    with pytest.raises(ValidationError, match="单位“%”与重点项目库指标的单位“个”不一致"):
        registry_binding_set(actor=city["office"], quantity=listed_target, indicator="projects", filters={})

    assert not RegistryBinding.objects.exists()
    assert not IndicatorQuery.objects.exists()


def test_a_department_is_not_asked_for_a_bound_target(city: dict[str, Any]) -> None:
    reporting_round = make_round(city["ledger"], JUNE_2023)
    projects_target = target(city["ledger"], "推动重点项目建设")
    registry_binding_set(actor=city["office"], quantity=projects_target, indicator="projects", filters={})
    reporter = make_user(city["bureau"], Role.REPORTER, "bureau")
    bound = slot_of(reporting_round, projects_target)
    others = ReportSlot.objects.filter(round=reporting_round, department=city["bureau"]).exclude(pk=bound.pk)

    with pytest.raises(ValidationError, match="“推动重点项目建设”取自重点项目库, 无需填报"):
        reports_save(actor=reporter, reporting_round=reporting_round, department=city["bureau"],
                     entries={bound.pk: ReportEntry(value=Decimal(9))}, submit=False)
    assert bound.reports.get().value == Decimal(3)

    # Submitting the department's own targets does not wait for the bound one.
    entries = {slot.pk: ReportEntry(value=Decimal(1)) for slot in others}
    reports_save(actor=reporter, reporting_round=reporting_round, department=city["bureau"],
                 entries=entries, submit=True)
    assert Report.objects.filter(slot__in=others, status=ReportStatus.SUBMITTED).count() == len(entries)


def test_the_template_locks_a_bound_row_and_its_import_ignores_it(city: dict[str, Any]) -> None:
    reporting_round = make_round(city["ledger"], JUNE_2023)
    projects_target = target(city["ledger"], "推动重点项目建设")
    registry_binding_set(actor=city["office"], quantity=projects_target, indicator="projects", filters={})
    bound = slot_of(reporting_round, projects_target)

    workbook = load_workbook(BytesIO(report_template(reporting_round, city["bureau"])))
    sheet = workbook["填报"]
    rows = {sheet.cell(line, 1).value: line for line in range(FIRST_DATA_ROW, sheet.max_row + 1)}
    bound_line = rows.pop(bound.pk)
    assert sheet.cell(bound_line, VALUE_COLUMN).protection.locked is True
    assert sheet.cell(bound_line, VALUE_COLUMN).value == 3
    assert all(sheet.cell(line, VALUE_COLUMN).protection.locked is False for line in rows.values())

    sheet.cell(bound_line, VALUE_COLUMN).value = 99  # someone unprotects the sheet and types over it
    for line in rows.values():
        sheet.cell(line, VALUE_COLUMN).value = 1
    buffer = BytesIO()
    workbook.save(buffer)
    reporter = make_user(city["bureau"], Role.REPORTER, "bureau")
    summary = report_template_import(actor=reporter, reporting_round=reporting_round, department=city["bureau"],
                                     data=buffer.getvalue(), filename="模板.xlsx")

    assert summary.rows == len(rows)
    assert list(bound.reports.values_list("value", "source")) == [(Decimal(3), ReportSource.REGISTRY)]


def test_returning_a_department_leaves_the_registry_figures_alone(city: dict[str, Any]) -> None:
    reporting_round = make_round(city["ledger"], JUNE_2023)
    projects_target = target(city["ledger"], "推动重点项目建设")
    registry_binding_set(actor=city["office"], quantity=projects_target, indicator="projects", filters={})

    with pytest.raises(ValidationError, match="尚无已报送的内容"):
        reports_return(actor=city["office"], reporting_round=reporting_round, department=city["bureau"],
                       comment="请核实")
    assert slot_of(reporting_round, projects_target).reports.get().status == ReportStatus.SUBMITTED


def test_unbinding_keeps_what_was_written_and_asks_the_departments_next_round(city: dict[str, Any]) -> None:
    june = make_round(city["ledger"], JUNE_2023)
    projects_target = target(city["ledger"], "推动重点项目建设")
    binding = registry_binding_set(actor=city["office"], quantity=projects_target, indicator="projects",
                                   filters={})

    registry_binding_remove(actor=city["office"], binding=binding)
    july = make_round(city["ledger"], (datetime.date(2023, 7, 1), datetime.date(2023, 7, 31)))

    assert slot_of(june, projects_target).reports.get().source == ReportSource.REGISTRY
    assert not slot_of(july, projects_target).reports.exists()
    assert RegistryBinding.history.filter(quantity_id=projects_target.pk, history_type="-").get().history_user == (
        city["office"])


def test_the_pages_suggest_bind_and_refuse_a_reporter(city: dict[str, Any]) -> None:
    client = Client()
    client.force_login(city["office"])
    listing = client.get(f"/dispatch/ledgers/{city['ledger'].pk}/registry/").content.decode()
    assert "建议取数: 年内新签约项目数 (个)" in listing and "建议取数: 列统率 (%)" in listing
    signed = target(city["ledger"], "新签约过50亿元项目")

    form = client.get(f"/dispatch/targets/{signed.pk}/registry/").content.decode()
    assert '<option value="signed_leads" selected>' in form
    assert 'name="min_signed_yi" value="50"' in form
    make_round(city["ledger"], JUNE_2023)  # the preview reads the month of the ledger's latest round
    project_count = target(city["ledger"], "推动重点项目建设")
    preview = client.get(f"/dispatch/targets/{project_count.pk}/registry/").content.decode()
    assert "按重点项目库 (2023年6月): <strong>3 个</strong>" in preview
    response = client.post(f"/dispatch/targets/{signed.pk}/registry/",
                           {"indicator": "signed_leads", "min_signed_yi": "50", "action": "save"})
    assert response.status_code == 302
    assert RegistryBinding.objects.get(quantity=signed).query.filters == {"min_signed_yi": "50"}

    reporter = make_user(city["bureau"], Role.REPORTER, "bureau")
    client.force_login(reporter)
    assert client.get(f"/dispatch/targets/{signed.pk}/registry/").status_code == 403
    assert client.post(f"/dispatch/targets/{signed.pk}/registry/", {"action": "remove"}).status_code == 403
    assert RegistryBinding.objects.filter(quantity=signed).exists()
