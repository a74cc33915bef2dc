"""A chart drawn once is reused for equal series (a bulletin downloaded again draws nothing anew), is the same
picture a fresh drawing gives, and never hides a missing font."""

from collections.abc import Iterator
from decimal import Decimal

import pytest
from matplotlib.figure import Figure

from blueledger.dispatch.bulletin import charts, fonts
from blueledger.dispatch.bulletin.data import AmountSeries, ChartSeries, TrendSeries

BAR = ChartSeries("各单位目标平均完成率", ("市发改委", "市海渔局"), (Decimal("0.5"), None), reference=Decimal("0.75"))
TREND = TrendSeries("各期平均完成率", ("9月", "10月"), (Decimal("0.6"), Decimal("0.7")),
                    (Decimal("0.7"), Decimal("0.8")))
AMOUNT = AmountSeries("海洋生产总值", "亿元", ("2023年", "2024年"), (("青岛市", (Decimal("5000"), None)),))


@pytest.fixture
def drawings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The titles of the charts actually drawn, with the kept PNGs forgotten before and after."""
    drawn: list[str] = []
    original = charts._to_png

    def counting(figure: Figure) -> bytes:
        drawn.append(figure.axes[0].get_ylabel() or "chart")
        return original(figure)

    monkeypatch.setattr(charts, "_to_png", counting)
    charts._drawn_png.cache_clear()
    yield drawn
    charts._drawn_png.cache_clear()


def test_equal_series_are_drawn_once_and_give_the_fresh_picture(drawings: list[str]) -> None:
    fresh = [charts._to_png(charts.bar_chart_figure(BAR, width_mm=150)),
             charts._to_png(charts.trend_chart_figure(TREND, width_mm=150)),
             charts._to_png(charts.amount_chart_figure(AMOUNT, width_mm=150))]
    drawings.clear()

    first = [charts.bar_chart_png(BAR, width_mm=150), charts.trend_chart_png(TREND, width_mm=150),
             charts.amount_chart_png(AMOUNT, width_mm=150)]
    again = [charts.bar_chart_png(ChartSeries(BAR.title, BAR.labels, BAR.values, reference=BAR.reference),
                                  width_mm=150),
             charts.trend_chart_png(TREND, width_mm=150), charts.amount_chart_png(AMOUNT, width_mm=150)]

    assert len(drawings) == 3
    assert first == again == fresh


def test_a_different_series_or_width_is_drawn_anew(drawings: list[str]) -> None:
    charts.bar_chart_png(BAR, width_mm=150)
    other = ChartSeries(BAR.title, BAR.labels, (Decimal("0.5"), Decimal("0.6")), reference=BAR.reference)

    assert charts.bar_chart_png(other, width_mm=150) != charts.bar_chart_png(BAR, width_mm=150)
    charts.bar_chart_png(BAR, width_mm=120)
    assert len(drawings) == 3


def test_a_kept_chart_does_not_hide_a_missing_font(drawings: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    charts.bar_chart_png(BAR, width_mm=150)
    monkeypatch.setattr(fonts, "_first_installed", lambda: None)
    monkeypatch.setattr(fonts, "_find_fonts_fresh", lambda: None)
    fonts.chart_font_family.cache_clear()
    try:
        with pytest.raises(fonts.ChartFontMissing):
            charts.bar_chart_png(BAR, width_mm=150)
    finally:
        monkeypatch.undo()
        fonts.chart_font_family.cache_clear()
