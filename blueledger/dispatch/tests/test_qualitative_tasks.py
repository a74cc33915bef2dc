"""Qualitative tasks are dispatched too: a task without a target of its own and without sub-tasks gets a slot
per department, reported as 文字进展 + 完成状态 (+ evidence), by the form and by the Excel template; the
figures (status, ranking) stay those of the targets."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from blueledger.core.testing import api_client, make_department, make_user, page_client
from blueledger.dispatch.choices import ReportStatus, TaskState
from blueledger.dispatch.exports import TEMPLATE_SHEET, report_template
from blueledger.dispatch.imports import ImportRejected, report_template_import
from blueledger.dispatch.models import Report, ReportSlot
from blueledger.dispatch.selectors.figures import round_results
from blueledger.dispatch.services.reports import ReportEntry, reports_save
from blueledger.dispatch.tests.factories import make_qualitative_ledger, make_reporter, make_round
from blueledger.users.choices import Role

TASK = "二.(三) 推进智慧海洋建设"


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_qualitative_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    return {"round": reporting_round, **departments}


def _task_slot(world: dict[str, Any], name: str) -> ReportSlot:
    return ReportSlot.objects.get(round=world["round"], department=world[name], task__isnull=False)


def test_a_round_gives_each_department_of_a_qualitative_task_a_slot(world: dict[str, Any]) -> None:
    slots = [(s.department.short_name, s.label, s.is_lead, s.is_task)
             for s in ReportSlot.objects.filter(round=world["round"]).order_by("position")]
    assert slots == [
        ("市发改委", "海洋生产总值", True, False),
        ("市海渔局", "海洋生产总值", False, False),
        ("市海渔局", "新建渔港", True, False),
        ("市生态环境局", "整治岸线", True, False),  # the section 二 holds this target: no task slot for it
        ("市海渔局", TASK, True, True),
        ("市生态环境局", TASK, False, True),
    ]
    assert [r.slot.pk for r in round_results(world["round"]).results] == list(
        ReportSlot.objects.filter(round=world["round"], quantity__isnull=False).order_by("position")
        .values_list("pk", flat=True))  # the figures are the targets'


def test_a_qualitative_task_is_handed_in_with_a_state_and_a_written_progress(world: dict[str, Any]) -> None:
    slot = _task_slot(world, "市生态环境局")
    department = world["市生态环境局"]
    target = ReportSlot.objects.get(round=world["round"], department=department, quantity__isnull=False)
    with pytest.raises(ValidationError) as refused:
        reports_save(actor=None, reporting_round=world["round"], department=department, submit=True,
                     entries={target.pk: ReportEntry(value=None), slot.pk: ReportEntry(value=None)})
    assert refused.value.messages == [
        "“整治岸线”未填写累计完成值", f"“{TASK}”未选择完成状态", f"“{TASK}”未填写进展情况",
    ]
    with pytest.raises(ValidationError) as refused:
        reports_save(actor=None, reporting_round=world["round"], department=department, submit=False,
                     entries={slot.pk: ReportEntry(value=None, task_state="finished")})
    assert refused.value.messages == [f"“{TASK}”: 完成状态应为 完成/推进中/未启动, 实为“finished”"]
    assert Report.objects.count() == 0

    reports_save(actor=None, reporting_round=world["round"], department=department, submit=True, entries={
        target.pk: ReportEntry(value=Decimal(5)),
        slot.pk: ReportEntry(value=None, progress="平台二期已上线", task_state=TaskState.DONE),
    })
    report = Report.objects.get(slot=slot)
    assert (report.value, report.task_state, report.progress, report.status) == (
        None, TaskState.DONE, "平台二期已上线", ReportStatus.SUBMITTED)
    assert report.history.get().history_change_reason == "报送"


def test_the_form_reports_a_qualitative_task_as_a_card_with_its_state(world: dict[str, Any]) -> None:
    slot = _task_slot(world, "市海渔局")
    reporter = make_reporter(world["市海渔局"])
    client = page_client(reporter)
    url = f"/dispatch/rounds/{world['round'].pk}/departments/{world['市海渔局'].pk}/"
    page = client.get(url).content.decode()
    assert f'<article class="card report-item" data-slot="{slot.pk}">' in page
    assert f'name="task_state_{slot.pk}" value="in_progress"' in page
    assert f'name="value_{slot.pk}"' not in page
    response = client.post(url, {f"progress_{slot.pk}": "完成平台需求调研", f"task_state_{slot.pk}": "in_progress",
                                 "action": "save"})
    assert response.status_code == 302
    report = Report.objects.get(slot=slot)
    assert (report.task_state, report.progress, report.status) == (TaskState.IN_PROGRESS, "完成平台需求调研",
                                                                   ReportStatus.DRAFT)


def _filled(data: bytes, state: str, value: Any = None) -> bytes:
    workbook = load_workbook(BytesIO(data))
    sheet = workbook[TEMPLATE_SHEET]
    assert [sheet.cell(3, column).value for column in (9, 13)] == ["累计完成值", "完成状态"]
    for line in range(4, sheet.max_row + 1):
        if sheet.cell(line, 4).value == "定性任务":
            sheet.cell(line, 9).value = value
            sheet.cell(line, 10).value = "已完成方案编制"
            sheet.cell(line, 13).value = state
        else:
            sheet.cell(line, 9).value = 2
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_excel_template_carries_qualitative_tasks_both_ways(world: dict[str, Any]) -> None:
    department = world["市海渔局"]
    reporter = make_reporter(department)
    template = report_template(world["round"], department)
    sheet = load_workbook(BytesIO(template))[TEMPLATE_SHEET]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert [row[1:7] for row in rows if row[3] == "定性任务"] == [
        ["二.(三)", "推进智慧海洋建设", "定性任务", "报文字进展和完成状态", None, None]
    ]
    assert any(validation.formula1 == '"完成,推进中,未启动"' for validation in sheet.data_validations.dataValidation)

    with pytest.raises(ImportRejected) as rejected:
        report_template_import(actor=reporter, reporting_round=world["round"], department=department,
                               data=_filled(template, "差不多"), filename="a.xlsx")
    assert rejected.value.problems == ["填报 第6行 M列(完成状态): 应为 完成/推进中/未启动, 实为“差不多”"]
    with pytest.raises(ImportRejected) as rejected:
        report_template_import(actor=reporter, reporting_round=world["round"], department=department,
                               data=_filled(template, "完成", value=1), filename="b.xlsx")
    assert rejected.value.problems == ["填报 第6行 I列(累计完成值): 定性任务不填数值, 实为“1”"]
    assert Report.objects.count() == 0

    report_template_import(actor=reporter, reporting_round=world["round"], department=department,
                           data=_filled(template, "完成"), filename="c.xlsx")
    report = Report.objects.get(slot=_task_slot(world, "市海渔局"))
    assert (report.task_state, report.progress, report.status) == (TaskState.DONE, "已完成方案编制",
                                                                   ReportStatus.DRAFT)
    again = load_workbook(BytesIO(report_template(world["round"], department)))[TEMPLATE_SHEET]
    assert [row[12].value for row in again.iter_rows(min_row=4) if row[3].value == "定性任务"] == ["完成"]


def test_the_dashboard_lists_qualitative_tasks_apart_with_their_states(world: dict[str, Any]) -> None:
    reports_save(actor=None, reporting_round=world["round"], department=world["市海渔局"], submit=False, entries={
        _task_slot(world, "市海渔局").pk: ReportEntry(value=None, progress="草稿", task_state=TaskState.DONE)})
    office = make_user(make_department(world["round"].ledger.region, "调度办"), Role.DISPATCHER)
    page = page_client(office).get(f"/dispatch/rounds/{world['round'].pk}/dashboard/").content.decode()
    assert (  # a draft is not handed in
        '<p id="qualitative-counts"><span class="badge ok">完成 0</span> <span class="badge pending">推进中 0</span> '
        '<span class="badge pending">未启动 0</span> <span class="badge">未报送 2</span> </p>') in page
    assert '<td>市生态环境局</td><td>未报送</td>' in page


def test_the_api_lists_a_qualitative_slot_with_its_task(world: dict[str, Any]) -> None:
    office = make_user(make_department(world["round"].ledger.region, "调度办"), Role.DISPATCHER)
    response = api_client(office).get(f"/api/report-slots/?round={world['round'].pk}")
    assert response.status_code == 200
    slot = _task_slot(world, "市海渔局")
    (item,) = [row for row in response.json()["results"] if row["id"] == slot.pk]
    assert (item["task"], item["quantity"], item["metric"], item["reports"]) == (slot.task_id, None, None, [])
