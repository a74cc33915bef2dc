"""A short readable name for what a quantity counts, from the words around it.

The name joins the words before the number in its clause (the verb and noun: 新签约海洋项目) and, for
a measure word, the noun after it (引进1-2个海洋生物医药重点项目 → 引进海洋生物医药重点项目), with
hardness, comparison and due-date words left out. It is a reviewer's label, not a parsed fact.
"""

from __future__ import annotations

import re

from blueledger.lib.units import is_count_unit

_NOISE = re.compile(
    r"[，,、；;：:。\s“”\"]|[一二三四五六七八九十]+是|[（(]\d{1,2}[）)]|[①-⑳]|其中|同时|共计|力争|争取|确保|必须|坚决|务必|积极|努力|全力|年内|全年|年底前|"
    r"到\d{4}年|\d{4}年(?:年?底|年?末)?(?:前|之前)?|\d{1,2}月(?:份)?(?:底|末)?(?:前|之前)|不低于|不少于|至少|超过|突破|提高到|增加到|控制在|最高可达|最高|最多|上限为|达到|大约|接近|各|左右"
)
_TRAILING_VERB = re.compile(r"(?:达到|达|为|约|近|共|了|到)+$")
_LEADING_AFTER = re.compile(r"^(?:及以上|以上|以下|以内|左右|上下|的)+")
_AFTER_END = re.compile(r"[，,、；;：:。\n（(和及]")
METRIC_BEFORE_CHARS = 24
METRIC_AFTER_CHARS = 16
BARE_VERB_CHARS = 4


def describe_metric(text: str, start: int, end: int, context_start: int, context_end: int, unit: str) -> str:
    """Name the quantity at [start, end) from the words in [context_start, context_end) around it."""
    before = _NOISE.sub("", text[context_start:start])
    before = _TRAILING_VERB.sub("", before)[-METRIC_BEFORE_CHARS:]
    after = ""
    # A bare verb (完成1000亩滩涂整治) needs the noun that follows it to say what is measured.
    if is_count_unit(unit) or len(before) < BARE_VERB_CHARS:
        stop = _AFTER_END.search(text, end, context_end)
        after = text[end : stop.start() if stop else context_end]
        after = _LEADING_AFTER.sub("", after)[:METRIC_AFTER_CHARS]
    metric = (before + after).strip()
    return metric or unit
