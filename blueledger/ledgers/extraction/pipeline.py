"""Text → draft ledger: the order in which the readers of this package are applied."""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from blueledger.ledgers.extraction.deadlines import DeadlineMention, find_deadlines
from blueledger.ledgers.extraction.hardness import find_hardness_words, hardness_at
from blueledger.ledgers.extraction.headings import OutlineEntry, build_outline
from blueledger.ledgers.extraction.metadata import classify_kind, read_metadata
from blueledger.ledgers.extraction.metrics import METRIC_AFTER_CHARS, describe_metric
from blueledger.ledgers.extraction.model import (
    ExtractedLedger,
    ExtractedQuantity,
    ExtractedResponsibility,
    ExtractedTask,
    QuantityRole,
    TextSpan,
)
from blueledger.ledgers.extraction.quantities import QuantityMention, find_quantities
from blueledger.ledgers.extraction.responsibilities import (
    FIRST_LEADS,
    find_responsibilities,
    table_departments,
    task_index_at,
)
from blueledger.ledgers.extraction.review import quantity_review_flags
from blueledger.ledgers.extraction.roles import (
    PLANNED_KINDS,
    background_heading,
    default_role,
    heading_role,
    reports,
    sentence_role,
    sentence_vote,
)
from blueledger.ledgers.extraction.segments import Segments, segment
from blueledger.ledgers.extraction.tables import DEADLINE_HEADERS
from blueledger.lib.textnorm import NormalisedText, normalise

_YEAR = re.compile(r"(?<!\d)(\d{4})年")
# A multi-year plan (三年行动方案（2024—2026年）) speaks from its first year: its 年内 is that year's.
_YEAR_RANGE = re.compile(r"(?<!\d)(\d{4})年?\s*[—–\-~～至到]\s*\d{4}年")


def _years_in(text: str) -> list[int]:
    text = _YEAR_RANGE.sub(lambda match: f"{match.group(1)}年", text)
    return [int(year) for year in _YEAR.findall(text) if 1949 < int(year) < 2200]


def extract(text: str, *, source: str) -> ExtractedLedger:
    """Read a decoded work document into a draft ledger whose items carry spans into `ledger.text`."""
    normalised = normalise(text)
    body = normalised.text
    segments = segment(body)
    outline = build_outline(body)
    metadata = read_metadata(body)

    # A title broken over lines is joined (关于落实《…纲要》\n主要目标…的通知).
    title = (_written(normalised, metadata.title_span) or "").replace("\n", "") or None
    # A row number run into its row's text (…嘉兴港区8单位生产总值…) is no quantity.
    row_numbers = {entry.start for entry in outline if entry.row is not None}
    mentions = [mention for mention in find_quantities(body, segments) if mention.start not in row_numbers]
    votes = _votes(body, segments, mentions)
    top_level_titles = [body[entry.title_span.start : entry.title_span.end] for entry in outline
                        if entry.parent_key is None]
    kind = classify_kind(
        body[metadata.title_span.start : metadata.title_span.end].replace("\n", "") if metadata.title_span else None,
        top_level_titles,
        any(entry.row is not None for entry in outline),
        votes[:2],
    )
    title_text = body[metadata.title_span.start : metadata.title_span.end] if metadata.title_span else ""
    title_years = _years_in(title_text)
    document_year = max(title_years) if title_years else (metadata.date.year if metadata.date else None)

    # Per task: its role for numbers, the year its relative dates refer to, and a table row's due date.
    # A key names the latest entry so far that bears it: an annex or a second document restarts at 一、.
    latest_index_of_key: dict[str, int] = {}
    section_roles: list[QuantityRole] = []
    section_years: list[int | None] = []
    row_deadlines: list[DeadlineMention | None] = []
    base_role = default_role(kind)
    for entry in outline:
        entry_title = body[entry.title_span.start : entry.title_span.end]
        parent = latest_index_of_key.get(entry.parent_key) if entry.parent_key else None
        latest_index_of_key[entry.key] = len(section_roles)
        inherited_role = section_roles[parent] if parent is not None else base_role
        own_role = heading_role(entry_title) if entry.parent_key is None and entry.row is None else None
        if entry.row is None and background_heading(entry_title):
            own_role = "fact"
        section_roles.append(own_role or inherited_role)
        years = _years_in(entry_title)
        inherited_year = section_years[parent] if parent is not None else document_year
        section_years.append(max(years) if years else inherited_year)
        row_deadlines.append(_row_deadline(body, entry))

    starts = [entry.start for entry in outline]
    tasks = tuple(
        ExtractedTask(
            key=entry.key,
            title=_written(normalised, entry.title_span) or "",
            parent_key=entry.parent_key,
            deadline=_title_deadline(body, entry, section_years[index])
            or _resolved(row_deadlines[index], section_years[index]),
            span=entry.title_span,
        )
        for index, entry in enumerate(outline)
    )

    quantities = _quantities(
        normalised, segments, mentions, outline, starts, section_roles, section_years, row_deadlines, base_role,
        document_year, planned_kind=kind in PLANNED_KINDS, mixed_kind=kind == "mixed",
        reporting=votes[2],
    )
    responsibilities = _responsibilities(normalised, outline, starts)
    return ExtractedLedger(
        source=source,
        title=title,
        issuer=_written(normalised, metadata.issuer_span),
        date=metadata.date,
        kind=kind,
        tasks=tasks,
        quantities=quantities,
        responsibilities=responsibilities,
        text=body,
        title_span=metadata.title_span,
        issuer_span=metadata.issuer_span,
        date_span=metadata.date_span,
    )


