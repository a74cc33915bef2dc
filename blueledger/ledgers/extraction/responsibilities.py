"""Departments named as lead (牵头) or support (配合, 参与, 按职责分工负责…) of a task.

Read from four places: a parenthesised clause (市发改委牵头,市科技局、市工信局按职责分工负责), a labelled
line (责任单位:市海洋与渔业局牵头,市发改委配合; 牵头单位:…;配合单位:…, on one line or on two, with
semicolons or spaces between the labels), a sentence that does nothing but assign (由市海洋局牵头，市商务局
配合。 由市商务局负责。) and the department columns of a target table. A name may carry its own role in
brackets (责任单位:市海洋局(牵头)、市大数据局). A clause that says it holds for every task
(各项任务均需各县市区人民政府…落实,以下不再列出) adds its bodies to the support of every task of the
document, also when it shares its bracket with the task's own departments. Prose such as 推动形成市委海洋委
牵头抓总的工作格局 or 建立由市海洋局牵头的联席会议制度 describes a way of working, not an assignment, and is
not read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from blueledger.ledgers.extraction.model import ResponsibilityRole, TextSpan
from blueledger.ledgers.extraction.tables import TableRow

# One level of brackets may nest inside a clause: 各区(市)人民政府, 市海洋局(牵头).
_CLAUSE = re.compile(r"[（(](?P<body>(?:[^（）()\n]|[（(][^（）()\n]{1,20}[）)]){2,400})[）)]")
# 责任单位, 牵头部门, 配合单位, 主要责任单位, 协同处室…: the label of a department field.
_LABEL_WORDS = r"(?:主要|具体|第一)?(?:责任|牵头|配合|协办|参与|协同|承办|主办|主责)(?:单位|部门|处室)"
_LABELLED_LINE = re.compile(rf"^[ \t]*(?P<body>{_LABEL_WORDS}[ \t]*[:：][^\n]+)$", re.MULTILINE)
_ROLE_CUE = re.compile(r"牵头|负责|配合|参与|协办|协同|主办|主责|责任单位|责任部门")
_EVERY_TASK = re.compile(
    r"(?:各项|所有|全部|以上|上述)?(?:任务|工作)?(?:均需|均由|均要|均须|都需|都要)(?P<names>[^，,；;]+?)"
    r"(?:负责)?(?:组织实施|落实|实施|负责)[，,]?(?:以下|下同|后同|以下各项)?(?:均不再|不再)(?:一一)?列出"
)
# Pieces of a clause end at a comma, semicolon or full stop, or at a space before the next label
# (牵头单位：市海洋局 配合单位：市财政局).
_PIECE = re.compile(rf"(?:[^，,；;。 \t\u3000]|[ \t\u3000]+(?!{_LABEL_WORDS}[ \t]*[:：]))+")
# Any short label before a colon is no part of a name; its words give the role (牵头 lead, 配合 support).
_LABEL = re.compile(r"[\u4e00-\u9fff]{2,8}?[ \t]*[:：]")
_LEAD_LABEL_WORDS = ("牵头", "主办", "主责", "第一责任")
_SUPPORT_LABEL_WORDS = ("配合", "协办", "参与", "协同", "协助")
_LEAD_SUFFIX = re.compile(r"(?:(?:共同|联合)?牵头(?:负责|抓总)?|主办|主责)$")
_SUPPORT_SUFFIX = re.compile(
    r"(?:按职责分工负责|按照职责分工负责|按职能分工负责|按职责负责|分工负责|共同负责|负责|配合|参与|协同|协助|协办)$"
)
# A name may hold a bracket with its own 、: 各县(市、区)政府.
_NAME = re.compile(r"(?:[^、(（]|[(（][^)）、]{0,20}(?:、[^)）、]{1,20})*[)）]|[(（])+")
_TRAILING_BRACKET = re.compile(r"[（(][^（）()]{2,20}[）)]$")
_LEAD_MARK = re.compile(r"[（(〔](?:牵头|牵头单位|牵头负责)[）)〕]$")
# A sentence that only assigns: 由市海洋局牵头，市商务局、市交通局配合。 or 由市商务局负责。
_ASSIGNMENT_SENTENCE = re.compile(
    r"由?(?:(?P<lead>[^，,。；;：:\n由]{2,80}?)(?:共同|联合)?牵头(?:负责)?"
    r"(?:[，,](?P<support>[^，,。；;：:\n]{2,160}?)"
    r"(?:按职责分工负责|按照职责分工负责|按职能分工负责|分工负责|共同负责|配合|参与|协同|协助|协办))?"
    r"|(?P<responsible>[^，,。；;：:\n由]{2,160}?)(?:按职责分工负责|按照职责分工负责|分工负责|共同负责|负责))"
    r"[。；;]?"
)
_ASSIGNMENT_WORDS = ("牵头", "负责")
_SENTENCE_STARTS = "。！？!?\n"
_SENTENCE_ENDS = "。；;\n"
_ENDS_AFTER_LEAD = "，,。；;\n"
ASSIGNMENT_SENTENCE_CHARS = 200
_ORGANISATION_END = re.compile(
    r"(?:局|委|办|厅|部|院|所|中心|政府|管委会|委员会|公司|集团|行|会|站|队|处|室|部门|单位|海关|大学|学校|医院|街道|镇|乡"
    r"|开发区|港区|新区|园区)$"
)


@dataclass(frozen=True, slots=True)
class NamedDepartment:
    """A department as written at `span`, with the role its clause gives it."""

    name_span: TextSpan
    role: ResponsibilityRole


@dataclass(frozen=True, slots=True)
class ResponsibilityFinding:
    """Departments of one clause; `every_task` ones belong to every task of the document."""

    position: int
    departments: tuple[NamedDepartment, ...]
    every_task: tuple[NamedDepartment, ...]
    # Written on a line of its own (责任单位：…), which may close a whole section rather than one item.
    own_line: bool = False


def _names(text: str, start: int, end: int, role: ResponsibilityRole) -> Iterator[NamedDepartment]:
    for match in _NAME.finditer(text, start, end):
        name_start, name_end = match.span()
        # A mark before a name (*市建设局) flags it for a legend the excerpt may lack; it is no part of it.
        while name_start < name_end and text[name_start] in " \t由*＊※★":
            name_start += 1
        while name_end > name_start and text[name_end - 1] in " \t":
            name_end -= 1
        if name_end > name_start and text[name_end - 1] == "等":
            name_end -= 1
        name_role = role
        lead_mark = _LEAD_MARK.search(text, name_start, name_end)
        if lead_mark is not None and lead_mark.start() > name_start:
            name_end, name_role = lead_mark.start(), "lead"
        # 市发展改革委（市能源局）: the bracket names the same body by another of its names; the name is
        # kept as written, bracket included, and its first part must name an organisation.
        bracket = _TRAILING_BRACKET.search(text, name_start, name_end)
        body_end = bracket.start() if bracket is not None and bracket.start() > name_start else name_end
        name = text[name_start:name_end]
        if 2 <= len(name) <= 40 and _ORGANISATION_END.search(text, name_start, body_end):
            yield NamedDepartment(TextSpan(name_start, name_end), name_role)


def read_departments(
    text: str, start: int, end: int, default_role: ResponsibilityRole = "support"
) -> list[NamedDepartment]:
    """Departments of a responsibility clause or cell at [start, end), by their role words."""
    found: list[NamedDepartment] = []
    for piece in _PIECE.finditer(text, start, end):
        piece_start, piece_end = piece.span()
        body = piece.group()
        role: ResponsibilityRole = default_role
        labelled = _LABEL.match(body)
        if labelled is not None:
            label = labelled.group()
            if any(word in label for word in _LEAD_LABEL_WORDS):
                role = "lead"
            elif any(word in label for word in _SUPPORT_LABEL_WORDS):
                role = "support"
            piece_start += labelled.end()
            body = body[labelled.end() :]
        lead = _LEAD_SUFFIX.search(body)
        support = _SUPPORT_SUFFIX.search(body)
        if lead is not None:
            role, piece_end = "lead", piece_start + lead.start()
        elif support is not None:
            role, piece_end = "support", piece_start + support.start()
        found.extend(_names(text, piece_start, piece_end, role))
    return found


def find_responsibilities(text: str) -> list[ResponsibilityFinding]:
    """Every responsibility clause and labelled line of `text`, in order."""
    findings: list[ResponsibilityFinding] = []
    first_leads = FIRST_LEADS.search(text) is not None
    for match in [*_CLAUSE.finditer(text), *_LABELLED_LINE.finditer(text)]:
        body_start, body_end = match.span("body")
        if not _ROLE_CUE.search(text, body_start, body_end):
            if (
                _closes_paragraph(text, match)
                and match.group().startswith(("(", "（"))
                and _NO_NAME_CHARACTER.search(text, body_start, body_end) is None
            ):
                bare = list(_names(text, body_start, body_end, "support"))
                if bare and len(bare) == text.count("、", body_start, body_end) + 1:
                    if len(bare) == 1 or first_leads:
                        bare[0] = NamedDepartment(bare[0].name_span, "lead")
                    findings.append(ResponsibilityFinding(match.start(), tuple(bare), ()))
            continue
        every: list[NamedDepartment] = []
        every_task = _EVERY_TASK.search(text, body_start, body_end)
        own_end = body_end
        if every_task is not None:
            every = list(_names(text, *every_task.span("names"), "support"))
            own_end = every_task.start()
        own = unmarked_list(text, body_start, own_end, first_leads=first_leads)
        if own or every:
            own_line = match.re is _LABELLED_LINE
            findings.append(ResponsibilityFinding(match.start(), tuple(own), tuple(every), own_line))
    findings.extend(_assignment_sentences(text))
    # The every-task sentence may also stand on its own, outside any bracket.
    seen = {department.name_span for finding in findings for department in finding.every_task}
    for every_task in _EVERY_TASK.finditer(text) if "列出" in text else ():
        named = _names(text, *every_task.span("names"), "support")
        names = [name for name in named if name.name_span not in seen]
        if names:
            findings.append(ResponsibilityFinding(every_task.start(), (), tuple(names)))
    findings.sort(key=lambda finding: finding.position)
    return findings


# Digits and Latin letters (5G基站, 30万吨) never occur in a bare list of unit names.
_NO_NAME_CHARACTER = re.compile(r"[0-9A-Za-z%]")
# A bracket that closes its paragraph: …建设（市发改委）。 at the end of a line.
_PARAGRAPH_END = re.compile(r"[。；;]?[ \t\u3000]*(?:\n|$)")


def _closes_paragraph(text: str, match: re.Match[str]) -> bool:
    """True where a bracket stands after some text and nothing but a stop follows it on its line."""
    return match.start() > 0 and text[match.start() - 1] != "\n" and bool(_PARAGRAPH_END.match(text, match.end()))


def _assignment_sentences(text: str) -> list[ResponsibilityFinding]:
    """Sentences such as 由市海洋局牵头，市商务局配合。 whose every name before 牵头 or 负责 is a department."""
    found: dict[int, ResponsibilityFinding] = {}
    for word in _ASSIGNMENT_WORDS:
        position = text.find(word)
        while position >= 0:
            after = position + len(word)
            if text.startswith("负责", after):
                after += 2
            # 牵头 is followed by the support clause or the sentence's end; 负责 ends the sentence.
            if after == len(text) or text[after] in (_ENDS_AFTER_LEAD if word == "牵头" else _SENTENCE_ENDS):
                _read_assignment(text, position, found)
            position = text.find(word, after)
    return list(found.values())


def _read_assignment(text: str, position: int, found: dict[int, ResponsibilityFinding]) -> None:
    floor = max(0, position - ASSIGNMENT_SENTENCE_CHARS)
    start = max(text.rfind(mark, floor, position) for mark in _SENTENCE_STARTS) + 1
    if start == 0 and floor > 0:
        return  # longer than any sentence that only assigns
    while start < position and text[start] in " \t\u3000":
        start += 1
    ceiling = position + ASSIGNMENT_SENTENCE_CHARS
    ends = [end for end in (text.find("。", position, ceiling) + 1, text.find("\n", position, ceiling)) if end > 0]
    end = min(ends) if ends else min(len(text), ceiling)
    match = _ASSIGNMENT_SENTENCE.fullmatch(text, start, end)
    if match is None or start in found:
        return
    departments = _all_departments(text, match, "lead") or _all_departments(text, match, "responsible")
    if departments and match.group("support"):
        # Bodies such as 各区市 are no departments; the lead stands without them.
        departments += _names(text, *match.span("support"), "support")
    if departments:
        found[start] = ResponsibilityFinding(start, tuple(departments), ())


def _all_departments(text: str, match: re.Match[str], group: str) -> list[NamedDepartment]:
    """The departments of a group of `match`, or none unless every name in it is one."""
    if match.group(group) is None:
        return []
    start, end = match.span(group)
    role: ResponsibilityRole = "lead" if group == "lead" else "support"
    named = list(_names(text, start, end, role))
    return named if len(named) == text.count("、", start, end) + 1 else []


def table_departments(text: str, row: TableRow, *, first_leads: bool = False) -> list[NamedDepartment]:
    """Departments named in a table row's 牵头单位 / 配合单位 / 责任单位 cells.

    A 责任单位 cell without role words names its lead when it holds one unit; several are all support,
    unless the document says the first listed leads (`first_leads`).
    """
    found: list[NamedDepartment] = []
    for cell in row.cells:
        if cell.header.startswith(("牵头", "主办", "第一责任", "主责")):
            found.extend(read_departments(text, cell.span.start, cell.span.end, "lead"))
        elif cell.header.startswith(("配合", "协办", "参与", "协同", "主要责任")):
            found.extend(read_departments(text, cell.span.start, cell.span.end, "support"))
        elif cell.header.startswith(("责任", "承办")):
            found.extend(unmarked_list(text, cell.span.start, cell.span.end, first_leads=first_leads))
    return found


# Role words inside a list of departments: where none occurs, the list's length decides (see unmarked_list).
_ROLE_WORD = re.compile(r"牵头|主办|主责|负责|配合|协办|参与|协同|协助")
# 排在第一位的为牵头单位: a document's legend saying the first unit of each list leads.
FIRST_LEADS = re.compile(r"(?:排在?|列)(?:第一位|首位|第一)的?(?:单位)?(?:为|是)牵头")


def unmarked_list(text: str, start: int, end: int, *, first_leads: bool = False) -> list[NamedDepartment]:
    """Departments of a responsibility list; one with no role word names a lead when it holds a single
    unit and is all support when it holds several (the first leads where the document says so)."""
    named = read_departments(text, start, end, "support")
    if named and not _ROLE_WORD.search(text, start, end):
        if len(named) == 1 or first_leads:
            named[0] = NamedDepartment(named[0].name_span, "lead")
    return named


def task_index_at(starts: list[int], position: int) -> int:
    """Index of the task whose region holds `position`, or -1 before the first task."""
    return bisect_right(starts, position) - 1
