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
    r"时间[:：]|来源[:：]|文号|单位名称|主要负责人|联系人|联系电话|分享|关闭|扫一扫|政务网|^\s*附件"
)
_HEADING_START = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}[、.]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|\d{1,2}[.、](?!\d)|第[一二三四五六七八九十百零〇\d]{1,5}条[ \u3000、:：])"
)
_TITLE_WORDS = re.compile(
    r"总结|要点|思路|计划|打算|安排|方案|意见|通知|目标|报告|规划|办法|细则|决定|通报|函|清单|台账|任务|措施"
)
_ORGANISATION = (
    r"[\u4e00-\u9fff（）()]{2,30}?"
    r"(?:局|委员会|委|办公室|办|厅|人民政府|政府|中心|管委会|集团|公司|协会|院)"
)
_ORGANISATION_LINE = re.compile(rf"[ \t\u3000]*(?P<org>{_ORGANISATION})[ \t\u3000]*$")
_TITLE_ORGANISATION = re.compile(rf"(?P<org>{_ORGANISATION})(?=\d{{4}}|[一二]〇|关于)")
_LABELLED_ISSUER = re.compile(
    r"(?:发布单位|发文单位|发文机关|发布机构|发布部门|单位名称|来源单位)"
    r"[ \t]*[:：][ \t]*(?P<org>[^\s:：]{2,40})"
)
_DATE_VALUE = (
    r"(?P<y>\d{4})(?:-|/|\.|年)(?P<m>\d{1,2})(?:-|/|\.|月)(?P<d>\d{1,2})日?"
)
_WRITTEN_DATE = re.compile(rf"成文日期[ \t]*[:：][ \t]*{_DATE_VALUE}")
_PUBLISHED_DATE = re.compile(rf"(?:发布日期|发布时间|印发日期|发文日期|日期)[ \t]*[:：][ \t]*{_DATE_VALUE}")
_SIGNATURE_DATE = re.compile(
    rf"[ \t\u3000]*(?:{_DATE_VALUE}"
    r"|(?P<cy>[〇零一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,2})月"
    r"(?P<cd>[一二三四五六七八九十]{1,3})日)[ \t\u3000]*$"
)
# A date on its own line under the title, as speeches and reports print it: （2024年1月15日）.
_TITLE_DATE_LINE = re.compile(rf"[ \t\u3000]*[（(]?[ \t]*{_DATE_VALUE}[ \t]*[）)]?[ \t\u3000]*$")
_TARGET_TABLE_TITLE = re.compile(r"目标表|业务目标|目标任务表|指标表|目标责任书")
_SUMMARY = re.compile(r"总结")
_PLAN = re.compile(r"要点|计划|打算|思路|安排|规划|今年(?!以来)")
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
    for start, end in _lines(text, HEADER_LINES):
        line = text[start:end].strip()
        if (
            _CHROME.search(line)
            or _HEADING_START.match(line)
            or "\t" in line
            or not 4 <= len(line) <= 80
            or any(mark in line for mark in "。，,；")
        ):
            continue
        candidates.append(_stripped(text, start, end))
    for span in candidates:
        if _TITLE_WORDS.search(text, span.start, span.end):
            return span
    return candidates[0] if candidates else None


def _date_of(match: re.Match[str]) -> datetime.date | None:
    groups = match.groupdict()
    try:
        if groups.get("y"):
            return datetime.date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
        year = parse_chinese_numeral(groups["cy"])
        month = parse_chinese_numeral(groups["cm"])
        day = parse_chinese_numeral(groups["cd"])
        if year is None or month is None or day is None:
            return None
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _signature(text: str) -> tuple[TextSpan | None, datetime.date | None, TextSpan | None]:
    """The last organisation line directly followed by a date line."""
    lines = _lines(text)
    found: tuple[TextSpan | None, datetime.date | None, TextSpan | None] = (None, None, None)
    for (org_start, org_end), (date_start, date_end) in pairwise(lines):
        date_match = _SIGNATURE_DATE.match(text, date_start, date_end)
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
    head = text[: title.end + 2000] if title else text[:3000]
    signature_issuer, signature_date, signature_date_span = _signature(text)

    issuer: TextSpan | None = None
    labelled = _LABELLED_ISSUER.search(head)
    if labelled is not None:
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
    if _PLAN.search(inner) or _SUMMARY.search(inner):
        title = inner
    else:
        title = _BOOK_TITLE.sub("", title)
    headings = " ".join(top_level_titles)
    summary_in_title = bool(_SUMMARY.search(title))
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
    facts, targets = votes
    if facts > 0 and targets == 0:
        return "summary"
    if facts > 0 and facts <= 2 * targets:
        return "mixed" if facts >= targets else "plan"
    if facts > 2 * targets:
        return "summary"
    return "plan"
