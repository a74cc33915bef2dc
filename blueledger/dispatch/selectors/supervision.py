"""三色督办: each department's colour in a round and its 黄牌/红牌 from the red streak."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from blueledger.dispatch.choices import RoundStatus
from blueledger.dispatch.models import ReportingRound, RoundFigures
from blueledger.dispatch.progress import LIGHT_LABELS, Card, Light, escalation_card, light_rules, red_streak
from blueledger.dispatch.selectors.figures import RoundResults, department_label, department_lights
from blueledger.orgs.models import Department


@dataclass(frozen=True, slots=True)
class UnitSupervision:
    """A department's colour in a round, how many closed rounds in a row it has been red, and its card."""

    department: Department
    light: Light
    red_rounds: int
    card: Card | None

    @property
    def light_label(self) -> str:
        return LIGHT_LABELS[self.light]


def supervision(data: RoundResults) -> list[UnitSupervision]:
    """三色督办 of a round: each department's colour now, and its 黄牌/红牌 from the red streak over the ledger's
    closed rounds up to this one (an open round's colour is provisional and does not count towards a card)."""
    reporting_round = data.reporting_round
    yellow_after, red_after = int(settings.CARD_YELLOW_ROUNDS), int(settings.CARD_RED_ROUNDS)
    earlier = list(
        RoundFigures.objects.filter(round__ledger_id=reporting_round.ledger_id,
                                    round__period_end__lt=reporting_round.period_end)
        .order_by("-round__period_end")
        .values_list("department_lights", flat=True)[: max(yellow_after, red_after)]
    )[::-1]
    lights_now = department_lights(data)
    rows = []
    for pk, light in lights_now.items():
        history = [Light(stored.get(str(pk), Light.NONE)) for stored in earlier]
        if reporting_round.status == RoundStatus.CLOSED:
            history.append(light)
        streak = red_streak(history)
        card = escalation_card(streak, yellow_after_rounds=yellow_after, red_after_rounds=max(red_after, yellow_after))
        rows.append(UnitSupervision(data.departments[pk], light, streak, card))
    order = {Light.RED: 0, Light.YELLOW: 1, Light.NONE: 2, Light.GREEN: 3}
    return sorted(rows, key=lambda row: (row.card is None, row.card != Card.RED, order[row.light], -row.red_rounds,
                                         row.department.region.code, department_label(row.department)))


def supervision_legend(reporting_round: ReportingRound) -> tuple[tuple[str, str, str], ...]:
    """(css colour, label, rule) of each colour and of the cards, as shown beside them."""
    yellow_after, red_after = int(settings.CARD_YELLOW_ROUNDS), int(settings.CARD_RED_ROUNDS)
    return (
        *((str(light), label, rule) for light, label, rule in light_rules(reporting_round.severe_lag_points)),
        ("card-yellow", str(Card.YELLOW), f"连续{yellow_after}轮红灯 (按已截止轮次)"),
        ("card-red", str(Card.RED), f"连续{max(red_after, yellow_after)}轮红灯 (按已截止轮次)"),
    )
