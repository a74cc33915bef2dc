"""Year-end reconciliation: a summary's (工作总结) reported facts against the plan's targets, and its arithmetic.

Django-free engine, two operations:

- `match_facts_to_targets` pairs each plan target with at most one reported fact — by the similarity of
  the metric names (character bigrams, Dice coefficient), units that convert into each other and the
  fact's period — and gives a verdict 完成 / 未完成 / 无法判断 with the evidence quote, for staff to
  confirm or correct.
- `check_arithmetic` reads the quantities of one document in order and checks what it states about
  itself: a count or amount with a rate (90个…开工在建率84.44% → 76 started), an amount with a
  completion rate and possibly its plan (154.86亿元 at 55.39% → plan ≈ 279.6亿元), shares that cannot
  add up, totals that differ from the sum of their listed parts. Every check is rounding-aware: a
  number written with n decimals stands for the interval ± half a unit of its last digit.
"""

from __future__ import annotations

import bisect
import datetime
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from blueledger.dispatch.progress import UnitMismatch, convert_value, is_level_unit, normalise_unit, units_compatible
from blueledger.lib.numbers import format_decimal, round_half_up
from blueledger.lib.units import is_count_unit

_HUNDRED = Decimal(100)
_PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)


class Verdict(StrEnum):
    """The outcome of one target at year end, as staff see it."""

    COMPLETED = "完成"
    NOT_COMPLETED = "未完成"
    UNDECIDABLE = "无法判断"


@dataclass(frozen=True, slots=True)
class PlanTarget:
    """A target of the plan: `value` in `unit`, op one of =, >=, >, <=, ~, range."""

    id: str
    metric: str
    value: Decimal
    unit: str
    op: str
    deadline: datetime.date | None
    quote: str


@dataclass(frozen=True, slots=True)
class ReportedFact:
    """A fact the summary reports, with the end of the period it covers (None when it does not say)."""

    id: str
    metric: str
    value: Decimal
    unit: str
    quote: str
    period_end: datetime.date | None


@dataclass(frozen=True, slots=True)
class MatchRow:
    """One row of the reconciliation table: target, the fact matched to it (if any), verdict and why."""

    target_id: str
    fact_id: str | None
    verdict: Verdict
    similarity: Decimal
    evidence_quote: str | None
    reason: str


def metric_similarity(first: str, second: str) -> Decimal:
    """Dice coefficient of the character bigram sets of two metric names, in [0, 1], rounded to 4 places.

    Punctuation and spaces are ignored; a one-character name is compared by its characters.
    """
    first_grams, second_grams = _bigrams(first), _bigrams(second)
    if not first_grams or not second_grams:
        return Decimal(0)
    shared = len(first_grams & second_grams)
    return round_half_up(Decimal(2 * shared) / Decimal(len(first_grams) + len(second_grams)), 4)


def _bigrams(text: str) -> set[str]:
    cleaned = _PUNCTUATION.sub("", text)
    if len(cleaned) == 1:
        return {cleaned}
    return {cleaned[i : i + 2] for i in range(len(cleaned) - 1)}


def match_facts_to_targets(
    targets: Sequence[PlanTarget],
    facts: Sequence[ReportedFact],
    *,
    min_similarity: Decimal = Decimal("0.3"),
    tolerance_share: Decimal = Decimal("0.05"),
) -> list[MatchRow]:
    """One `MatchRow` per target, in the targets' order; each fact is used at most once.

    Candidate pairs need convertible units and a metric similarity ≥ `min_similarity`; they are taken
    greedily by similarity (ties: earlier target, then earlier fact). A matched target is 完成 when the
    fact satisfies its op (`~` within `tolerance_share` below the value), 未完成 when it does not and the
    fact covers the target's deadline, 无法判断 when the fact's period ends before the deadline and the
    target is not yet met, or when no fact matched.
    """
    candidates: list[tuple[Decimal, int, int]] = []
    for target_index, target in enumerate(targets):
        for fact_index, fact in enumerate(facts):
            if not units_compatible(fact.unit, target.unit):
                continue
            similarity = metric_similarity(target.metric, fact.metric)
            if similarity >= min_similarity:
                candidates.append((similarity, target_index, fact_index))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    chosen: dict[int, tuple[int, Decimal]] = {}
    used_facts: set[int] = set()
    for similarity, target_index, fact_index in candidates:
        if target_index in chosen or fact_index in used_facts:
            continue
        chosen[target_index] = (fact_index, similarity)
        used_facts.add(fact_index)

    rows: list[MatchRow] = []
    for target_index, target in enumerate(targets):
        if target_index not in chosen:
            rows.append(
                MatchRow(
                    target_id=target.id, fact_id=None, verdict=Verdict.UNDECIDABLE, similarity=Decimal(0),
                    evidence_quote=None, reason="总结中未找到名称相近且单位可换算的数据",
                )
            )
            continue
        fact_index, similarity = chosen[target_index]
        rows.append(_judge(target, facts[fact_index], similarity, tolerance_share))
    return rows