SENTENCE_CUE_CHARS = 400


def _votes(body: str, segments: Segments, mentions: list[QuantityMention]) -> tuple[int, int, dict[int, bool]]:
    """How many sentences holding a quantity report (fact) and how many plan (target), by their own cues;
    and the sentences that plainly report (see `reports`), by their start, each with whether it compares
    with the same period (同比, which reports every number of its sentence)."""
    facts = targets = 0
    reporting: dict[int, bool] = {}
    last_sentence = -1
    for mention in mentions:
        start, end = segments.sentence_of(mention.start)
        if start == last_sentence:
            continue
        last_sentence = start
        sentence = body[start:end]
        vote = sentence_vote(sentence)
        facts += vote == "fact"
        targets += vote == "target"
        if vote == "fact" and reports(sentence):
            reporting[start] = "同比" in sentence
    return facts, targets, reporting


def _written(normalised: NormalisedText, span: TextSpan | None) -> str | None:
    if span is None:
        return None
    return normalised.original_slice(span.start, span.end)


# In a 完成时限 cell a bare month is already a due date: "12月底", "2024年6月".
_CELL_MONTH = re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:份)?(?:底|末)?")


def _row_deadline(body: str, entry: OutlineEntry) -> DeadlineMention | None:
    if entry.row is None:
        return None
    for cell in entry.row.cells:
        if DEADLINE_HEADERS.match(cell.header):
            cell_text = body[cell.span.start : cell.span.end]
            mentions = [mention for mention in find_deadlines(cell_text) if mention.kind != "bare"]
            if mentions:
                return mentions[0]
            month = _CELL_MONTH.search(cell_text)
            if month is not None:
                year = int(month.group("year")) if month.group("year") else None
                start, end = cell.span.start + month.start(), cell.span.start + month.end()
                return DeadlineMention(start, end, "ym", year, int(month.group("month")), None)
            mentions = find_deadlines(cell_text)
            if mentions:
                return mentions[0]
    return None


def _resolved(mention: DeadlineMention | None, year: int | None) -> datetime.date | None:
    return mention.resolve(year) if mention is not None else None


def _title_deadline(body: str, entry: OutlineEntry, year: int | None) -> datetime.date | None:
    title = body[entry.title_span.start : entry.title_span.end]
    # A heading's 今年 names the year it speaks of (今年经济社会发展的主要预期目标), not a due date.
    mentions = [mention for mention in find_deadlines(title)
                if mention.kind != "bare" and title[mention.start : mention.end] != "今年"]
    if mentions:
        return mentions[0].resolve(year)
    return None


