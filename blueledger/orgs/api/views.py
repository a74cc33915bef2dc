from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from blueledger.core.api import ReferenceDataPermission
from blueledger.orgs import services
from blueledger.orgs.api.serializers import DepartmentSerializer, DepartmentUpdateSerializer, RegionSerializer
from blueledger.orgs.filtersets import DepartmentFilterSet
from blueledger.orgs.selectors import department_list, region_list


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RegionSerializer
    lookup_field = "code"
    filterset_fields = ["level", "is_coastal", "is_statistical_only"]

    def get_queryset(self) -> Any:
        return region_list(user=self.request.user)


class DepartmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = DepartmentSerializer
    permission_classes = [ReferenceDataPermission]
    filterset_class = DepartmentFilterSet

    def get_queryset(self) -> Any:
        return department_list(user=self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = DepartmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        department = services.department_create(
            actor=request.user,
            region=data["region"],
            name=data["name"],
            short_name=data.get("short_name", ""),
            kind=data.get("kind", "bureau"),
            notes=data.get("notes", ""),
        )
        return Response(DepartmentSerializer(department).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DepartmentUpdateSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        department = self.get_object()
        serializer = DepartmentUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        reason = changes.pop("reason", "")
        services.department_update(actor=request.user, department=department, reason=reason, **changes)
        return Response(DepartmentSerializer(department).data)
