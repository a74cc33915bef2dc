"""Submission checks (engine): text in number cells, 元 written for 万元, jumps needing an explanation,
parts that do not add up."""

from decimal import Decimal

from blueledger.economy.form_checks import FieldSpec, Finding, submission_check

FIELDS = (
    FieldSpec("revenue", "营业收入", "万元"),
    FieldSpec("main", "主营业务收入", "万元", part_of="revenue"),
    FieldSpec("other", "其他业务收入", "万元", part_of="revenue"),
    FieldSpec("note", "备注", kind="text", required=False),
)
PREVIOUS = {"revenue": Decimal(1200), "main": Decimal(1000), "other": Decimal(200)}


def test_clean_submission_has_no_findings() -> None:
    values, findings = submission_check(FIELDS, {"revenue": "1,300", "main": "1080", "other": "220"}, previous=PREVIOUS)
    assert values == {"revenue": Decimal(1300), "main": Decimal(1080), "other": Decimal(220)}
    assert findings == []


def test_yuan_for_wan_yuan_and_text_and_totals() -> None:
    _, findings = submission_check(
        FIELDS, {"revenue": "13000000", "main": "约一千万", "other": ""}, previous=PREVIOUS
    )
    assert findings == [
        Finding("营业收入", "13000000 约为上期 1200 的 10833 倍, 疑似以“元”填报 (应为万元)", True),
        Finding("主营业务收入", "“约一千万”应为数字 (万元)", True),
        Finding("其他业务收入", "不能为空", True),
    ]


def test_jump_needs_an_explanation() -> None:
    written = {"revenue": "2000", "main": "1800", "other": "200"}
    _, findings = submission_check(FIELDS, written, previous=PREVIOUS)
    assert findings[0] == Finding("营业收入", "比上期变动 +66.7%, 超过 30%, 请在“说明”中写明原因", True)
    _, explained = submission_check(FIELDS, written, previous=PREVIOUS, explanation="新增订单集中交付")
    assert explained[0] == Finding("营业收入", "比上期变动 +66.7%, 超过 30% (已说明)", False)
    assert not any(finding.blocking for finding in explained if finding.field == "营业收入")


def test_parts_must_add_up_to_the_total() -> None:
    _, findings = submission_check(FIELDS, {"revenue": "1300", "main": "1000", "other": "200"}, previous=None)
    assert findings == [Finding("营业收入", "主营业务收入、其他业务收入之和 1200 与合计 1300 不符", True)]
