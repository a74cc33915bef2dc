"""确保/必须/坚决 → 确保, 力争, 争取: the nearest word before the number in its sentence."""

from decimal import Decimal

from blueledger.ledgers.extraction import extract


def make_hardness(body: str) -> list[tuple[str, str | None]]:
    ledger = extract("某区海洋发展局2024年工作要点\n\n一、重点工作\n" + body + "\n", source="test.txt")
    return [(q.quote, q.hardness) for q in ledger.quantities]


def test_each_word_grades_what_follows() -> None:
    assert make_hardness("抓好项目12个，争取新增示范区2处，力争产量提高到5万吨，确保合格率达到98%。") == [
        ("12个", None),
        ("2处", "争取"),
        ("5万吨", "力争"),
        ("98%", "确保"),
    ]


def test_word_carries_over_commas_when_its_clause_has_a_number() -> None:
    assert make_hardness("力争新引进项目30个，新开工项目10个、新投产项目8个。") == [
        ("30个", "力争"),
        ("10个", "力争"),
        ("8个", "力争"),
    ]


def test_word_whose_object_is_funding_stops_at_its_clause() -> None:
    assert make_hardness("积极争取上级资金支持，每年扶持重点项目5个左右。") == [("5个", None)]


def test_word_after_the_number_does_not_apply() -> None:
    assert make_hardness("推进项目20个，确保按期完成。") == [("20个", None)]


def test_floor_words_are_no_hardness() -> None:
    assert make_hardness("年内更换浮漂不低于30万个。") == [("30万个", None)]


def test_hardness_ends_with_the_sentence() -> None:
    assert make_hardness("力争新建平台1个。建设网箱6座。") == [("1个", "力争"), ("6座", None)]


def test_hardness_stops_at_a_semicolon() -> None:
    text = "一、发展新兴产业\n确保海上风电新增并网装机容量50万千瓦；推动海洋生物医药产业产值增长10%。\n"
    quantities = extract(text, source="t.txt").quantities
    assert [(q.value, q.hardness) for q in quantities] == [(Decimal("50"), "确保"), (Decimal("10"), None)]


def test_word_whose_clause_holds_only_a_due_date_grades_the_next_clause() -> None:
    assert make_hardness("力争到2025年底，全县原良种场达到8家。确保年内，完成改造6处，新建码头2座。") == [
        ("8家", "力争"),
        ("6处", "确保"),
        ("2座", "确保"),
    ]


def test_word_with_a_due_date_and_its_own_object_stops_at_its_clause() -> None:
    assert make_hardness("争取到2026年建成省级平台，全县新增基地3处。") == [("3处", None)]


def test_striving_whose_clause_states_no_number_governs_the_clauses_after_it() -> None:
    assert make_hardness("力争再通过十年努力，到2030年，实现生产总值1060亿元，财政收入115亿元。") == [
        ("1060亿元", "力争"),
        ("115亿元", "力争"),
    ]
    assert make_hardness("积极争取省级资金，新建平台3个。") == [("3个", None)]
