"""The department list's filters, one FilterSet for the page (/orgs/departments/), its Excel export and the API
(/api/departments/), so that the same query string gives the same departments everywhere."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from blueledger.orgs.choices import DepartmentKind
from blueledger.orgs.models import Department


class DepartmentFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(label="所属区划", field_name="region__code")
    q = django_filters.CharFilter(label="全称、简称或别名", method="filter_search")
    kind = django_filters.ChoiceFilter(label="类别", choices=DepartmentKind.choices)
    is_active = django_filters.BooleanFilter(label="在用")

    class Meta:
        model = Department
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Department], name: str, value: str) -> QuerySet[Department]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__contains=value) | Q(short_name__contains=value) | Q(aliases__alias__contains=value)
        ).distinct()
