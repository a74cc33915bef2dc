"""Filters of the unit directory, shared by the page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Count, Q, QuerySet

from blueledger.economy.choices import UnitSize, UnitStatus
from blueledger.economy.models import OceanIndustry, StatisticalUnit
from blueledger.lib.gbt2260 import descendants_prefix


class UnitFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(label="区划代码", method="filter_region")
    industry = django_filters.CharFilter(label="海洋产业", method="filter_industry")
    size = django_filters.ChoiceFilter(label="规模", choices=UnitSize.choices, field_name="size_class")
    status = django_filters.ChoiceFilter(label="状态", choices=UnitStatus.choices)
    duplicates = django_filters.BooleanFilter(label="疑似重复 (名称相同)", method="filter_duplicates")
    q = django_filters.CharFilter(label="搜索", method="filter_search")

    class Meta:
        model = StatisticalUnit
        fields: list[str] = []

    def filter_region(self, queryset: QuerySet[StatisticalUnit], name: str, value: str) -> QuerySet[StatisticalUnit]:
        code = value.strip()
        if not code:
            return queryset
        return queryset.filter(region__code__startswith=descendants_prefix(code))

    def filter_industry(self, queryset: QuerySet[StatisticalUnit], name: str, value: str) -> QuerySet[StatisticalUnit]:
        # A category selects the units of its industries too (ids first: no join per unit row).
        keys = list(OceanIndustry.objects.filter(Q(key=value) | Q(parent__key=value)).values_list("pk", flat=True))
        return queryset.filter(ocean_industry__in=keys)

    def filter_duplicates(
        self, queryset: QuerySet[StatisticalUnit], name: str, value: bool | None
    ) -> QuerySet[StatisticalUnit]:
        if not value:
            return queryset
        shared = (
            StatisticalUnit.objects.values("normalised_name").annotate(count=Count("pk")).filter(count__gt=1)
            .values("normalised_name")
        )
        return queryset.filter(normalised_name__in=shared)

    def filter_search(self, queryset: QuerySet[StatisticalUnit], name: str, value: str) -> QuerySet[StatisticalUnit]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__contains=value) | Q(uscc__startswith=value.upper()))
