"""The 版记's 抄送 and 印发机关 are data of the ledger, kept by its dispatch office on a page with their history;
the bulletin prints them, and the command's --copy-to and --printed-by override them."""

from __future__ import annotations

import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from docx import Document

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.dispatch.bulletin_facts import bulletin_docx
from blueledger.dispatch.models import BulletinSettings
from blueledger.dispatch.services.bulletin import bulletin_settings_update
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import make_published_ledger, make_round, report_all
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db
ISSUED = datetime.date(2025, 11, 6)


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_published_ledger(shandong["weifang"])
    october = make_round(ledger)
    report_all(october, departments["市发改委"], ["600"])
    round_close(actor=None, reporting_round=october)
    office = make_user(departments["市海渔局"], Role.DISPATCHER, "wf_office")
    return {"ledger": ledger, "october": october, "office": office, **departments}


def _colophon(document_bytes: bytes) -> list[str]:
    return [row.cells[0].text for row in Document(BytesIO(document_bytes)).tables[-1].rows]


def test_the_office_sets_the_colophon_with_history_and_the_bulletin_prints_it(world: dict[str, Any]) -> None:
    assert _colophon(bulletin_docx(world["october"], issued_on=ISSUED)) == [
        "抄送：各责任单位。", "潍坊市海洋发展和渔业局办公室\t2025年11月6日印发"]  # the defaults

    settings = bulletin_settings_update(actor=world["office"], ledger=world["ledger"],
                                        copy_to="  市委办公室，市政府办公室。 ",
                                        printed_by="潍坊市海洋发展和渔业局综合科", reason="按局办要求")

    assert (settings.copy_to, settings.printed_by) == ("市委办公室，市政府办公室", "潍坊市海洋发展和渔业局综合科")
    record = settings.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("+", world["office"],
                                                                                        "按局办要求")
    assert _colophon(bulletin_docx(world["october"], issued_on=ISSUED)) == [
        "抄送：市委办公室，市政府办公室。", "潍坊市海洋发展和渔业局综合科\t2025年11月6日印发"]


def test_saving_unchanged_writes_no_history(world: dict[str, Any]) -> None:
    for _ in range(2):
        bulletin_settings_update(actor=world["office"], ledger=world["ledger"], copy_to="市委办公室", printed_by="")

    assert BulletinSettings.history.count() == 1


@pytest.mark.parametrize("who", ["reporter", "other_city"])
def test_only_the_ledgers_office_may_set_it(shandong: dict[str, Any], world: dict[str, Any], who: str) -> None:
    actor = (make_user(world["市发改委"], Role.REPORTER, "fagai") if who == "reporter"
             else make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.DISPATCHER, "qd"))

    with pytest.raises(PermissionDenied):
        bulletin_settings_update(actor=actor, ledger=world["ledger"], copy_to="市委办公室", printed_by="")

    assert not BulletinSettings.objects.exists() and BulletinSettings.history.count() == 0


def test_the_command_options_override_the_stored_colophon(world: dict[str, Any], tmp_path: Path) -> None:
    bulletin_settings_update(actor=None, ledger=world["ledger"], copy_to="市委办公室", printed_by="市海渔局综合科")
    stored, overridden = tmp_path / "stored.docx", tmp_path / "overridden.docx"

    call_command("bulletin", "--latest", "--out", str(stored))
    call_command("bulletin", "--latest", "--out", str(overridden), "--copy-to", "省海洋局",
                 "--printed-by", "潍坊市海洋发展和渔业局办公室")

    assert [text.split("\t")[0] for text in _colophon(stored.read_bytes())] == ["抄送：市委办公室。", "市海渔局综合科"]
    assert [text.split("\t")[0] for text in _colophon(overridden.read_bytes())] == [
        "抄送：省海洋局。", "潍坊市海洋发展和渔业局办公室"]


def test_the_settings_page_saves_and_shows_the_history(world: dict[str, Any]) -> None:
    client = page_client(world["office"])
    url = f"/dispatch/ledgers/{world['ledger'].pk}/bulletin/"
    assert f'href="{url}"' in client.get(f"/dispatch/rounds/{world['october'].pk}/").content.decode()

    response = client.post(url, {"copy_to": "市委办公室，市政府办公室", "printed_by": "", "reason": "首次设置"})

    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert 'value="市委办公室，市政府办公室"' in page
    assert "首次设置" in page and "wf_office" in page
    reporter = make_user(world["市发改委"], Role.REPORTER, "fagai")
    assert page_client(reporter).get(url).status_code == 403
