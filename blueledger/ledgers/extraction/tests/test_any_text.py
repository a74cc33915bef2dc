"""No text crashes the extractor: whatever a file decodes to, extract() returns a ledger whose spans lie in its
text and whose quotes are what the spans cover. benchmarks/extract_fuzz.py runs the same at 100,000 inputs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blueledger.ledgers.extraction import extract
from blueledger.ledgers.extraction.model import ExtractedLedger

# The pieces work documents are made of, so that generated text reaches the rules, not only the fast paths.
PIECES = [
    "一、", "（一）", "1.", "①", "第一条", "\n", "。", "，", "；", "：", "、", "《", "》", "“", "”", "（", "）",
    "确保", "力争", "争取", "以上", "左右", "累计", "到2025年", "年底前", "同比增长", "牵头", "配合", "主办",
    "协办", "责任单位：", "市发改委", "12", "3.5", "1,300", "十二", "三分之二", "1/2", "-5", "个", "亿元",
    "万吨", "%", "个百分点", "元/千克", "突破", "不低于", "以内", "2023年12月31日", "二〇二三年", "——",
    "\u3000", "7" * 60, "一" * 30,
]

texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=6)), min_size=0, max_size=80
).map("".join)


def assert_well_formed(ledger: ExtractedLedger) -> None:
    for quantity in ledger.quantities:
        assert 0 <= quantity.span.start < quantity.span.end <= len(ledger.text)
    for task in ledger.tasks:
        assert 0 <= task.span.start <= task.span.end <= len(ledger.text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_any_text_gives_a_well_formed_ledger(text: str) -> None:
    assert_well_formed(extract(text, source="property"))


def test_two_documents_numbered_from_one_each_keep_their_own_headings() -> None:
    summary = "一、工作总结\n（一）渔港建设。建成渔港2座。\n二、存在问题\n"
    plan = "一、工作打算\n（一）渔港建设。确保新建渔港3座。\n（二）海洋牧场。力争新增海洋牧场2处。\n"
    ledger = extract(summary + plan, source="汇编")

    assert [(task.key, task.parent_key) for task in ledger.tasks] == [
        ("一", None), ("一.（一）", "一"), ("二", None), ("一", None), ("一.（一）", "一"), ("一.（二）", "一"),
    ]
    assert [(quantity.task_key, quantity.role) for quantity in ledger.quantities] == [
        ("一.（一）", "fact"), ("一.（一）", "target"), ("一.（二）", "target"),
    ]


def test_an_overlong_digit_run_is_no_quantity_and_ends_at_once() -> None:
    ledger = extract("新增" + "7" * 50_000 + "个", source="digits")

    assert ledger.quantities == ()
