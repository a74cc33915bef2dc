"""Characters per second of `extract()` over the five seed documents, with jionlp as a yardstick.

    .venv/bin/python benchmarks/extract.py [SEEDS_DIR]

Runs on one core. A round is one pass over the whole set; rounds of the two extractors alternate for at
least MIN_SECONDS each, so that the host's ups and downs (this machine's figures swing by ±20 % from run to
run) fall on both alike. Prints the rate of the median round and of the best one (the least disturbed).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from blueledger.ledgers.extraction import extract

MIN_SECONDS = 2.0
DEFAULT_SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"


Run = Callable[[str], object]


def round_seconds(texts: list[str], run: Run) -> float:
    started = time.perf_counter()
    for text in texts:
        run(text)
    return time.perf_counter() - started


def alternating_rounds(texts: list[str], runs: list[Run]) -> list[list[float]]:
    """Per extractor, the seconds of each round, the extractors taking turns until each has run MIN_SECONDS."""
    for run in runs:
        round_seconds(texts, run)  # warm-up: compiled patterns, caches
    seconds: list[list[float]] = [[] for _ in runs]
    while min(sum(times) for times in seconds) < MIN_SECONDS:
        for index, run in enumerate(runs):
            seconds[index].append(round_seconds(texts, run))
    return seconds


def report(label: str, total_chars: int, times: list[float]) -> float:
    median = total_chars / statistics.median(times)
    print(f"{label:<26}{median:>12,.0f} chars/s median, {total_chars / min(times):>12,.0f} best ({len(times)} rounds)")
    return median


def main(argv: list[str]) -> int:
    seeds = Path(argv[0]) if argv else DEFAULT_SEEDS
    paths = sorted(seeds.glob("*.txt"))
    if not paths:
        print(f"no .txt documents in {seeds}", file=sys.stderr)
        return 1
    texts = [path.read_text(encoding="utf-8") for path in paths]
    total_chars = sum(len(text) for text in texts)
    print(f"{len(texts)} documents, {total_chars:,} characters")

    def ours(text: str) -> object:
        return extract(text, source="bench")

    try:
        import jionlp  # type: ignore[import-untyped]  # optional, and slow to import
    except ImportError:
        report("blueledger extract():", total_chars, alternating_rounds(texts, [ours])[0])
        print("jionlp.extract_money:     skipped (install it with: .venv/bin/pip install jionlp)")
        return 0
    our_times, their_times = alternating_rounds(texts, [ours, jionlp.ner.extract_money])
    our_rate = report("blueledger extract():", total_chars, our_times)
    their_rate = report("jionlp.ner.extract_money:", total_chars, their_times)
    print(f"ratio of the medians:     {our_rate / their_rate:>12.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
