"""三色督办 of a round: each department's colour, 黄牌/红牌 after consecutive red closed rounds, the rule shown
beside the colour, and the colours kept with a closed round's figures."""

from __future__ import annotations

import datetime
from typing import Any

from blueledger.core.testing import page_client
from blueledger.dispatch.progress import Card, Light
from blueledger.dispatch.selectors.figures import round_results
from blueledger.dispatch.selectors.supervision import supervision
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_round, report_all

AUGUST = (datetime.date(2025, 8, 1), datetime.date(2025, 8, 31))
SEPTEMBER = (datetime.date(2025, 9, 1), datetime.date(2025, 9, 30))
OCTOBER = (datetime.date(2025, 10, 1), datetime.date(2025, 10, 31))


def _closed_round(ledger: Any, departments: Any, period: Any) -> Any:
    reporting_round = make_round(ledger, period)
    report_all(reporting_round, departments["市生态环境局"], ["1"])  # 1 of 12.5 公里 late in the year: red
    report_all(reporting_round, departments["市海渔局"], ["1300", "3"])  # both targets met: green
    return round_close(actor=None, reporting_round=reporting_round)


def _by_name(rows: list[Any]) -> dict[str, tuple[Light, int, Card | None]]:
    return {row.department.short_name: (row.light, row.red_rounds, row.card) for row in rows}


def test_red_rounds_in_a_row_earn_a_yellow_then_a_red_card(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    august = _closed_round(ledger, departments, AUGUST)
    assert august.figures.department_lights == {
        str(departments["市生态环境局"].pk): "red", str(departments["市海渔局"].pk): "green",
        str(departments["市发改委"].pk): "none",
    }
    assert _by_name(supervision(round_results(august))) == {
        "市生态环境局": (Light.RED, 1, None), "市海渔局": (Light.GREEN, 0, None), "市发改委": (Light.NONE, 0, None),
    }
    september = _closed_round(ledger, departments, SEPTEMBER)
    assert _by_name(supervision(round_results(september)))["市生态环境局"] == (Light.RED, 2, Card.YELLOW)
    october = _closed_round(ledger, departments, OCTOBER)
    rows = supervision(round_results(october))
    assert _by_name(rows)["市生态环境局"] == (Light.RED, 3, Card.RED)
    assert rows[0].department.short_name == "市生态环境局"  # cards first


def test_an_open_rounds_colour_does_not_count_towards_a_card(shandong: dict[str, Any], settings: Any) -> None:
    settings.CARD_YELLOW_ROUNDS, settings.CARD_RED_ROUNDS = 1, 2
    ledger, departments = make_published_ledger(shandong["weifang"])
    _closed_round(ledger, departments, AUGUST)
    september = make_round(ledger, SEPTEMBER)
    report_all(september, departments["市生态环境局"], ["1"])
    assert _by_name(supervision(round_results(september)))["市生态环境局"] == (Light.RED, 1, Card.YELLOW)


def test_the_dashboard_shows_the_colours_with_their_rule(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    _closed_round(ledger, departments, AUGUST)
    september = _closed_round(ledger, departments, SEPTEMBER)
    page = page_client(make_office(shandong["weifang"])).get(f"/dispatch/rounds/{september.pk}/dashboard/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "红灯: 严重滞后 (落后20个百分点及以上) 或逾期未完成" in html
    assert "黄牌: 连续2轮红灯 (按已截止轮次)" in html
    assert 'title="严重滞后 (落后20个百分点及以上) 或逾期未完成"></span>红灯' in html
    assert '<span class="badge pending">黄牌</span>' in html


def test_the_dispatchers_desk_lists_the_departments_on_a_card(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    _closed_round(ledger, departments, AUGUST)
    september = _closed_round(ledger, departments, SEPTEMBER)
    response = page_client(make_office(shandong["weifang"])).get("/")
    (panel,) = response.context["panels"]
    assert {c.key: c.count for c in panel.counts}["cards"] == 1
    (entry,) = [e for e in panel.entries if e.key == "cards"]
    assert (entry.tag, entry.text, entry.detail, entry.url) == (
        "黄牌", f"市生态环境局 · {september.title}", "连续 2 轮红灯",
        f"/dispatch/rounds/{september.pk}/dashboard/#supervision-title",
    )
