from rest_framework import serializers

from blueledger.fisheries.choices import Disposition
from blueledger.fisheries.models import Alert, Certificate, Vessel


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
