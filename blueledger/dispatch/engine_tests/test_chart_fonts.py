"""Charts need a CJK font; without one the error names the Debian package to install."""

import pytest

from blueledger.dispatch.bulletin import fonts


def test_an_installed_noto_cjk_family_is_found() -> None:
    fonts.chart_font_family.cache_clear()

    assert fonts.chart_font_family() in fonts.CHART_FONT_FAMILIES


def test_missing_cjk_font_names_the_debian_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "CHART_FONT_FAMILIES", ("No Such CJK Font",))
    fonts.chart_font_family.cache_clear()
    try:
        with pytest.raises(fonts.ChartFontMissing, match="apt-get install fonts-noto-cjk"):
            fonts.chart_font_family()
    finally:
        monkeypatch.undo()
        fonts.chart_font_family.cache_clear()
