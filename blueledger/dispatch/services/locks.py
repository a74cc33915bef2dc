"""The round's row as the lock of every state change of the round and of its reports (STYLE.md rule 13)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from blueledger.dispatch.choices import RoundStatus
from blueledger.dispatch.models import ReportingRound


def lock_round(reporting_round: ReportingRound) -> None:
    """Re-reads the round inside the caller's transaction and locks its row until the transaction ends, so
    a state change never acts on the copy a view loaded earlier: closing, saving, returning and the registry
    fill of one round run one after another (on SQLite the whole database is locked by the write
    transaction, which settings.py begins IMMEDIATE)."""
    reporting_round.refresh_from_db(from_queryset=ReportingRound.objects.select_for_update())


def require_open(reporting_round: ReportingRound) -> None:
    """Locks the round (see lock_round) and refuses when it is no longer open."""
    lock_round(reporting_round)
    if reporting_round.status != RoundStatus.OPEN:
        raise ValidationError(f"本轮已截止: “{reporting_round.title}”已截止, 不能再修改报送, 本次内容未保存。")
