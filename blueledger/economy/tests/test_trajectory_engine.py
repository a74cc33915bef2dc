"""Required annual growth and on/off track (engine)."""

from decimal import Decimal

from blueledger.economy.trajectory import Observation, required_annual_growth, trajectory_compute


def test_weifang_2000_yi_by_2027_from_1703_4_in_2024() -> None:
    growth = required_annual_growth(Decimal("2000"), Decimal("1703.4"), 3)
    assert growth is not None
    # (2000 / 1703.4) ^ (1/3) − 1 = 0.05495…
    assert growth.quantize(Decimal("0.0001")) == Decimal("0.0550")
    assert (Decimal("1703.4") * (1 + growth) ** 3).quantize(Decimal("0.0001")) == Decimal("2000.0000")


def test_reached_target_needs_no_growth_and_no_years_left_is_unknown() -> None:
    assert required_annual_growth(Decimal("21"), Decimal("21"), 3) == 0
    assert required_annual_growth(Decimal("2000"), Decimal("1900"), 0) is None


def test_each_period_judged_by_its_pace() -> None:
    trajectory = trajectory_compute(
        Decimal("2000"),
        2027,
        [Observation(2024, Decimal("1703.4"), Decimal("6.8")), Observation(2023, Decimal("1600"), Decimal("2"))],
    )
    assert [period.year for period in trajectory.periods] == [2023, 2024]
    assert [period.on_track for period in trajectory.periods] == [False, True]
    assert trajectory.latest == Observation(2024, Decimal("1703.4"), Decimal("6.8"))
    assert trajectory.on_track is True


def test_without_growth_figure_the_period_says_nothing() -> None:
    trajectory = trajectory_compute(Decimal("2000"), 2027, [Observation(2024, Decimal("1703.4"), None)])
    assert trajectory.on_track is None
    assert trajectory_compute(Decimal("2000"), 2027, []).latest is None
