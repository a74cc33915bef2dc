from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from blueledger.core.attachments import attachment_response
from blueledger.core.editing import error_text
from blueledger.core.permissions import get_scoped_or_404, in_scope, scoped
from blueledger.fisheries import selectors, services
from blueledger.fisheries.api.serializers import (
    AlertAttachmentSerializer,
    AlertSerializer,
    AssignSerializer,
    AttachmentUploadSerializer,
    DailyOccupancySerializer,
    DisposeSerializer,
    TargetBindingSerializer,
    UnregisteredVesselSerializer,
    VerifySerializer,
    VesselSerializer,
    VesselWriteSerializer,
)
from blueledger.fisheries.filtersets import AlertFilterSet, VesselFilterSet
from blueledger.fisheries.models import AlertAttachment, TargetBinding
from blueledger.ledgers.models import LedgerQuantity
from blueledger.orgs.models import Department, Region


def _region(user: Any, code: str) -> Region:
    """A region of the user's scope by its code, or a 400 naming the code."""
    region = Region.objects.filter(code=code).first() if code else None
    if region is None or not in_scope(user, region.code):
        raise ApiValidationError({"region_code": [f"“{code}”不是您范围内的区划代码。"]})
    return region


class VesselViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Vessels of the user's scope. POST and PATCH write through the same services as the pages (调度员 and
    系统管理员 of the vessel's region; history names the caller); a refused write answers 400 with every
    problem."""

    serializer_class = VesselSerializer
    filterset_class = VesselFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        return selectors.vessel_list(user=self.request.user).prefetch_related("certificates").order_by("name")

    def _values(self, request: Request, *, partial: bool) -> tuple[dict[str, Any], dict[str, Any], str]:
        data = VesselWriteSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        reason = values.pop("reason", "")
        certificates = {c["kind"]: ((c["number"].strip(), c["expires_on"]) if c["number"].strip() else None)
                        for c in values.pop("certificates", [])}
        if "region_code" in values:
            values["region"] = _region(request.user, values.pop("region_code"))
        return values, certificates, reason

    @extend_schema(request=VesselWriteSerializer, responses={201: VesselSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        values, certificates, reason = self._values(request, partial=False)
        vessel = services.vessel_create(actor=request.user, reason=reason, certificates=certificates, **values)
        return Response(VesselSerializer(vessel).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=VesselWriteSerializer, responses=VesselSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        vessel = self.get_object()
        values, certificates, reason = self._values(request, partial=True)
        vessel = services.vessel_update(actor=request.user, vessel=vessel, reason=reason, certificates=certificates,
                                        **values)
        return Response(VesselSerializer(self.get_queryset().get(pk=vessel.pk)).data)


class UnregisteredVesselViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                                mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """三无船舶 records of the user's scope; POST and PATCH as on the pages."""

    serializer_class = UnregisteredVesselSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        return selectors.unregistered_vessel_list(user=self.request.user)

    def _values(self, request: Request, *, partial: bool) -> tuple[dict[str, Any], str]:
        data = UnregisteredVesselSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        reason = values.pop("reason", "")
        if "region" in values:
            values["region"] = _region(request.user, values.pop("region")["code"])
        return values, reason

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        values, reason = self._values(request, partial=False)
        record = services.unregistered_vessel_create(actor=request.user, reason=reason, **values)
        return Response(UnregisteredVesselSerializer(record).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = self.get_object()
        values, reason = self._values(request, partial=True)
        record = services.unregistered_vessel_update(actor=request.user, record=record, reason=reason, **values)
        return Response(UnregisteredVesselSerializer(record).data)


class TargetBindingViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin,
                           viewsets.GenericViewSet):
    """Ledger targets a dispatch round fills from 渔船监管 (休渔期间违规作业, 在港率), of the ledgers of the user's
    scope; set and removed by 调度员 and 系统管理员."""

    serializer_class = TargetBindingSerializer

    def get_queryset(self) -> Any:
        return scoped(TargetBinding.objects.select_related("quantity", "region"), self.request.user,
                      "quantity__ledger__region").order_by("pk")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = TargetBindingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        quantity = get_scoped_or_404(LedgerQuantity.objects.select_related("ledger__region"), request.user,
                                     "ledger__region", pk=data.validated_data["quantity"].pk)
        binding = services.target_bind(actor=request.user, quantity=quantity,
                                       indicator=data.validated_data["indicator"],
                                       region=_region(request.user, data.validated_data["region"]["code"]))
        return Response(TargetBindingSerializer(binding).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: TargetBinding) -> None:
        services.target_unbind(actor=self.request.user, binding=instance)


class MoratoriumView(APIView):
    """The day's 在港率 of the user's vessels under closure at the 20时 check, by region and home port, and the
    vessels at sea or offline (the page 休渔在港)."""

    @extend_schema(parameters=[OpenApiParameter("day", OpenApiTypes.DATE, description="default: today")],
                   responses=DailyOccupancySerializer)
    def get(self, request: Request) -> Response:
        text = request.query_params.get("day", "")
        try:
            day = selectors.parse_day(text) if text else timezone.localdate()
        except ValueError as error:
            raise ApiValidationError({"day": [str(error)]}) from None
        occupancy = selectors.daily_occupancy(user=request.user, day=day)
        return Response(DailyOccupancySerializer(occupancy).data)


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

    @extend_schema(methods=["GET"], request=None, responses=AlertAttachmentSerializer(many=True))
    @extend_schema(methods=["POST"], request={"multipart/form-data": AttachmentUploadSerializer},
                   responses={201: AlertAttachmentSerializer})
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser], pagination_class=None,
            filter_backends=[])
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        """The verification's files; POST adds one while the alert is 核查中 (the assigned unit or the office)."""
        alert = self.get_object()
        if request.method == "GET":
            files = alert.attachments.select_related("uploaded_by")
            return Response(AlertAttachmentSerializer(files, many=True).data)
        data = AttachmentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attachment = services.alert_attachment_add(actor=request.user, alert=alert, upload=data.validated_data["file"])
        return Response(AlertAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=AlertSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        alert = self.get_object()
        try:
            alert = services.alert_close(actor=request.user, alert=alert)
        except ValidationError as error:
            return _refused(error)
        return Response(AlertSerializer(alert).data)


class AlertAttachmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Verification files of the alerts the user may see (404 otherwise for one), and their content."""

    serializer_class = AlertAttachmentSerializer

    def get_queryset(self) -> Any:
        return scoped(AlertAttachment.objects.select_related("alert__region", "uploaded_by"), self.request.user,
                      "alert__region").order_by("pk")

    @extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> Any:
        return attachment_response(self.get_object())

    @extend_schema(responses={(200, "image/jpeg"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def thumbnail(self, request: Request, pk: str | None = None) -> Any:
        return attachment_response(self.get_object(), thumbnail=True)
