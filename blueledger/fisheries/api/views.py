from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from blueledger.core.editing import error_text
from blueledger.fisheries import selectors, services
from blueledger.fisheries.api.serializers import (
    AlertSerializer,
    AssignSerializer,
    DisposeSerializer,
    VerifySerializer,
    VesselSerializer,
)
from blueledger.fisheries.filtersets import AlertFilterSet, VesselFilterSet
from blueledger.orgs.models import Department


class VesselViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = VesselSerializer
    filterset_class = VesselFilterSet

    def get_queryset(self) -> Any:
        return selectors.vessel_list(user=self.request.user).prefetch_related("certificates").order_by("name")


def _refused(error: ValidationError) -> Response:
    return Response({"detail": error_text(error)}, status=status.HTTP_409_CONFLICT)


class AlertViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Alerts of the user's scope and their case loop: assign → verify → dispose → close. A step taken on an
    alert that is no longer in the expected state answers 409 with the reason."""

    serializer_class = AlertSerializer
    filterset_class = AlertFilterSet

    def get_queryset(self) -> Any:
        return selectors.alert_list(user=self.request.user).order_by("-day", "vessel_key")

    @extend_schema(request=AssignSerializer, responses=AlertSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        alert = self.get_object()
        data = AssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        department = get_object_or_404(Department, pk=data.validated_data["department"])
        try:
            alert = services.alert_assign(
                actor=request.user, alert=alert, department=department, note=data.validated_data["note"]
            )
        except ValidationError as error:
            return _refused(error)
        return Response(AlertSerializer(alert).data)

    @extend_schema(request=VerifySerializer, responses=AlertSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        alert = self.get_object()
        data = VerifySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            alert = services.alert_verify(actor=request.user, alert=alert, **data.validated_data)
        except ValidationError as error:
            return _refused(error)
        return Response(AlertSerializer(alert).data)

    @extend_schema(request=DisposeSerializer, responses=AlertSerializer)
    @action(detail=True, methods=["post"])
    def dispose(self, request: Request, pk: str | None = None) -> Response:
        alert = self.get_object()
        data = DisposeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            alert = services.alert_dispose(actor=request.user, alert=alert, **data.validated_data)
        except ValidationError as error:
            return _refused(error)
        return Response(AlertSerializer(alert).data)

    @extend_schema(request=None, responses=AlertSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        alert = self.get_object()
        try:
            alert = services.alert_close(actor=request.user, alert=alert)
        except ValidationError as error:
            return _refused(error)
        return Response(AlertSerializer(alert).data)
