"""The admin shows reported numbers as the pages do, through blueledger.lib.numbers (core.admin.NumbersAdmin):
with their unit, as written (12.3400 → 12.34), missing as MISSING (never 0, never the admin's "-"), sortable
by the field; the edit form keeps the raw input."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib import admin
from django.db import models

from blueledger.core.admin import Number, NumbersAdmin
from blueledger.core.testing import fresh, kept_for_module, make_department, make_shandong, make_user, page_client
from blueledger.dispatch.models import Report
from blueledger.dispatch.tests.factories import make_published_ledger, make_round, report_all
from blueledger.documents.models import Document
from blueledger.economy.models import EconomyFigure
from blueledger.fisheries.tests.factories import make_alert, make_vessel
from blueledger.lib.numbers import MISSING
from blueledger.projects.models import Lead, MonthlyReport
from blueledger.projects.tests.factories import make_project, make_track
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with kept_for_module(django_db_blocker):
        regions = make_shandong()
        qingdao = regions["qingdao"]
        admin = make_user(make_department(regions["province"], "省海洋局"), Role.ADMIN, "admin")
        track = make_track(qingdao)
        project = make_project(qingdao, track, name="港口项目", total_investment_wan=Decimal("12.3400"),
                               annual_plan_wan=None)
        make_project(qingdao, track, name="渔港项目", total_investment_wan=Decimal("250000"))
        report = MonthlyReport.objects.create(project=project, period=datetime.date(2025, 3, 1),
                                              year_to_date_completed_wan=Decimal("1234.50"))
        Lead.objects.create(region=qingdao, track=track, name="未签线索", stage_since=datetime.date(2025, 1, 1))
        EconomyFigure.objects.create(indicator="ocean_gdp", region=qingdao, year=2024, value=Decimal("5231.6000"),
                                     unit="亿元", origin="published")
        ledger, departments = make_published_ledger(regions["weifang"])
        reporting_round = make_round(ledger)
        report_all(reporting_round, departments["市生态环境局"], ["6.2500"])
        vessel = make_vessel(qingdao, power_kw=Decimal("441.00"), length_m=None)
        alert = make_alert(qingdao, vessel)
        yield {"admin": admin, "project": project, "monthly_report": report, "ledger": ledger, "vessel": vessel,
               "alert": alert,
               "report": Report.objects.get(slot__round=reporting_round, slot__department=departments["市生态环境局"])}


def cells(html: str, field: str) -> list[str]:
    """The texts of a change list's column `field`, top to bottom."""
    return [re.sub(r"<[^>]+>", "", cell) for cell in
            re.findall(rf'<t[dh] class="field-{field}(?: [^"]*)?">(.*?)</t[dh]>', html, flags=re.DOTALL)]


def readonly(html: str, field: str) -> str:
    """The text a change form shows for its read-only field `field`."""
    found = re.search(rf'field-{field}\b.*?<div class="readonly">(.*?)</div>', html, flags=re.DOTALL)
    assert found, f"no read-only {field}"
    return found.group(1)


def page(world: Any, url: str) -> str:
    response = page_client(fresh(world["admin"])).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_number_is_printed_with_its_unit_as_written_and_missing_as_missing() -> None:
    row: Any = type("Row", (), {"unit": "公里", "quantity": None})()
    assert Number(unit="万元").text(Decimal("12.3400"), row) == "12.34万元"
    assert Number(unit="万元").text(None, row) == MISSING
    assert Number(unit="万元").text(Decimal(0), row) == "0万元"
    assert Number(unit_field="unit").text(Decimal("12.500000"), row) == "12.5公里"
    assert Number(unit_field="quantity__unit").text(Decimal("3"), row) == "3"
    assert Number(percent=True).text(Decimal("0.0500"), row) == "5.0%"
    assert Number(percent=True).text(None, row) == MISSING
    assert Number(unit="°", places=4).text(37.5, row) == "37.5000°"


