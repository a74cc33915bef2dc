"""Comparison words: 以上/不低于/至少 (>=), 超过/突破/余/多 (>), 以内/不超过/控制在/最高/上限 (<=), 左右/约/近 (~)."""

from blueledger.ledgers.extraction import extract


def make_ops(body: str) -> list[tuple[str, str]]:
    ledger = extract("某区海洋发展局2024年工作要点\n\n一、重点工作\n" + body + "\n", source="test.txt")
    return [(q.quote, q.op) for q in ledger.quantities]


def test_at_least() -> None:
    assert make_ops("培训10个以上，抽检不低于500批次，至少新建3处，不少于8家。") == [
        ("10个", ">="),
        ("500批次", ">="),
        ("3处", ">="),
        ("8家", ">="),
    ]


def test_floor_governing_a_verb_phrase() -> None:
    assert make_ops("年内至少研发落地5项成果。") == [("5项", ">=")]


def test_more_than() -> None:
    assert make_ops("产值超过200亿元，投资突破50亿元，企业30余家，项目20多个。") == [
        ("200亿元", ">"),
        ("50亿元", ">"),
        ("30余家", ">"),
        ("20多个", ">"),
    ]


def test_at_most() -> None:
    assert make_ops("事故控制在2起以内，面积不超过10平方公里，死亡人数3人以下。") == [
        ("2起", "<="),
        ("10平方公里", "<="),
        ("3人", "<="),
    ]


def test_approximately() -> None:
    assert make_ops("增长8%左右，面积约120亩，企业近40家。") == [("8%", "~"), ("120亩", "~"), ("40家", "~")]


def test_plain_and_reaching_are_equal() -> None:
    assert make_ops("完成投资20亿元，合格率达到99%，产能提高到600亿单位。") == [
        ("20亿元", "="),
        ("99%", "="),
        ("600亿单位", "="),
    ]


def test_range_wins_over_a_verb() -> None:
    assert make_ops("引进突破1-2个重点项目。") == [("1-2个", "range")]


def test_signing_is_no_approximation() -> None:
    assert make_ops("新签约项目12个。") == [("12个", "=")]


def test_caps_and_floors_of_a_subsidy() -> None:
    assert make_ops("给予最高50万元补助，补助上限为30万元，每户最多补贴2万元，每亩最低补助300元。") == [
        ("50万元", "<="),
        ("30万元", "<="),
        ("2万元", "<="),
        ("300元", ">="),
    ]


def test_chao_and_po_before_a_number_are_more_than() -> None:
    assert make_ops("海洋生产总值超500亿元，产量破10万吨，赶超3家。") == [
        ("500亿元", ">"),
        ("10万吨", ">"),
        ("3家", "="),
    ]


def test_a_percent_floor_before_a_noun_is_a_quantity() -> None:
    assert make_ops("给予小微企业10%以上价格扣除。") == [("10%", ">=")]


def test_more_after_the_unit_is_more_than() -> None:
    assert make_ops("规模比上年增长了1倍多，建成多功能平台2个。") == [("1倍", ">"), ("2个", "=")]
