"""System check of what the bulletin needs on this machine: `blueledger check` (and `check --deploy`,
`blueledger run`, `migrate`) warn when no CJK font for its charts is installed."""

from __future__ import annotations

from typing import Any

from django.core import checks

from blueledger.dispatch.bulletin.fonts import ChartFontMissing, chart_font_family


@checks.register("fonts")
def chart_font_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        chart_font_family()
    except ChartFontMissing as missing:
        return [checks.Warning(str(missing), hint="调度通报的图表无法生成, 下载通报会提示安装字体。",
                               id="dispatch.W001")]
    return []
