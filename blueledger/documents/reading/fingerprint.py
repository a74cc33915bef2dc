"""A document's wording, comparable whatever format or encoding carried it: the same plan as UTF-8 text,
GBK text, Word and PDF reads to texts that differ in line breaks, spaces, full-width forms and (in a PDF)
the order of a few punctuation marks; compared on its letters, digits and ideographs, it is the same.

`text_fingerprint` gives the SHA-256 of that comparable text (equal texts, equal digests) and its length;
`text_similarity` compares two texts by their shared runs of characters, for the copies a PDF reads with a
character or page number out of place, which the digest alone would miss.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

# Unicode categories kept: letters (汉字 are Lo) and numbers; spaces, punctuation and symbols are dropped.
KEPT_CATEGORIES = ("L", "N")
# Runs of this many characters are compared: long enough that two different plans share few of them.
SHINGLE_CHARS = 8
# Two texts sharing at least this share of their runs are the same document read from another file.
SAME_TEXT_SIMILARITY = 0.9
# Only texts whose comparable lengths differ by at most this share can reach SAME_TEXT_SIMILARITY.
LENGTH_TOLERANCE_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class TextFingerprint:
    digest: str  # SHA-256 (hex) of the comparable text
    chars: int  # its length


def comparable_text(text: str) -> str:
    """`text` after NFKC (full-width → half-width) with only its letters and digits kept."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(char for char in folded if unicodedata.category(char)[0] in KEPT_CATEGORIES)


def text_fingerprint(text: str) -> TextFingerprint:
    comparable = comparable_text(text)
    return TextFingerprint(hashlib.sha256(comparable.encode("utf-8")).hexdigest(), len(comparable))


def comparable_length_range(chars: int) -> tuple[int, int]:
    """The comparable lengths a text of `chars` characters may be the same document as."""
    margin = int(chars * LENGTH_TOLERANCE_SHARE) + 1
    return max(0, chars - margin), chars + margin


def _shingles(comparable: str) -> set[str]:
    if len(comparable) <= SHINGLE_CHARS:
        return {comparable} if comparable else set()
    return {comparable[index : index + SHINGLE_CHARS] for index in range(len(comparable) - SHINGLE_CHARS + 1)}


def text_similarity(first: str, second: str) -> float:
    """The Jaccard share (0–1) of the character runs the two texts' comparable forms have in common."""
    a, b = _shingles(comparable_text(first)), _shingles(comparable_text(second))
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / len(a | b)
