"""Every page and Excel column that shows money says its unit and holds a figure in that unit: a column
labelled 亿元 never holds 万元 (the registry list once printed 总投资(亿元) 280000), and the columns of one table
keep the same decimals. Walked over Qingdao's 90 projects at 2023-06 on the registry list, the indicator page,
the dispatch dashboard's 重点项目 part and the dispatch-table Excel export."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from openpyxl import load_workbook

from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_round
from blueledger.lib.numbers import format_quantity, json_number, plain_decimal
from blueledger.orgs.models import Region
from blueledger.projects.exports import dispatch_workbook
from blueledger.projects.models import MonthlyReport, Project
from blueledger.projects.tests.factories import qingdao_registry_for_module

JUNE_2023 = datetime.date(2023, 6, 1)
PROJECT_LINK = re.compile(r"^/projects/(\d+)/$")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def qingdao(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Region]:
    with qingdao_registry_for_module(django_db_blocker) as qingdao:
        yield qingdao


def _yi(amount_wan: Decimal | None) -> str:
    return format_quantity(amount_wan, "万元", as_unit="亿元", places=2, show_unit=False)


def _expected_cell(project: Project, header: str, completed_wan: dict[int, Decimal]) -> str:
    """The cell a project's row must show under a money header, computed from the stored 万元 amount."""
    if "总投资" in header:
        amount = project.total_investment_wan
    elif "年度计划" in header:
        amount = project.annual_plan_wan
    elif "累计完成" in header:  # without a report of the month a lagging project has completed nothing
        amount = completed_wan.get(project.pk, Decimal(0))
    else:
        raise AssertionError(f"a money column the test does not know: {header}")
    if "(亿元)" in header:
        return _yi(amount)
    assert "(万元)" in header, header
    return plain_decimal(amount)


def _money_cells_checked(html: str, completed_wan: dict[int, Decimal]) -> set[tuple[int, str]]:
    """Checks every cell of every money column on a page whose row is one project; returns which."""
    checked: set[tuple[int, str]] = set()
    for table in BeautifulSoup(html, "html.parser").find_all("table"):
        headers = [th.get_text(strip=True) for th in table.find_all("th")]
        money = [(index, header) for index, header in enumerate(headers) if "元)" in header]
        for row in table.find("tbody").find_all("tr") if table.find("tbody") else []:
            cells = row.find_all("td")
            link = row.find("a", href=PROJECT_LINK)
            if link is None or len(cells) != len(headers):
                continue
            project = Project.objects.get(pk=int(PROJECT_LINK.match(link["href"]).group(1)))
            for index, header in money:
                assert cells[index].get_text(strip=True) == _expected_cell(project, header, completed_wan), (
                    f"{project.name} · {header}"
                )
                checked.add((project.pk, header))
    return checked


def _completed_wan(period: datetime.date) -> dict[int, Decimal]:
    return dict(MonthlyReport.objects.filter(period=period).values_list("project_id", "year_to_date_completed_wan"))


def test_the_registry_list_labels_its_amounts_in_the_unit_they_are_printed_in(qingdao: Region) -> None:
    client = Client()
    client.force_login(make_office(qingdao))
    completed = _completed_wan(JUNE_2023)

    checked: set[tuple[int, str]] = set()
    for page in (1, 2, 3, 4):  # beyond the last page the list shows the last page again
        html = client.get("/projects/registry/", {"page": page}).content.decode()
        checked |= _money_cells_checked(html, completed)
    assert len(checked) == 90 * 2  # 总投资(亿元) and 年度计划(亿元) of every project


def test_the_indicator_page_prints_its_lagging_projects_in_wan_and_its_groups_in_yi(qingdao: Region) -> None:
    client = Client()
    client.force_login(make_office(qingdao))

    html = client.get("/projects/", {"region": "370200", "as_of": "2023-06"}).content.decode()
    assert len(_money_cells_checked(html, _completed_wan(JUNE_2023))) == 15 * 2  # the 15 furthest behind
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("#figure-total .figure").get_text(strip=True) == "2021.90"
    assert "总投资 (亿元)" in soup.select_one("#figure-total").get_text()
    district_table = next(t for t in soup.find_all("table") if t.find("th").get_text(strip=True) == "区市")
    totals = [Decimal(row.find_all("td")[2].get_text(strip=True)) for row in district_table.tbody.find_all("tr")]
    assert all(total == total.quantize(Decimal("0.01")) and "." in str(total) for total in totals)  # two places
    assert abs(sum(totals) - Decimal("2021.90")) <= Decimal("0.01") * len(totals)  # the same 亿元, not 万元


def test_the_dispatch_dashboard_prints_the_registry_total_in_yi(qingdao: Region) -> None:
    ledger, _ = make_published_ledger(qingdao)
    reporting_round = make_round(ledger, (JUNE_2023, datetime.date(2023, 6, 30)))
    client = Client()
    client.force_login(make_office(qingdao))

    part = client.get(f"/dispatch/rounds/{reporting_round.pk}/dashboard/projects/").content.decode()
    total_wan = sum(Project.objects.values_list("total_investment_wan", flat=True), Decimal(0))
    assert f"总投资 {_yi(total_wan)} 亿元" in " ".join(part.split())
    assert _yi(total_wan) == "2021.90"


def test_the_dispatch_table_export_holds_wan_under_its_wan_headers(qingdao: Region) -> None:
    projects = Project.objects.order_by("pk")
    workbook = load_workbook(BytesIO(dispatch_workbook(projects, period=JUNE_2023)))
    sheet = workbook.active
    header_row = next(
        row for row in sheet.iter_rows(values_only=True) if any(isinstance(c, str) and "(万元)" in c for c in row)
    )
    rows = [row for row in sheet.iter_rows(values_only=True) if row[0] is not None and isinstance(row[0], int)]
    assert len(rows) == 90
    completed = _completed_wan(JUNE_2023)
    by_name = {project.name: project for project in projects}
    name_column = header_row.index(next(h for h in header_row if isinstance(h, str) and "项目名称" in h))
    checked = 0
    for index, header in enumerate(header_row):
        if not (isinstance(header, str) and "元)" in header):
            continue
        assert "(万元)" in header, header  # the dispatch table is in 万元 throughout
        for row in rows:
            project: Any = by_name[row[name_column]]
            amount = {
                "总投资(万元)": project.total_investment_wan,
                "年度计划投资(万元)": project.annual_plan_wan,
                "1-N月累计完成投资(万元)": completed.get(project.pk),
            }[header]
            assert row[index] == json_number(amount), f"{project.name} · {header}"
            checked += 1
    assert checked == 90 * 3
