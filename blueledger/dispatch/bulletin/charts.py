"""Charts of the bulletin as PNG images, drawn with matplotlib in a CJK font found on the machine.

The object API (Figure + Agg canvas) is used rather than pyplot: no global state, safe in a web worker.
"""

from __future__ import annotations

import io
from decimal import Decimal

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import PercentFormatter

from blueledger.dispatch.bulletin.data import AmountSeries, ChartSeries, TrendSeries
from blueledger.dispatch.bulletin.fonts import chart_font_family

CHART_DPI = 150
MM_PER_INCH = Decimal("25.4")
_ON_TRACK_COLOUR = "#2f5f98"
_BEHIND_COLOUR = "#c0504d"
_REFERENCE_COLOUR = "#555555"


def _percent(value: Decimal) -> float:
    return float(value * 100)


def _to_png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)  # attaches the Agg canvas to the figure
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def bar_chart_png(series: ChartSeries, *, width_mm: int) -> bytes:
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
    values = [_percent(v) for v in series.values]
    positions = list(range(count))
    colours = [
        _BEHIND_COLOUR if series.reference is not None and value < series.reference else _ON_TRACK_COLOUR
        for value in series.values
    ]
    axes.barh(positions, values, color=colours, height=0.7)
    axes.set_yticks(positions, labels=list(series.labels), fontproperties=font)
    axes.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    axes.set_xlim(0, max(100.0, *values) * 1.1 if values else 100.0)
    for tick in axes.get_xticklabels():
        tick.set_fontproperties(font)
    if series.reference is not None:
        axes.axvline(_percent(series.reference), color=_REFERENCE_COLOUR, linestyle="--", linewidth=1)
        axes.text(
            _percent(series.reference), 1.01, f"{series.reference_label}{_percent(series.reference):.1f}%",
            fontproperties=font, color=_REFERENCE_COLOUR, ha="center", va="bottom",
            transform=axes.get_xaxis_transform(),
        )
    axes.set_ylim(count - 0.5, -0.5)
    if count <= 30:
        for position, value in zip(positions, values, strict=True):
            axes.text(value + 1, position, f"{value:.1f}%", fontproperties=font, va="center")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return _to_png(figure)


def trend_chart_png(trend: TrendSeries, *, width_mm: int) -> bytes:
    """Completion and 序时进度 over the rounds, as two lines in %."""
    font = FontProperties(family=chart_font_family(), size=8)
    width_in = float(Decimal(width_mm) / MM_PER_INCH)
    figure = Figure(figsize=(width_in, 2.8), dpi=CHART_DPI)
    axes = figure.add_subplot()
    positions = list(range(len(trend.round_labels)))
    axes.plot(positions, [_percent(v) for v in trend.completion], marker="o", color=_ON_TRACK_COLOUR,
              label="平均完成率")
    # A marker on 序时进度 too: in a ledger's first round each line is a single point.
    axes.plot(positions, [_percent(v) for v in trend.elapsed], linestyle="--", marker="_", markersize=10,
              color=_REFERENCE_COLOUR, label="序时进度")
    last = positions[-1]
    for value in (trend.completion[-1], trend.elapsed[-1]):
        axes.annotate(f"{_percent(value):.1f}%", (last, _percent(value)), xytext=(6, 0),
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
    return _to_png(figure)


def amount_chart_png(series: AmountSeries, *, width_mm: int) -> bytes:
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
    return _to_png(figure)
