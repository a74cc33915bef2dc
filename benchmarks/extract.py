"""Characters per second of `extract()` over the five seed documents, with jionlp as a yardstick.

    .venv/bin/python benchmarks/extract.py [SEEDS_DIR]

Runs on one core, repeating the whole set until at least MIN_SECONDS have passed for each figure.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from blueledger.ledgers.extraction import extract

MIN_SECONDS = 2.0
DEFAULT_SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"


def chars_per_second(texts: list[str], run: Callable[[str], object]) -> tuple[float, int]:
    total_chars = sum(len(text) for text in texts)
    rounds = 0
    started = time.perf_counter()
    while True:
        for text in texts:
            run(text)
        rounds += 1
        elapsed = time.perf_counter() - started
        if elapsed >= MIN_SECONDS:
            return total_chars * rounds / elapsed, rounds


def main(argv: list[str]) -> int:
    seeds = Path(argv[0]) if argv else DEFAULT_SEEDS
    paths = sorted(seeds.glob("*.txt"))
    if not paths:
        print(f"no .txt documents in {seeds}", file=sys.stderr)
        return 1
    texts = [path.read_text(encoding="utf-8") for path in paths]
    print(f"{len(texts)} documents, {sum(len(text) for text in texts):,} characters")

    ours, rounds = chars_per_second(texts, lambda text: extract(text, source="bench"))
    print(f"blueledger extract():   {ours:>12,.0f} chars/s  ({rounds} rounds)")

    try:
        import jionlp  # type: ignore[import-untyped]  # optional, and slow to import
    except ImportError:
        print("jionlp.extract_money:   skipped (install it with: .venv/bin/pip install jionlp)")
        return 0
    theirs, rounds = chars_per_second(texts, jionlp.ner.extract_money)
    print(f"jionlp.ner.extract_money:{theirs:>12,.0f} chars/s  ({rounds} rounds)")
    print(f"ratio:                  {ours / theirs:>12.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
