"""Title, issuer, date and kind of a document."""

import datetime

from blueledger.ledgers.extraction import extract


def make_metadata(text: str) -> tuple[str | None, str | None, datetime.date | None, str]:
    ledger = extract(text, source="test.txt")
    return ledger.title, ledger.issuer, ledger.date, ledger.kind


def test_web_page_header_is_chrome_and_labels_give_issuer_and_date() -> None:
    text = (
        "当前位置：首页 > 规划计划\n索引号：001/2024-01 发布单位：烟台市海洋发展和渔业局\n"
        "成文日期：2024-03-05\n\n"
        "烟台市海洋发展和渔业局2024年工作要点\n\n一、重点任务\n"
    )
    assert make_metadata(text) == (
        "烟台市海洋发展和渔业局2024年工作要点",
        "烟台市海洋发展和渔业局",
        datetime.date(2024, 3, 5),
        "plan",
    )


def test_signature_gives_issuer_and_date() -> None:
    text = "关于加快海洋牧场建设的意见\n\n一、总体要求\n加快建设。\n\n日照市海洋发展局\n2024年5月8日\n"
    assert make_metadata(text) == (
        "关于加快海洋牧场建设的意见",
        "日照市海洋发展局",
        datetime.date(2024, 5, 8),
        "policy",
    )


def test_issuer_line_under_the_title_and_no_date() -> None:
    assert make_metadata("2023年工作总结\n区海洋发展局\n\n一、主要成效\n") == (
        "2023年工作总结",
        "区海洋发展局",
        None,
        "summary",
    )


def test_issuer_opening_the_title() -> None:
    assert make_metadata(
        "市海洋发展局2023年上半年工作总结\n\n一、上半年工作完成情况\n二、下半年工作打算\n"
    ) == (
        "市海洋发展局2023年上半年工作总结",
        "市海洋发展局",
        None,
        "mixed",
    )


def test_summary_and_plan_in_the_title_is_mixed() -> None:
    assert make_metadata("2023年工作总结及2024年工作要点\n")[3] == "mixed"


def test_chinese_numeral_signature_date() -> None:
    assert make_metadata("工作方案的通知\n\n威海市人民政府\n二〇二三年十一月二十日\n")[2] == datetime.date(
        2023, 11, 20
    )


def test_date_line_under_the_title() -> None:
    text = "某市海洋发展局2023年工作总结\n（2024年1月15日）\n\n一、主要工作\n全年完成投资12亿元。\n"
    ledger = extract(text, source="t.txt")
    assert ledger.date == datetime.date(2024, 1, 15)
    span = ledger.date_span
    assert span is not None
    assert ledger.text[span.start : span.end].strip("（）") == "2024年1月15日"


def test_measures_rules_and_regulations_are_policies() -> None:
    titles = ("关于支持海洋牧场建设的若干措施", "海洋牧场建设扶持措施", "海域使用金减免实施细则", "渔港管理办法")
    kinds = [make_metadata(f"某县海洋与渔业局{title}\n\n第一条 支持牧场建设。\n")[3] for title in titles]
    assert kinds == ["policy", "policy", "policy", "policy"]