def _judge(target: PlanTarget, fact: ReportedFact, similarity: Decimal, tolerance_share: Decimal) -> MatchRow:
    actual = convert_value(fact.value, fact.unit, target.unit)
    floor = target.value * (Decimal(1) - tolerance_share) if target.op == "~" else target.value
    if target.op == "<=":
        satisfied = actual <= target.value
    elif target.op == ">":
        satisfied = actual > target.value
    else:
        satisfied = actual >= floor
    stated = (
        f"报告{format_decimal(actual)}{target.unit}, "
        f"目标{_op_text(target.op)}{format_decimal(target.value)}{target.unit}"
    )
    if satisfied and target.op != "<=":
        verdict, why = Verdict.COMPLETED, "已达到目标"
    elif satisfied:
        covers = target.deadline is None or fact.period_end is None or fact.period_end >= target.deadline
        verdict = Verdict.COMPLETED if covers else Verdict.UNDECIDABLE
        why = "控制在目标以内" if covers else "报告期未覆盖目标期限, 目前控制在目标以内"
    elif target.deadline is not None and fact.period_end is not None and fact.period_end < target.deadline:
        verdict, why = Verdict.UNDECIDABLE, f"报告期截至{_date(fact.period_end)}, 早于目标期限{_date(target.deadline)}"
    else:
        verdict, why = Verdict.NOT_COMPLETED, "未达到目标"
    return MatchRow(
        target_id=target.id, fact_id=fact.id, verdict=verdict, similarity=similarity,
        evidence_quote=fact.quote, reason=f"{stated}, {why} (指标名称相似度{similarity})",
    )


# ---------------------------------------------------------------------------------------------------
# Arithmetic of one document


class FindingKind(StrEnum):
    """What kind of self-consistency a finding checks."""

    RATE_OF_COUNT = "rate_of_count"  # N items with a rate r: r × N must be (close to) a whole number
    RATE_OF_PARTS = "rate_of_parts"  # part and base both stated with their rate
    IMPLIED_BASE = "implied_base"  # amount and completion rate: the base (plan) they imply
    SHARES_SUM = "shares_sum"  # shares of one whole
    TOTAL_OF_PARTS = "total_of_parts"  # a total and its listed parts


@dataclass(frozen=True, slots=True)
class TextQuantity:
    """A quantity of a document as the extractor found it: `start`/`end` are offsets into the text."""

    value: Decimal
    unit: str
    quote: str
    start: int
    end: int
    metric: str = ""


@dataclass(frozen=True, slots=True)
class ArithmeticFinding:
    """One check of the document's arithmetic.

    `expected` is what the other stated numbers imply (None when they only bound it), `stated` what the
    document says; `consistent` is False only when the stated numbers contradict each other beyond
    rounding.
    """

    kind: FindingKind
    quotes: tuple[str, ...]
    expected: Decimal | None
    stated: Decimal | None
    consistent: bool
    explanation: str


_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_RATE_WORDS = ("率",)
_SHARE_WORDS = ("占", "比重", "占比")
_WHOLE_WORDS = ("结构", "构成", "比例为", "之比")
_TOTAL_AFTER_WORDS = ("共计", "合计", "总计", "总共", "共")
_EXHAUSTIVE_WORDS = ("分别",)
_PLAN_WORDS = ("计划",)