def _quantities(
    normalised: NormalisedText,
    segments: Segments,
    mentions: list[QuantityMention],
    outline: list[OutlineEntry],
    starts: list[int],
    section_roles: list[QuantityRole],
    section_years: list[int | None],
    row_deadlines: list[DeadlineMention | None],
    base_role: QuantityRole,
    document_year: int | None,
    *,
    planned_kind: bool,
    mixed_kind: bool,
    reporting: dict[int, bool],
) -> tuple[ExtractedQuantity, ...]:
    body = normalised.text
    quantity_starts = tuple(mention.start for mention in mentions)
    hardness_words = find_hardness_words(body)
    deadlines = [mention for mention in find_deadlines(body)
                 if not (mention.kind == "bare" and segments.is_quoted(mention.start, mention.end))]
    deadline_starts = [mention.start for mention in deadlines]
    found: list[ExtractedQuantity] = []
    for position, mention in enumerate(mentions):
        task_index = task_index_at(starts, mention.start)
        task_key = outline[task_index].key if task_index >= 0 else None
        section_role = section_roles[task_index] if task_index >= 0 else base_role
        context_year = section_years[task_index] if task_index >= 0 else document_year
        sentence_start, sentence_end = segments.sentence_of(mention.start)
        clause_start, clause_end = segments.clause_of(mention.start)
        previous_end = mentions[position - 1].end if position > 0 else 0
        next_start = mentions[position + 1].start if position + 1 < len(mentions) else len(body)
        due = _sentence_deadline(deadlines, deadline_starts, mention.start, sentence_start, sentence_end)
        # A due date written before the number says the sentence plans it (年底前累计引进12个).
        due_before = due is not None and due.start < mention.start and due.resolve(context_year) is not None
        # The words that can set a number's role stand near it: reading at most SENTENCE_CUE_CHARS back keeps
        # a document that is one endless sentence linear.
        sentence_before = body[max(sentence_start, mention.start - SENTENCE_CUE_CHARS) : mention.start]
        compared = reporting.get(sentence_start)
        role = sentence_role(
            section_role,
            sentence_before,
            body[max(clause_start, previous_end) : mention.start],
            context_year,
            planned=planned_kind or due_before,
            # A report cue covers the numbers after it; 同比 covers its whole sentence.
            reports=compared is not None and not planned_kind and (compared or reports(sentence_before)),
        )
        deadline = None
        if role == "target":
            if due is None and task_index >= 0:
                due = row_deadlines[task_index]
            deadline = due.resolve(context_year) if due is not None else None
        metric = describe_metric(
            body,
            mention.start,
            mention.end,
            max(clause_start, previous_end),
            min(clause_end, next_start, mention.end + METRIC_AFTER_CHARS),
            mention.unit,
            found[-1].metric if found and found[-1].span.start >= sentence_start else None,
        )
        hardness = (
            hardness_at(body, mention.start, hardness_words, quantity_starts, segments) if role == "target" else None
        )
        flags = quantity_review_flags(
            role=role,
            # A heading, the sentence's own words or a cue near the number decided; else the document kind did.
            role_cued=not mixed_kind
            or role != section_role
            or section_role != base_role
            or sentence_vote(sentence_before) is not None,
            metric=metric,
            unit=mention.unit,
            number_adjacent=previous_end + 1 >= mention.start or next_start <= mention.end + 1,
            chinese_numeral=not any(character.isdigit() for character in body[mention.start : mention.end]),
            deadline_kind=due.kind if due is not None and deadline is not None else None,
            has_deadline=deadline is not None,
            has_hardness=hardness is not None,
        )
        found.append(
            ExtractedQuantity(
                task_key=task_key,
                role=role,
                metric=metric,
                value=mention.value,
                value_max=mention.value_max,
                unit=mention.unit,
                op=mention.op,
                hardness=hardness,
                deadline=deadline,
                quote=normalised.original_slice(mention.start, mention.end),
                span=TextSpan(mention.start, mention.end),
                review_flags=flags,
            )
        )
    return tuple(found)


