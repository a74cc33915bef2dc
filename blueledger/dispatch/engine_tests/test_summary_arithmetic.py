"""check_arithmetic: rates against counts and amounts, implied plans, shares and totals, rounding-aware."""

from decimal import Decimal

import pytest

from blueledger.dispatch.reconciliation import ArithmeticFinding, FindingKind, TextQuantity, check_arithmetic
from blueledger.lib.shared_material import shared_path

SEED_000 = shared_path("seeds", "000_060449e17469e9f6.txt")


def quantities_in(text: str, *quotes: tuple[str, str, str]) -> list[TextQuantity]:
    """TextQuantities for (quote, value, unit) found in `text` in order."""
    found = []
    position = 0
    for quote, value, unit in quotes:
        start = text.index(quote, position)
        found.append(TextQuantity(Decimal(value), unit, quote, start, start + len(quote)))
        position = start + len(quote)
    return found


def check(text: str, *quotes: tuple[str, str, str]) -> list[ArithmeticFinding]:
    return check_arithmetic(quantities_in(text, *quotes), text)


def test_count_with_a_rate_is_consistent_when_a_whole_number_gives_that_rate() -> None:
    text = "90个海洋重点项目开工在建率84.44%。"

    [finding] = check(text, ("90个", "90", "个"), ("84.44%", "84.44", "%"))

    assert finding.kind is FindingKind.RATE_OF_COUNT
    assert finding.consistent is True
    assert finding.expected == Decimal("76")
    assert finding.explanation == "90个×84.44%≈76.00, 即76个, 76/90=84.44%, 与所述比率一致"


def test_count_with_a_rate_no_whole_number_can_give_is_inconsistent() -> None:
    text = "90个海洋重点项目开工在建率84.50%。"

    [finding] = check(text, ("90个", "90", "个"), ("84.50%", "84.50", "%"))

    assert finding.consistent is False
    assert finding.expected == Decimal("76.0500")


def test_part_base_and_rate_stated_together_are_checked_within_rounding() -> None:
    text = "全市140个海洋重点项目，开工在建107个，开工在建率76.43%。"
    quotes = (("140个", "140", "个"), ("107个", "107", "个"))

    [consistent] = check(text, *quotes, ("76.43%", "76.43", "%"))
    [wrong] = check(text.replace("76.43", "76.53"), *quotes, ("76.53%", "76.53", "%"))

    assert consistent.kind is FindingKind.RATE_OF_PARTS
    assert consistent.consistent is True
    assert consistent.expected == Decimal("76.43")
    assert wrong.consistent is False
    assert wrong.explanation == "107/140=76.43%, 所述76.53%, 不一致, 请核对"


def test_amount_with_completion_rate_implies_the_plan() -> None:
    text = "年度累计完成投资154.86亿元，年度计划投资完成率55.39%。"

    [finding] = check(text, ("154.86亿元", "154.86", "亿元"), ("55.39%", "55.39", "%"))

    assert finding.kind is FindingKind.IMPLIED_BASE
    assert finding.expected == Decimal("279.6")
    assert finding.stated is None
    assert finding.consistent is True


def test_implied_plan_agrees_with_a_stated_plan_within_rounding() -> None:
    text = "年度计划投资279.6亿元。年度累计完成投资154.86亿元，年度计划投资完成率55.39%。"
    quotes = (("279.6亿元", "279.6", "亿元"), ("154.86亿元", "154.86", "亿元"), ("55.39%", "55.39", "%"))

    [finding] = check(text, *quotes)

    assert finding.stated == Decimal("279.6")
    assert finding.consistent is True
    assert finding.quotes == ("154.86亿元", "55.39%", "279.6亿元")


def test_implied_plan_that_contradicts_the_stated_plan_is_flagged() -> None:
    text = "年度计划投资300亿元。年度累计完成投资154.86亿元，年度计划投资完成率55.39%。"
    quotes = (("300亿元", "300", "亿元"), ("154.86亿元", "154.86", "亿元"), ("55.39%", "55.39", "%"))

    [finding] = check(text, *quotes)

    assert finding.consistent is False
    assert finding.explanation == "154.86亿元÷55.39%≈279.6亿元, 文中计划数300亿元, 不一致, 请核对"


def test_shares_of_a_structure_must_sum_to_one_hundred() -> None:
    text = "三次产业结构中，第一产业占4.6%、第二产业占36.5%、第三产业占59.9%。"
    quotes = (("4.6%", "4.6", "%"), ("36.5%", "36.5", "%"), ("59.9%", "59.9", "%"))

    [finding] = check(text, *quotes)

    assert finding.kind is FindingKind.SHARES_SUM
    assert finding.stated == Decimal("101.0")
    assert finding.consistent is False


def test_shares_that_sum_to_one_hundred_within_rounding_are_consistent() -> None:
    text = "三次产业结构中，第一产业占4.6%、第二产业占36.5%、第三产业占58.9%。"
    quotes = (("4.6%", "4.6", "%"), ("36.5%", "36.5", "%"), ("58.9%", "58.9", "%"))

    [finding] = check(text, *quotes)

    assert finding.consistent is True


def test_parts_after_qizhong_that_exceed_the_total_are_flagged() -> None:
    text = "新签约海洋项目46个，其中产业项目30个、科技项目20个。"
    quotes = (("46个", "46", "个"), ("30个", "30", "个"), ("20个", "20", "个"))

    [finding] = check(text, *quotes)

    assert finding.kind is FindingKind.TOTAL_OF_PARTS
    assert finding.consistent is False
    assert finding.expected == Decimal("50")
    assert finding.stated == Decimal("46")


def test_non_exhaustive_parts_below_the_total_raise_nothing() -> None:
    text = "新签约海洋项目46个，其中产业项目30个。"

    assert check(text, ("46个", "46", "个"), ("30个", "30", "个")) == []


def test_a_stated_total_after_its_parts_must_equal_their_sum() -> None:
    text = "市南区3个、市北区4个，共计8个。"

    [finding] = check(text, ("3个", "3", "个"), ("4个", "4", "个"), ("8个", "8", "个"))

    assert finding.consistent is False
    assert finding.explanation == "总数8个, 所列各部分3个+4个=7个, 各部分之和与总数不符"


def test_growth_rates_are_not_read_as_rates_of_a_base() -> None:
    text = "全市实现海洋生产总值1114.4亿元，同比增长5.9%。"

    assert check(text, ("1114.4亿元", "1114.4", "亿元"), ("5.9%", "5.9", "%")) == []


@pytest.mark.skipif(SEED_000 is None, reason="shared/seeds/000 is not beside the repository")
def test_seed_000_summary_through_the_extractor() -> None:
    from blueledger.ledgers.extraction import extract

    assert SEED_000 is not None

    ledger = extract(SEED_000.read_text(encoding="utf-8"), source=SEED_000.name)
    quantities = [
        TextQuantity(q.value, q.unit, q.quote, q.span.start, q.span.end, q.metric) for q in ledger.quantities
    ]

    findings = check_arithmetic(quantities, ledger.text)

    assert [(f.kind, f.quotes, f.expected, f.stated, f.consistent) for f in findings] == [
        (FindingKind.RATE_OF_COUNT, ("90个", "84.44%"), Decimal("76"), Decimal("84.44"), True),
        (FindingKind.IMPLIED_BASE, ("154.86亿元", "55.39%"), Decimal("279.6"), None, True),
    ]
