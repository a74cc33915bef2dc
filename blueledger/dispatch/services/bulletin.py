"""Writes of a ledger's bulletin settings: the 版记's 抄送 and 印发机关."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from blueledger.core.history import attribute_change
from blueledger.core.permissions import require_dispatch_in_region
from blueledger.dispatch.models import BulletinSettings
from blueledger.ledgers.models import Ledger


@transaction.atomic
def bulletin_settings_update(*, actor: Any, ledger: Ledger, copy_to: str, printed_by: str,
                             reason: str = "") -> BulletinSettings:
    """Sets the 抄送 and 印发机关 of the ledger's bulletins (the dispatch office of its region, or an
    administrator); whitespace is tidied, blank restores the default, and an unchanged save writes nothing."""
    require_dispatch_in_region(actor, ledger.region)
    copy_to = " ".join(copy_to.split()).rstrip("。")
    printed_by = " ".join(printed_by.split())
    settings = BulletinSettings.objects.select_for_update().filter(ledger=ledger).first()
    if settings is None:
        settings = BulletinSettings(ledger=ledger)
    elif (settings.copy_to, settings.printed_by) == (copy_to, printed_by):
        return settings
    settings.copy_to, settings.printed_by = copy_to, printed_by
    attribute_change(settings, actor=actor, reason=reason or "设置通报版记")
    settings.save()
    return settings
