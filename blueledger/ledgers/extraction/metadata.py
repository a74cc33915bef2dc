"""Title, issuer, date and kind of a document, from its header, signature and title words.

Sources, strongest first. Issuer: a labelled field (发布单位, 发文机关, 单位名称), the signature (an
organisation line directly above a date line), an organisation line right under the title, the
organisation that opens the title (市海洋发展局2023年…). Date: 成文日期, then the signature date, then
发布日期. Web-page furniture (当前位置, 索引号, 点击次数 …) is never a title.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from itertools import pairwise

from blueledger.ledgers.extraction.model import DocumentKind, TextSpan
from blueledger.lib.cn_numbers import parse_chinese_numeral

_LINE = re.compile(r"^.*$", re.MULTILINE)
HEADER_LINES = 25
_CHROME = re.compile(
    r"当前位置|首页|^\s*>|索引号|发布单位|发布日期|成文日期|内容分类|公开方式|公开范围|有效性|点击|浏览|字体|打印|"
    r"时间[:：]|来源[:：]|文号|单位名称|主要负责人|联系人|联系电话|分享|关闭|扫一扫|政务网|^\s*附件|"
    r"\||今天是|星期[一二三四五六日天]|欢迎访问|欢迎您|\.(?:com|cn|net|org)\b|您所在的位置|您的位置|设为首页|返回|检索|^\s*(?:http|www\.)"
)
# Page chrome printed on the headline's own line (…开门红 发布日期:2019-04-24 信息来源:…): the headline ends there.
_CHROME_AFTER_TITLE = re.compile(r"[ \t\u3000]+(?:发布日期|发布时间|信息来源|文章来源|来源|浏览次数|时间)[ \t]*[:：]")
# A series tag before a headline (【奋进新征程 建功新时代】) is column chrome.
_SERIES_TAG = re.compile(r"^【[^】]{1,30}】")
# A title spoken of as "a colon and a list" (《规划》提出…任务:推进…、…) is prose, not a title.
_LONG_AFTER_COLON = re.compile(r"[:：][^:：]{20,}")
# A title broken over lines: a line that opens a book title without closing it, or opens with 关于 and
# has no kind word yet, goes on in the next short lines.
TITLE_CONTINUATION_LINES = 3
# Prose has begun once a line holds a sentence (a full stop or semicolon after its first PROSE_CHARS); after
# it only a line naming a document's kind (an attachment's title) can still be the title, not a subhead.
PROSE_CHARS = 30
# Longer lines are never titles and are not searched for one (keeps adversarial one-line inputs linear).
TITLE_LINE_CHARS = 200
# The last element of a breadcrumb (当前位置:首页 > 开放丹东) is a column name, also on a line of its own.
_BREADCRUMB = re.compile(r"(?:当前位置|您所在的位置|您的位置|所在位置)[:：]?(?P<path>[^\n>]{0,60}>[^\n]{0,120})")
# 《…规划2018-2030》(以下简称《规划》)，是江城区海洋与渔业局…编制的: a document naming itself and its author.
_SELF_REFERENCE = re.compile(
    r"《(?P<title>[^》\n]{4,60})》(?:[（(]以下简称[^)）\n]{0,12}[)）])?[，,]?(?:是|由)"
    r"(?P<org>[\u4e00-\u9fff]{2,20}?(?:局|委员会|委|办公室|政府|中心))[^。\n]{0,60}?编制"
)
_HEADING_START = re.compile(
    r"\s*(?:第[一二三四五六七八九十百\d]{1,4}(?:[章节]|部分)[ \u3000]"
    r"|[一二三四五六七八九十]{1,3}[、.]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|\d{1,2}[.、](?!\d)|第[一二三四五六七八九十百零〇\d]{1,5}条[ \u3000、:：])"
)
_TITLE_WORD_LIST = (
    r"总结|要点|思路|计划|打算|安排|方案|意见|通知|目标|报告|规划|办法|细则|决定|通报|函|清单|台账|任务|措施"
)
_TITLE_WORDS = re.compile(_TITLE_WORD_LIST)
_TITLE_WORD_END = re.compile(rf"(?:{_TITLE_WORD_LIST})(?:[（(][^）)]{{0,20}}[）)])?$")
_ORGANISATION = (
    r"[\u4e00-\u9fff（）()]{2,30}?"
    r"(?:局|委员会|委|办公室|办|厅|人民政府|政府|中心|管委会|集团|公司|协会|院|部门)"
)
_ORGANISATION_LINE = re.compile(rf"[ \t\u3000]*(?P<org>{_ORGANISATION})[ \t\u3000]*$")
# The author opening a title, also two bodies issuing together (中共阳江市委、阳江市人民政府关于…) and a
# news headline on a body's year plan (福州市海洋与渔业部门今年全力抓好…).
_TITLE_ORGANISATION = re.compile(
    r"(?P<org>[\u4e00-\u9fff（）()、]{2,40}?"
    r"(?:局|委员会|委|办公室|办|厅|人民政府|政府|中心|管委会|集团|公司|协会|院|部门))"
    r"(?=\d{4}|[一二]〇|关于|今年|明年)"
)
_LABELLED_ISSUER = re.compile(
    r"(?:发布单位|发文单位|发文机关|发布机构|发布部门|单位名称|来源单位)"
    r"[ \t]*[:：][ \t]*(?P<org>[^\s:：]{2,40})"
)
# 信息来源:荣成市人民政府 names the issuer when the value is a body; 来源:福州日报, 来源:某某网 never do.
_SOURCE_ISSUER = re.compile(rf"(?:信息来源|文章来源|来源)[ \t]*[:：][ \t]*(?P<org>{_ORGANISATION})(?=[\s]|$)")
# A date in Arabic digits, or in Chinese numerals (二〇二三年六月九日, 二00五年三月一日: zeros written either way).
_DATE_VALUE = (
    r"(?:(?P<y>\d{4})(?:-|/|\.|年)(?P<m>\d{1,2})(?:-|/|\.|月)(?P<d>\d{1,2})日?"
    r"|(?P<cy>[〇零○Ｏ0一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,3})月(?P<cd>[一二三四五六七八九十]{1,3})日)"
)
_YEAR_DIGITS = {character: str(value) for value, characters in enumerate(
    ("〇零○Ｏ0", "一", "二", "三", "四", "五", "六", "七", "八", "九")) for character in characters}
_WRITTEN_DATE = re.compile(rf"成文日期[ \t]*[:：]?[ \t]*{_DATE_VALUE}")
_PUBLISHED_DATE = re.compile(
    rf"(?:发布日期|发布时间|印发日期|发文日期|日期|时间)[ \t]*[:：]?[ \t]*{_DATE_VALUE}"
)
# A publication stamp: a date with its time of day (2014-04-03 15:04, 2010/10/27 10:05:37), as news pages print
# it under the headline; never a site's banner of today's date (今天是…星期四).
_STAMPED_DATE = re.compile(rf"(?<![今天是])(?<!\d){_DATE_VALUE}[ \t]+\d{{1,2}}:\d{{2}}(?!\S*[ \t]*星期)")
_SIGNATURE_DATE = re.compile(rf"[ \t\u3000]*{_DATE_VALUE}[ \t\u3000]*$")
# A date on its own line under the title, as speeches and reports print it: （2024年1月15日）.
_TITLE_DATE_LINE = re.compile(rf"[ \t\u3000]*[（(]?[ \t]*{_DATE_VALUE}[ \t]*[）)]?[ \t\u3000]*$")
_TARGET_TABLE_TITLE = re.compile(r"目标表|业务目标|目标任务表|指标表|目标责任书")
_SUMMARY = re.compile(r"总结")
_REPLY_TITLE = re.compile(r"答复|复函|年鉴")
# In a title, a report on how things went (前三季度渔业情况, 五年工作回顾) is a summary as well.
_SUMMARY_TITLE = re.compile(r"总结|情况|回顾|成效")
# 规划 makes a plan where it names the document (…滩涂规划2018-2030), not where a 方案 implements one.
_PLAN = re.compile(r"要点|计划|打算|思路|安排|今年(?!以来)|规划(?:纲要)?[（(]?(?:\d{4}[^\n]{0,12})?$")
# A notice that transmits a document (关于印发《…规划》的通知) is of the transmitted document's kind; any other
# book title inside a title (关于落实《…规划纲要》…分工的通知) names what it refers to, not what it is.
_TRANSMITTED = re.compile(r"(?:印发|转发|颁布)《(?P<inner>[^》]{2,80})》")
_BOOK_TITLE = re.compile(r"《[^》]{0,80}》")
_POLICY = re.compile(r"意见|方案|通知|办法|决定|细则|规定|措施")


@dataclass(frozen=True, slots=True)
class Metadata:
    title_span: TextSpan | None
    issuer_span: TextSpan | None
    date: datetime.date | None
    date_span: TextSpan | None


def _lines(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        if text[start:end].strip():
            spans.append((start, end))
            if limit is not None and len(spans) >= limit:
                break
    return spans


def _stripped(text: str, start: int, end: int) -> TextSpan:
    line = text[start:end]
    left = len(line) - len(line.lstrip(" \t\u3000"))
    right = len(line.rstrip(" \t\u3000"))
    return TextSpan(start + left, start + right)


def find_title(text: str) -> TextSpan | None:
    candidates: list[TextSpan] = []
    lines = _lines(text, HEADER_LINES)
    crumbs = {
        crumb.strip()
        for path in _BREADCRUMB.finditer(text, 0, lines[-1][1] if lines else 0)
        for crumb in path.group("path").split(">")
    }
    prose = False
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if line.find("。", PROSE_CHARS) >= 0 or line.find("；", PROSE_CHARS) >= 0:
            prose = True
            continue
        if len(line) > TITLE_LINE_CHARS:
            continue
        chrome_after = _CHROME_AFTER_TITLE.search(line)
        if chrome_after is not None and chrome_after.start() >= 4:
            end = start + chrome_after.start()
            line = text[start:end]
        series = _SERIES_TAG.match(line.strip())
        if series is not None:
            start = start + line.index(series.group()) + len(series.group())
            line = text[start:end]
        line = line.strip()
        if (
            _CHROME.search(line)
            or _HEADING_START.match(line)
            or "\t" in line
            or not 4 <= len(line) <= 80
            or any(mark in line for mark in "。，,；")
            or _LONG_AFTER_COLON.search(line)
            or line in crumbs
            or line[0] in "（("
        ):
            continue
        span = _stripped(text, start, end)
        if not _TITLE_WORD_END.search(line) and not _signature_line(text, start, end):
            span = _joined_title(text, span, lines[index + 1 : index + 1 + TITLE_CONTINUATION_LINES])
        if prose and not _TITLE_WORDS.search(text, span.start, span.end):
            continue
        candidates.append(span)
    for span in candidates:
        if _TITLE_WORDS.search(text, span.start, span.end):
            return span
    return candidates[0] if candidates else None


def _signature_line(text: str, start: int, end: int) -> bool:
    """An organisation's name or a date alone on its line, as a signature prints them."""
    return bool(_ORGANISATION_LINE.fullmatch(text, start, end) or _SIGNATURE_DATE.fullmatch(text, start, end))


