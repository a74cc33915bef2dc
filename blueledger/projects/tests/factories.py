"""Plain factories of the project tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

from blueledger.core.testing import kept_for_module
from blueledger.orgs.models import Region
from blueledger.orgs.services import regions_load_reference
from blueledger.projects.fixtures import qingdao_fixture_load
from blueledger.projects.models import MonthlyReport, Project, Track
from blueledger.projects.services import project_latest_report_refresh

_sequence = itertools.count(1)


def make_track(city: Region, name: str = "海洋渔业", position: int = 0) -> Track:
    track, _ = Track.objects.get_or_create(region=city, name=name, defaults={"position": position})
    return track


def make_project(region: Region, track: Track, **fields: Any) -> Project:
    values = {
        "name": f"测试项目{next(_sequence)}",
        "kind": "new",
        "status": "under_construction",
        "total_investment_wan": Decimal(100000),
        "plan_year": 2023,
        "annual_plan_wan": Decimal(20000),
        "is_listed": True,
    }
    values.update(fields)
    return Project.objects.create(region=region, track=track, **values)


def make_report(project: Project, month: str, completed_wan: str | int) -> MonthlyReport:
    """A report written directly (no validation, no history), with the project's latest-report copy kept."""
    year, number = (int(part) for part in month.split("-"))
    report = MonthlyReport.objects.create(
        project=project, period=date(year, number, 1), year_to_date_completed_wan=Decimal(completed_wan)
    )
    project_latest_report_refresh(project=project)
    return report


@contextmanager
def qingdao_registry_for_module(django_db_blocker: Any) -> Iterator[Region]:
    """The reference regions and Qingdao's 90 projects (the seed figures), built once for a test module whose
    tests only read them; yields Qingdao."""
    with kept_for_module(django_db_blocker):
        regions_load_reference(actor=None)
        qingdao_fixture_load(actor=None)
        yield Region.objects.get(code="370200")
