"""The shared material is found beside a checkout or a worktree, and its absence is None, not an error."""

from pathlib import Path

from blueledger.lib.shared_material import shared_dir


def test_shared_beside_the_checkout_or_two_levels_up(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "main").mkdir()
    (tmp_path / "wt" / "house").mkdir(parents=True)
    assert shared_dir(tmp_path / "main") == tmp_path / "shared"
    assert shared_dir(tmp_path / "wt" / "house") == tmp_path / "shared"


def test_no_shared_folder_is_none(tmp_path: Path) -> None:
    (tmp_path / "a" / "b" / "c" / "repo").mkdir(parents=True)
    assert shared_dir(tmp_path / "a" / "b" / "c" / "repo") is None
