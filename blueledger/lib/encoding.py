"""Decode the bytes of a Chinese text file without being told its encoding.

Order of evidence, strongest first: a byte-order mark; NUL bytes (BOM-less UTF-16, found
by its newlines, spaces and digits, or else a binary file); strict UTF-8; then GB18030
and the Big5 family compared by how plausible their decodings are as Chinese text.
BOM-less UTF-16 without a single ASCII character is not recognised: nothing tells it
apart from legacy-codec bytes reliably, and editors that write UTF-16 write a BOM.
charset-normalizer is deliberately not used: on short Chinese text it often picks a
wrong CJK codec, and every codec it could propose that we accept is a candidate here.

Known ambiguity: a byte string may decode validly in several encodings. For GB18030
text made of commonly used characters this decoder is reliable from
`GB18030_RELIABLE_MIN_HANZI` Chinese characters on; below that (a word or two) a few
byte sequences are also valid UTF-8 (“酶” reads as “ø”) and may be misread. Big5 text
needs about 10 characters, or any Chinese punctuation, to be told from GB18030.
"""

from __future__ import annotations

import codecs
import functools
from dataclasses import dataclass
from typing import Literal

TextDecodingErrorCode = Literal["empty", "binary", "undecodable"]
Script = Literal["simplified", "traditional", "either"]

# Measured with the property tests: below this many hanzi, GB18030 text may be misread.
GB18030_RELIABLE_MIN_HANZI = 4

# A text file may carry a stray control character (a DOS end-of-file mark, say);
# more than this share of them means the bytes are not text.
CONTROL_CHARACTER_SHARE_LIMIT = 0.02

# Bytes with NULs are BOM-less UTF-16 or binary. Text made only of rare ideographs
# scores exactly 0.5; binary read as UTF-16 scores near 0 (junk, controls at -1).
UTF16_MIN_PLAUSIBILITY = 0.5

# How much better (in plausibility, 0–1) a legacy codec must read than valid UTF-8.
UTF8_OVERRULING_MARGIN = 0.5

_BYTE_ORDER_MARKS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

_BIG5_FAMILY = ("big5", "cp950", "big5hkscs")

_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


class TextDecodingError(ValueError):
    """The bytes are not readable text; `detail` says why in Chinese, without a file name."""

    def __init__(self, code: TextDecodingErrorCode, detail: str, *, offset: int | None = None) -> None:
        super().__init__(detail)
        self.code: TextDecodingErrorCode = code
        self.detail = detail
        self.offset = offset


