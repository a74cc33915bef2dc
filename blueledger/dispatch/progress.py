"""Completion and lag of targets against time (序时进度), rolled up for tasks, sections, departments and districts.

Django-free engine. A target (`TargetSpec`) and the latest reported reading (`Reading`) go in; an
`Assessment` comes out with the completion, the elapsed share of the period, a `Status`, the gap still
to close in the target's own unit and a Chinese explanation a department can check by hand.

Status rules (`assess_target`), applied in this order:

1. no reading → 未报送. A missing report is never read as zero.
2. the target's op is satisfied → 已完成; for a cap (`<=`) only once the deadline is reached, because
   staying under a cap is only proven at the end of the period (before that it is 序时推进).
3. the deadline has passed (as_of > deadline) → 逾期未完成.
4. on track → 序时推进: for cumulative targets when completion ≥ elapsed share (序时进度); level
   targets (%, 个百分点) are not pro-rated, a level is either reached or behind.
5. behind by fewer than `severe_lag_points` percentage points → 滞后, otherwise 严重滞后. For
   cumulative targets "behind" is elapsed share − completion; for level targets it is the distance to
   the level in 个百分点; for an exceeded cap it is the overshoot as a share of the cap.

Hardness follows shared/reference/domain-facts.md §7: 确保 targets, and targets stated as an explicit
bound without a softening word (以上, 不低于 → `>=`/`>`; 以内, 不超过 → `<=`), are binding
(`is_binding`); 力争/争取 targets only report their gap, and plain (=), approximate (~) and range targets
without 确保 are not binding.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache, lru_cache

from blueledger.lib.numbers import format_decimal, format_percent, plain_decimal
from blueledger.lib.units import canonical_amount

OPS: frozenset[str] = frozenset({"=", ">=", ">", "<=", "~", "range"})
HARDNESS_WORDS: frozenset[str] = frozenset({"确保", "力争", "争取"})

# Units that state a level (a rate or a share), not an amount that accumulates over the period.
LEVEL_UNITS: frozenset[str] = frozenset({"%", "‰", "个百分点", "倍"})

# Spellings of one base unit; the first form is the one reported.
_UNIT_SYNONYMS: dict[str, str] = {
    "百分点": "个百分点",
    "平方千米": "平方公里",
    "千米": "公里",
    "千克": "公斤",
}
# Exact conversions between base units (factor: one `from` is this many `to`).
_BASE_FACTORS: dict[tuple[str, str], Decimal] = {
    ("吨", "公斤"): Decimal(1000),
    ("公斤", "斤"): Decimal(2),
    ("吨", "斤"): Decimal(2000),
    ("公里", "米"): Decimal(1000),
    ("平方公里", "平方米"): Decimal(1_000_000),
    ("平方公里", "公顷"): Decimal(100),
    ("公顷", "亩"): Decimal(15),
    ("平方公里", "亩"): Decimal(1500),
    ("兆瓦", "千瓦"): Decimal(1000),
    ("GW", "MW"): Decimal(1000),
    ("MW", "kW"): Decimal(1000),
    ("GW", "兆瓦"): Decimal(1000),
    ("MW", "兆瓦"): Decimal(1),
    ("kW", "千瓦"): Decimal(1),
    ("TEU", "标箱"): Decimal(1),
}

_HUNDRED = Decimal(100)
# A computed figure in a sentence (尚差0.3333个) keeps at most four decimals.
TEXT_MAX_PLACES = 4


class Status(StrEnum):
    """Where a target stands in a dispatch round; values are the labels printed in bulletins."""

    COMPLETED = "已完成"
    ON_SCHEDULE = "序时推进"
    LAGGING = "滞后"
    SEVERELY_LAGGING = "严重滞后"
    OVERDUE = "逾期未完成"
    NOT_REPORTED = "未报送"


# Statuses that need someone's attention, worst first.
ATTENTION_ORDER: tuple[Status, ...] = (
    Status.OVERDUE,
    Status.SEVERELY_LAGGING,
    Status.LAGGING,
    Status.NOT_REPORTED,
    Status.ON_SCHEDULE,
    Status.COMPLETED,
)
BEHIND_STATUSES: frozenset[Status] = frozenset({Status.OVERDUE, Status.SEVERELY_LAGGING, Status.LAGGING})


class UnitMismatch(ValueError):
    """A reading's unit cannot be converted into the target's unit (个 against 亿元)."""

    def __init__(self, reading_unit: str, target_unit: str) -> None:
        self.reading_unit = reading_unit
        self.target_unit = target_unit
        super().__init__(f"单位不一致: 报送值的单位「{reading_unit}」无法换算为目标的单位「{target_unit}」")


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """A target as the ledger states it.

    `value` is the number as written in `unit` (30 个, 1.5 亿元); `value_max` is the upper end of a
    `range`. `op` is one of `OPS`; `hardness` one of 确保/力争/争取 or None. The period runs from
    `period_start` to `deadline`; a target without a deadline is measured over the calendar year of
    `period_start`.
    """

    value: Decimal
    value_max: Decimal | None
    unit: str
    op: str
    hardness: str | None
    deadline: datetime.date | None
    period_start: datetime.date

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ValueError(f"未知的比较方式 {self.op!r}, 应为 {sorted(OPS)} 之一")
        if self.hardness is not None and self.hardness not in HARDNESS_WORDS:
            raise ValueError(f"未知的约束强度 {self.hardness!r}, 应为 确保/力争/争取 或空")
        if self.op == "range" and self.value_max is None:
            raise ValueError("区间目标 (range) 需要 value_max")

    @property
    def period_end(self) -> datetime.date:
        """The deadline, or 31 December of the start year when the target names none."""
        return self.deadline or datetime.date(self.period_start.year, 12, 31)


@dataclass(frozen=True, slots=True)
class Reading:
    """The latest reported value of a target, cumulative since the period start (or the level reached)."""

    value: Decimal
    unit: str
    as_of: datetime.date


@dataclass(frozen=True, slots=True)
class Assessment:
    """How one target stands on `as_of`.

    `completion` is the raw fraction (1.5 when a target is exceeded by half; None when nothing was
    reported); `completion_capped` is the same fraction capped at 1 for display and scoring. `gap` is
    what is still missing to satisfy the op, in the target's unit (0 when satisfied; for a cap, the
    overshoot). `lag_points` is how far behind the target is in percentage points (see module doc),
    None when it is not behind or not reported.
    """

    spec: TargetSpec
    actual: Decimal | None
    completion: Decimal | None
    elapsed_share: Decimal
    status: Status
    gap: Decimal | None
    lag_points: Decimal | None
    is_binding: bool
    explanation: str

    @property
    def completion_capped(self) -> Decimal | None:
        """`completion` capped at 1, so that over-achieving one target cannot hide another."""
        if self.completion is None:
            return None
        return min(self.completion, Decimal(1))


@cache  # a ledger writes a few dozen units; a dashboard converts thousands of readings
def normalise_unit(unit: str) -> tuple[Decimal, str]:
    """(multiplier, base unit) of a unit as written, with synonyms folded: 万吨 → (10000, 吨)."""
    multiplier, base = canonical_amount(Decimal(1), unit.strip())
    return multiplier, _UNIT_SYNONYMS.get(base, base)


def convert_value(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """`value` written in `from_unit`, expressed in `to_unit`; raises `UnitMismatch` when they measure different things.

    Magnitudes fold (2.5万吨 → 25000 吨), synonyms fold (平方千米 = 平方公里) and a few exact base
    conversions apply (吨 → 公斤, 公顷 → 亩). Nothing is guessed beyond that.
    """
    if from_unit == to_unit:
        return value
    from_multiplier, from_base = normalise_unit(from_unit)
    to_multiplier, to_base = normalise_unit(to_unit)
    if from_base == to_base:
        factor = Decimal(1)
    elif (from_base, to_base) in _BASE_FACTORS:
        factor = _BASE_FACTORS[(from_base, to_base)]
    elif (to_base, from_base) in _BASE_FACTORS:
        factor = Decimal(1) / _BASE_FACTORS[(to_base, from_base)]
    else:
        raise UnitMismatch(from_unit, to_unit)
    return value * from_multiplier * factor / to_multiplier


def units_compatible(first_unit: str, second_unit: str) -> bool:
    """True when a value in one unit can be converted into the other."""
    try:
        convert_value(Decimal(1), first_unit, second_unit)
    except UnitMismatch:
        return False
    return True


def is_level_unit(unit: str) -> bool:
    """True for rates and shares (%, 个百分点), which compare as levels rather than accumulate."""
    return normalise_unit(unit)[1] in LEVEL_UNITS


class ElapsedBasis(StrEnum):
    """How 序时进度 counts time: whole months (1–9月 = 9/12, the bulletin convention) or days."""

    MONTHS = "months"
    DAYS = "days"


def elapsed_share(
    period_start: datetime.date,
    period_end: datetime.date,
    as_of: datetime.date,
    basis: ElapsedBasis = ElapsedBasis.MONTHS,
) -> Decimal:
    """序时进度: the share of the period from `period_start` to `period_end` passed by `as_of`.

    MONTHS counts the months of the period that have ended by `as_of` (a month ends on its last day:
    30 September of a calendar year gives 9/12 = 75 %, 15 October still 9/12); DAYS counts days, both
    ends included. Clamped to [0, 1]; on the last day of the period it is exactly 1 in both bases.
    """
    if basis is ElapsedBasis.MONTHS:
        return _elapsed_months_share(period_start, period_end, as_of)
    total_days = (period_end - period_start).days + 1
    if total_days <= 0:
        return Decimal(1)
    passed_days = (as_of - period_start).days + 1
    passed_days = max(0, min(passed_days, total_days))
    return Decimal(passed_days) / Decimal(total_days)


def _elapsed_months_share(period_start: datetime.date, period_end: datetime.date, as_of: datetime.date) -> Decimal:
    if as_of >= period_end:
        return Decimal(1)
    total_months = (period_end.year - period_start.year) * 12 + period_end.month - period_start.month + 1
    month_ended = (as_of + datetime.timedelta(days=1)).month != as_of.month
    ended_months = (as_of.year - period_start.year) * 12 + as_of.month - period_start.month + (1 if month_ended else 0)
    ended_months = max(0, min(ended_months, total_months))
    return Decimal(ended_months) / Decimal(total_months)


def is_binding(spec: TargetSpec) -> bool:
    """确保 targets, and explicit bounds (>=, >, <=) without 力争/争取, are binding (domain-facts §7)."""
    if spec.hardness == "确保":
        return True
    if spec.hardness is not None:
        return False
    return spec.op in (">=", ">", "<=")


def assess_target(
    spec: TargetSpec,
    reading: Reading | None,
    *,
    as_of: datetime.date,
    tolerance_share: Decimal,
    severe_lag_points: Decimal,
    elapsed_basis: ElapsedBasis = ElapsedBasis.MONTHS,
) -> Assessment:
    """Assess one target on `as_of` by the status rules of the module docstring.

    `tolerance_share` is the band a `~` (左右) target may fall short by, as a share of its value
    (Decimal("0.05") = ±5 %); `severe_lag_points` is the lag, in percentage points, from which a
    target is 严重滞后; `elapsed_basis` chooses how 序时进度 counts time. Raises `UnitMismatch` when the
    reading's unit cannot be converted.
    """
    elapsed = elapsed_share(spec.period_start, spec.period_end, as_of, elapsed_basis)
    binding = is_binding(spec)
    overdue = spec.deadline is not None and as_of > spec.deadline
    target_text = describe_target(spec)
    elapsed_text = f"序时进度{format_percent(elapsed)}"

    if reading is None:
        late = ", 已过期限" if overdue else ""
        return Assessment(
            spec=spec, actual=None, completion=None, elapsed_share=elapsed, status=Status.NOT_REPORTED,
            gap=None, lag_points=None, is_binding=binding,
            explanation=f"目标{target_text}, 未报送完成情况, {elapsed_text}{late}",
        )

    actual = convert_value(reading.value, reading.unit, spec.unit)
    level = is_level_unit(spec.unit)
    actual_text = f"{_number(actual)}{spec.unit}"

    if spec.op == "<=":
        return _assess_cap(spec, actual, elapsed, binding, overdue, as_of, severe_lag_points, target_text, elapsed_text)

    floor = spec.value * (Decimal(1) - tolerance_share) if spec.op == "~" else spec.value
    satisfied = actual > floor if spec.op == ">" else actual >= floor
    completion = _ratio(actual, spec.value)
    gap = max(spec.value - actual, Decimal(0))
    done_text = f"已完成{actual_text} ({format_percent(completion)})" if not level else f"实际{actual_text}"

    if satisfied:
        note = ""
        if spec.op == "~" and actual > spec.value * (Decimal(1) + tolerance_share):
            note = ", 高于左右区间上限"
        return Assessment(
            spec=spec, actual=actual, completion=completion, elapsed_share=elapsed, status=Status.COMPLETED,
            gap=Decimal(0), lag_points=None, is_binding=binding,
            explanation=f"目标{target_text}, {done_text}, 已完成{note}",
        )

    gap_text = _gap_text(spec, gap)
    if overdue:
        return Assessment(
            spec=spec, actual=actual, completion=completion, elapsed_share=elapsed, status=Status.OVERDUE,
            gap=gap, lag_points=None, is_binding=binding,
            explanation=f"目标{target_text}, {done_text}, 期限{_date(spec.deadline)}已过, 逾期未完成, {gap_text}",
        )

    if level and gap == 0:  # a level exactly at a 超过 target: not yet past it, and nothing behind
        return Assessment(
            spec=spec, actual=actual, completion=completion, elapsed_share=elapsed, status=Status.ON_SCHEDULE,
            gap=gap, lag_points=None, is_binding=binding, explanation=f"目标{target_text}, {done_text}, {gap_text}",
        )
    if level:
        lag_points = _level_points(gap, spec.unit)
    else:
        lag_points = (elapsed - completion) * _HUNDRED
        if lag_points <= 0:
            return Assessment(
                spec=spec, actual=actual, completion=completion, elapsed_share=elapsed, status=Status.ON_SCHEDULE,
                gap=gap, lag_points=None, is_binding=binding,
                explanation=f"目标{target_text}, {done_text}, {elapsed_text}, 序时推进",
            )
    status = Status.LAGGING if lag_points < severe_lag_points else Status.SEVERELY_LAGGING
    if level:
        behind_text = f"低于目标{_number(lag_points)}个百分点"
    else:
        behind_text = f"滞后{_number(lag_points, places=1)}个百分点"
    hint = ", 力争目标, 仅报告差距" if spec.hardness in ("力争", "争取") else ""
    return Assessment(
        spec=spec, actual=actual, completion=completion, elapsed_share=elapsed, status=status,
        gap=gap, lag_points=lag_points, is_binding=binding,
        explanation=f"目标{target_text}, {done_text}, {elapsed_text}, {behind_text}{hint}",
    )


def _assess_cap(
    spec: TargetSpec,
    actual: Decimal,
    elapsed: Decimal,
    binding: bool,
    overdue: bool,
    as_of: datetime.date,
    severe_lag_points: Decimal,
    target_text: str,
    elapsed_text: str,
) -> Assessment:
    actual_text = f"{_number(actual)}{spec.unit}"
    if actual <= spec.value:
        # A cap is only proven at the end of its period; until then staying under it is being on track.
        reached = as_of >= spec.period_end
        status = Status.COMPLETED if reached else Status.ON_SCHEDULE
        verdict = "控制在目标以内" if reached else "目前控制在目标以内, 序时推进"
        return Assessment(
            spec=spec, actual=actual, completion=Decimal(1), elapsed_share=elapsed, status=status,
            gap=Decimal(0), lag_points=None, is_binding=binding,
            explanation=f"目标{target_text}, 实际{actual_text}, {verdict}",
        )
    overshoot = actual - spec.value
    completion = _ratio(spec.value, actual)
    over_text = f"超出{_number(overshoot)}{spec.unit}"
    if overdue:
        return Assessment(
            spec=spec, actual=actual, completion=completion, elapsed_share=elapsed, status=Status.OVERDUE,
            gap=overshoot, lag_points=None, is_binding=binding,
            explanation=(
                f"目标{target_text}, 实际{actual_text}, {over_text}, 期限{_date(spec.deadline)}已过, 逾期未完成"
            ),
        )
    lag_points = _ratio(overshoot, spec.value) * _HUNDRED if spec.value else _HUNDRED
    status = Status.LAGGING if lag_points < severe_lag_points else Status.SEVERELY_LAGGING
    return Assessment(
        spec=spec, actual=actual, completion=completion, elapsed_share=elapsed, status=status,
        gap=overshoot, lag_points=lag_points, is_binding=binding,
        explanation=(
            f"目标{target_text}, 实际{actual_text}, {over_text}, "
            f"超出上限{_number(lag_points, places=1)}%, {elapsed_text}"
        ),
    )


@dataclass(frozen=True, slots=True)
class RollUp:
    """Counts per status, the mean capped completion of reported targets and the binding targets behind.

    `mean_completion` is None when no target of the group was reported (never a silent 0).
    """

    key: str
    total: int
    counts: Mapping[Status, int]
    mean_completion: Decimal | None
    binding_lagging: int
    not_reported: int

    @property
    def reported(self) -> int:
        """The targets the mean is taken over: it never counts an unreported target, as 0 or at all."""
        return self.total - self.not_reported

    @property
    def reporting_text(self) -> str:
        """报送率 as written beside every mean completion: 14/68."""
        return f"{self.reported}/{self.total}"


def roll_up(groups: Mapping[str, Sequence[Assessment]]) -> dict[str, RollUp]:
    """One `RollUp` per key (task, section, department or district), in the mapping's order."""
    result: dict[str, RollUp] = {}
    for key, assessments in groups.items():
        counts = Counter(a.status for a in assessments)
        completions = [c for a in assessments if (c := a.completion_capped) is not None]
        mean = sum(completions, Decimal(0)) / len(completions) if completions else None
        result[key] = RollUp(
            key=key,
            total=len(assessments),
            counts={status: counts.get(status, 0) for status in ATTENTION_ORDER},
            mean_completion=mean,
            binding_lagging=sum(1 for a in assessments if a.is_binding and a.status in BEHIND_STATUSES),
            not_reported=counts.get(Status.NOT_REPORTED, 0),
        )
    return result


