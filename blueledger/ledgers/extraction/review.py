"""Why a reviewer should look twice at an extracted quantity: reasons in Chinese, from signals the
pipeline has already computed (no further pass over the text)."""

from __future__ import annotations

from blueledger.ledgers.extraction.model import QuantityRole

ROLE_PRESUMED = "角色由文档类型推定"
NO_METRIC = "未找到指标名称"
NUMBER_ADJACENT = "数值紧邻其他数字"
RELATIVE_DEADLINE = "截止日期为相对日期"
NO_UNIT = "无单位"
TARGET_UNBOUND = "目标无力度词且无期限"
CHINESE_NUMERAL = "数值以汉字书写"

# Deadline kinds that carry no written year: their year is taken from the surrounding text.
_RELATIVE_DEADLINE_KINDS = frozenset({"md", "m", "year_end", "full_year", "first_half", "second_half", "quarter"})
_SHORTEST_METRIC = 2


def quantity_review_flags(
    *,
    role: QuantityRole,
    role_cued: bool,
    metric: str,
    unit: str,
    number_adjacent: bool,
    chinese_numeral: bool,
    deadline_kind: str | None,
    has_deadline: bool,
    has_hardness: bool,
) -> tuple[str, ...]:
    """The reasons, in a fixed order, to check this quantity by hand; empty when none applies.

    `role_cued` says a word of the number's sentence or its heading decided the role, or the document's kind
    settles it (a plan's numbers are targets, a summary's facts; only a mixed document leaves it open);
    `chinese_numeral` says the number is written in Chinese (四个, 一个: often a word, not a count);
    `deadline_kind` is the `DeadlineMention.kind` the target's due date was read from, if any.
    """
    reasons: list[str] = []
    if not role_cued:
        reasons.append(ROLE_PRESUMED)
    if len(metric.strip()) < _SHORTEST_METRIC:
        reasons.append(NO_METRIC)
    if number_adjacent:
        reasons.append(NUMBER_ADJACENT)
    if chinese_numeral:
        reasons.append(CHINESE_NUMERAL)
    if has_deadline and deadline_kind in _RELATIVE_DEADLINE_KINDS:
        reasons.append(RELATIVE_DEADLINE)
    if not unit:
        reasons.append(NO_UNIT)
    if role == "target" and not has_hardness and not has_deadline:
        reasons.append(TARGET_UNBOUND)
    return tuple(reasons)
