"""assess_target: caps (<=), 左右 (~) with the bureau's tolerance, ranges, and level targets (%, 个百分点)."""

import datetime
from decimal import Decimal

from blueledger.dispatch.engine_tests.factories import YEAR_END, assess, make_reading, make_spec
from blueledger.dispatch.progress import Status


def test_cap_kept_before_the_deadline_is_on_schedule_not_completed() -> None:
    result = assess(make_spec("100", unit="吨", op="<="), make_reading("80", unit="吨"))

    assert result.status is Status.ON_SCHEDULE
    assert result.completion == Decimal("1")
    assert result.gap == Decimal("0")


def test_cap_kept_to_the_end_of_the_period_is_completed() -> None:
    result = assess(make_spec("100", unit="吨", op="<="), make_reading("100", unit="吨", as_of=YEAR_END), YEAR_END)

    assert result.status is Status.COMPLETED


def test_cap_exceeded_before_the_deadline_lags_by_the_overshoot_share() -> None:
    result = assess(make_spec("100", unit="吨", op="<="), make_reading("110", unit="吨"))

    assert result.status is Status.LAGGING
    assert result.gap == Decimal("10")
    assert result.lag_points == Decimal("10.0")
    assert result.explanation == "目标≤100吨, 实际110吨, 超出10吨, 超出上限10.0%, 序时进度75.0%"


def test_cap_exceeded_after_the_deadline_is_overdue() -> None:
    spec = make_spec("100", unit="吨", op="<=", deadline=datetime.date(2025, 6, 30))

    result = assess(spec, make_reading("130", unit="吨"))

    assert result.status is Status.OVERDUE
    assert result.gap == Decimal("30")


def test_approximate_target_is_done_within_the_tolerance_below_its_value() -> None:
    spec = make_spec("6", unit="%", op="~")

    assert assess(spec, make_reading("5.7", unit="%")).status is Status.COMPLETED
    assert assess(spec, make_reading("5.6", unit="%")).status is Status.LAGGING


def test_approximate_target_above_its_band_is_completed_and_says_so() -> None:
    result = assess(make_spec("6", unit="%", op="~"), make_reading("8", unit="%"))

    assert result.status is Status.COMPLETED
    assert result.explanation.endswith("已完成, 高于左右区间上限")


def test_range_is_done_at_its_lower_end_and_over_achieving_is_fine() -> None:
    spec = make_spec("1", op="range", value_max="2", deadline=datetime.date(2025, 6, 30))

    assert assess(spec, make_reading("1")).status is Status.COMPLETED
    assert assess(spec, make_reading("3")).status is Status.COMPLETED
    assert assess(spec, make_reading("0")).status is Status.OVERDUE
    assert assess(spec, make_reading("0")).explanation.startswith("目标1–2个, ")


def test_percent_target_compares_levels_not_shares_of_elapsed_time() -> None:
    # 97.5 % against 98 % is 99.5 % "completion" but 0.5 个百分点 short of the level: behind, not on schedule.
    result = assess(make_spec("98", unit="%"), make_reading("97.5", unit="%"))

    assert result.status is Status.LAGGING
    assert result.lag_points == Decimal("0.5")
    assert result.explanation == "目标≥98%, 实际97.5%, 序时进度75.0%, 低于目标0.5个百分点"


def test_percentage_point_target_lags_by_its_gap() -> None:
    result = assess(make_spec("2", unit="个百分点"), make_reading("1.5", unit="百分点"))

    assert result.actual == Decimal("1.5")
    assert result.lag_points == Decimal("0.5")
