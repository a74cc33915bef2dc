"""Reads for a round's bulletin: the 版记 its ledger's office set."""

from __future__ import annotations

from blueledger.dispatch.models import BulletinSettings
from blueledger.ledgers.models import Ledger


def bulletin_settings_get(ledger: Ledger) -> BulletinSettings:
    """The ledger's bulletin settings; an unsaved blank one (the defaults) when the office set none."""
    return BulletinSettings.objects.filter(ledger=ledger).first() or BulletinSettings(ledger=ledger)
