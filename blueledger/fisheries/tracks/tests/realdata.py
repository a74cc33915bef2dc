"""Where the third-party fixtures of shared/data/real are: beside the checkout (../shared), or
BLUELEDGER_SHARED_DIR. Tests that need them skip cleanly when they are absent. The DCIC data may be used in
tests only (shared/data/real/README.md): it is read from there, never copied into the package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_REPO = Path(__file__).resolve().parents[4]
SHARED = Path(os.environ.get("BLUELEDGER_SHARED_DIR") or (_REPO.parent / "shared"))
REAL = SHARED / "data" / "real"


def real(relative: str) -> Path:
    """The path of a real-data fixture, or skip the test when shared/ is not here."""
    path = REAL / relative
    if not path.exists():
        pytest.skip(f"shared real data not found: {path}")
    return path
