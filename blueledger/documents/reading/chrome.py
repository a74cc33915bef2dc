"""Recognise the chrome of Chinese government and aggregator web pages, line by line.

Pages saved from bureau sites carry breadcrumbs, hit counters, font-size and print
buttons, QR codes, previous/next links, recommendation lists and copyright footers
around the document. Lines carrying the document's own metadata (发布日期, 成文日期,
发文机关, 索引号, 文号…) are always kept, because the extractor reads the date and the
issuer from them; only chrome fragments inside them are cut out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_METADATA = re.compile(
    r"(发布日期|成文日期|发布时间|发布单位|发布机构|发文机关|发文单位|信息来源|来源|索引号|发文字号|文号)"
)

_BREADCRUMB = re.compile(
    r"^(当前位置|您现在的位置|你现在的位置|您的位置|你的位置|现在的位置|所在位置|当前的位置)"
    r"|^首页\s*([>＞»›/]|$)"
)
_BREADCRUMB_CONTINUATION = re.compile(r"^[>＞»›]")
_NEIGHBOUR_LINK = re.compile(r"^(上一篇|下一篇|上一条|下一条|上一页|下一页)")
_LIST_HEADING = re.compile(
    r"^(相关推荐|相关阅读|相关文章|相关链接|相关信息|相关新闻|热门搜索|最近搜索|热门推荐|热点推荐|"
    r"推荐阅读|猜你喜欢|友情链接|网站地图|联系我们)"
)
_QR_CODE = re.compile(r"扫一扫|二维码|手机扫描|在手机打开|手机上打开|手机版")
_FOOTER = re.compile(
    r"ICP备|ICP证|网站标识码|公网安备|版权所有|Copyright|©|建议使用.{0,30}浏览器|最佳分辨率"
    r"|^(主办单位|承办单位|协办单位|维护单位|网站维护|技术支持|主办|承办)\s*[:：]",
    re.IGNORECASE,
)
_TAGS = re.compile(r"^(标签|Tags?)\s*[:：]", re.IGNORECASE)
_FOUND_USEFUL = re.compile(r"^\d+\s*人觉得(有用|没用)")

# Buttons and counters that make up a whole line of chrome: 【字体：大 中 小】【打印】【关闭】…
_ANCHOR_TOKENS = (
    "字体大小", "字号", "字体", "打印本页", "打印此页", "打印文章", "打印页面", "打印", "关闭窗口",
    "关闭本页", "关闭", "分享到", "分享", "加入收藏", "收藏本页", "收藏", "返回顶部", "返回首页",
    "网站首页", "我要纠错", "纠错", "新浪微博", "腾讯微博", "微博", "微信", "QQ空间", "朋友圈",
    "点击次数", "点击数", "点击量", "浏览次数", "浏览量", "阅读次数", "阅读量", "访问量", "访问次数",
)  # fmt: skip
_FILLER_TOKENS = ("默认", "大", "中", "小", "次", "返回", "顶部", "QQ", "人")
_TOKEN = re.compile("|".join(map(re.escape, (*_ANCHOR_TOKENS, *_FILLER_TOKENS))))
_ANCHOR = re.compile("|".join(map(re.escape, _ANCHOR_TOKENS)))
_SEPARATORS = re.compile(r"[\s\d\[\]【】()（）:：|｜/、,，.。·•>»＞›<«＜‹\-—_=+*]")

# Chrome fragments cut out of metadata lines (发布日期：… 浏览次数：12 【字体：大 中 小】).
_INLINE_CHROME = re.compile(
    r"[【\[]?\s*(?<!文)(字体|字号)(大小)?\s*[:：]?\s*([【\[]?\s*[大中小]\s*[】\]]?\s*){0,3}[】\]]?"
    r"|[【\[]?\s*(打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|加入收藏|收藏|分享到|分享|返回顶部)\s*[】\]]?"
    r"|(点击次数|点击数|点击量|浏览次数|浏览量|阅读次数|阅读量|访问量|访问次数)\s*[:：]?\s*\d*\s*次?"
)

# After the last line of prose, a few short lines between chrome lines are link lists
# (招标 / 业主 / 查看详情); longer runs or longer lines may be content and are kept.
_TAIL_ISLAND_MAX_LINES = 6
_TAIL_ISLAND_MAX_CHARS = 20
# A line this long, or ending a sentence, is prose: the tail starts after the last one.
_PROSE_MIN_CHARS = 50
_SENTENCE_END = ("。", "！", "？", "；", "…", "”", "）")
# Chrome-pattern lines longer than this are content that happens to mention 二维码 etc.
_QR_LINE_MAX_CHARS = 40
_FOOTER_LINE_MAX_CHARS = 200
_LIST_HEADING_MAX_CHARS = 30


_EDGE_SPACES = " \u00a0\u3000\u2002\u2003\u2009\r\n"


@dataclass(frozen=True, slots=True)
class ChromeFreeLines:
    lines: tuple[str, ...]
    dropped_line_count: int


def drop_page_chrome(lines: Sequence[str]) -> ChromeFreeLines:
    """Drop chrome lines (blank lines too, uncounted); cut chrome out of metadata lines."""
    # TABs stay: a table row may start with an empty (row-spanned) cell.
    stripped = [line.strip(_EDGE_SPACES) for line in lines]
    stripped = [line for line in stripped if line.strip()]
    is_chrome = [is_chrome_line(line) for line in stripped]
    _mark_tail_islands(stripped, is_chrome)
    kept = tuple(
        _without_inline_chrome(line) if _METADATA.search(line) else line
        for line, chrome in zip(stripped, is_chrome, strict=True)
        if not chrome
    )
    return ChromeFreeLines(lines=kept, dropped_line_count=sum(is_chrome))


def is_chrome_line(line: str) -> bool:
    """Whether a stripped line is page chrome on its own; metadata lines never are."""
    if _METADATA.search(line):
        return False
    if _BREADCRUMB.search(line) or _NEIGHBOUR_LINK.search(line) or _TAGS.search(line):
        return True
    if _BREADCRUMB_CONTINUATION.search(line) and len(line) <= _FOOTER_LINE_MAX_CHARS:
        return True
    if _FOUND_USEFUL.search(line):
        return True
    if _LIST_HEADING.search(line) and len(line) <= _LIST_HEADING_MAX_CHARS:
        return True
    if _QR_CODE.search(line) and len(line) <= _QR_LINE_MAX_CHARS:
        return True
    if _FOOTER.search(line) and len(line) <= _FOOTER_LINE_MAX_CHARS:
        return True
    return _is_button_row(line) or _is_navigation_menu(line)


def _is_button_row(line: str) -> bool:
    return bool(_ANCHOR.search(line)) and not _SEPARATORS.sub("", _TOKEN.sub("", line))


def _is_navigation_menu(line: str) -> bool:
    """首页 机构概况 政务公开 互动交流 … : a row of short link labels starting from 首页."""
    items = [item for item in re.split(r"[\s|｜·•]+", line) if item]
    return (
        "首页" in items
        and len(items) >= 4
        and all(len(item) <= 8 for item in items)
        and not any(mark in line for mark in "，。；：")
    )


def _mark_tail_islands(lines: list[str], is_chrome: list[bool]) -> None:
    last_prose = max(
        (index for index, line in enumerate(lines) if not is_chrome[index] and _is_prose(line)),
        default=-1,
    )
    if last_prose < 0:
        return  # no prose at all: nothing marks where the document ends
    index = last_prose + 1
    while index < len(lines):
        if is_chrome[index]:
            index += 1
            continue
        end = index
        while end < len(lines) and not is_chrome[end]:
            end += 1
        bounded_above = index > 0 and is_chrome[index - 1]
        bounded_below = end == len(lines) or is_chrome[end]
        run = lines[index:end]
        if (
            bounded_above
            and bounded_below
            and len(run) <= _TAIL_ISLAND_MAX_LINES
            and all(len(line) <= _TAIL_ISLAND_MAX_CHARS and not _METADATA.search(line) for line in run)
        ):
            for position in range(index, end):
                is_chrome[position] = True
        index = end


def _is_prose(line: str) -> bool:
    return len(line) >= _PROSE_MIN_CHARS or line.endswith(_SENTENCE_END)


def _without_inline_chrome(line: str) -> str:
    if not _INLINE_CHROME.search(line):
        return line
    return re.sub(r"\s{2,}", " ", _INLINE_CHROME.sub(" ", line)).strip()
