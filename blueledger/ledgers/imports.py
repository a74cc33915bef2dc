"""The sample documents shipped in `samples/`, imported and published for the demo."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from blueledger.documents.models import Document
from blueledger.ledgers.choices import LedgerStatus
from blueledger.ledgers.models import Ledger
from blueledger.ledgers.selectors import issuer_department, unassigned_target_tasks
from blueledger.ledgers.services import document_import, ledger_assign_unassigned, ledger_publish
from blueledger.orgs.models import Region

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"
# The region of each sample's issuer, by the number its file name starts with (see samples/README.md).
SAMPLE_REGIONS = {"000": "370200", "001": "370211", "002": "370200", "003": "371000", "004": "370700"}


@dataclass(frozen=True, slots=True)
class SampleOutcome:
    filename: str
    ledger: Ledger
    imported: bool


def sample_paths() -> list[Path]:
    return sorted(SAMPLES_DIR.glob("*.txt"))


@transaction.atomic
def samples_import_and_publish(*, actor: Any) -> list[SampleOutcome]:
    """Imports each sample once (a file whose SHA-256 is already imported is skipped) and publishes its
    ledger, its unassigned tasks given to the issuer as a reviewer would (a bureau's own plan names no
    departments). Raises ValidationError, and writes nothing, if any sample cannot be published."""
    outcomes = []
    for path in sample_paths():
        data = path.read_bytes()
        region = Region.objects.get(code=SAMPLE_REGIONS[path.name[:3]])
        document = Document.objects.filter(sha256=hashlib.sha256(data).hexdigest()).first()
        imported = document is None
        if document is None:
            document = document_import(actor=actor, data=data, filename=path.name, region=region)
        ledger = document.ledger
        if ledger.status == LedgerStatus.DRAFT:
            issuer = issuer_department(ledger)
            if issuer is not None and unassigned_target_tasks(ledger):
                ledger_assign_unassigned(actor=actor, ledger=ledger, department=issuer)
            ledger_publish(actor=actor, ledger=ledger)
        outcomes.append(SampleOutcome(path.name, ledger, imported))
    return outcomes
