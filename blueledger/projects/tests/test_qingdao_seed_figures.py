"""The 90-project fixture reproduces 青岛's 2023 half-year figures exactly, on pages and on the command line."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from blueledger.orgs.models import Region
from blueledger.orgs.services import regions_load_reference
from blueledger.projects.fixtures import qingdao_fixture_load, qingdao_projects
from blueledger.projects.indicators import percent_text, yi_text
from blueledger.projects.models import Project
from blueledger.projects.selectors import projects_bulletin_section


def test_fixture_sums_are_exact_without_a_database() -> None:
    projects = qingdao_projects()
    assert len(projects) == 90 and len({p.name for p in projects}) == 90
    assert sum(p.total_investment_wan for p in projects) == 20219000
    assert sum(p.annual_plan_wan for p in projects) == 2796000
    assert sum(p.reports[-1].year_to_date_completed_wan for p in projects if p.reports) == 1548600
    assert sum(p.total_investment_wan >= 500000 for p in projects) == 3
    for project in projects:
        cumulative = [report.year_to_date_completed_wan for report in project.reports]
        assert cumulative == sorted(cumulative)


@pytest.mark.django_db
def test_fixture_prints_the_seed_figures() -> None:
    regions_load_reference(actor=None)
    assert qingdao_fixture_load(actor=None) == 90
    assert qingdao_fixture_load(actor=None) == 0  # idempotent
    section = projects_bulletin_section(Region.objects.get(code="370200"), date(2023, 6, 1))
    overall = section.overall
    assert overall.totals.projects == 90
    assert yi_text(overall.totals.total_investment_wan, 1) == "2021.9"
    assert percent_text(overall.started_rate) == "84.44%"
    assert yi_text(overall.totals.completed_wan) == "154.86"
    assert percent_text(overall.annual_completion_rate) == "55.39%"
    assert [f.totals.projects for f in section.by_track] == [15] * 6
    assert sum(f.totals.projects for f in section.by_district) == 90

    output = StringIO()
    call_command(
        "projects", "indicators", "--region", "370200", "--as-of", "2023-06", "--format", "json", stdout=output
    )
    figures = json.loads(output.getvalue())
    assert (
        figures["projects"],
        figures["total_investment_yi"],
        figures["annual_plan_yi"],
        figures["completed_yi"],
        figures["started_rate"],
        figures["annual_completion_rate"],
    ) == (90, 2021.9, 279.6, 154.86, 0.8444, 0.5539)
    assert set(figures) >= {"listed_rate", "schedule_rate"}
    assert Project.history.count() == 90