def attention_key(assessment: Assessment) -> tuple[int, int, Decimal]:
    """Sort key: binding targets that are behind first, then by status (worst first), then by lag."""
    binding_first = 0 if assessment.is_binding and assessment.status in BEHIND_STATUSES else 1
    lag = assessment.lag_points if assessment.lag_points is not None else Decimal(0)
    return binding_first, ATTENTION_ORDER.index(assessment.status), -lag


def order_for_attention(assessments: Iterable[Assessment]) -> list[Assessment]:
    """The assessments with binding (确保) targets that lag first; stable among equals."""
    return sorted(assessments, key=attention_key)


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    if denominator == 0:
        return Decimal(1) if numerator >= 0 else Decimal(0)
    return numerator / denominator


def describe_target(spec: TargetSpec) -> str:
    """The target as printed in explanations and bulletins: ≥30个(确保), 6%左右, 1–2个."""
    value = f"{_number(spec.value)}{spec.unit}"
    if spec.op == "range" and spec.value_max is not None:
        return f"{_number(spec.value)}–{_number(spec.value_max)}{spec.unit}"
    prefix = {"=": "", ">=": "≥", ">": ">", "<=": "≤", "~": ""}[spec.op]
    suffix = "左右" if spec.op == "~" else ""
    hardness = f"({spec.hardness})" if spec.hardness else ""
    return f"{prefix}{value}{suffix}{hardness}"


