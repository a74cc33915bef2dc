"""What the extractor returns: a draft ledger whose every item points back into the text it came from.

Spans are offsets into `ExtractedLedger.text`, the normalised text (see `blueledger.lib.textnorm`).
Strings reported to people (`title`, `quote`, department names) are kept as written in the document,
so full-width digits stay full-width there even though `text` has them half-width.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from blueledger.ledgers.extraction.schema import ledger_to_schema

DocumentKind = Literal["plan", "summary", "targets", "policy", "mixed"]
QuantityRole = Literal["target", "fact"]
ComparisonOp = Literal["=", ">=", ">", "<=", "~", "range"]
Hardness = Literal["确保", "力争", "争取"]
ResponsibilityRole = Literal["lead", "support"]


@dataclass(frozen=True, slots=True)
class TextSpan:
    """Half-open character range [start, end) of `ExtractedLedger.text`."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ExtractedTask:
    """A heading of the task hierarchy or a named row of a target table.

    `key` chains the heading numbers as written (二.(一).1); `span` covers the title.
    """

    key: str
    title: str
    parent_key: str | None
    deadline: datetime.date | None
    span: TextSpan


@dataclass(frozen=True, slots=True)
class ExtractedResponsibility:
    """A department named as lead or support of a task; `span` covers the name where it is written."""

    task_key: str
    department_name: str
    role: ResponsibilityRole
    span: TextSpan | None


@dataclass(frozen=True, slots=True)
class ExtractedQuantity:
    """One mention of a measured quantity; `span` covers `quote`, the number with its unit."""

    task_key: str | None
    role: QuantityRole
    metric: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    op: ComparisonOp
    hardness: Hardness | None
    deadline: datetime.date | None
    quote: str
    span: TextSpan
    # Reasons in Chinese to check this item by hand (see `review.quantity_review_flags`); empty when sure.
    review_flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractedLedger:
    """The draft ledger of one document, in document order."""

    source: str
    title: str | None
    issuer: str | None
    date: datetime.date | None
    kind: DocumentKind
    tasks: tuple[ExtractedTask, ...]
    quantities: tuple[ExtractedQuantity, ...]
    responsibilities: tuple[ExtractedResponsibility, ...]
    text: str
    title_span: TextSpan | None = None
    issuer_span: TextSpan | None = None
    date_span: TextSpan | None = None

    def to_schema(self) -> dict[str, object]:
        """The `blueledger.extract/1` JSON object (see eval/GUIDE.md)."""
        return ledger_to_schema(self)