def _joined_title(text: str, span: TextSpan, following: list[tuple[int, int]]) -> TextSpan:
    """A title broken over lines, up to the line that ends with a kind word (…分工的通知)."""
    end = span.end
    for start, line_end in following:
        line = text[start:line_end].strip()
        if (
            not line
            or len(line) > 40
            or any(mark in line for mark in "。，,；:：")
            or line[0] in "（("
            or _CHROME.search(line)
            or _signature_line(text, start, line_end)
        ):
            return span
        end = _stripped(text, start, line_end).end
        if _TITLE_WORD_END.search(line):
            return TextSpan(span.start, end)
    return span


def _date_of(match: re.Match[str]) -> datetime.date | None:
    groups = match.groupdict()
    try:
        if groups.get("y"):
            return datetime.date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
        year = int("".join(_YEAR_DIGITS[character] for character in groups["cy"]))
        month = parse_chinese_numeral(groups["cm"])
        day = parse_chinese_numeral(groups["cd"])
        if year is None or month is None or day is None:
            return None
        return datetime.date(year, month, day)
    except ValueError:
        return None


SPLIT_DATE_CHARS = 16
# A table that lost its separators may carry its title on the same line, before its 序号 header
# (—1—《…纲要》主要目标任务分解落实方案序号主要工作任务第一责任单位…).
_FLAT_TABLE_TITLE = re.compile(
    r"[ \t\u3000]*(?:[—\-]{1,2}\d{1,3}[—\-]{1,2})?(?P<title>[^\n。，,；;]{4,80}?)序号(?=主要|重点|工作|任务)"
)


