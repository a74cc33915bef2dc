"""Django-free checks of a unit's submission to a reporting form (报表制度), catching the real mistakes:
text in a number cell, a value ×10,000 off (元 written where 万元 is asked), a 环比/同比 jump beyond the
form's threshold without an explanation, parts that do not add up to their total. A blocking finding refuses
the submission; the others are shown and kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from blueledger.lib.numbers import plain_decimal

# A value at least this many times the previous one (or at most its inverse) is a unit mistake, not growth.
UNIT_MISTAKE_RATIO = Decimal(1000)
TOTAL_TOLERANCE = Decimal("0.5")  # in the field's unit: rounding of the parts


@dataclass(frozen=True, slots=True)
class FieldSpec:
    key: str
    label: str
    unit: str = ""
    kind: str = "number"  # "number" or "text"
    required: bool = True
    part_of: str = ""  # the key of the total this field is a part of


@dataclass(frozen=True, slots=True)
class Finding:
    field: str  # the field's label ("" for the whole submission)
    message: str
    blocking: bool


def number_parse(written: str) -> Decimal:
    """A number as written in a form or a sheet (1,234.5 or 1234.5); ValueError for anything else."""
    text = written.strip().replace(",", "").replace("，", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(written) from None
    if not number.is_finite():
        raise ValueError(written)
    return number


def submission_check(
    fields: Sequence[FieldSpec],
    written: Mapping[str, str],
    *,
    previous: Mapping[str, Decimal] | None = None,
    jump_threshold_percent: Decimal = Decimal(30),
    explanation: str = "",
) -> tuple[dict[str, Decimal | str], list[Finding]]:
    """The parsed values (numbers as Decimal, texts as str) and every finding, in field order."""
    values: dict[str, Decimal | str] = {}
    findings: list[Finding] = []
    previous = previous or {}
    for field in fields:
        text = (written.get(field.key) or "").strip()
        if not text:
            if field.required:
                findings.append(Finding(field.label, "不能为空", True))
            continue
        if field.kind == "text":
            values[field.key] = text
            continue
        try:
            number = number_parse(text)
        except ValueError:
            findings.append(Finding(field.label, f"“{text}”应为数字{f' ({field.unit})' if field.unit else ''}", True))
            continue
        if number < 0:
            findings.append(Finding(field.label, f"{text} 不能为负数", True))
            continue
        values[field.key] = number
        before = previous.get(field.key)
        if before is None or before <= 0 or number == 0:
            continue
        ratio = number / before
        if ratio >= UNIT_MISTAKE_RATIO or ratio <= 1 / UNIT_MISTAKE_RATIO:
            if ratio >= 1:
                hint = f", 疑似以“元”填报 (应为{field.unit})" if field.unit == "万元" else ""
                message = f"{text} 约为上期 {before} 的 {ratio:.0f} 倍{hint}"
            else:
                message = f"{text} 不到上期 {before} 的千分之一, 疑似单位错误"
            findings.append(Finding(field.label, message, True))
            continue
        change = (ratio - 1) * 100
        if change.copy_abs() > jump_threshold_percent:
            message = f"比上期变动 {change:+.1f}%, 超过 {plain_decimal(jump_threshold_percent)}%"
            if explanation.strip():
                findings.append(Finding(field.label, message + " (已说明)", False))
            else:
                findings.append(Finding(field.label, message + ", 请在“说明”中写明原因", True))
    for total in fields:
        parts = [field for field in fields if field.part_of == total.key]
        total_value = values.get(total.key)
        if not parts or not isinstance(total_value, Decimal):
            continue
        part_values = [values.get(part.key) for part in parts]
        if any(not isinstance(value, Decimal) for value in part_values):
            continue
        part_sum = sum((value for value in part_values if isinstance(value, Decimal)), Decimal(0))
        if (part_sum - total_value).copy_abs() > TOTAL_TOLERANCE:
            names = "、".join(part.label for part in parts)
            findings.append(Finding(total.label, f"{names}之和 {part_sum} 与合计 {total_value} 不符", True))
    return values, findings
