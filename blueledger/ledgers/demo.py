"""The ledgers part of `blueledger demo`: each seed document imported and its ledger published."""

from collections.abc import Callable

from blueledger.ledgers.imports import samples_import_and_publish

DEMO_ORDER = 20


def demo_load(*, write: Callable[[str], None], province_scale: float | None) -> None:
    for outcome in samples_import_and_publish(actor=None):
        state = "导入并发布" if outcome.imported else "已存在"
        write(f"示例台账: {outcome.filename} {state} — {outcome.ledger.title}")
