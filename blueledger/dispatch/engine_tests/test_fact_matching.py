"""match_facts_to_targets: bigram similarity, unit compatibility, one fact per target, verdicts with evidence."""

import datetime
from decimal import Decimal

from blueledger.dispatch.reconciliation import (
    PlanTarget,
    ReportedFact,
    Verdict,
    match_facts_to_targets,
    metric_similarity,
)

YEAR_END = datetime.date(2023, 12, 31)
MID_YEAR = datetime.date(2023, 6, 30)


def target(target_id: str, metric: str, value: str, unit: str, op: str = ">=") -> PlanTarget:
    return PlanTarget(target_id, metric, Decimal(value), unit, op, YEAR_END, f"{metric}{value}{unit}")


def fact(fact_id: str, metric: str, value: str, unit: str, period_end: datetime.date = YEAR_END) -> ReportedFact:
    return ReportedFact(fact_id, metric, Decimal(value), unit, f"{metric}{value}{unit}", period_end)


def test_similarity_is_the_dice_coefficient_of_character_bigrams() -> None:
    # 新签约海洋项目 / 新签约项目: bigrams 6 and 4, shared 新签 签约 项目 → 2 × 3 / 10.
    assert metric_similarity("新签约海洋项目", "新签约项目") == Decimal("0.6000")
    assert metric_similarity("新签约海洋项目", "新签约海洋项目") == Decimal("1.0000")
    assert metric_similarity("浒苔打捞", "渔船") == Decimal("0.0000")


def test_fact_meeting_the_target_is_completed_with_its_quote_as_evidence() -> None:
    rows = match_facts_to_targets(
        [target("t1", "新签约海洋项目", "30", "个")],
        [fact("f1", "新签约海洋项目", "46", "个")],
    )

    assert [(r.target_id, r.fact_id, r.verdict, r.similarity, r.evidence_quote) for r in rows] == [
        ("t1", "f1", Verdict.COMPLETED, Decimal("1.0000"), "新签约海洋项目46个"),
    ]
    assert rows[0].reason == "报告46个, 目标≥30个, 已达到目标 (指标名称相似度1.0000)"


def test_units_are_converted_before_judging() -> None:
    rows = match_facts_to_targets(
        [target("t1", "海上打捞浒苔", "200000", "吨")], [fact("f1", "累积海上打捞浒苔", "21.13", "万吨")]
    )

    assert rows[0].verdict is Verdict.COMPLETED
    assert rows[0].reason.startswith("报告211300吨, 目标≥200000吨")


def test_fact_in_an_incompatible_unit_is_never_matched() -> None:
    rows = match_facts_to_targets(
        [target("t1", "海洋重点项目", "90", "个")], [fact("f1", "海洋重点项目", "2021.9", "亿元")]
    )

    assert rows[0].fact_id is None
    assert rows[0].verdict is Verdict.UNDECIDABLE
    assert rows[0].reason == "总结中未找到名称相近且单位可换算的数据"


def test_each_fact_is_used_once_by_the_most_similar_target() -> None:
    targets = [target("t1", "新签约项目", "30", "个"), target("t2", "新签约海洋项目", "40", "个")]

    rows = match_facts_to_targets(targets, [fact("f1", "新签约海洋项目", "46", "个")])

    assert [(r.target_id, r.fact_id) for r in rows] == [("t1", None), ("t2", "f1")]


def test_year_end_fact_short_of_the_target_is_not_completed() -> None:
    rows = match_facts_to_targets(
        [target("t1", "新签约海洋项目", "50", "个")], [fact("f1", "新签约海洋项目", "46", "个")]
    )

    assert rows[0].verdict is Verdict.NOT_COMPLETED


def test_mid_year_fact_short_of_a_year_end_target_cannot_be_judged() -> None:
    rows = match_facts_to_targets(
        [target("t1", "新签约海洋项目", "50", "个")], [fact("f1", "新签约海洋项目", "46", "个", period_end=MID_YEAR)]
    )

    assert rows[0].verdict is Verdict.UNDECIDABLE
    assert rows[0].reason.endswith("报告期截至2023年6月30日, 早于目标期限2023年12月31日 (指标名称相似度1.0000)")


def test_cap_is_completed_when_the_fact_stays_within_it() -> None:
    rows = match_facts_to_targets(
        [target("t1", "近岸海域赤潮面积", "200", "平方公里", op="<=")],
        [fact("f1", "近岸海域赤潮面积", "150", "平方千米")],
    )

    assert rows[0].verdict is Verdict.COMPLETED


def test_weakly_similar_names_below_the_threshold_are_not_matched() -> None:
    rows = match_facts_to_targets(
        [target("t1", "海水淡化规模", "10", "万吨")], [fact("f1", "水产品产量", "12", "万吨")]
    )

    assert rows[0].fact_id is None
