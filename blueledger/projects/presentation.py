"""Registry figures as pages show them: formatted texts with the project-list link behind each figure.

Shared by the registry's own indicator page and the 重点项目 part of the dispatch dashboard, so that the
two print the same figure the same way and link to the same projects.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse

from blueledger.lib.numbers import rounded_float
from blueledger.projects.choices import STARTED_FILTER
from blueledger.projects.filtersets import filter_params
from blueledger.projects.indicators import REGISTRY_PLACES, ProjectFigures, percent_text, yi_text


def figure_cells(figures: ProjectFigures, as_of: date, base: dict[str, str]) -> dict[str, Any]:
    """The figures of one row (overall, a district or a track) with the list URL behind each; `base` holds
    the list filters of the row (region, track …)."""
    list_url = reverse("projects:project_list")

    def link(**extra: str) -> str:
        return f"{list_url}?{filter_params(**base, **extra)}"

    totals = figures.totals
    return {
        "label": figures.label,
        "projects": totals.projects,
        "projects_url": link(),
        "started": totals.started,
        "started_url": link(status=STARTED_FILTER),
        "total_yi": yi_text(totals.total_investment_wan),
        "plan_yi": yi_text(totals.annual_plan_wan),
        "completed_yi": yi_text(totals.completed_wan),
        "started_rate": percent_text(figures.started_rate),
        "completion_rate": percent_text(figures.annual_completion_rate),
        "schedule_rate": percent_text(figures.schedule_rate),
        "listed_rate": percent_text(figures.listed_rate),
        "listed_url": link(status=STARTED_FILTER, listed="true"),
        "lagging_url": link(lagging=f"{as_of:%Y-%m}"),
        "sizes": [(label, count, link(size=key)) for key, label, count in figures.size_counts],
        "behind": figures.schedule_gap is not None and figures.schedule_gap < 0,
    }


def rate_number(rate: Decimal | None) -> float | None:
    """A rate as a chart value in % (84.44), None where there is no rate."""
    return None if rate is None else rounded_float(rate * 100, REGISTRY_PLACES)


def figures_json(figures: ProjectFigures, as_of: date) -> dict[str, Any]:
    """The figures as the API and `blueledger projects indicators --format json` give them: amounts in 亿元 to
    two places, rates as fractions to four, both rounded half-up."""
    totals = figures.totals
    return {
        "as_of": f"{as_of:%Y-%m}",
        "projects": totals.projects,
        "started_projects": totals.started,
        "total_investment_yi": rounded_float(figures.total_investment_yi, 2),
        "annual_plan_yi": rounded_float(figures.annual_plan_yi, 2),
        "completed_yi": rounded_float(figures.completed_yi, 2),
        "started_rate": rounded_float(figures.started_rate, 4),
        "annual_completion_rate": rounded_float(figures.annual_completion_rate, 4),
        "schedule_rate": rounded_float(figures.schedule_rate, 4),
        "listed_rate": rounded_float(figures.listed_rate, 4),
        "size_classes": {label: count for _, label, count in figures.size_counts},
    }
