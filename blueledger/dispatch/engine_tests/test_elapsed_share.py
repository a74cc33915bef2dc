"""序时进度: the share of the period passed, by whole months (default) or by days."""

import datetime
from decimal import Decimal

from blueledger.dispatch.progress import ElapsedBasis, elapsed_share

START = datetime.date(2025, 1, 1)
END = datetime.date(2025, 12, 31)


def test_end_of_august_is_eight_twelfths() -> None:
    assert elapsed_share(START, END, datetime.date(2025, 8, 31)) == Decimal(8) / Decimal(12)


def test_a_month_counts_only_once_it_has_ended() -> None:
    assert elapsed_share(START, END, datetime.date(2025, 10, 15)) == Decimal("0.75")


def test_by_days_both_ends_count() -> None:
    share = elapsed_share(START, END, datetime.date(2025, 1, 1), ElapsedBasis.DAYS)

    assert share == Decimal(1) / Decimal(365)


def test_last_day_of_the_period_is_exactly_one_in_both_bases() -> None:
    assert elapsed_share(START, END, END) == Decimal(1)
    assert elapsed_share(START, END, END, ElapsedBasis.DAYS) == Decimal(1)


def test_share_is_clamped_before_and_after_the_period() -> None:
    assert elapsed_share(START, END, datetime.date(2024, 12, 1)) == Decimal(0)
    assert elapsed_share(START, END, datetime.date(2026, 3, 1), ElapsedBasis.DAYS) == Decimal(1)
