"""A unit that reported nothing is drawn as 未报送, never as a 0% bar; a chart with nothing says 暂无数据."""

import math
from decimal import Decimal

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from blueledger.dispatch.bulletin.charts import bar_chart_figure, figure_texts, trend_chart_figure
from blueledger.dispatch.bulletin.data import ChartSeries, TrendSeries


def _bars(figure: Figure) -> list[float]:
    axes = figure.axes[0]
    return [patch.get_width() for patch in axes.patches if isinstance(patch, Rectangle)]


def test_an_unreported_unit_has_no_bar_and_says_so() -> None:
    series = ChartSeries("各单位目标平均完成率", ("市发改委", "市海渔局", "市生态环境局"),
                         (Decimal("0.5"), None, Decimal("0.9")), reference=Decimal("0.75"))

    figure = bar_chart_figure(series, width_mm=150)

    assert sorted(_bars(figure)) == [50.0, 90.0]
    texts = figure_texts(figure)
    assert "未报送" in texts
    assert "50.0%" in texts and "90.0%" in texts
    assert "0.0%" not in texts


def test_a_chart_with_nothing_reported_says_no_data() -> None:
    series = ChartSeries("各部分目标平均完成率", ("一", "二"), (None, None))

    figure = bar_chart_figure(series, width_mm=150)

    assert _bars(figure) == []
    assert figure_texts(figure) == ["暂无数据"]


def test_a_trend_of_unreported_rounds_says_no_data_and_a_gap_is_not_zero() -> None:
    empty = TrendSeries("各期平均完成率", ("10月",), (None,), (Decimal("0.8"),))
    assert figure_texts(trend_chart_figure(empty, width_mm=150)) == ["暂无数据"]

    gap = TrendSeries("各期平均完成率", ("9月", "10月"), (Decimal("0.6"), None), (Decimal("0.7"), Decimal("0.8")))
    figure = trend_chart_figure(gap, width_mm=150)
    completion = [float(value) for value in figure.axes[0].lines[0].get_ydata()]  # type: ignore[union-attr, arg-type]
    assert completion[0] == 60.0 and math.isnan(completion[1])
    assert "未报送" in figure_texts(figure)
