"""三色督办 in the status engine: target and unit colours, red streaks and the 黄牌/红牌 escalation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from blueledger.dispatch.progress import (
    Card,
    Light,
    Status,
    escalation_card,
    light_rules,
    red_streak,
    target_light,
    unit_light,
)


@pytest.mark.parametrize(
    ("status", "light"),
    [
        (Status.COMPLETED, Light.GREEN),
        (Status.ON_SCHEDULE, Light.GREEN),
        (Status.LAGGING, Light.YELLOW),
        (Status.SEVERELY_LAGGING, Light.RED),
        (Status.OVERDUE, Light.RED),
        (Status.NOT_REPORTED, Light.NONE),
    ],
)
def test_each_status_has_one_colour(status: Status, light: Light) -> None:
    assert target_light(status) is light


def test_a_unit_takes_its_worst_reported_targets_colour() -> None:
    assert unit_light([Status.COMPLETED, Status.LAGGING, Status.NOT_REPORTED]) is Light.YELLOW
    assert unit_light([Status.ON_SCHEDULE, Status.OVERDUE]) is Light.RED
    assert unit_light([Status.NOT_REPORTED, Status.COMPLETED]) is Light.GREEN
    assert unit_light([Status.NOT_REPORTED]) is Light.NONE  # missing is never green
    assert unit_light([]) is Light.NONE


def test_the_red_streak_counts_back_from_the_latest_round() -> None:
    assert red_streak([Light.RED, Light.RED, Light.YELLOW, Light.RED, Light.RED]) == 2
    assert red_streak([Light.RED, Light.RED, Light.RED]) == 3
    assert red_streak([Light.RED, Light.GREEN]) == 0
    assert red_streak([]) == 0


def test_cards_escalate_after_consecutive_red_rounds() -> None:
    assert [escalation_card(n, yellow_after_rounds=2, red_after_rounds=3) for n in range(5)] == [
        None, None, Card.YELLOW, Card.RED, Card.RED
    ]
    assert escalation_card(1, yellow_after_rounds=1, red_after_rounds=1) is Card.RED
    with pytest.raises(ValueError, match="红牌所需轮数应不少于黄牌所需轮数"):
        escalation_card(1, yellow_after_rounds=3, red_after_rounds=2)


def test_the_legend_states_the_rule_with_the_rounds_threshold() -> None:
    rules = {light: rule for light, _, rule in light_rules(Decimal("20.00"))}
    assert rules == {
        Light.GREEN: "已完成或序时推进",
        Light.YELLOW: "滞后: 落后序时进度不足20个百分点",
        Light.RED: "严重滞后 (落后20个百分点及以上) 或逾期未完成",
        Light.NONE: "尚无报送, 不作完成计",
    }
