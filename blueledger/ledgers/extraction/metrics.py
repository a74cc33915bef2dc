"""A short readable name for what a quantity counts, from the words around it.

The name joins the words before the number in its clause (the verb and noun: 新签约海洋项目) and, for
a measure word, the noun after it (引进1-2个海洋生物医药重点项目 → 引进海洋生物医药重点项目), with
hardness, comparison and due-date words left out. It is a reviewer's label, not a parsed fact.

A number whose own words only relate it to the one before it in the sentence takes that one's name:
同比增长6.2% after 总产值86.5亿元 is 总产值同比增长, 累计达到9处 after 新增示范区1处 is 累计示范区, and the
second of 订单18艘、约126万载重吨 is 订单 again. A class listed after another keeps the words in front of the
first one: in 新签约过50亿元项目5个、过30亿元项目10个 the second is 新签约过30亿元项目.
"""

from __future__ import annotations

import re

from blueledger.lib.units import is_count_unit

_NOISE = re.compile(
    r"[，,、；;：:。\s“”\"]|[一二三四五六七八九十]+是|[（(]\d{1,2}[）)]|[①-⑳]|其中|同时|共计|力争|争取|确保|必须|坚决|务必|积极|努力|全力|年内|全年|年底前|"
    r"到\d{4}年|\d{4}年(?:年?底|年?末)?(?:前|之前)?|\d{1,2}月(?:份)?(?:底|末)?(?:前|之前)|不低于|不少于|至少|不超过|不高于|不多于|不大于|超过|突破|提高到|增加到|控制在|最高可达|最高|最多|上限为|"
    r"达到|大约|接近|各|左右"
)
_TRAILING_VERB = re.compile(r"(?:达到|达|为|约|近|共|了|到|的)+$")
# Words that relate a number to the one named before it: 同比增长, 较上年压减, 占年度计划.
_RELATION = re.compile(r"^(?:同比|较上年|比上年|较去年|比去年|占)")
_CUMULATIVE = "累计"
# The action of the earlier number is not the running total's: 新增示范区1处，累计达到9处.
_LEADING_ACTION = re.compile(r"^(?:新增|新建|新创建|创建|建成|新引进|引进|完成|实现|培育|打造)")
_LEADING_AFTER = re.compile(r"^(?:及以上|以上|以下|以内|左右|上下|的)+")
# A class of things named by its size (过50亿元, 超10亿元, 50亿元以上), as listed one after another.
_SIZE_CLASS = re.compile(r"(?:过|超过|超)\d+(?:\.\d+)?[万亿]?元|\d+(?:\.\d+)?[万亿]?元以上")
_AFTER_END = re.compile(r"[，,、；;：:。\n（(和及]")
METRIC_BEFORE_CHARS = 24
METRIC_AFTER_CHARS = 16
BARE_VERB_CHARS = 4


def describe_metric(
    text: str,
    start: int,
    end: int,
    context_start: int,
    context_end: int,
    unit: str,
    previous: str | None = None,
) -> str:
    """Name the quantity at [start, end) from the words in [context_start, context_end) around it.

    `previous` is the name of the number before it in the same sentence, if there is one.
    """
    before = _NOISE.sub("", text[context_start:start])
    before = _TRAILING_VERB.sub("", before)[-METRIC_BEFORE_CHARS:]
    after = ""
    # A bare verb (完成1000亩滩涂整治) needs the noun that follows it to say what is measured.
    if is_count_unit(unit) or len(before) < BARE_VERB_CHARS:
        stop = _AFTER_END.search(text, end, context_end)
        after = text[end : stop.start() if stop else context_end]
        after = _LEADING_AFTER.sub("", after)[:METRIC_AFTER_CHARS]
    metric = (before + after).strip()
    if previous:
        if not metric:
            return previous
        if metric == _CUMULATIVE:
            return _CUMULATIVE + _LEADING_ACTION.sub("", previous)
        if _RELATION.match(metric):
            return previous + metric
        first_class = _SIZE_CLASS.search(previous)
        if first_class is not None and first_class.start() > 0 and _SIZE_CLASS.match(metric):
            return previous[: first_class.start()] + metric
    return metric or unit
