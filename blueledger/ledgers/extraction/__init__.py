"""Django-free engine: the text of a work document → a draft task ledger with spans.

    from blueledger.ledgers.extraction import extract
    ledger = extract(text, source="plan.txt")
    ledger.to_schema()   # the blueledger.extract/1 JSON object (shared/eval/GUIDE.md)
"""

from blueledger.ledgers.extraction.model import (
    ExtractedLedger,
    ExtractedQuantity,
    ExtractedResponsibility,
    ExtractedTask,
    TextSpan,
)
from blueledger.ledgers.extraction.pipeline import extract

__all__ = [
    "ExtractedLedger",
    "ExtractedQuantity",
    "ExtractedResponsibility",
    "ExtractedTask",
    "TextSpan",
    "extract",
]