def _sentence_deadline(
    deadlines: list[DeadlineMention], starts: list[int], position: int, sentence_start: int, sentence_end: int
) -> DeadlineMention | None:
    """The nearest due-date phrase before `position` in its sentence; one written after the number does not
    reach back to it."""
    before = bisect_right(starts, position) - 1
    while before >= 0 and deadlines[before].start >= sentence_start:
        if not deadlines[before].observed:
            return deadlines[before]
        before -= 1
    return None


@dataclass(frozen=True, slots=True)
class _Sections:
    """Per task: its parent's index, the end of its subtree, its number of children and its last child."""

    parent: list[int]
    end: list[int]
    children: list[int]
    last_child: list[int]


def _sections(outline: list[OutlineEntry]) -> _Sections:
    count = len(outline)
    parent, end = [-1] * count, [count] * count
    children, last_child = [0] * count, [-1] * count
    last_with_key: dict[str, int] = {}
    open_tasks: list[int] = []
    for index, entry in enumerate(outline):
        parent_index = last_with_key.get(entry.parent_key, -1) if entry.parent_key else -1
        while open_tasks and open_tasks[-1] != parent_index:
            end[open_tasks.pop()] = index
        parent[index] = parent_index
        if parent_index >= 0:
            children[parent_index] += 1
            last_child[parent_index] = index
        open_tasks.append(index)
        last_with_key[entry.key] = index
    return _Sections(parent, end, children, last_child)


def _covered_tasks(outline: list[OutlineEntry], sections: _Sections, index: int, indexes: list[int]) -> range:
    """The tasks a responsibility line under task `index` covers: that task alone, or — where the line
    follows the last of a section's items and no other item of the section names its own units (主办单位…
    协办单位… closing 一、) — the section heading and every task in it. `indexes` are the tasks of all
    responsibility findings, in order."""
    section = sections.parent[index] if index >= 0 and outline[index].row is None else -1
    if section < 0 or sections.children[section] < 2 or sections.last_child[section] != index:
        return range(index, index + 1)
    # Another finding between the section's heading and this line gives the items units of their own.
    first = bisect_left(indexes, section)
    if first < len(indexes) and indexes[first] < index:
        return range(index, index + 1)
    return range(section, sections.end[section])


def _responsibilities(
    normalised: NormalisedText, outline: list[OutlineEntry], starts: list[int]
) -> tuple[ExtractedResponsibility, ...]:
    body = normalised.text
    per_task: list[list[ExtractedResponsibility]] = [[] for _ in outline]
    every_task: list[tuple[str, TextSpan]] = []
    first_leads = FIRST_LEADS.search(body) is not None
    for index, entry in enumerate(outline):
        if entry.row is not None:
            for department in table_departments(body, entry.row, first_leads=first_leads):
                name = normalised.original_slice(department.name_span.start, department.name_span.end)
                per_task[index].append(
                    ExtractedResponsibility(entry.key, name, department.role, department.name_span)
                )
    findings = find_responsibilities(body)
    indexes = [task_index_at(starts, finding.position) for finding in findings]
    sections = _sections(outline)
    for finding, index in zip(findings, indexes, strict=True):
        covered_tasks = _covered_tasks(outline, sections, index, indexes) if finding.own_line else [index]
        for covered in covered_tasks:
            for department in finding.departments if covered >= 0 else ():
                name = normalised.original_slice(department.name_span.start, department.name_span.end)
                per_task[covered].append(
                    ExtractedResponsibility(outline[covered].key, name, department.role, department.name_span)
                )
    for finding in findings:
        for department in finding.every_task:
            span = department.name_span
            every_task.append((normalised.original_slice(span.start, span.end), span))
    ordered: list[ExtractedResponsibility] = []
    for index, entry in enumerate(outline):
        named = {item.department_name for item in per_task[index]}
        ordered.extend(per_task[index])
        for name, span in every_task:
            if name not in named:
                named.add(name)
                ordered.append(ExtractedResponsibility(entry.key, name, "support", span))
    return tuple(ordered)
