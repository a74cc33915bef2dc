"""Render an `ExtractedLedger` as the `blueledger.extract/1` JSON object of eval/GUIDE.md."""

from __future__ import annotations

from typing import TYPE_CHECKING

from blueledger.lib.numbers import json_number

if TYPE_CHECKING:
    from blueledger.ledgers.extraction.model import ExtractedLedger

SCHEMA_ID = "blueledger.extract/1"


def ledger_to_schema(ledger: ExtractedLedger) -> dict[str, object]:
    leads: dict[str, list[str]] = {}
    supports: dict[str, list[str]] = {}
    for responsibility in ledger.responsibilities:
        names = leads if responsibility.role == "lead" else supports
        listed = names.setdefault(responsibility.task_key, [])
        if responsibility.department_name not in listed:
            listed.append(responsibility.department_name)
    return {
        "schema": SCHEMA_ID,
        "source": ledger.source,
        "title": ledger.title,
        "issuer": ledger.issuer,
        "date": ledger.date.isoformat() if ledger.date else None,
        "kind": ledger.kind,
        "tasks": [
            {
                "key": task.key,
                "title": task.title,
                "parent": task.parent_key,
                "lead": leads.get(task.key, []),
                "support": supports.get(task.key, []),
                "deadline": task.deadline.isoformat() if task.deadline else None,
            }
            for task in ledger.tasks
        ],
        "quantities": [
            {
                "task": quantity.task_key,
                "role": quantity.role,
                "metric": quantity.metric,
                "value": json_number(quantity.value),
                "value_max": json_number(quantity.value_max),
                "unit": quantity.unit,
                "op": quantity.op,
                "hardness": quantity.hardness,
                "deadline": quantity.deadline.isoformat() if quantity.deadline else None,
                "quote": quantity.quote,
                # Optional, not in the gold schema: why a reviewer should check this item.
                "review_flags": list(quantity.review_flags),
            }
            for quantity in ledger.quantities
        ],
    }