def test_projects_change_lists_show_amounts_with_units_and_sort_by_them(world: Any) -> None:
    assert cells(page(world, "/admin/projects/project/?o=6"), "total_investment_wan") == ["12.34万元", "250000万元"]
    assert cells(page(world, "/admin/projects/project/?o=-6"), "total_investment_wan") == ["250000万元", "12.34万元"]
    assert cells(page(world, "/admin/projects/lead/"), "signed_amount_wan") == [MISSING]
    assert cells(page(world, "/admin/projects/monthlyreport/"), "year_to_date_completed_wan") == ["1234.5万元"]


def test_economy_change_list_shows_a_figure_with_its_own_unit(world: Any) -> None:
    assert cells(page(world, "/admin/economy/economyfigure/"), "value") == ["5231.6亿元"]


def test_ledgers_change_list_shows_targets_with_their_units_sorted_by_value(world: Any) -> None:
    html = page(world, "/admin/ledgers/ledgerquantity/?o=3")
    assert cells(html, "value") == ["3个", "12.5公里", "1200亿元"]
    assert cells(html, "value_max") == [MISSING] * 3
    assert cells(page(world, "/admin/ledgers/ledgerquantity/?o=-3"), "value") == ["1200亿元", "12.5公里", "3个"]


def test_dispatch_shows_a_report_and_its_slot_with_the_targets_unit(world: Any) -> None:
    report = world["report"]
    assert readonly(page(world, f"/admin/dispatch/report/{report.pk}/change/"), "value") == "6.25公里"
    assert cells(page(world, f"/admin/dispatch/reportslot/?id={report.slot_id}"), "prefilled_value") == [MISSING]
    round_page = page(world, f"/admin/dispatch/reportinground/{report.slot.round_id}/change/")
    assert (readonly(round_page, "tolerance_share"), readonly(round_page, "severe_lag_points")) == (
        "5.0%", "20个百分点")


def test_a_view_only_row_shows_its_numbers_formatted(world: Any) -> None:
    html = page(world, f"/admin/projects/monthlyreport/{world['monthly_report'].pk}/change/")
    assert readonly(html, "year_to_date_completed_wan") == "1234.5万元"
    assert html.count("field-year_to_date_completed_wan") == 1


def test_the_edit_form_keeps_the_raw_input(world: Any) -> None:
    html = page(world, f"/admin/projects/project/{world['project'].pk}/change/")
    inputs = re.findall(r'<input[^>]*name="(total_investment_wan|annual_plan_wan)"[^>]*value="([^"]*)"', html)
    assert (inputs, 'class="readonly"' in html) == ([("total_investment_wan", "12.34")], False)


def test_fisheries_and_documents_view_only_rows_show_their_measures(world: Any) -> None:
    vessel_page = page(world, f"/admin/fisheries/vessel/{world['vessel'].pk}/change/")
    assert [readonly(vessel_page, name) for name in ("power_kw", "length_m")] == ["441kW", MISSING]
    alert_page = page(world, f"/admin/fisheries/alert/{world['alert'].pk}/change/")
    assert [readonly(alert_page, name) for name in ("lat", "lon", "fine_yuan")] == ["37.5°", "123°", MISSING]
    document = Document.objects.get(ledger=world["ledger"])
    assert cells(page(world, "/admin/documents/document/"), "size_bytes") == [f"{document.size_bytes}字节"]


def test_every_decimal_the_admin_shows_is_declared_with_its_unit() -> None:
    """A new Decimal or Float field of a registered model must be named in its admin's `numbers` (with its
    unit), or the admin would print it raw."""
    undeclared = sorted(
        f"{model._meta.label}.{field.name}"
        for model, model_admin in admin.site._registry.items()
        for field in model._meta.concrete_fields
        if isinstance(field, models.DecimalField | models.FloatField)
        and not (isinstance(model_admin, NumbersAdmin) and field.name in model_admin.numbers)
    )
    assert undeclared == []
