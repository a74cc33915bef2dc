"""Reading a ledger target's metric as a registry figure: a suggestion the office confirms before binding."""

import pytest

from blueledger.projects.indicators import suggested_query


@pytest.mark.parametrize(
    ("metric", "unit", "suggestion"),
    [
        ("新签约过50亿元项目", "个", ("signed_leads", {"min_signed_yi": "50"})),
        ("签约亿元以上海洋项目", "个", ("signed_leads", {"min_signed_yi": "1"})),
        ("亿元以上海洋产业项目", "个", ("projects", {"size": "1"})),
        ("引进海洋生物医药重点项目", "个", ("signed_leads", {})),
        ("计划投资额50亿元以上项目", "个", ("projects", {"size": "50"})),
        ("推动重点项目建设", "个", ("projects", {})),
        ("新开工海洋重点项目", "个", ("projects", {"kind": "new"})),
        ("开工建设海洋产业项目", "个", ("projects", {"status": "started"})),
        ("海洋产业重点项目列统率", "%", ("listed_rate", {})),
        ("重点项目开工在建率", "%", ("started_rate", {})),
        ("年度计划投资完成率", "%", ("annual_completion_rate", {})),
        ("完成海洋项目投资", "万元", ("completed", {})),
        ("重点项目总投资", "亿元", ("total_investment", {})),
    ],
)
def test_metrics_the_registry_keeps_are_suggested(
    metric: str, unit: str, suggestion: tuple[str, dict[str, str]]
) -> None:
    assert suggested_query(metric, unit) == suggestion


@pytest.mark.parametrize(
    ("metric", "unit"),
    [("海洋生产总值", "亿元"), ("新建渔港", "个"), ("海洋牧场", "处"), ("增殖放流", "亿单位"), ("项目列统率", "个")],
)
def test_other_metrics_are_not(metric: str, unit: str) -> None:
    assert suggested_query(metric, unit) is None
