"""Where the platform keeps positions: BLUELEDGER_DATA_DIR/fisheries/positions (see tracks.store)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def positions_root() -> Path:
    return Path(settings.DATA_DIR) / "fisheries" / "positions"
