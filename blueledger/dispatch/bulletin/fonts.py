"""The font table of the bulletin: role → the official font written into the .docx → free Linux fallbacks.

The .docx names the fonts GB/T 9704-2012 asks for, so that Word or WPS on an office PC with the
official fonts shows the document as intended; the fallbacks (shared/reference/domain-facts.md §1.5)
are written into the document's font table as `w:altName` and used for server-side rendering:
charts here, PDF conversion by LibreOffice through fontconfig. 仿宋_GB2312 and 楷体_GB2312 ship with
Windows and 方正小标宋简体 is a commercial Founder font, so none of them is installed on Debian.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache


class FontRole(StrEnum):
    """Where a font is used in the bulletin."""

    TITLE = "title"  # 标题, 2号 (22 pt)
    BODY = "body"  # 正文, 3号 (16 pt); also tables, at 小四 (12 pt)
    HEADING_1 = "heading_1"  # 一、 headings, 3号
    HEADING_2 = "heading_2"  # （一） headings, 3号
    PAGE_NUMBER = "page_number"  # — 1 —, 4号 (14 pt)
    LATIN = "latin"  # digits and Latin letters in body text (local convention, not GB/T 9704)


@dataclass(frozen=True, slots=True)
class FontChoice:
    """The official font of a role and the free fonts that stand in for it on Linux, best first."""

    official: str
    fallbacks: tuple[str, ...]
    debian_packages: tuple[str, ...]


FONT_TABLE: dict[FontRole, FontChoice] = {
    FontRole.TITLE: FontChoice("方正小标宋简体", ("Noto Serif CJK SC", "FandolSong"), ("fonts-noto-cjk",)),
    FontRole.BODY: FontChoice(
        "仿宋_GB2312", ("FandolFang", "Noto Serif CJK SC"), ("texlive-lang-chinese", "fonts-noto-cjk")
    ),
    FontRole.HEADING_1: FontChoice(
        "黑体", ("Noto Sans CJK SC", "FandolHei", "WenQuanYi Zen Hei"), ("fonts-noto-cjk", "fonts-wqy-zenhei")
    ),
    FontRole.HEADING_2: FontChoice(
        "楷体_GB2312", ("FandolKai", "AR PL UKai CN", "LXGW WenKai", "Noto Serif CJK SC"),
        ("texlive-lang-chinese", "fonts-arphic-ukai", "fonts-lxgw-wenkai", "fonts-noto-cjk"),
    ),
    FontRole.PAGE_NUMBER: FontChoice(
        "宋体", ("Noto Serif CJK SC", "FandolSong", "AR PL UMing CN"), ("fonts-noto-cjk", "fonts-arphic-uming")
    ),
    FontRole.LATIN: FontChoice("Times New Roman", ("Liberation Serif", "DejaVu Serif"), ("fonts-liberation",)),
}

# Charts are drawn in a sans-serif CJK face: thin strokes of 仿宋 stand-ins blur at chart sizes.
CHART_FONT_FAMILIES: tuple[str, ...] = ("Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei")
CHART_FONT_PACKAGE = "fonts-noto-cjk"


class ChartFontMissing(RuntimeError):
    """No CJK font for charts is installed."""


def _installed_families() -> set[str]:
    from matplotlib import font_manager

    return {entry.name for entry in font_manager.fontManager.ttflist}


def _find_fonts_fresh() -> None:
    """Adds the fonts installed since matplotlib wrote its font-list cache, and rewrites the cache.

    matplotlib reads its font list once per process from a cache written the first time it ever ran, so a
    font installed afterwards (apt-get install fonts-noto-cjk) stays unseen until the cache is rebuilt.
    """
    from pathlib import Path

    import matplotlib
    from matplotlib import font_manager

    manager = font_manager.fontManager
    known = {entry.fname for entry in manager.ttflist}
    for path in font_manager.findSystemFonts(fontext="ttf"):
        if path not in known:
            try:
                manager.addfont(path)
            except (OSError, RuntimeError):  # a broken font file must not stop the others
                continue
    cache = Path(matplotlib.get_cachedir()) / f"fontlist-v{font_manager.FontManager.__version__}.json"
    try:
        font_manager.json_dump(manager, cache)
    except OSError:  # a read-only cache directory: this process sees the fonts anyway
        pass


def _first_installed() -> str | None:
    installed = _installed_families()
    return next((family for family in CHART_FONT_FAMILIES if family in installed), None)


@cache
def chart_font_family() -> str:
    """The first installed family of `CHART_FONT_FAMILIES`; raises `ChartFontMissing` naming the Debian package.

    A family name rather than a file, because the Noto CJK fonts come as .ttc collections and matplotlib
    picks the simplified-Chinese face of the collection by its name. On a miss the fonts are looked for
    afresh on the machine (a failure is not cached, so a font installed later is found without a restart).
    """
    family = _first_installed()
    if family is None:
        _find_fonts_fresh()
        family = _first_installed()
    if family is None:
        raise ChartFontMissing(CHART_FONT_MISSING_MESSAGE)
    return family


CHART_FONT_MISSING_MESSAGE = (
    f"找不到图表所需的中文字体 ({' / '.join(CHART_FONT_FAMILIES)}); "
    f"请安装 Debian 软件包 {CHART_FONT_PACKAGE} (apt-get install {CHART_FONT_PACKAGE}), 无需重启服务"
)
