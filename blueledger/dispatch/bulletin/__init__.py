"""Django-free engine: bulletin data (调度通报) → .docx in the layout of GB/T 9704-2012.

    from blueledger.dispatch.bulletin import BulletinData, render_bulletin
    docx_bytes = render_bulletin(data)
"""

from blueledger.dispatch.bulletin.data import (
    AmountSeries,
    BulletinData,
    ChartSeries,
    InstructionRow,
    KeyFigure,
    LaggingProjectRow,
    LaggingRow,
    ProjectGroupRow,
    ProjectsPart,
    RankingRow,
    ReportDocument,
    ReportSection,
    ReportTable,
    SectionProgress,
    TargetRow,
    TrendSeries,
    chart_label,
)
from blueledger.dispatch.bulletin.fonts import FONT_TABLE, ChartFontMissing, FontChoice, FontRole
from blueledger.dispatch.bulletin.render import SECTION_HEADINGS, render_bulletin, render_report

__all__ = [
    "FONT_TABLE",
    "SECTION_HEADINGS",
    "AmountSeries",
    "BulletinData",
    "ChartFontMissing",
    "ChartSeries",
    "FontChoice",
    "FontRole",
    "InstructionRow",
    "KeyFigure",
    "LaggingProjectRow",
    "LaggingRow",
    "ProjectGroupRow",
    "ProjectsPart",
    "RankingRow",
    "ReportDocument",
    "ReportSection",
    "ReportTable",
    "SectionProgress",
    "TargetRow",
    "TrendSeries",
    "chart_label",
    "render_bulletin",
    "render_report",
]
