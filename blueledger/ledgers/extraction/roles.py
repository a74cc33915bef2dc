"""Target or fact: is a number what the text plans, or what it reports as done?

The section decides first: under a top-level heading of a summary (工作总结, 完成情况) numbers are facts,
under a plan heading (工作打算, 工作要点, 主要任务) targets; without one, the document's kind decides.
The sentence can overrule: in a summary, 预计到2025年/2025年底前 (a year after the one reported)/将建成/
力争 make what follows a target; in a plan, 现有/截至/累计/已建成 or a year before the plan's own make a
number a fact.

Two cues depend on what the sentence plans. 累计 is a running total: reported in a summary, but aimed at
where the sentence sets a due date (2025年底前累计建成5座), counts a span ahead (三年累计放流15亿单位) or the
whole document is a target table or a policy — unless it counts up to now (目前累计, 近年来累计).
比上年/较上年 names the baseline of a change, not a past figure: 比上年压减20% is a target in a plan. And
in a summary, 争取 with funding as its object (争取上级资金3860万元) reports money obtained, not an aim.
"""

from __future__ import annotations

import re

from blueledger.ledgers.extraction.model import DocumentKind, QuantityRole

_FACT_HEADING = re.compile(r"总结|完成情况|回顾|成效|进展情况|工作情况|开展情况|主要成绩|取得")
# A background section of a plan or a policy (一、基本形势, 第一节 发展基础, 现状) reports what exists: at any
# level of the outline its numbers are facts.
_BACKGROUND_HEADING = re.compile(r"形势$|现状|发展基础|发展背景|基本情况|概况|^前言$")
_PLAN_HEADING = re.compile(r"打算|要点|计划|思路|安排|目标|任务|举措|措施|部署|展望")
# Each cue pattern opens with a class of its alternatives' first characters, so that the engine skips the
# offsets where none can begin (these run on every number's sentence).
_TARGET_CUE = re.compile(
    r"(?=[力争确目将到至预全明下])(?:力争|争取|确保|目标是|目标为|将(?=建成|实现|达到|完成|新增|形成|建设|突破|新建)|(?:到|至)(?P<year>\d{4})年"
    # 预计 of a period still to come in a report (预计年产量可达…, 全年产量预计超过…); 预计 of the period
    # reported (预计一季度完成…) stays a fact.
    r"|预计(?=[^，,。；;]{0,6}?(?:全年|年产|年底|年末|明年|下半年|今后))|(?:全年|明年|下半年)[^，,。；;]{0,12}?预计)"
)
# A due date with its year (2025年底前, 2025年6月前): in a summary, a later year than the one reported
# makes the sentence a plan, as 到2025年 does.
_DUE_BY_YEAR = re.compile(r"(?=[0-9])(?P<year>\d{4})年(?:\d{1,2}月(?:\d{1,2}日)?份?)?(?:年?底|年?末)?(?:前|之前|以前)")
_FACT_CUE = re.compile(
    r"(?=[现截累已完比较去上同])(?:现有|截至|截止|(?P<cumulative>累计)|(?<![而得自])已(?=[\u4e00-\u9fff])|完成了"
    r"|(?P<baseline>[比较](?:上年|去年))|去年|上年|同比)"
)
# A running total counted up to now is observed whatever the sentence plans next: 目前累计建成12处.
_UP_TO_NOW = re.compile(r"(?=[目至迄以年])(?:目前|至今|迄今|以来|年来)")
# 三年累计, 5年内累计: a span ahead (not 近三年累计, 过去五年累计, 五年来累计).
_SPAN_AHEAD = re.compile(r"(?<![近去\d一二两三四五六七八九十])(?:[一二两三四五六七八九十]{1,3}|\d{1,2})年内?累计")
# 争取 whose object is money: what is sought is the funding, not the count or amount that follows.
_FUNDING_SOUGHT = re.compile(r"[^，,；;。]*?(?:资金|经费|补助|补贴|奖补|债券|基金)")
_OBSERVED_AT = re.compile(r"截至|截止")
_PAST_YEAR = re.compile(r"(?=[0-9])(?<![\d到至较比])(?P<year>\d{4})年(?!度|以来)")