def _gap_text(spec: TargetSpec, gap: Decimal) -> str:
    if gap == 0:  # a 超过 target met exactly: nothing is missing, yet it is not reached
        return "与目标持平, 尚未超过"
    return f"尚差{_number(gap)}{spec.unit}"


def _date(day: datetime.date | None) -> str:
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


@lru_cache(maxsize=8192)  # a dashboard writes the same few hundred targets and shares thousands of times
def _number(value: Decimal, *, places: int | None = None) -> str:
    """A number as people write it: 18, 1.5, 60.0 (when `places` fixes the decimals), at most four places."""
    if places is not None:
        return format_decimal(value, places)
    return plain_decimal(value, max_places=TEXT_MAX_PLACES)


def _level_points(gap: Decimal, unit: str) -> Decimal:
    """A gap between two levels in percentage points (% and 个百分点 as they are, ‰ / 10, 倍 × 100)."""
    base = normalise_unit(unit)[1]
    if base == "‰":
        return gap / 10
    if base == "倍":
        return gap * _HUNDRED
    return gap


# --- 三色督办: traffic lights and escalation cards --------------------------------------------------------


class Light(StrEnum):
    """The 督办 colour of a target or a unit; values are the CSS names of the colours."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NONE = "none"  # nothing reported: shown grey, never green


LIGHT_LABELS: dict[Light, str] = {Light.GREEN: "绿灯", Light.YELLOW: "黄灯", Light.RED: "红灯", Light.NONE: "未报送"}

LIGHT_OF_STATUS: dict[Status, Light] = {
    Status.COMPLETED: Light.GREEN,
    Status.ON_SCHEDULE: Light.GREEN,
    Status.LAGGING: Light.YELLOW,
    Status.SEVERELY_LAGGING: Light.RED,
    Status.OVERDUE: Light.RED,
    Status.NOT_REPORTED: Light.NONE,
}
_LIGHT_RANK: dict[Light, int] = {Light.NONE: 0, Light.GREEN: 1, Light.YELLOW: 2, Light.RED: 3}


class Card(StrEnum):
    """Escalation after consecutive rounds in red (黄牌 first, then 红牌)."""

    YELLOW = "黄牌"
    RED = "红牌"


def light_rules(severe_lag_points: Decimal) -> tuple[tuple[Light, str, str], ...]:
    """(light, label, rule) as the legend beside every colour states it."""
    points = _number(severe_lag_points)
    return (
        (Light.GREEN, LIGHT_LABELS[Light.GREEN], "已完成或序时推进"),
        (Light.YELLOW, LIGHT_LABELS[Light.YELLOW], f"滞后: 落后序时进度不足{points}个百分点"),
        (Light.RED, LIGHT_LABELS[Light.RED], f"严重滞后 (落后{points}个百分点及以上) 或逾期未完成"),
        (Light.NONE, LIGHT_LABELS[Light.NONE], "尚无报送, 不作完成计"),
    )


def target_light(status: Status) -> Light:
    return LIGHT_OF_STATUS[status]


def unit_light(statuses: Iterable[Status]) -> Light:
    """A unit's colour is its worst reported target's; grey only when it reported nothing at all."""
    light = Light.NONE
    for status in statuses:
        candidate = LIGHT_OF_STATUS[status]
        if _LIGHT_RANK[candidate] > _LIGHT_RANK[light]:
            light = candidate
    return light


def red_streak(lights: Sequence[Light]) -> int:
    """How many rounds in a row, ending with the latest (`lights` oldest first), the unit was red."""
    streak = 0
    for light in reversed(lights):
        if light is not Light.RED:
            break
        streak += 1
    return streak


def escalation_card(streak_rounds: int, *, yellow_after_rounds: int, red_after_rounds: int) -> Card | None:
    """黄牌 after `yellow_after_rounds` consecutive red rounds, 红牌 after `red_after_rounds`."""
    if yellow_after_rounds < 1 or red_after_rounds < yellow_after_rounds:
        raise ValueError("红牌所需轮数应不少于黄牌所需轮数, 且都至少为 1")
    if streak_rounds >= red_after_rounds:
        return Card.RED
    if streak_rounds >= yellow_after_rounds:
        return Card.YELLOW
    return None