def _signature(text: str) -> tuple[TextSpan | None, datetime.date | None, TextSpan | None]:
    """The last organisation line directly followed by a date line."""
    lines = _lines(text)
    found: tuple[TextSpan | None, datetime.date | None, TextSpan | None] = (None, None, None)
    for index, ((org_start, org_end), (date_start, date_end)) in enumerate(pairwise(lines)):
        date_match = _SIGNATURE_DATE.match(text, date_start, date_end)
        if date_match is None and index + 2 < len(lines) and date_end - date_start <= SPLIT_DATE_CHARS:
            # A date broken over two lines (2023年6月 / 9日): read the two lines as one.
            next_start, next_end = lines[index + 2]
            date_match = _SIGNATURE_DATE.fullmatch(text[date_start:date_end] + text[next_start:next_end])
            date_end = next_end if date_match is not None else date_end
        if date_match is None:
            continue
        org_match = _ORGANISATION_LINE.match(text, org_start, org_end)
        date = _date_of(date_match)
        if org_match is not None and date is not None:
            found = (TextSpan(*org_match.span("org")), date, _stripped(text, date_start, date_end))
            break
    return found


def _date_line_under(text: str, title: TextSpan | None) -> re.Match[str] | None:
    """A date line among the two lines right under the title."""
    if title is None:
        return None
    for start, end in [span for span in _lines(text, HEADER_LINES) if span[0] > title.end][:2]:
        match = _TITLE_DATE_LINE.match(text, start, end)
        if match is not None:
            return match
    return None


