"""Charts need a CJK font; one installed after matplotlib cached its font list is found without a restart,
and without one the error names the Debian package to install."""

from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager

from blueledger.dispatch.bulletin import fonts


def test_an_installed_noto_cjk_family_is_found() -> None:
    fonts.chart_font_family.cache_clear()

    assert fonts.chart_font_family() in fonts.CHART_FONT_FAMILIES


def test_a_font_installed_after_the_font_cache_was_written_is_found(monkeypatch: pytest.MonkeyPatch,
                                                                     tmp_path: Path) -> None:
    # The cache of a process started before fonts-noto-cjk was installed: no CJK face in it.
    stale = [entry for entry in font_manager.fontManager.ttflist if "CJK" not in entry.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    monkeypatch.setattr(matplotlib, "get_cachedir", lambda: str(tmp_path))
    fonts.chart_font_family.cache_clear()
    try:
        assert fonts.chart_font_family() == "Noto Sans CJK SC"
        # The rewritten cache lists it, so the next process starts with it.
        written = (tmp_path / f"fontlist-v{font_manager.FontManager.__version__}.json").read_text()
        assert "Noto Sans CJK SC" in written
    finally:
        fonts.chart_font_family.cache_clear()


def test_missing_cjk_font_names_the_debian_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "CHART_FONT_FAMILIES", ("No Such CJK Font",))
    monkeypatch.setattr(matplotlib, "get_cachedir", lambda: str(tmp_path))
    fonts.chart_font_family.cache_clear()
    try:
        with pytest.raises(fonts.ChartFontMissing, match="apt-get install fonts-noto-cjk"):
            fonts.chart_font_family()
    finally:
        monkeypatch.undo()
        fonts.chart_font_family.cache_clear()