def check_arithmetic(quantities: Sequence[TextQuantity], text: str) -> list[ArithmeticFinding]:
    """Findings for every statement of `text` whose numbers can be checked against each other.

    `quantities` are in document order with offsets into `text`. Sentences end at 。；！？ and line
    breaks; a rate pairs with the nearest quantity before it in its sentence (or in the sentence just
    before when its own has none). See the module docstring for the kinds of check.
    """
    ordered = sorted(quantities, key=lambda q: q.start)
    sentences = _sentence_ids(text, ordered)
    findings: list[ArithmeticFinding] = []
    for index, quantity in enumerate(ordered):
        if not _is_rate(quantity, text):
            continue
        finding = _check_rate(index, ordered, sentences, text)
        if finding is not None:
            findings.append(finding)
    findings.extend(_check_shares(ordered, sentences, text))
    findings.extend(_check_totals(ordered, sentences, text))
    return findings


def _sentence_ids(text: str, quantities: Sequence[TextQuantity]) -> list[int]:
    boundaries = [match.start() for match in _SENTENCE_END.finditer(text)]
    return [bisect.bisect_left(boundaries, quantity.start) for quantity in quantities]


def _is_rate(quantity: TextQuantity, text: str) -> bool:
    if normalise_unit(quantity.unit)[1] != "%":
        return False
    before = text[max(0, quantity.start - 12) : quantity.start]
    label = quantity.metric or before
    return any(word in label for word in _RATE_WORDS) and not any(word in label for word in ("增长", "同比", "下降"))


