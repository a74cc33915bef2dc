"""assess_target: the status rules of progress.py, one test per rule, with exact figures and explanations."""

import datetime
from decimal import Decimal

from blueledger.dispatch.engine_tests.factories import END_OF_SEPTEMBER, assess, make_reading, make_spec
from blueledger.dispatch.progress import Status


def test_behind_elapsed_share_by_less_than_the_severe_threshold_is_lagging() -> None:
    result = assess(make_spec("30", hardness="确保"), make_reading("18"))

    assert result.status is Status.LAGGING
    assert result.completion == Decimal("0.6")
    assert result.elapsed_share == Decimal("0.75")
    assert result.lag_points == Decimal("15.00")
    assert result.gap == Decimal("12")
    assert result.is_binding is True
    assert result.explanation == "目标≥30个(确保), 已完成18个 (60.0%), 序时进度75.0%, 滞后15.0个百分点"


def test_behind_by_the_severe_threshold_or_more_is_severely_lagging() -> None:
    result = assess(make_spec("30"), make_reading("16.5"))

    assert result.lag_points == Decimal("20.00")
    assert result.status is Status.SEVERELY_LAGGING


def test_completion_at_or_above_elapsed_share_is_on_schedule() -> None:
    result = assess(make_spec("40"), make_reading("30"))

    assert result.status is Status.ON_SCHEDULE
    assert result.lag_points is None
    assert result.explanation == "目标≥40个, 已完成30个 (75.0%), 序时进度75.0%, 序时推进"


def test_satisfied_op_is_completed_and_raw_completion_is_kept_above_one() -> None:
    result = assess(make_spec("30"), make_reading("45"))

    assert result.status is Status.COMPLETED
    assert result.completion == Decimal("1.5")
    assert result.completion_capped == Decimal("1")
    assert result.gap == Decimal("0")


def test_unmet_target_after_its_deadline_is_overdue() -> None:
    spec = make_spec("30", deadline=datetime.date(2025, 6, 30))

    result = assess(spec, make_reading("29"))

    assert result.status is Status.OVERDUE
    assert result.gap == Decimal("1")
    assert result.explanation == "目标≥30个, 已完成29个 (96.7%), 期限2025年6月30日已过, 逾期未完成, 尚差1个"


def test_on_the_deadline_day_itself_a_target_is_not_yet_overdue() -> None:
    spec = make_spec("30", deadline=END_OF_SEPTEMBER)

    result = assess(spec, make_reading("29"))

    assert result.elapsed_share == Decimal("1")
    assert result.status is Status.LAGGING


def test_no_reading_is_not_reported_never_zero() -> None:
    result = assess(make_spec("30", hardness="确保"), None)

    assert result.status is Status.NOT_REPORTED
    assert result.completion is None
    assert result.actual is None
    assert result.gap is None
    assert result.explanation == "目标≥30个(确保), 未报送完成情况, 序时进度75.0%"


def test_strict_greater_than_needs_more_than_the_value() -> None:
    spec = make_spec("30", op=">", deadline=datetime.date(2025, 6, 30))

    assert assess(spec, make_reading("30")).status is Status.OVERDUE
    assert assess(spec, make_reading("31")).status is Status.COMPLETED


def test_a_level_exactly_at_a_strict_target_is_level_with_it_not_behind() -> None:
    spec = make_spec("21", unit="%", op=">", deadline=datetime.date(2027, 12, 31))

    before = assess(spec, make_reading("21", unit="%"))
    after = assess(make_spec("21", unit="%", op=">", deadline=datetime.date(2025, 6, 30)), make_reading("21", "%"))

    assert (before.status, before.lag_points, before.explanation) == (
        Status.ON_SCHEDULE, None, "目标>21%, 实际21%, 与目标持平, 尚未超过")
    assert (after.status, after.explanation) == (
        Status.OVERDUE, "目标>21%, 实际21%, 期限2025年6月30日已过, 逾期未完成, 与目标持平, 尚未超过")


def test_strive_targets_are_not_binding_and_say_they_only_report_the_gap() -> None:
    result = assess(make_spec("30", hardness="力争"), make_reading("18"))

    assert result.is_binding is False
    assert result.status is Status.LAGGING
    assert result.explanation.endswith("滞后15.0个百分点, 力争目标, 仅报告差距")


def test_plain_targets_without_hardness_word_are_not_binding_but_explicit_bounds_are() -> None:
    assert assess(make_spec("30", op="="), make_reading("1")).is_binding is False
    assert assess(make_spec("30", op=">="), make_reading("1")).is_binding is True
    assert assess(make_spec("30", op="<="), make_reading("1")).is_binding is True
    assert assess(make_spec("30", op="~"), make_reading("1")).is_binding is False