def decode_chinese_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) for the bytes of a text file, or raise TextDecodingError.

    The text is exactly what the bytes say (line endings untouched, BOM removed).
    Encoding names: utf-8, utf-8-sig, utf-16-le, utf-16-be, utf-32-le, utf-32-be,
    gb18030, big5 (or cp950 / big5hkscs when plain Big5 cannot decode it).
    """
    decoded = _detect(data)
    if not decoded.text.strip():
        raise TextDecodingError("empty", "只有空白，没有文字")
    return decoded.text, decoded.encoding


def _detect(data: bytes) -> DecodedText:
    if not data:
        raise TextDecodingError("empty", "是空的（0 字节）")

    for mark, reported_name, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                text = data[len(mark) :].decode(codec)
            except UnicodeDecodeError:
                # EF BB BF also begins valid GB18030 text (“锘”…), so a mark that does
                # not decode is not proof: fall through to the other evidence.
                break
            _refuse_control_characters(text)
            return DecodedText(text, reported_name)

    if b"\x00" in data:
        # NUL never occurs in UTF-8, GB18030 or Big5 text, only in UTF-16 or binary files.
        utf16 = _best_utf16(data)
        if (
            utf16 is not None
            and _plausibility(utf16.text, "either", count_ascii=True) >= UTF16_MIN_PLAUSIBILITY
        ):
            return utf16
        raise TextDecodingError("binary", "含有空字节，是二进制文件而不是文本")

    utf8: DecodedText | None
    try:
        utf8 = DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        utf8 = None

    candidates: list[tuple[float, DecodedText]] = []
    failure_offsets: list[int] = []
    codec_scripts: list[tuple[str, Script]] = [("gb18030", "simplified")]
    codec_scripts += [(name, "traditional") for name in _BIG5_FAMILY]
    for codec, script in codec_scripts:
        try:
            decoded = DecodedText(data.decode(codec), codec)
        except UnicodeDecodeError as error:
            failure_offsets.append(error.start)
            continue
        candidates.append((_plausibility(decoded.text, script), decoded))
        if codec in _BIG5_FAMILY:
            break  # the first Big5 variant that decodes is enough

    if utf8 is not None:
        utf8_score = _plausibility(utf8.text, "either")
        # Valid UTF-8 is strong evidence on its own; a legacy codec must read far better
        # to win, as when a few GB18030 hanzi happen to form valid UTF-8 (“膜没” → “Ĥû”).
        if all(score - utf8_score < UTF8_OVERRULING_MARGIN for score, _ in candidates):
            _refuse_control_characters(utf8.text)
            return utf8

    if not candidates:
        if _control_byte_share(data) > CONTROL_CHARACTER_SHARE_LIMIT:
            raise TextDecodingError("binary", "含有大量控制字符，是二进制文件而不是文本")
        # The codec that read furthest is the likeliest one; its stopping point is the fault.
        offset = max(failure_offsets)
        raise TextDecodingError(
            "undecodable",
            f"按 UTF-8、GB18030 和 Big5 都无法解码，第 {offset + 1} 个字节（0x{data[offset]:02X}）处出错",
            offset=offset,
        )

    # max() keeps the first of equal scores: GB18030, the mainland's encoding, wins ties.
    _, best = max(candidates, key=lambda scored: scored[0])
    _refuse_control_characters(best.text)
    return best


def _best_utf16(data: bytes) -> DecodedText | None:
    if len(data) % 2:
        return None
    decodings: list[DecodedText] = []
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            decodings.append(DecodedText(data.decode(codec), codec))
        except UnicodeDecodeError:
            continue
    if not decodings:
        return None
    return max(decodings, key=lambda candidate: _plausibility(candidate.text, "either", count_ascii=True))


def _is_control(character: str) -> bool:
    code = ord(character)
    return (code < 0x20 or 0x7F <= code <= 0x9F) and character not in _TEXT_CONTROLS


def _refuse_control_characters(text: str) -> None:
    if not text:
        return
    controls = sum(1 for character in text if _is_control(character))
    if controls / len(text) > CONTROL_CHARACTER_SHARE_LIMIT:
        raise TextDecodingError("binary", "含有大量控制字符，是二进制文件而不是文本")


def _control_byte_share(data: bytes) -> float:
    controls = sum(1 for byte in data if (byte < 0x20 or byte == 0x7F) and chr(byte) not in _TEXT_CONTROLS)
    return controls / len(data)


def _plausibility(text: str, script: Script, *, count_ascii: bool = False) -> float:
    """How much the text reads like Chinese prose in `script`, from -1 to 1.

    Printable ASCII is left out unless `count_ascii`: every byte codec reads it alike,
    and counting it would let a mostly-ASCII line hide a garbled word. Between the two
    byte orders of UTF-16, ASCII is evidence (the wrong order turns it into ideographs).
    The rest is scored per character:
    common hanzi of the script, Chinese punctuation and Latin-1 letters 1; the script's
    less common hanzi 0.75; any other ideograph 0.5 (a wrong CJK codec tends to land
    there); controls -1; anything else 0. Each codec is judged against its own script,
    so GB18030 bytes read as Big5 never score better than read as GB18030.
    """
    common, uncommon = _hanzi_tiers(script)
    score = 0.0
    counted = 0
    for character in text:
        is_ascii_text = " " <= character <= "~" or character in _TEXT_CONTROLS
        if is_ascii_text and not count_ascii:
            continue
        counted += 1
        if character in common or is_ascii_text:
            score += 1.0
        elif character in uncommon:
            score += 0.75
        elif "\u4e00" <= character <= "\u9fff" or "\u3400" <= character <= "\u4dbf":
            score += 0.5
        elif _is_control(character):
            score -= 1.0
    return score / counted if counted else 1.0


@functools.cache
def _hanzi_tiers(script: Script) -> tuple[frozenset[str], frozenset[str]]:
    """(common, uncommon) characters of a script, read off the codecs' own tables."""
    if script == "either":
        simplified = _hanzi_tiers("simplified")
        traditional = _hanzi_tiers("traditional")
        return simplified[0] | traditional[0], simplified[1] | traditional[1]
    common: set[str] = {chr(code) for code in range(0xA0, 0x100)}  # Latin-1: é, °, ×…
    common.add("\u3000")
    common.update(chr(code) for code in range(0x3001, 0x3020))  # 、。〃〈〉《》「」『』【】〔〕…
    common.update(chr(code) for code in range(0xFF01, 0xFF5F))  # full-width ASCII forms
    common.update("—–‐‒―‘’“”…‧•※№℃√∶")
    gb_trails = range(0xA1, 0xFF)
    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    if script == "simplified":
        # GB2312 level 1 (B0A1–D7F9): the 3,755 most used simplified hanzi; level 2 the rest.
        common.update(_decode_grid("gb2312", range(0xB0, 0xD8), gb_trails))
        uncommon = _decode_grid("gb2312", range(0xD8, 0xF8), gb_trails)
    else:
        # Big5 level 1 (A440–C67E): the 5,401 most used traditional hanzi; level 2 from C940.
        common.update(_decode_grid("big5", range(0xA4, 0xC7), big5_trails))
        uncommon = _decode_grid("big5", range(0xC9, 0xFA), big5_trails)
    return frozenset(common), frozenset(uncommon - common)


def _decode_grid(codec: str, leads: range, trails: range | list[int]) -> set[str]:
    decoded: set[str] = set()
    for lead in leads:
        for trail in trails:
            try:
                character = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if "\u4e00" <= character <= "\u9fff":
                decoded.add(character)
    return decoded