def _half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last written digit: 84.44 → 0.005, 90 → 0.5."""
    exponent = value.as_tuple().exponent
    places = exponent if isinstance(exponent, int) else 0
    return Decimal(5).scaleb(places - 1)


def _rounding(quantity: TextQuantity) -> Decimal:
    """How far the true value may lie from the written one: nothing for counts, which are exact."""
    if is_count_unit(quantity.unit):
        return Decimal(0)
    return _half_unit(quantity.value)


def _check_rate(
    index: int, ordered: Sequence[TextQuantity], sentences: Sequence[int], text: str
) -> ArithmeticFinding | None:
    rate = ordered[index]
    sentence = sentences[index]
    same_sentence = [i for i in range(index) if sentences[i] == sentence and not is_level_unit(ordered[i].unit)]
    previous_sentence = [i for i in range(index) if sentences[i] == sentence - 1 and not is_level_unit(ordered[i].unit)]
    before = same_sentence or previous_sentence
    if not before:
        return None
    nearest = ordered[before[-1]]
    if is_count_unit(nearest.unit):
        counts = [ordered[i] for i in before if is_count_unit(ordered[i].unit) and units_compatible(ordered[i].unit,
                                                                                                    nearest.unit)]
        if len(counts) >= 2 and counts[-2].value > nearest.value:
            return _rate_of_parts(counts[-2], nearest, rate)
        return _rate_of_count(nearest, rate)
    return _implied_base(nearest, rate, ordered, text)


def _rate_interval(rate: TextQuantity) -> tuple[Decimal, Decimal]:
    half = _half_unit(rate.value)
    return (rate.value - half) / _HUNDRED, (rate.value + half) / _HUNDRED


def _rate_of_count(count: TextQuantity, rate: TextQuantity) -> ArithmeticFinding:
    """N with rate r: some whole k must give k / N = r within rounding (N read as the base)."""
    low, high = _rate_interval(rate)
    base = count.value
    implied = base * rate.value / _HUNDRED
    whole = Decimal(round(implied))
    consistent = math.ceil(base * low) <= math.floor(base * high)
    if consistent:
        explanation = (
            f"{format_decimal(base)}{count.unit}×{format_decimal(rate.value)}%≈{format_decimal(implied, 2)}, "
            f"即{format_decimal(whole)}{count.unit}, "
            f"{format_decimal(whole)}/{format_decimal(base)}={format_decimal(whole / base * _HUNDRED, 2)}%, "
            "与所述比率一致"
        )
    else:
        explanation = (
            f"{format_decimal(base)}{count.unit}×{format_decimal(rate.value)}%={format_decimal(implied, 2)}, 不是整数; "
            f"没有整数个数能得到所述比率{format_decimal(rate.value)}%, 请核对"
        )
    return ArithmeticFinding(
        kind=FindingKind.RATE_OF_COUNT, quotes=(count.quote, rate.quote), expected=whole if consistent else implied,
        stated=rate.value, consistent=consistent, explanation=explanation,
    )


def _rate_of_parts(base: TextQuantity, part: TextQuantity, rate: TextQuantity) -> ArithmeticFinding:
    """Part and base both stated: part / base must round to the stated rate."""
    low, high = _rate_interval(rate)
    part_value = convert_value(part.value, part.unit, base.unit)
    computed = part_value / base.value if base.value else Decimal(0)
    consistent = low <= computed <= high
    verdict = "一致" if consistent else "不一致, 请核对"
    return ArithmeticFinding(
        kind=FindingKind.RATE_OF_PARTS, quotes=(base.quote, part.quote, rate.quote),
        expected=round_half_up(computed * _HUNDRED, max(2, -_exponent(rate.value))),
        stated=rate.value, consistent=consistent,
        explanation=(
            f"{format_decimal(part_value)}/{format_decimal(base.value)}={format_decimal(computed * _HUNDRED, 2)}%, "
            f"所述{format_decimal(rate.value)}%, {verdict}"
        ),
    )


def _implied_base(
    part: TextQuantity, rate: TextQuantity, ordered: Sequence[TextQuantity], text: str
) -> ArithmeticFinding | None:
    """Amount with a completion rate: the base (plan) is part / rate; compare with a stated plan if any."""
    if rate.value == 0:
        return None
    low, high = _rate_interval(rate)
    part_half = _half_unit(part.value)
    base_low = (part.value - part_half) / high
    base_high = (part.value + part_half) / low if low > 0 else None
    implied = part.value * _HUNDRED / rate.value
    plan = _stated_plan(part, rate, ordered, text)
    places = max(1, -_exponent(part.value) - 1)
    implied_text = f"{format_decimal(implied, places)}{part.unit}"
    if plan is None:
        return ArithmeticFinding(
            kind=FindingKind.IMPLIED_BASE, quotes=(part.quote, rate.quote), expected=round_half_up(implied, places),
            stated=None, consistent=True,
            explanation=(
                f"{part.quote}÷{rate.quote}≈{implied_text}, 即隐含的计划数约为{implied_text}; "
                "文中未写明计划数, 无法进一步核对"
            ),
        )
    plan_value = convert_value(plan.value, plan.unit, part.unit)
    plan_half = convert_value(_half_unit(plan.value), plan.unit, part.unit)
    consistent = plan_value + plan_half >= base_low and (base_high is None or plan_value - plan_half <= base_high)
    verdict = "一致" if consistent else "不一致, 请核对"
    return ArithmeticFinding(
        kind=FindingKind.IMPLIED_BASE, quotes=(part.quote, rate.quote, plan.quote),
        expected=round_half_up(implied, places), stated=plan_value, consistent=consistent,
        explanation=f"{part.quote}÷{rate.quote}≈{implied_text}, 文中计划数{plan.quote}, {verdict}",
    )


def _stated_plan(
    part: TextQuantity, rate: TextQuantity, ordered: Sequence[TextQuantity], text: str
) -> TextQuantity | None:
    """A quantity elsewhere in the document, in the part's unit, named as a plan (计划…)."""
    for candidate in ordered:
        if candidate is part or candidate is rate or not units_compatible(candidate.unit, part.unit):
            continue
        label = candidate.metric or text[max(0, candidate.start - 10) : candidate.start]
        if any(word in label for word in _PLAN_WORDS) and "完成" not in label[-4:]:
            return candidate
    return None


def _check_shares(
    ordered: Sequence[TextQuantity], sentences: Sequence[int], text: str
) -> list[ArithmeticFinding]:
    """Shares of one sentence (分别占…, 占比…) cannot exceed 100 %; when it names a structure they sum to 100 %."""
    findings: list[ArithmeticFinding] = []
    for sentence in sorted(set(sentences)):
        members = [q for q, s in zip(ordered, sentences, strict=True) if s == sentence]
        shares = [q for q in members if normalise_unit(q.unit)[1] == "%" and _is_share(q, text)]
        if len(shares) < 2:
            continue
        sentence_text = text[shares[0].start - 30 if shares[0].start >= 30 else 0 : shares[-1].end]
        total = sum((q.value for q in shares), Decimal(0))
        slack = sum((_half_unit(q.value) for q in shares), Decimal(0))
        whole = any(word in sentence_text for word in _WHOLE_WORDS)
        consistent = abs(total - _HUNDRED) <= slack if whole else total <= _HUNDRED + slack
        rule = "各部分应合计100%" if whole else "各部分合计不应超过100%"
        verdict = "一致" if consistent else "不一致, 请核对"
        findings.append(
            ArithmeticFinding(
                kind=FindingKind.SHARES_SUM, quotes=tuple(q.quote for q in shares), expected=_HUNDRED,
                stated=total, consistent=consistent,
                explanation=f"{'+'.join(q.quote for q in shares)}={format_decimal(total)}%, {rule}, {verdict}",
            )
        )
    return findings


