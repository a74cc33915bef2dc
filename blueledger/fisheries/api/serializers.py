from decimal import Decimal
from typing import Any

from rest_framework import serializers

from blueledger.fisheries.choices import CertificateKind, Disposition, Gear, RoundIndicator, VesselStatus
from blueledger.fisheries.models import (
    Alert,
    AlertAttachment,
    Certificate,
    TargetBinding,
    UnregisteredVessel,
    Vessel,
)


class CertificateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Certificate
        fields = ["kind", "number", "expires_on"]


class VesselSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    certificates = CertificateSerializer(many=True, read_only=True)

    class Meta:
        model = Vessel
        fields = [
            "id", "name", "region_code", "registry_port", "home_port", "home_port_code", "mmsi", "beidou_terminal",
            "gear", "power_kw", "length_m", "gross_tonnage", "owner", "status", "is_generated", "certificates",
        ]  # fmt: skip


class AlertSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    vessel_name = serializers.CharField(source="vessel.name", default=None, allow_null=True, read_only=True)
    assignee = serializers.CharField(source="assignee.name", default=None, allow_null=True, read_only=True)

    class Meta:
        model = Alert
        fields = [
            "id", "region_code", "vessel", "vessel_name", "vessel_key", "kind", "rule", "day", "started_at",
            "ended_at", "lat", "lon", "detail", "status", "assignee", "verification", "disposition", "fine_yuan",
            "transferred_to", "closed_at",
        ]  # fmt: skip


class AssignSerializer(serializers.Serializer):
    department = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class VerifySerializer(serializers.Serializer):
    verification = serializers.CharField()


class DisposeSerializer(serializers.Serializer):
    disposition = serializers.ChoiceField(choices=Disposition.choices)
    fine_yuan = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True, default=None)
    transferred_to = serializers.CharField(required=False, allow_blank=True, default="")


def _length(model: Any, field: str) -> int:
    return int(model._meta.get_field(field).max_length)


def _measure() -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True,
                                    min_value=Decimal("0.01"))


class CertificateWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CertificateKind.choices)
    number = serializers.CharField(max_length=_length(Certificate, "number"), allow_blank=True)
    expires_on = serializers.DateField(allow_null=True, required=False)


class VesselWriteSerializer(serializers.Serializer):
    """The fields of a vessel to create or change (all on create, any on PATCH); `certificates` sets the listed
    kinds (number and expiry) or removes them (blank number and no expiry); unlisted kinds stay as they are."""

    region_code = serializers.CharField(max_length=6)
    name = serializers.CharField(max_length=_length(Vessel, "name"))
    registry_port = serializers.CharField(max_length=_length(Vessel, "registry_port"))
    home_port = serializers.CharField(max_length=_length(Vessel, "home_port"))
    home_port_code = serializers.CharField(max_length=_length(Vessel, "home_port_code"), required=False,
                                           allow_blank=True, default="")
    mmsi = serializers.CharField(max_length=_length(Vessel, "mmsi"), required=False, allow_blank=True, default="")
    beidou_terminal = serializers.CharField(max_length=_length(Vessel, "beidou_terminal"), required=False,
                                            allow_blank=True, default="")
    gear = serializers.ChoiceField(choices=Gear.choices)
    power_kw = _measure()
    length_m = _measure()
    gross_tonnage = _measure()
    owner = serializers.CharField(max_length=_length(Vessel, "owner"), required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(choices=VesselStatus.choices, required=False, default=VesselStatus.ACTIVE)
    certificates = CertificateWriteSerializer(many=True, required=False)
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate_certificates(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for certificate in value:
            if bool(certificate["number"].strip()) != (certificate.get("expires_on") is not None):
                raise serializers.ValidationError("证书须同时填写编号和有效期 (删除时两者都不填)。")
        return value


class UnregisteredVesselSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", max_length=6)
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="", write_only=True)

    class Meta:
        model = UnregisteredVessel
        fields = ["id", "region_code", "found_on", "place", "description", "disposal", "reason"]


class TargetBindingSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", max_length=6)
    metric = serializers.CharField(source="quantity.metric", read_only=True)
    unit = serializers.CharField(source="quantity.unit", read_only=True)
    indicator = serializers.ChoiceField(choices=RoundIndicator.choices)

    class Meta:
        model = TargetBinding
        fields = ["id", "quantity", "metric", "unit", "indicator", "region_code", "bound_at"]
        read_only_fields = ["bound_at"]


class OccupancyCountSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    vessels = serializers.IntegerField()
    in_port = serializers.IntegerField()
    at_sea = serializers.IntegerField()
    offline = serializers.IntegerField()
    in_port_rate = serializers.DecimalField(max_digits=7, decimal_places=4, allow_null=True,
                                            help_text="在港率 as a fraction; null when no vessel is counted")


class VesselAwaySerializer(serializers.Serializer):
    vessel = serializers.IntegerField(source="vessel.pk")
    name = serializers.CharField(source="vessel.name")
    region_code = serializers.CharField(source="vessel.region.code")
    home_port = serializers.CharField(source="vessel.home_port")
    status = serializers.ChoiceField(choices=["at_sea", "offline"])
    last_time = serializers.DateTimeField(allow_null=True)
    lat = serializers.FloatField(allow_null=True)
    lon = serializers.FloatField(allow_null=True)
    away_since = serializers.DateTimeField(allow_null=True,
                                           help_text="at sea: last position in port; offline: last position")


class DailyOccupancySerializer(serializers.Serializer):
    day = serializers.DateField()
    at = serializers.DateTimeField(help_text="the check (20时 Beijing time, or now on the day itself)")
    closures = serializers.ListField(child=serializers.CharField())
    total = OccupancyCountSerializer()
    by_region = OccupancyCountSerializer(many=True)
    by_port = OccupancyCountSerializer(many=True)
    not_in_port = VesselAwaySerializer(many=True)
    not_closed = serializers.IntegerField()
    positions = serializers.IntegerField()


class AlertAttachmentSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.CharField(source="uploaded_by.username", default=None, read_only=True)
    has_thumbnail = serializers.SerializerMethodField()

    class Meta:
        model = AlertAttachment
        fields = ["id", "alert", "filename", "content_type", "size", "uploaded_at", "uploaded_by", "has_thumbnail"]

    def get_has_thumbnail(self, attachment: AlertAttachment) -> bool:
        return bool(attachment.thumbnail)


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="图片、PDF、Word (docx) 或 Excel (xlsx)")
