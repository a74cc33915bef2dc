"""Numbers with their units: magnitudes, measure words, Chinese numerals, ranges, and what is not counted."""

from decimal import Decimal

from blueledger.ledgers.extraction import extract


def make_quantities(body: str) -> list[tuple[Decimal, Decimal | None, str, str]]:
    ledger = extract("某区海洋发展局2024年工作要点\n\n一、重点工作\n" + body + "\n", source="test.txt")
    return [(q.value, q.value_max, q.unit, q.quote) for q in ledger.quantities]


def test_magnitude_stays_with_the_unit_as_written() -> None:
    assert make_quantities("完成投资12.5亿元，水产品产量达到3.2万吨，增殖放流苗种15亿单位。") == [
        (Decimal("12.5"), None, "亿元", "12.5亿元"),
        (Decimal("3.2"), None, "万吨", "3.2万吨"),
        (Decimal("15"), None, "亿单位", "15亿单位"),
    ]


def test_measure_words_and_areas() -> None:
    assert make_quantities("新建渔港2座，改造码头1处，整治岸线8.6公里，修复滨海湿地320亩。") == [
        (Decimal(2), None, "座", "2座"),
        (Decimal(1), None, "处", "1处"),
        (Decimal("8.6"), None, "公里", "8.6公里"),
        (Decimal(320), None, "亩", "320亩"),
    ]


def test_chinese_numerals_are_numbers() -> None:
    assert make_quantities("新增示范区两处，培育龙头企业三个，引进苗种一千二百万尾。") == [
        (Decimal(2), None, "处", "两处"),
        (Decimal(3), None, "个", "三个"),
        (Decimal(1200), None, "万尾", "一千二百万尾"),
    ]


def test_percent_and_percentage_points() -> None:
    assert make_quantities("合格率达到98%，比重提高2个百分点，增长百分之五。") == [
        (Decimal(98), None, "%", "98%"),
        (Decimal(2), None, "个百分点", "2个百分点"),
        (Decimal(5), None, "%", "百分之五"),
    ]


def test_ranges() -> None:
    assert make_quantities("引进项目2-3个，新建平台1到2个，培育企业三至五家，增长10%—15%。") == [
        (Decimal(2), Decimal(3), "个", "2-3个"),
        (Decimal(1), Decimal(2), "个", "1到2个"),
        (Decimal(3), Decimal(5), "家", "三至五家"),
        (Decimal(10), Decimal(15), "%", "10%—15%"),
    ]


def test_more_than_drops_from_the_unit() -> None:
    assert make_quantities("走访企业80余家，养殖面积6万余亩，回运鱼类20余万斤。") == [
        (Decimal(80), None, "家", "80余家"),
        (Decimal(6), None, "万亩", "6万余亩"),
        (Decimal(20), None, "万斤", "20余万斤"),
    ]


def test_names_periods_and_ordinals_are_not_quantities() -> None:
    assert (
        make_quantities(
            "落实“三个一”工作法和十项机制，打好五场硬仗，开展第3次普查，推进二期工程，"
            "实施“十大工程”，建设万吨级码头，持续4个月，覆盖四个方面，印发《海洋20条》，落实15条硬措施。"
        )
        == []
    )


def test_class_qualifiers_are_not_quantities() -> None:
    assert make_quantities("新签约50亿元以上项目3个、过10亿元项目6个，总投资80亿元的12个项目开工。") == [
        (Decimal(3), None, "个", "3个"),
        (Decimal(6), None, "个", "6个"),
        (Decimal(80), None, "亿元", "80亿元"),
        (Decimal(12), None, "个", "12个"),
    ]


def test_words_that_contain_numerals_are_not_quantities() -> None:
    assert (
        make_quantities(
            "统一支持政策，进一步处理好问题，一起研究部署，推进一站式服务，培育一批企业，一口气建成。"
        )
        == []
    )


def test_page_furniture_is_not_counted() -> None:
    assert make_quantities("联系电话：0535-6601234\n3人觉得有用") == []


def test_measure_words_of_the_genre() -> None:
    assert make_quantities("新建深水网箱40口，新建冷库2栋，安装路灯120盏，救助海鸟300羽，发放帐篷50顶。") == [
        (Decimal(40), None, "口", "40口"),
        (Decimal(2), None, "栋", "2栋"),
        (Decimal(120), None, "盏", "120盏"),
        (Decimal(300), None, "羽", "300羽"),
        (Decimal(50), None, "顶", "50顶"),
    ]


def test_the_longest_unit_wins() -> None:
    assert make_quantities("举办展会6场次，安装终端300余台套，服务企业1200家次，检查车辆80台次。") == [
        (Decimal(6), None, "场次", "6场次"),
        (Decimal(300), None, "台套", "300余台套"),
        (Decimal(1200), None, "家次", "1200家次"),
        (Decimal(80), None, "台次", "80台次"),
    ]


