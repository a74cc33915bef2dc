"""The metric label names what is counted, without the comparison words of a neighbouring target."""

from decimal import Decimal

from blueledger.ledgers.extraction import extract


def metrics(text: str) -> list[str]:
    return [quantity.metric for quantity in extract(text, source="t.txt").quantities]


def test_approximation_word_of_the_previous_target_stays_out() -> None:
    text = "一、目标\n到2030年,省级示范园区达到3个左右、市级10个左右。\n"
    assert metrics(text) == ["省级示范园区", "市级"]


def test_class_qualifier_stays_in_the_label() -> None:
    text = "一、目标\n到2027年,规模以上工业企业数字化转型覆盖率达到90%。\n"
    assert metrics(text) == ["规模以上工业企业数字化转型覆盖率"]


def test_run_in_markers_stay_out_of_the_label() -> None:
    text = "一、渔业\n（一）牧场建设。一是新建海洋牧场2处；（2）新增远洋渔船8艘。\n"
    assert metrics(text) == ["新建海洋牧场", "新增远洋渔船"]


def test_chinese_numeral_counts_and_bare_verbs() -> None:
    text = "一、任务\n（一）建设。引进十二家企业，完成一千亩滩涂整治，进一步扩大规模。\n"
    quantities = extract(text, source="t.txt").quantities
    assert [(q.value, q.unit, q.metric) for q in quantities] == [
        (Decimal(12), "家", "引进企业"),
        (Decimal(1000), "亩", "完成滩涂整治"),
    ]


def test_a_number_related_to_the_one_before_takes_its_name() -> None:
    text = (
        "一、成效\n（一）渔业。水产品总产量41.3万吨，同比增长3.8%。新增示范区1处，累计达到9处。"
        "新接船舶订单18艘、约126万载重吨。完成投资98亿元，占年度计划的53.6%。\n"
    )
    assert metrics(text) == [
        "水产品总产量",
        "水产品总产量同比增长",
        "新增示范区",
        "累计示范区",
        "新接船舶订单",
        "新接船舶订单",
        "完成投资",
        "完成投资占年度计划",
    ]


def test_a_ceiling_word_stays_out_of_the_label() -> None:
    assert metrics("一、措施\n单个项目补助最高不超过500万元。\n") == ["单个项目补助"]


def test_a_class_listed_after_another_keeps_the_words_before_the_first() -> None:
    text = "一、招商\n力争新签约过50亿元项目5个、过30亿元项目10个、过10亿元项目20个。\n"
    assert metrics(text) == ["新签约过50亿元项目", "新签约过30亿元项目", "新签约过10亿元项目"]
    text = "一、招商\n计划投资额50亿元以上项目达到5个，10亿元以上项目达到15个。\n"
    assert metrics(text) == ["计划投资额50亿元以上项目", "计划投资额10亿元以上项目"]
