"""The pipeline pages: the list with its funnel and stage filter (a fixed number of queries), and the lead
page's stage-change form (forward stages and 终止 only; a refused change says why and writes nothing)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from blueledger.core.testing import make_department, make_user
from blueledger.projects import services
from blueledger.projects.models import Lead, LeadStageChange
from blueledger.projects.tests.factories import make_track
from blueledger.users.choices import Role


@pytest.fixture
def city(shandong: dict[str, Any]) -> dict[str, Any]:
    dispatcher = make_user(make_department(shandong["qingdao"]), Role.DISPATCHER)
    client = Client()
    client.force_login(dispatcher)
    return {**shandong, "dispatcher": dispatcher, "client": client, "track": make_track(shandong["qingdao"])}


def make_lead(city: dict[str, Any], name: str, *moves: tuple[str, str]) -> Lead:
    lead = services.lead_create(
        actor=None, region=city["huangdao"], track=city["track"], name=name, entered_on=date(2023, 1, 1)
    )
    for stage, day in moves:
        services.lead_stage_change(
            actor=None,
            lead=lead,
            stage=stage,
            changed_on=date.fromisoformat(day),
            signed_amount_wan=Decimal(50000) if stage == "signed" else None,
            drop_reason="投资方撤回" if stage == "dropped" else "",
        )
    return lead


@pytest.mark.django_db
def test_pipeline_page_shows_the_funnel_and_filters_by_stage(city: dict[str, Any]) -> None:
    make_lead(city, "在谈线索")
    make_lead(city, "签约线索", ("signed", "2023-01-11"))
    make_lead(city, "落地线索", ("signed", "2023-01-31"), ("landed", "2023-03-01"))
    make_lead(city, "终止线索", ("dropped", "2023-02-01"))
    response = city["client"].get("/projects/pipeline/")
    assert response.status_code == 200
    rows = [(s["label"], s["reached"], s["current"], s["dropped"], s["conversion"]) for s in response.context["stages"]]
    assert rows == [
        ("在谈", 4, 1, 1, "50.0%"),
        ("签约", 2, 1, 0, "50.0%"),
        ("落地", 1, 1, 0, "0.0%"),
        ("开工", 0, 0, 0, "—"),
        ("投产", 0, 0, 0, "—"),
    ]
    assert response.context["stages"][0]["median_days"] == "20"  # 10 and 30 days
    assert (response.context["funnel"].leads, response.context["funnel"].dropped) == (4, 1)
    assert response.context["chart"]["values"] == [4, 2, 1, 0, 0]
    signed = city["client"].get("/projects/pipeline/?stage=signed")
    assert [lead.name for lead in signed.context["leads"]] == ["签约线索"]
    assert "签约线索" in signed.content.decode() and "落地线索" not in signed.content.decode()


@pytest.mark.django_db
def test_pipeline_page_keeps_its_query_count(city: dict[str, Any]) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert city["client"].get("/projects/pipeline/").status_code == 200
        return len(queries)

    make_lead(city, "第一条", ("signed", "2023-02-01"))
    before = count()
    for number in range(8):
        lead = make_lead(city, f"线索{number}", ("signed", "2023-02-01"))
        if number % 2:
            services.lead_convert_to_project(actor=None, lead=lead, plan_year=2023)
    assert count() == before


@pytest.mark.django_db
def test_stage_form_offers_forward_stages_and_dropping_only(city: dict[str, Any]) -> None:
    lead = make_lead(city, "签约线索", ("signed", "2023-01-11"))
    response = city["client"].get(f"/projects/pipeline/{lead.pk}/")
    assert response.context["stage_form"].fields["stage"].choices == [
        ("landed", "落地"),
        ("started", "开工"),
        ("producing", "投产"),
        ("dropped", "终止"),
    ]
    dropped = make_lead(city, "终止线索", ("dropped", "2023-02-01"))
    page = city["client"].get(f"/projects/pipeline/{dropped.pk}/")
    assert (page.context["stage_form"], page.context["convert_form"]) == (None, None)


@pytest.mark.django_db
def test_a_refused_stage_change_says_why_and_writes_nothing(city: dict[str, Any]) -> None:
    lead = make_lead(city, "签约线索", ("signed", "2023-03-01"))
    url = f"/projects/pipeline/{lead.pk}/stage/"
    response = city["client"].post(url, {"stage": "landed", "changed_on": "2023-02-01"}, follow=True)
    assert [str(message) for message in response.context["messages"]] == [
        "日期 2023-02-01 早于进入当前阶段的日期 2023-03-01。"
    ]
    response = city["client"].post(url, {"stage": "dropped", "changed_on": "2023-04-01"}, follow=True)
    assert [str(message) for message in response.context["messages"]] == ["终止线索须写明原因。"]
    lead.refresh_from_db()
    assert (lead.stage, lead.stage_since, lead.drop_reason) == ("signed", date(2023, 3, 1), "")
    assert list(LeadStageChange.objects.filter(lead=lead).values_list("stage", flat=True)) == ["negotiating", "signed"]

    response = city["client"].post(url, {"stage": "landed", "changed_on": "2023-04-01", "note": "土地摘牌"})
    assert response.status_code == 302
    change = LeadStageChange.objects.filter(lead=lead).last()
    assert change is not None
    assert (change.stage, change.changed_on, change.note, change.recorded_by) == (
        "landed",
        date(2023, 4, 1),
        "土地摘牌",
        city["dispatcher"],
    )


@pytest.mark.django_db
def test_an_empty_pipeline_says_so_instead_of_drawing_an_empty_funnel(city: dict[str, Any]) -> None:
    page = city["client"].get("/projects/pipeline/").content.decode()
    assert "尚无招商线索, 登记线索后显示漏斗。" in page and 'id="chart-funnel"' not in page

    make_lead(city, "海洋装备产业园")
    page = city["client"].get("/projects/pipeline/").content.decode()
    assert 'id="chart-funnel"' in page and "尚无招商线索" not in page
