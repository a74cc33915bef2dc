"""Government web pages: the document stays, the page chrome goes, metadata lines stay."""

from __future__ import annotations

from blueledger.documents.reading import ReadDocument, read_document
from blueledger.documents.reading.chrome import drop_page_chrome
from blueledger.documents.reading.tests.document_factories import GOVERNMENT_PAGE


def test_government_page_keeps_document_and_metadata_and_drops_chrome() -> None:
    document = read_document(GOVERNMENT_PAGE.encode("gb18030"), "工作思路.html")
    assert document == ReadDocument(
        text=(
            "索引号：1137100000435966XK/2023-02372\t发布单位：威海市海洋发展局\n"
            "成文日期：2023-06-09\t文号：\n"
            "威海市海洋发展局2023年工作思路\n"
            "发布时间：2023-06-09 16:33\n"  # 浏览次数 and 【字体：大 中 小】 cut out of the line
            "一、全力以赴稳定海洋经济运行\n"
            "1.健全大抓经济工作机制。完善市委海洋委、海洋办运行机制，发挥抓统筹、抓协调作用。\n"
            "2.加强海洋经济运行服务。\n"
            "建立县处级干部分包联系重点涉海企业制度。\n"
            "威海市海洋发展局\n"
            "2023年6月9日"
        ),
        format="html",
        encoding="gb18030",
        # menu, 当前位置, 打印/关闭, 扫一扫, 上一篇, 下一篇, 相关推荐, 查看详情, 免费咨询, 热门搜索, 版权所有
        warnings=("已去除网页导航与页脚 11 行",),
    )


def test_aggregator_tail_between_chrome_lines_is_dropped() -> None:
    lines = [
        "（三）严格建设程序。集聚区建设原则上以开发区、产业园区为载体，严格按照申报标准建设。",
        "联系人:郝工",
        "标签: 海洋 方案 产业",
        "0人觉得有用",
        "招标",
        "业主",
        "-",
        "关注我们可获得更多采购需求",
        "关注",
        "相关推荐",
        "查看详情 免费咨询",
        "最近搜索",
        "热门搜索",
    ]
    result = drop_page_chrome(lines)
    assert result.lines == (
        "（三）严格建设程序。集聚区建设原则上以开发区、产业园区为载体，严格按照申报标准建设。",
        "联系人:郝工",
    )
    assert result.dropped_line_count == 11


def test_breadcrumb_split_over_two_lines_is_dropped() -> None:
    result = drop_page_chrome(["当前位置 : 首页", "> 政府信息公开 > 规划计划 > 年度计划", "一、总体要求"])
    assert (result.lines, result.dropped_line_count) == (("一、总体要求",), 2)


def test_metadata_lines_are_kept_even_beside_chrome_words() -> None:
    lines = [
        "青岛政务网 发布日期 : 2023-07-28",
        "来源：市海洋发展局 点击次数：35 【打印】 【关闭】",
        "发文机关：威海市海洋发展局 发文字号：威海发〔2023〕5号",
        "字体大小: 打印",
        "点击次数:",
    ]
    result = drop_page_chrome(lines)
    assert result.lines == (
        "青岛政务网 发布日期 : 2023-07-28",
        "来源：市海洋发展局",
        "发文机关：威海市海洋发展局 发文字号：威海发〔2023〕5号",
    )
    assert result.dropped_line_count == 2


def test_title_between_chrome_lines_at_the_top_is_kept() -> None:
    result = drop_page_chrome(
        ["当前位置：首页 > 通知公告", "关于征求意见的通知", "【字体：大 中 小】", "正文第一段。"]
    )
    assert result.lines == ("关于征求意见的通知", "正文第一段。")


def test_content_mentioning_a_qr_code_in_a_long_sentence_is_kept() -> None:
    line = "各区市要通过政务服务平台、扫一扫二维码等多种方式开展海洋执法宣传，扩大知晓面，营造良好氛围。"
    assert drop_page_chrome([line]).lines == (line,)
