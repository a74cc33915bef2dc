"""GB/T 9704-2012 page geometry and type sizes, in the units a .docx stores them (twips, half-points).

1 mm = 1440 / 25.4 ≈ 56.69 twips. Values from shared/reference/domain-facts.md §1.1–1.3.
"""

from __future__ import annotations

TWIPS_PER_MM = 1440 / 25.4

PAGE_WIDTH_TWIPS = 11906  # A4 210 mm
PAGE_HEIGHT_TWIPS = 16838  # A4 297 mm
TOP_MARGIN_TWIPS = 2098  # 天头 37 mm
BOTTOM_MARGIN_TWIPS = 1984  # 35 mm
LEFT_MARGIN_TWIPS = 1588  # 订口 28 mm
RIGHT_MARGIN_TWIPS = 1474  # 26 mm → 版心 156 mm wide
HEADER_DISTANCE_TWIPS = 851  # 15 mm; the bulletin has no header text

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
# 版心 height 225 mm / 22 lines = 10.23 mm = 579.9 twips; Word and WPS templates round down to 579.
LINE_PITCH_TWIPS = 579
# Character pitch = 版心 width / 28 = 8844 / 28 twips = 15.79 pt; w:charSpace is the difference from the
# 16 pt default size in 1/4096 pt: (15.793 − 16) × 4096 ≈ −849.
CHAR_SPACE = -849

TITLE_SIZE_PT = 22  # 2号
BODY_SIZE_PT = 16  # 3号
HEADING_SIZE_PT = 16  # 3号
PAGE_NUMBER_SIZE_PT = 14  # 4号
TABLE_SIZE_PT = 12  # 小四: tables of seven columns do not fit 28 characters of 3号
CAPTION_SIZE_PT = 14  # 4号

# LibreOffice gives every 16 pt character two cells of a 15.79 pt character grid, halving the line;
# so text paragraphs do not snap to the grid but carry its geometry themselves: an exact line height
# of one grid line (22 lines fill the 版心) and −0.25 pt of character spacing (28 × 15.75 pt = 441 pt
# fits the 442.2 pt line, 29 do not). Word, WPS and LibreOffice then all set 22 × 28.
CHARACTER_SPACING_TWENTIETHS = -5

FIRST_LINE_INDENT_CHARS = 2
# The page number's line sits 7 mm below the 版心; the footer distance is measured to the bottom of
# that 14 pt line: 35 mm − 7 mm − 14 pt.
FOOTER_DISTANCE_TWIPS = round((35 - 7) * TWIPS_PER_MM) - PAGE_NUMBER_SIZE_PT * 20
PAGE_NUMBER_SIDE_INDENT_TWIPS = PAGE_NUMBER_SIZE_PT * 20  # one character of 4号 in from the edge of the 版心

TEXT_WIDTH_TWIPS = PAGE_WIDTH_TWIPS - LEFT_MARGIN_TWIPS - RIGHT_MARGIN_TWIPS  # 8844
CHART_WIDTH_MM = 150
