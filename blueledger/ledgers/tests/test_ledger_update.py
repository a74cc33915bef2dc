"""A draft ledger's title, kind and date (成文日期) are corrected with history; a published one refuses."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.ledgers import services
from blueledger.ledgers.choices import LedgerKind
from blueledger.ledgers.models import Ledger
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


def _dispatcher(shandong: dict[str, Any]) -> Any:
    return make_user(make_department(shandong["weifang"], "市海渔办"), Role.DISPATCHER, "dispatcher")


def test_ledger_update_records_who_and_the_values_before(shandong: dict[str, Any]) -> None:
    dispatcher = _dispatcher(shandong)
    ledger = make_ledger(shandong["weifang"])
    before = (ledger.title, ledger.kind, ledger.issued_on)

    services.ledger_update(actor=dispatcher, ledger=ledger, title=" 潍坊市 2025年 工作要点 ", kind=LedgerKind.MIXED,
                           issued_on=datetime.date(2025, 2, 8), reason="标题抽取有误")

    ledger.refresh_from_db()
    assert (ledger.title, ledger.kind) == ("潍坊市 2025年 工作要点", "mixed")
    assert ledger.issued_on == datetime.date(2025, 2, 8)
    latest, previous = ledger.history.all()[:2]
    assert (latest.history_user, latest.history_change_reason) == (dispatcher, "标题抽取有误")
    assert (previous.title, previous.kind, previous.issued_on) == before


def test_a_published_ledger_is_not_edited(shandong: dict[str, Any]) -> None:
    dispatcher = _dispatcher(shandong)
    ledger = make_ledger(shandong["weifang"])
    Ledger.objects.filter(pk=ledger.pk).update(status="published")
    history = ledger.history.count()

    with pytest.raises(ValidationError) as refused:  # the copy in hand still says draft: the service re-reads
        services.ledger_update(actor=dispatcher, ledger=ledger, title="新标题")

    assert refused.value.messages == [f"台账“{ledger.title}”已发布, 不能再修改。"]
    assert Ledger.objects.get(pk=ledger.pk).title == "潍坊市海洋发展和渔业局2025年工作要点"
    assert ledger.history.count() == history


def test_blank_title_and_other_fields_are_refused(shandong: dict[str, Any]) -> None:
    ledger = make_ledger(shandong["weifang"])
    with pytest.raises(ValidationError) as blank:
        services.ledger_update(actor=None, ledger=ledger, title="  ")
    with pytest.raises(ValidationError) as unknown:
        services.ledger_update(actor=None, ledger=ledger, issuer="某局")
    assert blank.value.messages == ["台账标题不能为空。"]
    assert unknown.value.messages == ["台账不可修改的字段: issuer"]
    assert ledger.history.count() == 1


def test_the_edit_page_saves_and_the_history_tab_shows_it(shandong: dict[str, Any]) -> None:
    client = page_client(_dispatcher(shandong))
    ledger = make_ledger(shandong["weifang"])
    detail = client.get(reverse("ledgers:ledger_detail", args=[ledger.pk])).content.decode()
    assert f'href="/ledgers/{ledger.pk}/edit/" id="ledger-edit"' in detail

    response = client.post(reverse("ledgers:ledger_edit", args=[ledger.pk]),
                           {"title": "潍坊市2025年海洋工作要点", "kind": "plan", "issued_on": "2025-02-08"})

    assert response.status_code == 302
    ledger.refresh_from_db()
    assert (ledger.title, ledger.issued_on) == ("潍坊市2025年海洋工作要点", datetime.date(2025, 2, 8))
    history = client.get(reverse("ledgers:ledger_detail", args=[ledger.pk]) + "?tab=history").content.decode()
    assert "修改台账信息" in history and "2025-02-08" in history


def test_the_edit_page_of_a_published_ledger_sends_back(shandong: dict[str, Any]) -> None:
    client = page_client(_dispatcher(shandong))
    ledger = make_ledger(shandong["weifang"])
    Ledger.objects.filter(pk=ledger.pk).update(status="published")

    response = client.post(reverse("ledgers:ledger_edit", args=[ledger.pk]),
                           {"title": "新标题", "kind": "plan", "issued_on": ""}, follow=True)

    assert "标题、类型和日期不能再修改" in response.content.decode()
    assert Ledger.objects.get(pk=ledger.pk).title == "潍坊市海洋发展和渔业局2025年工作要点"
    detail = client.get(reverse("ledgers:ledger_detail", args=[ledger.pk])).content.decode()
    assert 'id="ledger-edit"' not in detail


def test_a_reporter_cannot_open_the_edit_page(shandong: dict[str, Any]) -> None:
    reporter = make_user(make_department(shandong["weifang"], "市发改委"), Role.REPORTER, "reporter")
    ledger = make_ledger(shandong["weifang"])
    assert page_client(reporter).get(reverse("ledgers:ledger_edit", args=[ledger.pk])).status_code == 403
