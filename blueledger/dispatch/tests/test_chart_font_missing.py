"""Without a CJK font for the charts the bulletin is refused with a Chinese message naming the package to
install: on the page (never a 500), in `blueledger bulletin`, and in `blueledger check`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import checks
from django.core.management import CommandError, call_command

from blueledger import cli
from blueledger.core.testing import page_client
from blueledger.dispatch.bulletin import fonts
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_round

MESSAGE = fonts.CHART_FONT_MISSING_MESSAGE


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(fonts, "_first_installed", lambda: None)
    monkeypatch.setattr(fonts, "_find_fonts_fresh", lambda: None)
    fonts.chart_font_family.cache_clear()
    yield
    monkeypatch.undo()
    fonts.chart_font_family.cache_clear()


@pytest.fixture
def closed_round(shandong: dict[str, Any]) -> Any:
    ledger, _ = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    round_close(actor=None, reporting_round=reporting_round)
    return reporting_round


@pytest.mark.django_db
def test_the_download_says_which_font_to_install(no_cjk_font: None, closed_round: Any,
                                                 shandong: dict[str, Any]) -> None:
    client = page_client(make_office(shandong["weifang"]))

    response = client.get(f"/dispatch/rounds/{closed_round.pk}/bulletin.docx", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(f"/dispatch/rounds/{closed_round.pk}/", 302)]
    assert f"无法生成调度通报: {MESSAGE}。" in response.content.decode()


@pytest.mark.django_db
def test_the_command_says_which_font_to_install(no_cjk_font: None, closed_round: Any, tmp_path: Path) -> None:
    out = tmp_path / "b.docx"
    with pytest.raises(CommandError) as refused:
        call_command("bulletin", "--latest", "--out", str(out))
    assert str(refused.value) == MESSAGE
    assert "apt-get install fonts-noto-cjk" in MESSAGE
    assert not out.exists()


def test_the_system_check_warns(no_cjk_font: None) -> None:
    warnings = [message for message in checks.run_checks(tags=["fonts"]) if message.id == "dispatch.W001"]
    assert [(w.level, w.msg) for w in warnings] == [(checks.WARNING, MESSAGE)]


def test_the_system_check_is_quiet_with_the_font() -> None:
    fonts.chart_font_family.cache_clear()
    assert checks.run_checks(tags=["fonts"]) == []


def test_run_and_check_print_the_chart_font(capsys: pytest.CaptureFixture[str]) -> None:
    fonts.chart_font_family.cache_clear()
    cli._print_chart_font()
    assert capsys.readouterr().out == "通报图表字体: Noto Sans CJK SC\n"


def test_run_and_check_warn_without_it(no_cjk_font: None, capsys: pytest.CaptureFixture[str]) -> None:
    cli._print_chart_font()
    assert capsys.readouterr().err == f"警告: {MESSAGE}\n"