def read_metadata(text: str) -> Metadata:
    title = find_title(text)
    if title is None and (flat := _FLAT_TABLE_TITLE.match(text)) is not None:
        title = TextSpan(*flat.span("title"))
    self_reference = _SELF_REFERENCE.search(text, 0, 600) if title is None else None
    if self_reference is not None:
        title = TextSpan(*self_reference.span("title"))
    head = text[: title.end + 2000] if title else text[:3000]
    signature_issuer, signature_date, signature_date_span = _signature(text)

    issuer: TextSpan | None = TextSpan(*self_reference.span("org")) if self_reference is not None else None
    labelled = _LABELLED_ISSUER.search(head)
    if issuer is not None:
        pass
    elif labelled is not None:
        issuer = TextSpan(*labelled.span("org"))
    elif signature_issuer is not None:
        issuer = signature_issuer
    elif title is not None:
        following = [span for span in _lines(text, HEADER_LINES) if span[0] > title.end][:2]
        for start, end in following:
            org_line = _ORGANISATION_LINE.match(text, start, end)
            if org_line is not None:
                issuer = TextSpan(*org_line.span("org"))
                break
        if issuer is None:
            prefix = _TITLE_ORGANISATION.match(text, title.start, title.end)
            if prefix is not None:
                issuer = TextSpan(*prefix.span("org"))
    if issuer is None:
        source = _SOURCE_ISSUER.search(head)
        if source is not None:
            issuer = TextSpan(*source.span("org"))

    date: datetime.date | None = None
    date_span: TextSpan | None = None
    written = _WRITTEN_DATE.search(head)
    published = _PUBLISHED_DATE.search(head)
    if written is not None:
        date, date_span = _date_of(written), TextSpan(*written.span())
    elif signature_date is not None:
        date, date_span = signature_date, signature_date_span
    elif (under_title := _date_line_under(text, title)) is not None:
        date, date_span = _date_of(under_title), TextSpan(*under_title.span())
    elif published is not None:
        date, date_span = _date_of(published), TextSpan(*published.span())
    elif (stamped := _STAMPED_DATE.search(head)) is not None:
        date, date_span = _date_of(stamped), TextSpan(*stamped.span())
    return Metadata(title, issuer, date, date_span)


def classify_kind(
    title: str | None, top_level_titles: list[str], has_target_table: bool, votes: tuple[int, int] = (0, 0)
) -> DocumentKind:
    """plan, summary, mixed (a summary and a plan), targets (目标表) or policy (意见, 方案, 通知, 措施, 办法).

    Where neither the title nor the headings say, `votes` (sentences whose own cues say fact, target) do:
    a news item or yearbook entry that only reports is a summary; one that also sets as many targets as it
    reports is mixed.
    """
    title = title or ""
    transmitted = _TRANSMITTED.search(title)
    inner = transmitted.group("inner") if transmitted is not None else ""
    if _PLAN.search(inner) or _SUMMARY_TITLE.search(inner):
        title = inner
    else:
        title = _BOOK_TITLE.sub("", title)
    headings = " ".join(top_level_titles)
    facts, targets = votes
    if _REPLY_TITLE.search(title):
        # A reply to a deputy's proposal or a yearbook entry reports results, and may add this year's targets.
        return "mixed" if facts and targets else "summary"
    summary_in_title = bool(_SUMMARY_TITLE.search(title))
    plan_in_title = bool(_PLAN.search(title))
    if summary_in_title and plan_in_title:
        return "mixed"
    if summary_in_title:
        return "mixed" if _PLAN.search(headings) else "summary"
    if plan_in_title:
        return "mixed" if _SUMMARY.search(headings) or "完成情况" in headings else "plan"
    if _TARGET_TABLE_TITLE.search(title):
        return "targets"
    if _POLICY.search(title):
        return "policy"  # a 分解落实方案 may hold its tasks in a table
    if has_target_table:
        return "targets"
    if _SUMMARY.search(headings) and _PLAN.search(headings):
        return "mixed"
    if facts > 0 and targets == 0:
        return "summary"
    if facts > 0 and facts <= 2 * targets:
        return "mixed" if facts >= targets else "plan"
    if facts > 2 * targets:
        return "summary"
    return "plan"
