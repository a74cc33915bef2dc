"""The economy API: read-only units (scoped like the pages, same filters), figures (reference data every
signed-in user reads) and the trajectories of bound targets."""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from blueledger.core.permissions import in_scope, scoped
from blueledger.economy import selectors
from blueledger.economy.api.serializers import (
    EconomyFigureSerializer,
    FormRoundSerializer,
    FormSubmissionSerializer,
    IndexValueSerializer,
    ReportingFormSerializer,
    StatisticalUnitSerializer,
    SubmissionWriteSerializer,
    TrajectorySerializer,
)
from blueledger.economy.choices import FigureOrigin, Indicator
from blueledger.economy.filtersets import UnitFilterSet
from blueledger.economy.models import EconomyFigure, FormRound, ReportingForm
from blueledger.economy.services import submission_save
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


class ReportingFormViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ReportingFormSerializer
    queryset = ReportingForm.objects.order_by("name")


class FormRoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Rounds of the user's scope; `submissions` lists (GET) or saves one unit's submission (POST), through
    the same checks and permissions as the web form."""

    serializer_class = FormRoundSerializer

    def get_queryset(self) -> Any:
        return scoped(FormRound.objects.select_related("form", "region"), self.request.user, "region").order_by(
            "-year", "-period", "pk"
        )

    @extend_schema(methods=["GET"], responses=FormSubmissionSerializer(many=True))
    @extend_schema(methods=["POST"], request=SubmissionWriteSerializer,
                   responses={201: FormSubmissionSerializer(many=True)})
    @action(detail=True, methods=["get", "post"], serializer_class=FormSubmissionSerializer, pagination_class=None)
    def submissions(self, request: Request, pk: str | None = None) -> Response:
        form_round = self.get_object()
        if request.method == "GET":
            rows = form_round.submissions.select_related("unit").order_by("unit__uscc")
            return Response(FormSubmissionSerializer(rows, many=True).data)
        incoming = SubmissionWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        unit = form_round.units.filter(uscc=incoming.validated_data["uscc"].upper()).select_related("region").first()
        if unit is None:
            return Response({"detail": "该单位不是本期的报送单位。"}, status=status.HTTP_400_BAD_REQUEST)
        submission = submission_save(actor=request.user, form_round=form_round, unit=unit,
                                     written=incoming.validated_data["values"],
                                     explanation=incoming.validated_data["explanation"], reason="API 填报")
        return Response([FormSubmissionSerializer(submission).data], status=status.HTTP_201_CREATED)


class IndexValuesView(APIView):
    """A composite index of a region by year (base year = 100) with domain indices and contributions."""

    @extend_schema(
        parameters=[OpenApiParameter("index", int, required=True, description="综合指数 id"),
                    OpenApiParameter("region", str, required=True, description="区划代码")],
        responses=IndexValueSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        index_id = request.query_params.get("index", "")
        if not index_id.isdecimal() or len(index_id) > 18:
            return Response({"index": ["请给出综合指数的 id (整数)。"]}, status=status.HTTP_400_BAD_REQUEST)
        asked = selectors.composite_asked(user=request.user, index_id=index_id,
                                          region_code=request.query_params.get("region", ""))
        if asked is None:
            return Response({"detail": "没有找到该指数或区划, 或您无权查看。"}, status=status.HTTP_404_NOT_FOUND)
        index, region = asked
        series = selectors.composite_series(index=index, region=region)
        names = {domain.key: domain.name for domain in series.domains}
        rows = [
            {"year": r.year, "composite": None if r.composite is None else float(r.composite),
             "domains": {names[key]: float(value) for key, value in r.domains.items()},
             "contributions": {c.indicator: float(c.contribution) for c in r.contributions},
             "missing": list(r.missing)}
            for r in series.results
        ]
        return Response(IndexValueSerializer(rows, many=True).data)
