"""Spans point into the normalised text; reported strings are as written in the original."""

from blueledger.ledgers.extraction import extract
from blueledger.lib.textnorm import normalise


def test_quote_is_as_written_and_span_reads_normalised() -> None:
    ledger = extract("某局２０２４年工作要点\r\n一、任务\r\n新建渔港８１个。\r\n", source="test.txt")
    quantity = ledger.quantities[0]
    assert (quantity.quote, ledger.text[quantity.span.start : quantity.span.end]) == ("８１个", "81个")


def test_crlf_and_full_width_are_normalised_one_to_one() -> None:
    normalised = normalise("一、任务\r\n完成５０％。")
    assert normalised.text == "一、任务\n完成50%。"
    start = normalised.text.index("50%")
    assert normalised.original_slice(start, start + 3) == "５０％"


def test_sentence_broken_across_lines_is_rejoined() -> None:
    normalised = normalise(
        "加快推进海洋牧场建设，年内新建国家级海洋牧场示范区\n2处，投放礁体6万空方。\n二、保障措施\n"
    )
    assert (
        normalised.text
        == "加快推进海洋牧场建设，年内新建国家级海洋牧场示范区2处，投放礁体6万空方。\n二、保障措施\n"
    )
    start = normalised.text.index("2处")
    assert normalised.original_slice(start, start + 2) == "2处"


def test_headings_and_short_lines_are_not_joined() -> None:
    text = "（一）聚焦统筹谋划，扎实推进经略海洋攻坚任务\n一是加强领导。\n区海洋发展局\n2024年1月2日\n"
    assert normalise(text).text == text


def test_a_labelled_line_is_not_joined_to_the_line_above() -> None:
    text = "责任单位：市海洋局牵头，市财政局、市商务局配合\n对标城市：宁波市    对标值：产量增长5%。\n"
    assert normalise(text).text == text


def test_an_article_heading_is_not_joined_to_the_line_above() -> None:
    text = "第一条 支持牧场建设，对新建牧场的企业按投资额给予补助\n第二条 推进渔港建设，完善配套设施。\n"
    assert normalise(text).text == text