def _is_share(quantity: TextQuantity, text: str) -> bool:
    label = quantity.metric + text[max(0, quantity.start - 8) : quantity.start]
    return any(word in label for word in _SHARE_WORDS) and "率" not in quantity.metric


def _check_totals(
    ordered: Sequence[TextQuantity], sentences: Sequence[int], text: str
) -> list[ArithmeticFinding]:
    """A total followed by 其中 and parts, or parts followed by 共计/合计: the parts must not exceed the total.

    Parts introduced by 其中 may leave some out, so only a sum above the total is an error there, unless
    the sentence says 分别 (the parts are the whole); a 共计/合计 after the parts must equal their sum.
    """
    findings: list[ArithmeticFinding] = []
    for index, quantity in enumerate(ordered):
        if is_level_unit(quantity.unit):
            continue
        window = (sentences[index], sentences[index] + 1)
        after = text[quantity.end : quantity.end + 12]
        marker = after.find("其中")
        next_start = ordered[index + 1].start if index + 1 < len(ordered) else len(text)
        if marker >= 0 and quantity.end + marker < next_start:
            parts = [
                q for i, q in enumerate(ordered)
                if i > index and sentences[i] in window and units_compatible(q.unit, quantity.unit)
                and not is_level_unit(q.unit)
            ]
            if parts:
                exhaustive = any(word in text[quantity.end : parts[-1].end] for word in _EXHAUSTIVE_WORDS)
                findings.extend(_total_finding(quantity, parts, exhaustive=exhaustive, report_ok=exhaustive))
            continue
        before = text[max(0, quantity.start - 3) : quantity.start]
        if any(before.endswith(word) for word in _TOTAL_AFTER_WORDS):
            parts = [
                q for i, q in enumerate(ordered)
                if i < index and sentences[i] == sentences[index] and units_compatible(q.unit, quantity.unit)
                and not is_level_unit(q.unit)
            ]
            if len(parts) >= 2:
                findings.extend(_total_finding(quantity, parts, exhaustive=True, report_ok=True))
    return findings


def _total_finding(
    total: TextQuantity, parts: Sequence[TextQuantity], *, exhaustive: bool, report_ok: bool
) -> list[ArithmeticFinding]:
    values = [convert_value(part.value, part.unit, total.unit) for part in parts]
    parts_sum = sum(values, Decimal(0))
    slack = _rounding(total) + sum(
        (convert_value(_rounding(part), part.unit, total.unit) for part in parts), Decimal(0)
    )
    too_much = parts_sum > total.value + slack
    mismatch = exhaustive and abs(parts_sum - total.value) > slack
    consistent = not too_much and not mismatch
    if consistent and not report_ok:
        return []
    if too_much:
        rule = "各部分之和超过总数"
    elif mismatch:
        rule = "各部分之和与总数不符"
    else:
        rule = "各部分之和与总数一致"
    return [
        ArithmeticFinding(
            kind=FindingKind.TOTAL_OF_PARTS, quotes=(total.quote, *(part.quote for part in parts)),
            expected=parts_sum, stated=total.value, consistent=consistent,
            explanation=(
                f"总数{total.quote}, 所列各部分{'+'.join(part.quote for part in parts)}="
                f"{format_decimal(parts_sum)}{total.unit}, {rule}"
            ),
        )
    ]


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _op_text(op: str) -> str:
    return {"=": "", ">=": "≥", ">": ">", "<=": "≤", "~": "约", "range": "≥"}.get(op, "")


def _date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


__all__ = [
    "ArithmeticFinding",
    "FindingKind",
    "MatchRow",
    "PlanTarget",
    "ReportedFact",
    "TextQuantity",
    "UnitMismatch",
    "Verdict",
    "check_arithmetic",
    "match_facts_to_targets",
    "metric_similarity",
]
