"""The investment-attraction funnel: reached counts, conversion, median days, dropped leads; conversion to a
registry project in one step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from blueledger.core.testing import make_department, make_user
from blueledger.projects import services
from blueledger.projects.pipeline import LeadPath, StageEntry, funnel_of
from blueledger.projects.selectors import lead_list, pipeline_funnel
from blueledger.projects.tests.factories import make_track
from blueledger.users.choices import Role


def path(*entries: tuple[str, str]) -> LeadPath:
    return LeadPath(tuple(StageEntry(stage, date.fromisoformat(day)) for stage, day in entries))


def test_funnel_counts_conversion_and_median_days() -> None:
    funnel = funnel_of(
        [
            path(("negotiating", "2023-01-01"), ("signed", "2023-01-11"), ("landed", "2023-02-10")),
            path(("negotiating", "2023-01-01"), ("signed", "2023-01-31")),
            path(("negotiating", "2023-01-01"), ("dropped", "2023-03-01")),
            path(("negotiating", "2023-01-01"), ("signed", "2023-01-21"), ("dropped", "2023-05-01")),
        ]
    )
    negotiating, signed, landed = funnel.stages[:3]
    assert (funnel.leads, funnel.dropped) == (4, 2)
    assert (negotiating.reached, signed.reached, landed.reached) == (4, 3, 1)
    assert negotiating.conversion_to_next == Decimal("0.75")
    assert signed.conversion_to_next == Decimal(1) / Decimal(3)
    assert negotiating.median_days == 20.0  # 10, 30, 20: the dropped lead has no duration
    assert (negotiating.dropped_here, signed.dropped_here, signed.current, landed.current) == (1, 1, 1, 1)
    assert funnel.stages[4].conversion_to_next is None


@pytest.mark.django_db
def test_a_signed_lead_becomes_a_project_once(shandong: dict[str, Any]) -> None:
    dispatcher = make_user(make_department(shandong["qingdao"]), Role.DISPATCHER)
    track = make_track(shandong["qingdao"])
    lead = services.lead_create(
        actor=dispatcher,
        region=shandong["huangdao"],
        track=track,
        name="深远海养殖平台",
        entered_on=date(2023, 3, 1),
        source="推介大会",
    )
    with pytest.raises(ValidationError, match="签约金额"):
        services.lead_stage_change(actor=dispatcher, lead=lead, stage="signed", changed_on=date(2023, 4, 1))
    services.lead_stage_change(
        actor=dispatcher, lead=lead, stage="signed", changed_on=date(2023, 4, 1), signed_amount_wan=Decimal(520000)
    )
    with pytest.raises(ValidationError, match="只能向前"):
        services.lead_stage_change(actor=dispatcher, lead=lead, stage="negotiating", changed_on=date(2023, 5, 1))
    project = services.lead_convert_to_project(actor=dispatcher, lead=lead, plan_year=2023)
    assert (project.name, project.total_investment_wan, project.region) == (
        "深远海养殖平台",
        520000,
        shandong["huangdao"],
    )
    with pytest.raises(ValidationError, match="已转入"):
        services.lead_convert_to_project(actor=dispatcher, lead=lead, plan_year=2023)
    funnel = pipeline_funnel(lead_list(user=dispatcher))
    assert [stage.reached for stage in funnel.stages] == [1, 1, 0, 0, 0]
    assert funnel.stages[0].median_days == 31.0


@pytest.mark.django_db
def test_dropping_needs_a_reason_and_ends_the_lead(shandong: dict[str, Any]) -> None:
    dispatcher = make_user(make_department(shandong["qingdao"]), Role.DISPATCHER)
    lead = services.lead_create(
        actor=dispatcher,
        region=shandong["laoshan"],
        track=make_track(shandong["qingdao"]),
        name="海洋药物中试基地",
        entered_on=date(2023, 1, 5),
    )
    with pytest.raises(ValidationError, match="原因"):
        services.lead_stage_change(actor=dispatcher, lead=lead, stage="dropped", changed_on=date(2023, 2, 1))
    services.lead_stage_change(
        actor=dispatcher, lead=lead, stage="dropped", changed_on=date(2023, 2, 1), drop_reason="投资方战略调整"
    )
    with pytest.raises(ValidationError, match="已终止"):
        services.lead_stage_change(
            actor=dispatcher, lead=lead, stage="signed", changed_on=date(2023, 3, 1), signed_amount_wan=Decimal(1)
        )
    with pytest.raises(ValidationError, match="只有已签约"):
        services.lead_convert_to_project(actor=dispatcher, lead=lead, plan_year=2023)
    funnel = pipeline_funnel(lead_list(user=dispatcher))
    assert (funnel.dropped, funnel.stages[0].dropped_here, funnel.stages[0].conversion_to_next) == (1, 1, Decimal(0))
