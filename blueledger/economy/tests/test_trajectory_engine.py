"""Required annual growth and on/off track (engine)."""

from decimal import Decimal

from blueledger.economy.trajectory import Observation, relative_compute, required_annual_growth, trajectory_compute


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


def test_relative_target_compares_growth_gaps_with_the_margin() -> None:
    trajectory = relative_compute(
        Decimal(2), 2027,
        growth_percent={2022: Decimal("9.0"), 2023: Decimal("7.1"), 2024: Decimal("8.5"), 2025: Decimal("7")},
        reference_percent={2022: Decimal("4.0"), 2023: Decimal("5.6"), 2024: Decimal("6.5")},
    )
    assert trajectory.relative
    assert [(g.year, g.gap_points, g.on_track) for g in trajectory.gaps] == [
        (2022, Decimal("5.0"), True), (2023, Decimal("1.5"), False), (2024, Decimal("2.0"), True),
        (2025, None, None),
    ]
    assert trajectory.latest == Observation(2024, Decimal("2.0"), None)
    assert trajectory.on_track is True
    assert trajectory.required_annual_growth is None
    assert [p.year for p in trajectory.periods] == [2022, 2023, 2024]


def test_relative_target_without_both_rates_says_nothing() -> None:
    trajectory = relative_compute(Decimal(2), 2027, growth_percent={2024: Decimal("8")}, reference_percent={})
    assert trajectory.relative and trajectory.latest is None and trajectory.on_track is None
    assert trajectory.periods == ()
    assert trajectory.gaps[0].gap_points is None
