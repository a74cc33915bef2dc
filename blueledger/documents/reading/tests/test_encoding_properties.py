"""Property: Chinese text encoded as UTF-8, UTF-16 or GB18030 decodes back to itself."""

from __future__ import annotations

import codecs
import random

from hypothesis import given
from hypothesis import strategies as st

from blueledger.lib.encoding import GB18030_RELIABLE_MIN_HANZI, decode_chinese_text

ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
PUNCTUATION = st.sampled_from("，。、；：？！“”‘’（）《》【】—…·\n")
ANY_HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


def _gb2312_hanzi() -> list[str]:
    hanzi: list[str] = []
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                hanzi.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return hanzi


# The 6,763 hanzi of GB2312, the characters of nearly every mainland document.
GB2312_HANZI = st.sampled_from(_gb2312_hanzi())


def _mixed_text(hanzi: st.SearchStrategy[str], min_hanzi: int) -> st.SearchStrategy[str]:
    other = st.lists(st.one_of(ASCII, PUNCTUATION), max_size=40)
    return st.tuples(st.lists(hanzi, min_size=min_hanzi, max_size=60), other, st.randoms()).map(
        lambda parts: _shuffled(parts[0] + parts[1], parts[2])
    )


def _shuffled(characters: list[str], randomness: random.Random) -> str:
    randomness.shuffle(characters)
    return "".join(characters)


@given(_mixed_text(ANY_HANZI, min_hanzi=1))
def test_utf8_round_trips(text: str) -> None:
    assert decode_chinese_text(text.encode("utf-8")) == (text, "utf-8")


@given(_mixed_text(ANY_HANZI, min_hanzi=1))
def test_utf16_with_bom_round_trips(text: str) -> None:
    data = text.encode("utf-16")  # Python writes a BOM, as every editor does
    assert decode_chinese_text(data) == (
        text,
        "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be",
    )


@given(_mixed_text(GB2312_HANZI, min_hanzi=1).map(lambda text: text + "\n"))
def test_bomless_utf16_with_a_newline_round_trips(text: str) -> None:
    # Without a BOM the byte order is inferred; a few rare hanzi outside GB2312 read as
    # common ones in the other byte order, so only GB2312 text is promised here.
    assert decode_chinese_text(text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode_chinese_text(text.encode("utf-16-be")) == (text, "utf-16-be")


@given(_mixed_text(GB2312_HANZI, min_hanzi=GB18030_RELIABLE_MIN_HANZI))
def test_gb18030_round_trips_from_the_reliable_length_on(text: str) -> None:
    # Below GB18030_RELIABLE_MIN_HANZI hanzi a few byte strings are also valid UTF-8
    # (“酶” is C3 B8, which UTF-8 reads as “ø”), so detection there may be ambiguous.
    assert decode_chinese_text(text.encode("gb18030")) == (text, "gb18030")
