"""Where the project's shared material (seeds, eval gold, reference facts) lies beside a checkout.

The folder `shared/` sits next to the repository in the main checkout (repo/../shared) and two levels up from
a worktree (wt/<name>/../../shared), unless BLUELEDGER_SHARED_DIR names it; tests look for it there and skip
cleanly when it is absent, instead of naming one machine's path.
"""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
# How many folders above the repository's parent `shared/` may sit (a worktree's is one more level up).
SEARCH_LEVELS = 3


def shared_dir(start: Path = REPOSITORY) -> Path | None:
    """BLUELEDGER_SHARED_DIR, else the nearest `shared/` folder beside `start` or one of its ancestors, or None."""
    if os.environ.get("BLUELEDGER_SHARED_DIR"):
        named = Path(os.environ["BLUELEDGER_SHARED_DIR"])
        return named if named.is_dir() else None
    for folder in [start, *start.parents][:SEARCH_LEVELS]:
        candidate = folder.parent / "shared"
        if candidate.is_dir():
            return candidate
    return None


def shared_path(*parts: str) -> Path | None:
    """A file or folder inside `shared/` (shared_path("seeds")), or None when it is not there."""
    base = shared_dir()
    if base is None:
        return None
    path = base.joinpath(*parts)
    return path if path.exists() else None
