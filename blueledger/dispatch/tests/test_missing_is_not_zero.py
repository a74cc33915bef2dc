"""An unreported target is never a 0: every mean completion stands beside its 报送率, a unit with nothing
reported reads 未报送 on the dashboard, the ranking and the bulletin, and the bulletin's charts get None."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest
from docx import Document

from blueledger.core.testing import page_client
from blueledger.dispatch.bulletin.prose import bulletin_data
from blueledger.dispatch.bulletin_facts import bulletin_docx, round_facts
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_round, report_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_published_ledger(shandong["weifang"])
    october = make_round(ledger)
    report_all(october, departments["市发改委"], ["600"])  # 50% of 1200亿元; nobody else reports
    round_close(actor=None, reporting_round=october)
    return {"round": october, "office": make_office(shandong["weifang"]), **departments}


def _rows(html: str, table_id: str) -> list[str]:
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return [" | ".join(re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row))
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S) if "<td" in row]


def test_the_dashboard_shows_the_reporting_rate_beside_each_mean(world: dict[str, Any]) -> None:
    html = page_client(world["office"]).get(f"/dispatch/rounds/{world['round'].pk}/dashboard/").content.decode()

    assert '<div class="figure" id="figure-completion">50%</div>' in html
    assert '<span id="figure-reporting">(报送率 1/4)</span>' in html
    assert _rows(html, "departments")[:3] == ["市发改委 | 1 | 50% | 1/1 | 0", "市海渔局 | 2 | 未报送 | 0/2 | 2",
                                              "市生态环境局 | 1 | 未报送 | 0/1 | 1"]


def test_the_ranking_shows_the_reporting_rate_beside_each_score(world: dict[str, Any]) -> None:
    html = page_client(world["office"]).get(f"/dispatch/rounds/{world['round'].pk}/ranking/").content.decode()

    assert [row.split(" | ")[1:4] for row in _rows(html, "ranking")] == [
        ["市发改委", "50", "1/1"], ["市海渔局", "0", "0/2"], ["市生态环境局", "0", "0/1"]]


def test_the_score_breakdown_says_unreported_and_counts_in_points(world: dict[str, Any]) -> None:
    ranking = f"/dispatch/rounds/{world['round'].pk}/ranking/?by=department&unit="
    client = page_client(world["office"])
    reported = client.get(ranking + str(world["市发改委"].pk)).content.decode()
    unreported = client.get(ranking + str(world["市生态环境局"].pk)).content.decode()

    assert [row.split(" | ")[3:5] for row in _rows(reported, "ranking-detail")] == [["50%", "50.0"]]
    assert [row.split(" | ")[3:5] for row in _rows(unreported, "ranking-detail")] == [["未报送", "0.0"]]


def test_the_bulletin_says_unreported_and_charts_no_zero(world: dict[str, Any]) -> None:
    data = bulletin_data(round_facts(world["round"]))
    document = Document(BytesIO(bulletin_docx(world["round"])))

    key_figures = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert ["平均完成率", "50.0%（报送率1/4）"] in key_figures
    assert dict(zip(data.completion_by_department.labels, data.completion_by_department.values, strict=True)) == {
        "市发改委": pytest.approx(0.5), "市海渔局": None, "市生态环境局": None}
