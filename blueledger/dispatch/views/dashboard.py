"""The dashboard of a round and its key-projects part."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from blueledger.dispatch.permissions import can_run_round
from blueledger.dispatch.progress import ATTENTION_ORDER, Status
from blueledger.dispatch.selectors import dashboard as dashboard_selectors
from blueledger.dispatch.selectors.supervision import supervision, supervision_legend
from blueledger.dispatch.views.common import round_of
from blueledger.lib.numbers import rounded_float
from blueledger.projects.presentation import figure_cells, rate_number

STATUS_CSS = {
    Status.COMPLETED: "ok", Status.ON_SCHEDULE: "ok", Status.LAGGING: "pending", Status.SEVERELY_LAGGING: "bad",
    Status.OVERDUE: "bad", Status.NOT_REPORTED: "",
}


def _chart_data(board: dashboard_selectors.Dashboard) -> dict[str, Any]:
    def share(value: Decimal | None) -> float | None:
        return None if value is None else rounded_float(value * 100, 1)

    return {
        "sections": [{"name": k, "value": share(v.mean_completion)} for k, v in board.sections.items()],
        "departments": [{"name": k, "value": share(v.mean_completion)} for k, v in board.departments.items()],
        "status": [{"name": str(s), "value": board.overall.counts[s]} for s in ATTENTION_ORDER],
        "trend": {"labels": [t[0] for t in board.trend], "completion": [share(t[1]) for t in board.trend],
                  "elapsed": [share(t[2]) for t in board.trend]},
        "elapsed": share(board.data.elapsed),
        "sectionTasks": {k: [{"name": label, "value": share(board.tasks[label].mean_completion),
                              "id": board.task_ids[label]} for label in labels]
                         for k, labels in board.section_tasks.items()},
    }


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = round_of(request, pk)
    board = dashboard_selectors.dashboard(reporting_round)
    qualitative = dashboard_selectors.qualitative_rows(reporting_round)
    context = {
        "round": reporting_round,
        "board": board,
        "statuses": ATTENTION_ORDER,
        "status_css": {str(k): v for k, v in STATUS_CSS.items()},
        "chart_data": _chart_data(board),
        "can_run": can_run_round(request.user, reporting_round),
        "supervision": supervision(board.data),
        "supervision_legend": supervision_legend(reporting_round),
        "qualitative": qualitative,
        "qualitative_counts": dashboard_selectors.qualitative_counts(qualitative),
    }
    return render(request, "dispatch/dashboard.html", context)


@login_required
def dashboard_projects(request: HttpRequest, pk: int) -> HttpResponse:
    """The dashboard's 重点项目 part, loaded after the page: the same figures and links as the registry's
    indicator page, for the ledger's region at the round's month."""
    reporting_round = round_of(request, pk)
    section = dashboard_selectors.dashboard_projects(reporting_round)
    if section is None:
        return HttpResponse("")
    as_of = datetime.date(section.year, section.month, 1)
    region = reporting_round.ledger.region
    projects = {
        "section": section,
        "overall": figure_cells(section.overall, as_of, {"region": region.code}),
        "district_rows": [figure_cells(f, as_of, {"region": f.key}) for f in section.by_district],
        "track_rows": [figure_cells(f, as_of, {"region": region.code, "track": f.key}) for f in section.by_track],
        "indicators_url": f"{reverse('projects:indicators')}?region={region.code}&as_of={as_of:%Y-%m}",
        "chart": {
            "districts": [
                {"name": f.label, "value": rate_number(f.annual_completion_rate)} for f in section.by_district
            ],
            "schedule": rate_number(section.overall.schedule_rate),
        },
    }
    return render(request, "dispatch/_projects_part.html", {"projects": projects})
