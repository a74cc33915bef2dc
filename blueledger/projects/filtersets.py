"""List filters of the registry (pages and API): the indicators page links each figure to these."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from blueledger.projects import selectors
from blueledger.projects.choices import STARTED_FILTER_CHOICE, ProjectKind, ProjectStatus, SizeClass
from blueledger.projects.models import Project

STATUS_CHOICES = [STARTED_FILTER_CHOICE, *ProjectStatus.choices]


class ProjectFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(label="区市", method="filter_region")
    track = django_filters.CharFilter(label="所属赛道", field_name="track__name")
    kind = django_filters.ChoiceFilter(label="项目类型", choices=ProjectKind.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=STATUS_CHOICES, method="filter_status")
    size = django_filters.ChoiceFilter(label="规模", choices=SizeClass.choices, method="filter_size")
    listed = django_filters.BooleanFilter(label="是否入统", field_name="is_listed")
    lagging = django_filters.CharFilter(label="滞后于序时进度 (报告期)", method="filter_lagging")
    q = django_filters.CharFilter(label="搜索", method="filter_search")

    class Meta:
        model = Project
        fields: list[str] = []

    def filter_region(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        return selectors.filter_projects(queryset, district=value)

    def filter_status(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        return selectors.filter_projects(queryset, status=value)

    def filter_size(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        return selectors.filter_projects(queryset, size=value)

    def filter_lagging(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        try:
            month = selectors.parse_month(value)
        except ValueError:
            return queryset.none()
        return queryset.filter(pk__in=selectors.lagging_queryset(Project.objects.all(), month).values("pk"))

    def filter_search(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__contains=value) | Q(content__contains=value) | Q(contact__contains=value))


def filter_params(**values: Any) -> str:
    """The list URL's query string for a figure: only the filters that are set."""
    from urllib.parse import urlencode

    return urlencode({key: value for key, value in values.items() if value not in ("", None)})
