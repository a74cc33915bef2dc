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


def test_headline_with_chrome_on_its_line_and_a_body_as_information_source() -> None:
    text = (
        "某县渔业实现首季开门红 发布日期:2019-04-24 17:19 信息来源:某县人民政府 浏览次数:\n\n"
        "一季度，全县完成水产品产量6.2万吨，同比增长4.1%。\n"
    )
    assert make_metadata(text) == ("某县渔业实现首季开门红", "某县人民政府", datetime.date(2019, 4, 24), "summary")


def test_a_newspaper_is_no_issuer_and_a_time_stamp_dates_the_page_not_the_banner() -> None:
    text = (
        "今天是2024年12月5日 10:00 星期四\n"
        "某市海洋局今年全力抓好五方面工作\n\n"
        "2014-04-03 15:04   来源:某某日报  责任编辑:张三\n\n"
        "今年将重点抓好5个方面工作，力争渔业产值增长8%。\n"
    )
    assert make_metadata(text) == (
        "某市海洋局今年全力抓好五方面工作",
        "某市海洋局",
        datetime.date(2014, 4, 3),
        "plan",
    )


def test_a_title_broken_over_lines_is_joined_and_a_referred_plan_does_not_make_it_a_plan() -> None:
    text = (
        "来源:某市政府网站   时间: 2016年12月31日\n\n"
        "关于落实《某市国民经济和\n社会发展第十三个五年规划纲要》\n主要目标和任务工作分工的通知\n\n"
        "各县区人民政府:\n现就有关事项通知如下。\n"
    )
    assert make_metadata(text) == (
        "关于落实《某市国民经济和社会发展第十三个五年规划纲要》主要目标和任务工作分工的通知",
        None,
        datetime.date(2016, 12, 31),
        "policy",
    )


def test_a_notice_transmitting_a_plan_is_a_plan_and_the_written_date_needs_no_colon() -> None:
    text = (
        "发文机关 区人民政府办公室 成文日期 2022-01-25\n发布日期 2022-01-26\n\n"
        "某区人民政府办公室关于印发《某区海洋经济发展“十四五”规划》的通知\n\n各镇人民政府:\n"
    )
    title, _, date, kind = make_metadata(text)
    assert (title, date, kind) == (
        "某区人民政府办公室关于印发《某区海洋经济发展“十四五”规划》的通知",
        datetime.date(2022, 1, 25),
        "plan",
    )


def test_breadcrumb_columns_and_series_tags_are_chrome() -> None:
    text = (
        "欢迎访问某某之窗\n当前位置:首页 > 开放某市\n开放某市\n【奋进新征程 建功新时代】东港:向海图强\n"
        "  • 发布日期:2022-8-8 10:24:33\n\n几个月来，全市放流对虾6.4亿尾，同比增长3%。\n"
    )
    assert make_metadata(text)[0] == "东港:向海图强"


def test_a_plan_naming_itself_and_its_compiler() -> None:
    text = (
        "第一章 总 则\n《某区养殖水域滩涂规划2018-2030》(以下简称《规划》),是某区海洋与渔业局依据有关要求而编制的"
        "专题规划,是管理的重要依据。\n第一节 前言\n"
    )
    assert make_metadata(text) == ("某区养殖水域滩涂规划2018-2030", "某区海洋与渔业局", None, "plan")


def test_a_subhead_after_the_prose_has_begun_is_no_title_but_an_attachment_title_is() -> None:
    report = (
        "2018年，全国渔业系统按照有关决策部署推进工作，取得明显成效，渔业发展质量不断提升。\n"
        "渔业发展实现减量提质\n"
    )
    assert make_metadata(report)[0] is None
    notice = (
        "各县区人民政府:\n《2025年任务分解方案》已经市政府常务会议审议通过，现印发给你们，请认真贯彻落实。\n"
        "某市人民政府\n2025年1月25日\n(此件公开发布)\n2025年市《政府工作报告》任务分解\n和责任分工方案\n"
    )
    assert make_metadata(notice)[:3] == (
        "2025年市《政府工作报告》任务分解和责任分工方案",
        "某市人民政府",
        datetime.date(2025, 1, 25),
    )


def test_two_bodies_opening_a_title_issue_it_together() -> None:
    text = (
        "中共某市委、某市人民政府关于加快海洋经济强市建设的实施意见\n\n"
        "文章发布日期:2012-11-22 22:08:02 作者:商会办公室\n"
    )
    assert make_metadata(text) == (
        "中共某市委、某市人民政府关于加快海洋经济强市建设的实施意见",
        "中共某市委、某市人民政府",
        datetime.date(2012, 11, 22),
        "policy",
    )


def test_a_site_banner_with_its_address_is_no_title() -> None:
    text = (
        "村网通总站 某某村 123456.example.com 欢迎您!\n"
        "今年以来，全县渔业工作取得明显进展，同比增长3%，各项工作扎实推进。\n"
    )
    assert make_metadata(text)[0] is None


def test_a_reply_to_a_proposal_is_a_summary_or_mixed_by_its_sentences() -> None:
    reply = "关于市政协十三届二次会议第45号提案的答复\n\n去年全市新建海洋牧场3处，同比增长20%。\n"
    assert make_metadata(reply)[3] == "summary"
    both = "关于市人大代表第12号建议的答复\n\n去年全市新建海洋牧场3处，同比增长20%。今年力争再建成2处。\n"
    assert make_metadata(both)[3] == "mixed"


def test_chinese_numeral_dates_with_arabic_zeros_and_dates_split_over_lines() -> None:
    zeros = "关于加快渔港建设的意见\n\n一、总体要求\n加快建设。\n\n某县海洋与渔业局\n二00五年三月一日\n"
    assert make_metadata(zeros)[2] == datetime.date(2005, 3, 1)
    split = "关于加快渔港建设的意见\n\n一、总体要求\n加快建设。\n\n某县海洋与渔业局\n2023年6月\n9日\n"
    assert make_metadata(split)[1:3] == ("某县海洋与渔业局", datetime.date(2023, 6, 9))
    labelled = "某县海洋局2023年工作要点\n发布日期：二〇二三年六月九日\n\n一、重点任务\n"
    assert make_metadata(labelled)[2] == datetime.date(2023, 6, 9)
