"""Who writes the investment-attraction pipeline (招商引资台账) through its pages: 系统管理员 and 调度员 of the
scope register leads, change stages and convert signed leads to projects; 填报员 and 查看 get 403 and nothing
is written; a lead of another city is 404. (The pipeline has no API.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from blueledger.core.testing import fresh, kept_for_module, make_department, make_shandong, make_user, page_client
from blueledger.projects import services
from blueledger.projects.models import Lead, LeadStageChange, Project
from blueledger.projects.tests.factories import make_track
from blueledger.users.choices import Role

ROLES = ("admin", "dispatcher", "reporter", "viewer", "weifang_dispatcher")
WRITERS = {"admin", "dispatcher"}

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_rows(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The regions, accounts, track and two leads, built once for the module."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        qingdao = make_department(shandong["qingdao"], "市海洋发展局")
        users = {
            "admin": make_user(qingdao, Role.ADMIN),
            "dispatcher": make_user(qingdao, Role.DISPATCHER),
            "reporter": make_user(make_department(shandong["huangdao"], "区海洋发展局"), Role.REPORTER),
            "viewer": make_user(qingdao, Role.VIEWER),
            "weifang_dispatcher": make_user(make_department(shandong["weifang"], "市海渔局"), Role.DISPATCHER),
        }
        track = make_track(shandong["qingdao"])
        negotiating = services.lead_create(
            actor=None, region=shandong["huangdao"], track=track, name="深远海养殖平台", entered_on=date(2023, 3, 1)
        )
        signed = services.lead_create(
            actor=None, region=shandong["huangdao"], track=track, name="海洋牧场", entered_on=date(2023, 2, 1)
        )
        services.lead_stage_change(
            actor=None, lead=signed, stage="signed", changed_on=date(2023, 4, 1), signed_amount_wan=Decimal(120000)
        )
        yield {**shandong, "users": users, "track": track, "negotiating": negotiating, "signed": signed}


@pytest.fixture
def world(world_rows: dict[str, Any]) -> dict[str, Any]:
    """The module's world with its two leads read afresh for each test (tests change and refresh them)."""
    return {**world_rows, "negotiating": fresh(world_rows["negotiating"]), "signed": fresh(world_rows["signed"])}


def expected_status(role: str, success: int) -> int:
    if role in WRITERS:
        return success
    return 404 if role == "weifang_dispatcher" else 403


@pytest.mark.parametrize("role", ROLES)
def test_stage_change_is_written_only_by_managers_of_the_scope(world: dict[str, Any], role: str) -> None:
    user = world["users"][role]
    lead = world["negotiating"]
    response = page_client(user).post(
        f"/projects/pipeline/{lead.pk}/stage/",
        {"stage": "signed", "changed_on": "2023-05-10", "signed_amount_wan": "560000", "note": "签约仪式"},
    )
    assert response.status_code == expected_status(role, 302)
    lead.refresh_from_db()
    changes = list(LeadStageChange.objects.filter(lead=lead).values_list("stage", flat=True))
    if role in WRITERS:
        assert (lead.stage, lead.stage_since, lead.signed_amount_wan) == ("signed", date(2023, 5, 10), 560000)
        assert changes == ["negotiating", "signed"]
        latest = lead.history.first()
        assert (latest.history_user, latest.history_change_reason, latest.stage) == (user, "签约仪式", "signed")
    else:
        assert (lead.stage, lead.signed_amount_wan, changes) == ("negotiating", None, ["negotiating"])
        assert lead.history.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_convert_to_project_is_written_only_by_managers_of_the_scope(world: dict[str, Any], role: str) -> None:
    lead = world["signed"]
    response = page_client(world["users"][role]).post(
        f"/projects/pipeline/{lead.pk}/convert/", {"plan_year": "2023", "annual_plan_wan": "20000"}
    )
    assert response.status_code == expected_status(role, 302)
    lead.refresh_from_db()
    if role in WRITERS:
        project = Project.objects.get()
        assert response["Location"] == f"/projects/{project.pk}/"
        assert (lead.project, project.name, project.total_investment_wan, project.annual_plan_wan) == (
            project,
            "海洋牧场",
            120000,
            20000,
        )
        assert project.history.first().history_user == world["users"][role]
    else:
        assert lead.project is None
        assert not Project.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_lead_create_is_written_only_by_managers(world: dict[str, Any], role: str) -> None:
    form = {
        "name": "海水淡化厂",
        "region": world["laoshan"].pk,
        "track": world["track"].pk,
        "entered_on": "2023-06-01",
    }
    response = page_client(world["users"][role]).post("/projects/pipeline/new/", form)
    created = Lead.objects.filter(name="海水淡化厂").first()
    if role in WRITERS:
        assert created is not None and response.status_code == 302
        assert response["Location"] == f"/projects/pipeline/{created.pk}/"
        assert created.stage_changes.get().stage == "negotiating"
    elif role == "weifang_dispatcher":
        # Qingdao's district is not among the form's choices: the form comes back with its error.
        assert response.status_code == 200 and created is None
        assert "region" in response.context["form"].errors
    else:
        assert response.status_code == 403 and created is None


@pytest.mark.parametrize("role", ROLES)
def test_lead_page_shows_the_forms_only_to_managers(world: dict[str, Any], role: str) -> None:
    lead = world["signed"]
    response = page_client(world["users"][role]).get(f"/projects/pipeline/{lead.pk}/")
    assert response.status_code == (404 if role == "weifang_dispatcher" else 200)
    if response.status_code == 200:
        manages = role in WRITERS
        assert (response.context["stage_form"] is not None, response.context["convert_form"] is not None) == (
            manages,
            manages,
        )
