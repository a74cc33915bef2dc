from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from blueledger.core.permissions import require
from blueledger.projects import selectors, services
from blueledger.projects.api.serializers import MonthlyReportSerializer, ProjectSerializer
from blueledger.projects.filtersets import ProjectFilterSet
from blueledger.projects.permissions import can_report
from blueledger.projects.presentation import figures_json


class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet

    def get_queryset(self) -> Any:
        return selectors.project_list(user=self.request.user).order_by("region__code", "name")

    @extend_schema(methods=["GET"], responses=MonthlyReportSerializer(many=True))
    @extend_schema(methods=["POST"], request=MonthlyReportSerializer, responses={201: MonthlyReportSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=MonthlyReportSerializer, pagination_class=None)
    def reports(self, request: Request, pk: str | None = None) -> Response:
        project = self.get_object()
        if request.method == "GET":
            return Response(MonthlyReportSerializer(selectors.project_reports(project=project), many=True).data)
        require(can_report(request.user, project), "您无权填报该项目的月度调度。")
        serializer = MonthlyReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.report_save(actor=request.user, project=project, **serializer.validated_data)
        return Response(MonthlyReportSerializer(report).data, status=status.HTTP_201_CREATED)


@extend_schema(responses=OpenApiTypes.OBJECT)
class ProjectIndicatorsView(APIView):
    """The indicators of the user's scope (query: region, track, kind, size, as_of=YYYY-MM); amounts in 亿元,
    rates as fractions."""

    def get(self, request: Request) -> Response:
        params = request.query_params
        try:
            as_of = selectors.parse_month(params.get("as_of", ""))
        except ValueError:
            as_of = selectors.default_report_month(user=request.user)
            if as_of is None:
                return Response({"detail": "还没有月度调度数据。"}, status=status.HTTP_404_NOT_FOUND)
        result = selectors.project_indicators(
            user=request.user,
            as_of=as_of,
            district=params.get("region", ""),
            track=params.get("track", ""),
            kind=params.get("kind", ""),
            size=params.get("size", ""),
        )
        return Response(
            {
                **figures_json(result.overall, as_of),
                "by_district": [{"code": f.key, "name": f.label, **figures_json(f, as_of)} for f in result.by_district],
                "by_track": [{"name": f.label, **figures_json(f, as_of)} for f in result.by_track],
            }
        )
