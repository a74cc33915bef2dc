"""The bulletin is dated in Beijing time: a round closed at 20:00 UTC on 4 December closed on 5 December."""

from __future__ import annotations

import datetime
from io import BytesIO
from typing import Any
from unittest import mock

import pytest
from docx import Document

from blueledger.dispatch.bulletin_facts import bulletin_docx
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import make_published_ledger, make_round

pytestmark = pytest.mark.django_db

EVENING_UTC = datetime.datetime(2026, 12, 4, 20, 0, tzinfo=datetime.UTC)


def _paragraphs(data: bytes) -> list[str]:
    return [paragraph.text for paragraph in Document(BytesIO(data)).paragraphs]


def test_a_round_closed_in_the_utc_evening_is_signed_the_next_beijing_day(shandong: dict[str, Any]) -> None:
    ledger, _ = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    with mock.patch("django.utils.timezone.now", return_value=EVENING_UTC):
        round_close(actor=None, reporting_round=reporting_round)

    paragraphs = _paragraphs(bulletin_docx(reporting_round))

    assert "2026年12月5日" in paragraphs
    assert not any("12月4日" in text for text in paragraphs)


def test_an_open_round_is_signed_today_in_beijing(shandong: dict[str, Any]) -> None:
    ledger, _ = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    with mock.patch("django.utils.timezone.now", return_value=EVENING_UTC):
        paragraphs = _paragraphs(bulletin_docx(reporting_round))

    assert "2026年12月5日" in paragraphs
