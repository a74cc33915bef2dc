"""Charts of the bulletin as PNG images, drawn with matplotlib in a CJK font found on the machine.

The object API (Figure + Agg canvas) is used rather than pyplot: no global state, safe in a web worker.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import PercentFormatter

from blueledger.dispatch.bulletin.data import AmountSeries, ChartSeries, TrendSeries
from blueledger.dispatch.bulletin.fonts import chart_font_family
from blueledger.lib.numbers import format_percent

CHART_DPI = 150
MM_PER_INCH = Decimal("25.4")
_ON_TRACK_COLOUR = "#2f5f98"
_BEHIND_COLOUR = "#c0504d"
_REFERENCE_COLOUR = "#555555"


NOT_REPORTED = "未报送"
NO_DATA = "暂无数据"


def _percent(value: Decimal) -> float:
    return float(value * 100)


def _percent_or_nan(value: Decimal | None) -> float:
    return float("nan") if value is None else _percent(value)


def _no_data(axes: Axes, font: FontProperties) -> None:
    axes.text(0.5, 0.5, NO_DATA, fontproperties=font, ha="center", va="center", color=_REFERENCE_COLOUR,
              transform=axes.transAxes)
    axes.set_xticks([])
    axes.set_yticks([])


def _to_png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)  # attaches the Agg canvas to the figure
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


# The PNGs last drawn, by what they show: a bulletin or report downloaded again (by another user, or after a
# page reload) reuses its charts instead of drawing each anew (0.1-0.2 s each). The series are frozen values,
# so equal series draw equal pictures; the font family is part of the key, and is asked for first, so that a
# missing font is still reported and a font installed later draws new charts.
CHARTS_KEPT = 32


@lru_cache(maxsize=CHARTS_KEPT)
def _drawn_png(draw: Callable[..., Figure], series: Any, width_mm: int, family: str) -> bytes:
    return _to_png(draw(series, width_mm=width_mm))


def bar_chart_png(series: ChartSeries, *, width_mm: int) -> bytes:
    return _drawn_png(bar_chart_figure, series, width_mm, chart_font_family())


def trend_chart_png(trend: TrendSeries, *, width_mm: int) -> bytes:
    return _drawn_png(trend_chart_figure, trend, width_mm, chart_font_family())


def figure_texts(figure: Figure) -> list[str]:
    """Every piece of text drawn on a chart (tests read what a chart says through it)."""
    from matplotlib.text import Text

    return [text.get_text() for text in figure.findobj(Text) if text.get_text()]


def bar_chart_figure(series: ChartSeries, *, width_mm: int) -> Figure:
    """A horizontal bar chart of completion in % with the reference line; bars below it in red.

    The height grows with the number of bars so that 60 department names stay readable.
    """
    font = FontProperties(family=chart_font_family(), size=8)
    count = len(series.labels)
    width_in = float(Decimal(width_mm) / MM_PER_INCH)
    # At most 7.6 in (193 mm), so that the chart and its caption share a page of the 225 mm 版心.
    height_in = min(7.6, 1.0 + 0.16 * max(count, 3))
    figure = Figure(figsize=(width_in, height_in), dpi=CHART_DPI)
    axes = figure.add_subplot()
    if all(value is None for value in series.values):
        _no_data(axes, font)
        figure.tight_layout()
        return figure
    reported = [(p, _percent(v), v) for p, v in enumerate(series.values) if v is not None]
    values = [value for _, value, _ in reported]
    positions = list(range(count))
    colours = [
        _BEHIND_COLOUR if series.reference is not None and value < series.reference else _ON_TRACK_COLOUR
        for _, _, value in reported
    ]
    axes.barh([p for p, _, _ in reported], values, color=colours, height=0.7)
    axes.set_yticks(positions, labels=list(series.labels), fontproperties=font)
    axes.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    axes.set_xlim(0, max(100.0, *values) * 1.1)
    for position, share in enumerate(series.values):
        if share is None:  # no bar: the words, so that nobody reads a missing report as 0%
            axes.text(1, position, NOT_REPORTED, fontproperties=font, va="center", color=_REFERENCE_COLOUR)
    for tick in axes.get_xticklabels():
        tick.set_fontproperties(font)
    if series.reference is not None:
        axes.axvline(_percent(series.reference), color=_REFERENCE_COLOUR, linestyle="--", linewidth=1)
        axes.text(
            _percent(series.reference), 1.01, f"{series.reference_label}{format_percent(series.reference)}",
            fontproperties=font, color=_REFERENCE_COLOUR, ha="center", va="bottom",
            transform=axes.get_xaxis_transform(),
        )
    axes.set_ylim(count - 0.5, -0.5)
    if count <= 30:
        for position, percent, share in reported:
            axes.text(percent + 1, position, format_percent(share), fontproperties=font, va="center")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure


def trend_chart_figure(trend: TrendSeries, *, width_mm: int) -> Figure:
    """Completion and 序时进度 over the rounds, as two lines in %."""
    font = FontProperties(family=chart_font_family(), size=8)
    width_in = float(Decimal(width_mm) / MM_PER_INCH)
    figure = Figure(figsize=(width_in, 2.8), dpi=CHART_DPI)
    axes = figure.add_subplot()
    if all(value is None for value in trend.completion):
        _no_data(axes, font)
        figure.tight_layout()
        return figure
    positions = list(range(len(trend.round_labels)))
    # NaN leaves a gap: a round with nothing reported is not a fall to 0.
    axes.plot(positions, [_percent_or_nan(v) for v in trend.completion], marker="o", color=_ON_TRACK_COLOUR,
              label="平均完成率")
    # A marker on 序时进度 too: in a ledger's first round each line is a single point.
    axes.plot(positions, [_percent_or_nan(v) for v in trend.elapsed], linestyle="--", marker="_", markersize=10,
              color=_REFERENCE_COLOUR, label="序时进度")
    last = positions[-1]
    for value in (trend.completion[-1], trend.elapsed[-1]):
        text = NOT_REPORTED if value is None else format_percent(value)
        axes.annotate(text, (last, 0 if value is None else _percent(value)), xytext=(6, 0),
                      textcoords="offset points", fontproperties=font, va="center")
    axes.set_xticks(positions, labels=list(trend.round_labels), fontproperties=font, rotation=0)
    axes.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    axes.set_ylim(0, 105)
    for tick in axes.get_yticklabels():
        tick.set_fontproperties(font)
    axes.legend(prop=font, frameon=False, loc="upper left")
    axes.grid(axis="y", linewidth=0.4, alpha=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure


def amount_chart_png(series: AmountSeries, *, width_mm: int) -> bytes:
    return _drawn_png(amount_chart_figure, series, width_mm, chart_font_family())


def amount_chart_figure(series: AmountSeries, *, width_mm: int) -> Figure:
    """Amounts over periods as lines, the unit on the value axis; a missing value leaves a gap (never 0)."""
    font = FontProperties(family=chart_font_family(), size=8)
    width_in = float(Decimal(width_mm) / MM_PER_INCH)
    figure = Figure(figsize=(width_in, 3.2), dpi=CHART_DPI)
    axes = figure.add_subplot()
    positions = list(range(len(series.period_labels)))
    for name, values in series.lines:
        axes.plot(positions, [float(v) if v is not None else float("nan") for v in values], marker="o", label=name)
    axes.set_xticks(positions, labels=list(series.period_labels), fontproperties=font)
    axes.set_ylabel(series.unit, fontproperties=font)
    for tick in axes.get_yticklabels():
        tick.set_fontproperties(font)
    axes.legend(prop=font, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure
