"""roll_up and order_for_attention over groups of assessments."""

import datetime
from decimal import Decimal

from blueledger.dispatch.engine_tests.factories import assess, make_reading, make_spec
from blueledger.dispatch.progress import Status, order_for_attention, roll_up


def test_roll_up_counts_statuses_and_means_capped_completion_of_reported_targets() -> None:
    done = assess(make_spec("10"), make_reading("20"))  # 2.0 raw, 1.0 capped
    lagging_binding = assess(make_spec("30", hardness="确保"), make_reading("18"))  # 0.6
    silent = assess(make_spec("5"), None)

    result = roll_up({"市海洋发展局": [done, lagging_binding, silent]})["市海洋发展局"]

    assert result.total == 3
    assert result.counts[Status.COMPLETED] == 1
    assert result.counts[Status.LAGGING] == 1
    assert result.counts[Status.NOT_REPORTED] == 1
    assert result.counts[Status.OVERDUE] == 0
    assert result.mean_completion == Decimal("0.8")
    assert result.binding_lagging == 1
    assert result.not_reported == 1


def test_a_group_with_no_report_has_no_mean_completion() -> None:
    result = roll_up({"崂山区": [assess(make_spec("5"), None)]})["崂山区"]

    assert result.mean_completion is None


def test_binding_targets_that_lag_come_first_then_worst_status_then_largest_lag() -> None:
    strive_overdue = assess(make_spec("30", hardness="力争", deadline=datetime.date(2025, 6, 30)), make_reading("1"))
    binding_lagging = assess(make_spec("30", hardness="确保"), make_reading("18"))
    binding_severe = assess(make_spec("30", hardness="确保"), make_reading("3"))
    done = assess(make_spec("30", hardness="确保"), make_reading("30"))
    silent = assess(make_spec("30"), None)

    ordered = order_for_attention([done, silent, strive_overdue, binding_lagging, binding_severe])

    assert ordered == [binding_severe, binding_lagging, strive_overdue, silent, done]
