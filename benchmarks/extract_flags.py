"""How well the review flags point at the extractor's mistakes, on seeds and dev2.

    .venv/bin/python benchmarks/extract_flags.py

Extracts every gold document, matches predicted quantities to gold with score.py's own matching (imported
from shared/eval/score.py) and counts a prediction wrong when it is unmatched (a false quantity, or one with
a wrong value, unit or role: those are part of the match key) or matched with a wrong op, hardness or
deadline. Prints, per set: predicted quantities, wrong ones, flagged ones, the share of wrong ones that are
flagged (recall of the flags) and the share of flagged ones that are wrong (precision).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

from blueledger.documents.reading import read_path
from blueledger.ledgers.extraction import extract
from blueledger.lib.shared_material import shared_path

SETS = (("seeds", ("eval", "gold"), ("seeds",)), ("dev2", ("eval", "dev2", "gold"), ("eval", "dev2", "docs")))
CHECKED_FIELDS = ("op", "hardness", "deadline")


def load_score() -> ModuleType:
    path = shared_path("eval", "score.py")
    if path is None:
        sys.exit("extract_flags: shared/eval/score.py not found")
    spec = importlib.util.spec_from_file_location("shared_eval_score", path)
    if spec is None or spec.loader is None:
        sys.exit(f"extract_flags: cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(score: ModuleType, gold_dir: Path, docs_dir: Path) -> dict[str, object]:
    predicted = wrong = flagged = wrong_flagged = 0
    reasons: Counter[str] = Counter()
    wrong_reasons: Counter[str] = Counter()
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        document = read_path(docs_dir / gold["source"])
        pred = extract(document.text, source=gold["source"]).to_schema()
        gold_quantities: list[dict[str, object]] = gold.get("quantities", [])
        pred_quantities: list[dict[str, object]] = pred["quantities"]  # type: ignore[assignment]
        matched = {pi: gi for gi, pi in score.match_quantities(gold_quantities, pred_quantities)}
        for index, quantity in enumerate(pred_quantities):
            gold_quantity = gold_quantities[matched[index]] if index in matched else None
            is_wrong = gold_quantity is None or any(
                (gold_quantity.get(field) or None) != (quantity.get(field) or None) for field in CHECKED_FIELDS
            )
            flags: list[str] = quantity.get("review_flags") or []  # type: ignore[assignment]
            predicted += 1
            wrong += is_wrong
            flagged += bool(flags)
            wrong_flagged += is_wrong and bool(flags)
            reasons.update(flags)
            if is_wrong:
                wrong_reasons.update(flags)
    return {
        "predicted": predicted,
        "wrong": wrong,
        "flagged": flagged,
        "wrong_flagged": wrong_flagged,
        "recall": wrong_flagged / wrong if wrong else None,
        "precision": wrong_flagged / flagged if flagged else None,
        "reasons": dict(reasons.most_common()),
        "reasons_on_wrong": dict(wrong_reasons.most_common()),
    }


def _share(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else "—"


def main() -> int:
    score = load_score()
    for name, gold_parts, docs_parts in SETS:
        gold_dir, docs_dir = shared_path(*gold_parts), shared_path(*docs_parts)
        if gold_dir is None or docs_dir is None:
            print(f"{name}: set not found", file=sys.stderr)
            continue
        result = measure(score, gold_dir, docs_dir)
        print(
            f"{name}: predicted {result['predicted']}, wrong {result['wrong']}, flagged {result['flagged']}, "
            f"wrong and flagged {result['wrong_flagged']}; flag recall (wrong that are flagged) "
            f"{_share(result['recall'])}, flag precision (flagged that are wrong) {_share(result['precision'])}"
        )
        print(f"  reasons (all): {result['reasons']}")
        print(f"  reasons (on wrong): {result['reasons_on_wrong']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
