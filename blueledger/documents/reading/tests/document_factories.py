"""Build real input files for the reader tests: .docx, PDFs and government-style pages."""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped, unused-ignore]

# reportlab's built-in CID font: Chinese text layer without any font file.
CHINESE_PDF_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CHINESE_PDF_FONT))


def make_work_plan_docx() -> bytes:
    """A plan with a heading, prose, an empty paragraph and a target table with merged cells."""
    document = docx.Document()
    document.add_heading("2024年海洋发展工作要点", level=1)
    document.add_paragraph("为加快建设海洋强市，制定本要点。")
    document.add_paragraph("")
    table = document.add_table(rows=4, cols=3)
    rows = [
        ("类别", "序号", "目标名称"),
        ("重点目标", "1", "谋划创建全球海洋中心城市"),
        ("", "2", "统筹推进经略海洋攻势"),
        ("备注", "", ""),
    ]
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    table.cell(1, 0).merge(table.cell(2, 0))  # 重点目标 spans two rows
    table.cell(3, 1).merge(table.cell(3, 2))  # the last row's note spans two columns
    table.cell(3, 1).text = "以上目标"
    table.cell(3, 1).add_paragraph("年底前完成")
    document.add_heading("一、主要任务", level=2)
    paragraph = document.add_paragraph("加强海洋经济运行监测。")
    paragraph.add_run().add_break()
    paragraph.add_run("按月编制分析报告。")
    return _docx_bytes(document)


def make_numbered_docx() -> bytes:
    """Two paragraphs numbered by Word itself (w:numPr), whose labels python-docx cannot see."""
    document = docx.Document()
    for text in ("健全工作机制。", "加强运行监测。"):
        paragraph = document.add_paragraph(text)
        properties = paragraph._p.get_or_add_pPr()
        numbering = OxmlElement("w:numPr")
        level = OxmlElement("w:ilvl")
        level.set(qn("w:val"), "0")
        number = OxmlElement("w:numId")
        number.set(qn("w:val"), "1")
        numbering.append(level)
        numbering.append(number)
        properties.append(numbering)
    return _docx_bytes(document)


def make_empty_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("   ")
    return _docx_bytes(document)


def _docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_text_pdf(pages: Sequence[Sequence[str]], *, running_head: str | None = None) -> bytes:
    """One PDF page per entry, each line drawn where the layout would put it.

    Every page gets a footer “— n —”; `running_head` is drawn at the top of each page.
    """
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        pdf.setFont(CHINESE_PDF_FONT, 10)
        if running_head is not None:
            pdf.drawString(72, 800, running_head)
        pdf.setFont(CHINESE_PDF_FONT, 14)
        for index, line in enumerate(lines):
            pdf.drawString(72, 760 - 22 * index, line)
        pdf.setFont(CHINESE_PDF_FONT, 10)
        pdf.drawString(280, 40, f"— {number} —")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_scanned_pdf(page_count: int = 1) -> bytes:
    """Pages that are only an image, like a scan: no text layer at all."""
    picture = Image.new("RGB", (200, 100), "white")
    for x in range(20, 180):
        picture.putpixel((x, 50), (0, 0, 0))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(page_count):
        pdf.drawImage(ImageReader(picture), 72, 500, width=400, height=200)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_mixed_pdf() -> bytes:
    """A text page followed by a scanned page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(CHINESE_PDF_FONT, 14)
    pdf.drawString(72, 760, "附件一：海洋牧场建设情况。")
    pdf.showPage()
    pdf.drawImage(ImageReader(Image.new("RGB", (50, 50), "gray")), 72, 500, width=100, height=100)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


GOVERNMENT_PAGE = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>威海市海洋发展局2023年工作思路_威海市海洋发展局</title>
<style>.article {{ font-size: 16px; }}</style>
<script>var visits = 0;</script>
</head>
<body>
<div class="top">
  <div class="menu">首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流</div>
  <nav><a href="/">网站首页</a><a href="/zwgk">政府信息公开</a></nav>
  <form action="/search"><input name="q"><button>搜索</button></form>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政府信息公开</a> &gt; 年度计划</div>
<table class="meta">
  <tr><td>索引号：1137100000435966XK/2023-02372</td><td>发布单位：威海市海洋发展局</td></tr>
  <tr><td>成文日期：2023-06-09</td><td>文号：</td></tr>
</table>
<div class="article">
  <h1>威海市海洋发展局2023年工作思路</h1>
  <div class="info">发布时间：2023-06-09 16:33 浏览次数：128 【字体：大 中 小】</div>
  <div class="tools">【打印本页】 【关闭窗口】 分享到：</div>
  <p>&nbsp;&nbsp;&nbsp;&nbsp;一、全力以赴稳定海洋经济运行</p>
  <p>1.健全大抓经济工作机制。完善市委海洋委、海洋办运行机制，
     发挥抓统筹、抓协调作用。</p>
  <p>2.加强海洋经济运行服务。<br>建立县处级干部分包联系重点涉海企业制度。</p>
  <p>威海市海洋发展局<br>2023年6月9日</p>
</div>
<div class="qr">扫一扫在手机打开当前页</div>
<div class="pager">上一篇：关于开展海洋宣传日活动的通知</div>
<div class="pager">下一篇：2022年工作总结</div>
<div class="related">相关推荐</div>
<ul><li>查看详情</li><li>免费咨询</li></ul>
<div class="hot">热门搜索</div>
<footer>
  <p>主办单位：威海市海洋发展局 联系电话：0631-5233333</p>
  <p>网站标识码：3710000017 鲁ICP备05017045号</p>
</footer>
<div class="copyright">版权所有 © 威海市海洋发展局</div>
</body>
</html>
"""
