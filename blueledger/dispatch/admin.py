from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from blueledger.core.admin import Number, NumbersAdmin
from blueledger.dispatch.models import RankingObjection, ReminderLog, Report, ReportingRound, ReportSlot


@admin.register(ReportingRound)
class ReportingRoundAdmin(NumbersAdmin, SimpleHistoryAdmin):
    list_display = ["title", "ledger", "period_kind", "period_end", "due_date", "status"]
    list_filter = ["status", "period_kind"]
    raw_id_fields = ["ledger", "opened_by", "closed_by"]
    # Closing, reopening (with a reason) and the settings (locked once closed) change only through the services.
    readonly_fields = ["status", "opened_at", "opened_by", "closed_at", "closed_by", "hardness_weights",
                       "tolerance_share", "severe_lag_points"]
    numbers = {"tolerance_share": Number(percent=True), "severe_lag_points": Number(unit="个百分点")}


@admin.register(ReportSlot)
class ReportSlotAdmin(NumbersAdmin, SimpleHistoryAdmin):
    list_display = ["round", "department", "quantity", "task", "prefilled_value"]
    raw_id_fields = ["round", "department", "quantity", "task"]
    list_select_related = ["round", "department", "quantity", "task"]
    numbers = {"prefilled_value": Number(unit_field="quantity__unit")}


@admin.register(Report)
class ReportAdmin(NumbersAdmin, SimpleHistoryAdmin):
    list_display = ["slot", "version", "value", "status", "submitted_at"]
    list_filter = ["status"]
    raw_id_fields = ["slot", "updated_by", "submitted_by"]
    # Reports change only through the services (versions, locks); the admin shows them.
    readonly_fields = ["slot", "version", "value", "unit", "status", "submitted_at", "submitted_by"]
    numbers = {"value": Number(unit_field="unit")}


@admin.register(RankingObjection)
class RankingObjectionAdmin(SimpleHistoryAdmin):
    list_display = ["round", "department", "status", "filed_at", "answered_at"]
    raw_id_fields = ["round", "department", "filed_by", "answered_by"]


@admin.register(ReminderLog)
class ReminderLogAdmin(NumbersAdmin):
    """The reminder log is a record: shown, never edited."""

    list_display = ["sent_at", "round", "department", "kind", "channel", "recipient", "outcome", "sent_by"]
    list_filter = ["kind", "channel", "outcome"]
    numbers = {"missing": Number(unit="项")}

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
