"""Where the third-party fixtures of shared/data/real are: beside the checkout (../shared), or
BLUELEDGER_SHARED_DIR. Tests that need them skip cleanly when they are absent. The DCIC data may be used in
tests only (shared/data/real/README.md): it is read from there, never copied into the package."""

from __future__ import annotations

from pathlib import Path

import pytest

from blueledger.lib.shared_material import shared_dir

SHARED = shared_dir() or Path("shared-not-found")
REAL = SHARED / "data" / "real"


def real(relative: str) -> Path:
    """The path of a real-data fixture, or skip the test when shared/ is not here."""
    path = REAL / relative
    if not path.exists():
        pytest.skip(f"shared real data not found: {path}")
    return path
