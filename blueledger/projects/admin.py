from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from blueledger.core.admin import Number, NumbersAdmin
from blueledger.projects.models import DispatchTableLayout, IndicatorQuery, Lead, MonthlyReport, Project, Track


@admin.register(Track)
class TrackAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "position", "is_active"]
    list_filter = ["region"]


@admin.register(Project)
class ProjectAdmin(NumbersAdmin, SimpleHistoryAdmin):
    list_display = ["name", "region", "track", "kind", "status", "total_investment_wan", "is_listed"]
    list_filter = ["kind", "status", "is_listed", "track"]
    search_fields = ["name"]
    list_select_related = ["region", "track"]
    numbers = {name: Number(unit="万元")
               for name in ("total_investment_wan", "annual_plan_wan", "latest_completed_wan")}


@admin.register(MonthlyReport)
class MonthlyReportAdmin(NumbersAdmin, SimpleHistoryAdmin):
    """Read-only: reports are written by services.report_save, which refuses decreasing 1–N月累计 figures and
    keeps the project's latest-report copy."""

    list_display = ["project", "period", "year_to_date_completed_wan"]
    list_select_related = ["project"]
    numbers = {"year_to_date_completed_wan": Number(unit="万元")}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: MonthlyReport | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: MonthlyReport | None = None) -> bool:
        return False


@admin.register(Lead)
class LeadAdmin(NumbersAdmin, SimpleHistoryAdmin):
    list_display = ["name", "region", "track", "stage", "stage_since", "signed_amount_wan"]
    list_filter = ["stage"]
    numbers = {"planned_investment_wan": Number(unit="万元"), "signed_amount_wan": Number(unit="万元")}


@admin.register(DispatchTableLayout)
class DispatchTableLayoutAdmin(SimpleHistoryAdmin):
    list_display = ["region", "sheet_name", "header_row"]


@admin.register(IndicatorQuery)
class IndicatorQueryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "indicator"]