FACT_KINDS: frozenset[DocumentKind] = frozenset({"summary", "mixed"})
# Documents whose every sentence sets or demands something: a 累计 there is a running total aimed at.
PLANNED_KINDS: frozenset[DocumentKind] = frozenset({"targets", "policy"})


def heading_role(title: str) -> QuantityRole | None:
    """The role a top-level heading sets for its section, if its words say."""
    if _FACT_HEADING.search(title):
        return "fact"
    if _PLAN_HEADING.search(title):
        return "target"
    return None


def background_heading(title: str) -> bool:
    """True where a heading at any level opens a background section (基本形势, 发展现状)."""
    return bool(_BACKGROUND_HEADING.search(title.replace(" ", "")))


# Sentence cues counted over a whole document to tell a report from a plan where no title word says.
_VOTE_TARGET = re.compile(
    r"(?=[力确争目计预到至将要])"
    r"(?:力争|确保|争取|目标是|目标为|计划|预计|(?:到|至)\d{4}年|将(?![^，,。；;]{0,20}以来)|(?<![主重需必只纲摘提简概])要)"
)
_VOTE_FACT = re.compile(
    r"(?=[同截累已了今以目先比较现])"
    r"(?:同比|截至|截止|累计|(?<![而得自])已|(?<![为除])了|今年以来|以来|目前|先后|比上年|比去年|较上年|较去年|现有|现辖)"
)


def sentence_vote(sentence: str) -> QuantityRole | None:
    """The role a sentence's own words give all its numbers, where only one kind of cue occurs."""
    target, fact = bool(_VOTE_TARGET.search(sentence)), bool(_VOTE_FACT.search(sentence))
    if target == fact:
        return None
    return "target" if target else "fact"


# Cues that make a whole sentence a report even inside a plan, where it names no aim at all: 截至…, 目前…,
# 今年以来…, 先后…, 建成了…, 同比增长….
_REPORTED = re.compile(r"(?=[截目以先了同])(?:截至|截止|目前|以来|先后|(?<![为除])了|同比)")


def reports(sentence: str) -> bool:
    """True where a sentence reports by its own words (and sentence_vote found no aim in it)."""
    return bool(_REPORTED.search(sentence))


def default_role(kind: DocumentKind) -> QuantityRole:
    return "fact" if kind in FACT_KINDS else "target"


def sentence_role(
    section_role: QuantityRole,
    sentence_before: str,
    clause_before: str,
    context_year: int | None,
    *,
    planned: bool = False,
    reports: bool = False,
) -> QuantityRole:
    """Overrule the section's role where the words before the number, in its sentence, say otherwise.

    `clause_before` runs from the start of the clause, or from the previous number in it, to this one:
    现有 in 在现有12处基础上新增2处 marks 12处 as existing, not 2处. `planned` says the sentence sets a due
    date before the number or the document is a target table or a policy. `reports` says the whole
    sentence reports by its own cues and states no aim (目前全市建成平台12个，同比增长20%).
    """
    if section_role == "fact":
        for cue in _TARGET_CUE.finditer(sentence_before):
            if cue.group() == "争取" and _FUNDING_SOUGHT.match(sentence_before, cue.end()):
                continue
            year = cue.group("year")
            if year is None or context_year is None or int(year) > context_year:
                return "target"
        if context_year is not None and any(
            int(due.group("year")) > context_year for due in _DUE_BY_YEAR.finditer(sentence_before)
        ):
            return "target"
        return "fact"
    if reports:
        return "fact"
    planned = planned and not _UP_TO_NOW.search(sentence_before)
    if _has_fact_cue(clause_before, planned) and not _TARGET_CUE.search(clause_before):
        return "fact"
    if _TARGET_CUE.search(sentence_before):
        return "target"
    if _OBSERVED_AT.search(sentence_before):
        return "fact"
    if context_year is not None:
        for past in _PAST_YEAR.finditer(sentence_before):
            if int(past.group("year")) < context_year:
                return "fact"
    return "target"


def _has_fact_cue(clause_before: str, planned: bool) -> bool:
    for cue in _FACT_CUE.finditer(clause_before):
        if cue.group("baseline"):
            continue
        if cue.group("cumulative") and (planned or _SPAN_AHEAD.search(clause_before, 0, cue.end())):
            continue
        return True
    return False