def test_tonnage_of_ships() -> None:
    assert make_quantities("新接船舶订单约126万载重吨，建成渔船1.2万总吨，新建码头600延米。") == [
        (Decimal(126), None, "万载重吨", "126万载重吨"),
        (Decimal("1.2"), None, "万总吨", "1.2万总吨"),
        (Decimal(600), None, "延米", "600延米"),
    ]



def test_after_arabic_digits_the_measure_word_wins_over_a_word() -> None:
    assert make_quantities("完成64台风机吊装，两台风机并网，为民办好10件事。") == [
        (Decimal(64), None, "台", "64台"),
        (Decimal(2), None, "台", "两台"),
        (Decimal(10), None, "件", "10件"),
    ]


def test_ranks_are_not_quantities() -> None:
    assert make_quantities("综合效益进入全省前三位，争创全国前10名，排名全省第2位，引进人才3名。") == [
        (Decimal(3), None, "名", "3名")
    ]


def test_a_negated_one_means_none() -> None:
    assert make_quantities("全年未发生一起渔船安全事故，没有一个项目延期，对一起违法案件进行了查处。") == [
        (Decimal(1), None, "起", "一起")
    ]


def test_fractions_in_words_and_with_a_slash_are_shares() -> None:
    assert make_quantities("捕捞产量仅是去年的1/2，养殖面积占三分之二，另有四分之一为滩涂，时间为2010/10/27。") == [
        (Decimal("0.5"), None, "", "1/2"),
        (Decimal("0.6667"), None, "", "三分之二"),
        (Decimal("0.25"), None, "", "四分之一"),
    ]


def test_compound_units_are_kept_whole() -> None:
    assert make_quantities("平均价格13元/公斤，精养亩产900斤/亩，投资2万元/亩。") == [
        (Decimal("13"), None, "元/公斤", "13元/公斤"),
        (Decimal("900"), None, "斤/亩", "900斤/亩"),
        (Decimal("2"), None, "万元/亩", "2万元/亩"),
    ]


def test_kinds_grains_grams_and_kilometres() -> None:
    assert make_quantities("鱼类100多种，底播贝类3.89亿粒，单体重100克~250克，海塘56km，推广一种新模式。") == [
        (Decimal("100"), None, "种", "100多种"),
        (Decimal("3.89"), None, "亿粒", "3.89亿粒"),
        (Decimal("100"), Decimal("250"), "克", "100克~250克"),
        (Decimal("56"), None, "km", "56km"),
    ]


def test_amounts_bounding_a_class_are_no_quantities() -> None:
    assert make_quantities("年收入10-50万元群体比例达到81%，2-10米等深线内浅海面积2669公顷。") == [
        (Decimal("81"), None, "%", "81%"),
        (Decimal("2669"), None, "公顷", "2669公顷"),
    ]


def test_one_as_an_article_and_three_industries_are_no_counts() -> None:
    assert make_quantities("交出了一份满意答卷，这是一块短板，三次产业协调发展，建成一个平台。") == [
        (Decimal("1"), None, "个", "一个"),
    ]


def test_a_magnitude_without_unit_and_a_decimal_number_of_years() -> None:
    assert make_quantities("确保3.86万贫困人口脱贫，受教育年限达到11.2年，2024年完成，面积增加1万平方") == [
        (Decimal("3.86"), None, "万", "3.86万"),
        (Decimal("11.2"), None, "年", "11.2年"),
    ]


def test_counts_in_a_bullets_headline_name_goals() -> None:
    assert make_quantities("——打造一个国际深水大港。建设两个核心区。\n——构建三个产业园区。\n") == [
        (Decimal("2"), None, "个", "两个"),
    ]


def test_one_sheet_one_map_one_net_are_slogans() -> None:
    assert make_quantities("推行一张表联网直报，建设一张图管理，新建监测站3个。") == [(Decimal("3"), None, "个", "3个")]


def test_a_typeset_space_before_a_measure_is_kept_but_not_before_a_count() -> None:
    assert make_quantities("海岸线长26.7 千米，新建平台3 个，面积12 公顷。") == [
        (Decimal("26.7"), None, "千米", "26.7 千米"),
        (Decimal("12"), None, "公顷", "12 公顷"),
    ]


def test_capacities_in_project_names_and_session_numbers_are_no_quantities() -> None:
    text = "贯彻八届三次全会精神，推进30万吨单点系泊项目和2×100万千瓦核电项目，新增装机100万千瓦。"
    assert make_quantities(text) == [
        (Decimal("100"), None, "万千瓦", "100万千瓦"),
    ]
