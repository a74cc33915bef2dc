"""The economy API: read-only units (scoped like the pages, same filters), figures (reference data every
signed-in user reads) and the trajectories of bound targets."""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from blueledger.core.permissions import in_scope
from blueledger.economy import selectors
from blueledger.economy.api.serializers import (
    EconomyFigureSerializer,
    StatisticalUnitSerializer,
    TrajectorySerializer,
)
from blueledger.economy.choices import FigureOrigin, Indicator
from blueledger.economy.filtersets import UnitFilterSet
from blueledger.economy.models import EconomyFigure
from blueledger.orgs.models import Region


class StatisticalUnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = StatisticalUnitSerializer
    filterset_class = UnitFilterSet

    def get_queryset(self) -> Any:
        return selectors.unit_list(user=self.request.user).order_by("uscc")


class FigureFilterSet(django_filters.FilterSet):
    indicator = django_filters.ChoiceFilter(choices=Indicator.choices)
    region = django_filters.CharFilter(field_name="region__code", label="区划代码")
    industry = django_filters.CharFilter(field_name="industry__key", label="海洋产业标识")
    year = django_filters.NumberFilter()
    origin = django_filters.ChoiceFilter(choices=FigureOrigin.choices)

    class Meta:
        model = EconomyFigure
        fields: list[str] = []


class EconomyFigureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = EconomyFigureSerializer
    filterset_class = FigureFilterSet

    def get_queryset(self) -> Any:
        return selectors.figure_list()


class TrajectoryView(APIView):
    """Each target bound to an economy figure of the region (and below): the required annual growth from the
    latest value to the target by its deadline, and whether the latest pace keeps it on track."""

    @extend_schema(
        parameters=[OpenApiParameter("region", str, required=True, description="区划代码, 如 370700"),
                    OpenApiParameter("indicator", str, description="指标标识, 如 ocean_gdp")],
        responses=TrajectorySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        code = request.query_params.get("region", "")
        region = Region.objects.filter(code=code).first()
        if region is None or not in_scope(request.user, region.code):
            return Response({"detail": "没有找到该区划, 或您无权查看。"}, status=status.HTTP_404_NOT_FOUND)
        indicator = request.query_params.get("indicator", "")
        items = selectors.target_trajectories(region=region, indicator=indicator)
        return Response(TrajectorySerializer([selectors.trajectory_json(item) for item in items], many=True).data)
