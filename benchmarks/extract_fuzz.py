"""No text crashes the extractor, and its time stays linear: fuzzed inputs and 1 MB adversarial ones.

    .venv/bin/python benchmarks/extract_fuzz.py [--inputs 100000] [--seed 1] [--shared ../shared]

Generates inputs of four families, each fed to `extract()`:
- random CJK text sprinkled with numbers, units, comparison words and punctuation;
- seed and dev2 documents cut at random places, with characters deleted, repeated or swapped;
- concatenations of two or three documents (a 汇编, a notice with its attachment);
- structural noise: headings, brackets and list marks in long runs.
Prints every crash (type, message, the input's first characters), the slowest input per KB, and then the
time of each 1 MB adversarial input (goal: each under 2 s). Exits 1 if anything crashed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from blueledger.ledgers.extraction import extract

DEFAULT_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
ADVERSARIAL_CHARS = 1_000_000

_NUMBERS = ("12", "3.5", "1,300", "2025", "一", "十二", "三分之二", "1/2", "-5", "0.05", "百分之八", "两")
_UNITS = ("个", "亿元", "万吨", "%", "个百分点", "艘", "元/千克", "平方公里", "家", "万亩", "倍", "")
_WORDS = (
    "确保", "力争", "争取", "以上", "左右", "累计", "同比增长", "到2025年", "年底前", "牵头", "配合", "主办",
    "协办", "责任单位：", "（市发改委）", "一、", "（一）", "1.", "①", "第一条", "。", "，", "；", "：", "\n",
    "、", "《", "》", "“", "”", "(", ")", "——", "突破", "超过", "不低于", "控制在", "以内", "约",
)
_MARKS = "一二三四五六七八九十"


def random_cjk(rng: random.Random, length: int) -> str:
    parts: list[str] = []
    while sum(len(part) for part in parts) < length:
        roll = rng.random()
        if roll < 0.5:
            parts.append("".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(1, 8))))
        elif roll < 0.75:
            parts.append(rng.choice(_NUMBERS) + rng.choice(_UNITS))
        else:
            parts.append(rng.choice(_WORDS))
    return "".join(parts)


def mutate(rng: random.Random, text: str) -> str:
    if not text:
        return text
    start = rng.randrange(len(text))
    piece = text[start : start + rng.randint(50, 3000)]
    for _ in range(rng.randint(0, 6)):
        if not piece:
            break
        at = rng.randrange(len(piece))
        operation = rng.randrange(4)
        if operation == 0:
            piece = piece[:at] + piece[at + rng.randint(1, 5) :]
        elif operation == 1:
            piece = piece[:at] + piece[at] * rng.randint(2, 50) + piece[at + 1 :]
        elif operation == 2:
            piece = piece[:at] + rng.choice(_WORDS) + piece[at:]
        else:
            other = rng.randrange(len(piece))
            characters = list(piece)
            characters[at], characters[other] = characters[other], characters[at]
            piece = "".join(characters)
    return piece


def structural(rng: random.Random) -> str:
    kind = rng.randrange(4)
    count = rng.randint(10, 400)
    if kind == 0:
        return "".join(f"{rng.choice(_MARKS)}、{random_cjk(rng, 5)}\n" for _ in range(count))
    if kind == 1:
        return "（" * count + random_cjk(rng, 20) + "）" * rng.randint(0, count)
    if kind == 2:
        return "".join(f"（{rng.choice(_MARKS)}）{random_cjk(rng, 10)}" for _ in range(count))
    return "、".join(rng.choice(_NUMBERS) for _ in range(count)) + rng.choice(_UNITS)


def inputs(rng: random.Random, documents: list[str], count: int) -> Iterator[str]:
    for index in range(count):
        family = index % 4
        if family == 0 or not documents:
            yield random_cjk(rng, rng.randint(1, 600))
        elif family == 1:
            yield mutate(rng, rng.choice(documents))
        elif family == 2:
            yield "\n".join(mutate(rng, rng.choice(documents)) for _ in range(rng.randint(2, 3)))
        else:
            yield structural(rng)


def adversarial() -> dict[str, str]:
    rng = random.Random(7)

    def repeat(piece: str) -> str:
        return (piece * (ADVERSARIAL_CHARS // len(piece) + 1))[:ADVERSARIAL_CHARS]

    headings = "".join(f"{_MARKS[i % 10]}、加强工作{i}\n" for i in range(40_000))
    return {
        "digits": "7" * ADVERSARIAL_CHARS,
        "、 repeated": repeat("、"),
        "one unbroken line": "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(ADVERSARIAL_CHARS)),
        "40,000 headings": headings,
        "deep brackets": "（" * (ADVERSARIAL_CHARS // 2) + "）" * (ADVERSARIAL_CHARS // 2),
        "Chinese numerals": repeat("一二三四五六七八九十"),
        "full-width spaces": repeat("\u3000"),
        "100亿元 repeated": repeat("100亿元"),
        "增长6%左右， repeated": repeat("增长6%左右，"),
    }


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    options = parser.parse_args(argv)
    paths = sorted((options.shared / "seeds").glob("*.txt")) + sorted(
        (options.shared / "eval" / "dev2" / "docs").glob("*.txt")
    )
    documents = [path.read_text(encoding="utf-8") for path in paths]
    print(f"{len(documents)} documents to mutate from {options.shared}")
    rng = random.Random(options.seed)
    crashes: list[tuple[str, str]] = []
    slowest_per_kb, slowest_text = 0.0, ""
    total_chars = 0
    started = time.perf_counter()
    for text in inputs(rng, documents, options.inputs):
        total_chars += len(text)
        try:
            seconds = timed(lambda text=text: extract(text, source="fuzz"))
        except Exception:
            crashes.append((traceback.format_exc(limit=-3), text[:80]))
            continue
        per_kb = seconds / max(len(text), 1) * 1000
        if per_kb > slowest_per_kb and len(text) >= 200:
            slowest_per_kb, slowest_text = per_kb, text
    elapsed = time.perf_counter() - started
    print(f"{options.inputs:,} inputs, {total_chars:,} characters in {elapsed:.1f} s: {len(crashes)} crashes")
    for trace, head in crashes[:10]:
        print(f"--- crash on {head!r}\n{trace}")
    print(f"slowest input: {slowest_per_kb * 1000:.1f} ms per KB ({len(slowest_text)} chars: {slowest_text[:40]!r}…)")
    print(f"\n1 MB adversarial inputs (goal: each under 2 s; {ADVERSARIAL_CHARS:,} characters)")
    for name, text in adversarial().items():
        print(f"  {name:<26}{timed(lambda text=text: extract(text, source='adversarial')):>7.2f} s", flush=True)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
