"""blueledger.lib.encoding.decode_chinese_text on hand-made bytes of every encoding we meet."""

from __future__ import annotations

import codecs
import random

import pytest

from blueledger.lib.encoding import TextDecodingError, decode_chinese_text

PLAN = "威海市海洋发展局2023年工作思路：一、全力以赴稳定海洋经济运行，推动81个重点项目实施。\n"
# Traditional-script paragraph, as a Hong Kong or Taiwan partner would send it in Big5.
PLAN_TRADITIONAL = "海洋發展局二零二三年工作要點：推動海洋經濟穩定運行，加強漁業安全監管。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PLAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PLAN.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + PLAN.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + PLAN.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + PLAN.encode("utf-32-be"), "utf-32-be"),
        (PLAN.encode("utf-16-le"), "utf-16-le"),
        (PLAN.encode("utf-16-be"), "utf-16-be"),
        (PLAN.encode("gb2312"), "gb18030"),
        (PLAN.encode("gbk"), "gb18030"),
        (PLAN.encode("gb18030"), "gb18030"),
    ],
)
def test_simplified_paragraph_decodes_in_every_encoding(data: bytes, encoding: str) -> None:
    assert decode_chinese_text(data) == (PLAN, encoding)


def test_big5_paragraph_is_not_mistaken_for_gb18030() -> None:
    assert decode_chinese_text(PLAN_TRADITIONAL.encode("big5")) == (PLAN_TRADITIONAL, "big5")


def test_gbk_only_characters_decode_as_gb18030() -> None:
    # 镕 and 喆 are outside GB2312; pages labelled gb2312 use them anyway.
    text = "朱镕基同志视察海洋牧场，张喆同志陪同调研渔港建设情况。"
    assert decode_chinese_text(text.encode("gbk")) == (text, "gb18030")


def test_gb18030_four_byte_characters_decode() -> None:
    text = "䶮字与𠀀字出现在人名中，海洋局按原文登记。"
    assert decode_chinese_text(text.encode("gb18030")) == (text, "gb18030")


def test_gb18030_text_starting_like_a_utf8_bom_is_not_taken_for_utf8() -> None:
    # “锘” is EF BB in GB18030 and “库” begins with BF: together they look like a UTF-8 BOM.
    text = "锘库建设方案：推进海洋产业重点项目库建设。"
    data = text.encode("gb18030")
    assert data.startswith(codecs.BOM_UTF8)
    assert decode_chinese_text(data) == (text, "gb18030")


def test_crlf_line_endings_are_kept_as_written() -> None:
    text = "第一段。\r\n第二段。\r\n"
    assert decode_chinese_text(text.encode("gb18030")) == (text, "gb18030")


def test_ascii_only_text_is_utf8() -> None:
    assert decode_chinese_text(b"2023 plan\n") == ("2023 plan\n", "utf-8")


def test_empty_bytes_are_refused_as_empty() -> None:
    with pytest.raises(TextDecodingError) as refused:
        decode_chinese_text(b"")
    assert (refused.value.code, refused.value.detail) == ("empty", "是空的（0 字节）")


@pytest.mark.parametrize("data", [b"  \r\n\t\n", "\u3000\u3000\n".encode("utf-16")])
def test_whitespace_only_text_is_refused_as_empty(data: bytes) -> None:
    with pytest.raises(TextDecodingError) as refused:
        decode_chinese_text(data)
    assert (refused.value.code, refused.value.detail) == ("empty", "只有空白，没有文字")


def test_random_bytes_are_refused_as_binary() -> None:
    data = random.Random(20240601).randbytes(4096)
    with pytest.raises(TextDecodingError) as refused:
        decode_chinese_text(data)
    assert (refused.value.code, refused.value.detail) == ("binary", "含有空字节，是二进制文件而不是文本")


def test_control_characters_without_nul_are_refused_as_binary() -> None:
    data = bytes(range(1, 9)) * 20 + "海洋".encode()
    with pytest.raises(TextDecodingError) as refused:
        decode_chinese_text(data)
    assert (refused.value.code, refused.value.detail) == (
        "binary",
        "含有大量控制字符，是二进制文件而不是文本",
    )


def test_a_stray_byte_is_refused_naming_its_offset() -> None:
    # 0xFF is never part of UTF-8, GB18030 or Big5.
    data = "海洋经济运行".encode("gb18030") + b"\xff" + "监测".encode("gb18030")
    with pytest.raises(TextDecodingError) as refused:
        decode_chinese_text(data)
    assert refused.value.code == "undecodable"
    assert refused.value.offset == 12
    assert refused.value.detail == "按 UTF-8、GB18030 和 Big5 都无法解码，第 13 个字节（0xFF）处出错"
