from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from blueledger.core.admin import Number, NumbersAdmin
from blueledger.fisheries.models import Alert, Certificate, UnregisteredVessel, Vessel


@admin.register(Vessel)
class VesselAdmin(NumbersAdmin, SimpleHistoryAdmin):
    """Read-only: vessels are written by services (naming rule, unique MMSI) and the Excel import."""

    list_display = ["name", "region", "registry_port", "home_port", "mmsi", "gear", "status", "is_generated"]
    list_filter = ["gear", "status", "is_generated"]
    search_fields = ["name", "mmsi", "beidou_terminal"]
    list_select_related = ["region"]
    numbers = {"power_kw": Number(unit="kW"), "length_m": Number(unit="米"), "gross_tonnage": Number(unit="吨")}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ["vessel", "kind", "number", "expires_on"]
    list_select_related = ["vessel"]


@admin.register(UnregisteredVessel)
class UnregisteredVesselAdmin(SimpleHistoryAdmin):
    list_display = ["found_on", "region", "place"]


@admin.register(Alert)
class AlertAdmin(NumbersAdmin, SimpleHistoryAdmin):
    """Read-only: the case loop runs through services (locked state changes)."""

    list_display = ["day", "vessel_key", "kind", "rule", "status", "region"]
    list_filter = ["kind", "status"]
    list_select_related = ["region", "vessel"]
    numbers = {"lat": Number(unit="°"), "lon": Number(unit="°"), "fine_yuan": Number(unit="元")}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
