"""Scored with shared/eval/score.py, three sets must keep the CI thresholds: the development set (shared/seeds with
shared/eval/gold), dev2 (shared/eval/dev2: 24 real excerpts of the genre with hand-made gold) and the genre set of
this folder (genre_set/: six documents written in the genre's other phrasings — 第X条 articles, 由X牵头 sentences,
累计 in a plan, 口/台套/载重吨 — with gold made by the guide)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from blueledger.ledgers.extraction import extract
from blueledger.lib.shared_material import shared_dir

SHARED = shared_dir() or Path("shared")  # a relative stand-in when absent; the module then skips
GENRE_SET = Path(__file__).resolve().parent / "genre_set"
SETS = {
    "development": (SHARED / "seeds", SHARED / "eval" / "gold"),
    "dev2": (SHARED / "eval" / "dev2" / "docs", SHARED / "eval" / "dev2" / "gold"),
    "genre": (GENRE_SET / "docs", GENRE_SET / "gold"),
}
MIN_F1 = 0.95
MIN_ACCURACY = 0.95
MIN_METADATA = 0.9

pytestmark = pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").exists(), reason="no shared evaluation set beside this checkout"
)


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("blueledger_eval_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", SETS)
def test_the_set_meets_the_thresholds(name: str) -> None:
    documents, gold_folder = SETS[name]
    score = load_scorer()
    totals: dict[str, float] = {}
    gold_files = sorted(gold_folder.glob("*.json"))
    assert gold_files
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (documents / gold["source"]).read_text(encoding="utf-8")
        predicted = extract(text, source=gold["source"]).to_schema()
        for name, value in score.score_doc(gold, predicted).items():
            if isinstance(value, bool | int | float):
                totals[name] = totals.get(name, 0) + float(value)

    def f1(prefix: str) -> float:
        return float(
            score.prf(
                int(totals[f"{prefix}_tp"]), int(totals[f"{prefix}_pred"]), int(totals[f"{prefix}_gold"])
            )[2]
        )

    matched = max(totals["q_tp"], 1)
    figures = {
        "quantity_f1": f1("q"),
        "task_f1": f1("t"),
        "lead_f1": f1("lead"),
        "support_f1": f1("support"),
        "op_accuracy": totals["op_ok"] / matched,
        "hardness_accuracy": totals["hardness_ok"] / matched,
        "metadata_accuracy": totals["meta_ok"] / (4 * len(gold_files)),
    }
    assert {
        name: value >= (MIN_METADATA if name == "metadata_accuracy" else MIN_F1)
        for name, value in figures.items()
    } == dict.fromkeys(figures, True), figures
