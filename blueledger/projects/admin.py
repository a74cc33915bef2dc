from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from blueledger.projects.models import DispatchTableLayout, IndicatorQuery, Lead, MonthlyReport, Project, Track


@admin.register(Track)
class TrackAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "position", "is_active"]
    list_filter = ["region"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "track", "kind", "status", "total_investment_wan", "is_listed"]
    list_filter = ["kind", "status", "is_listed", "track"]
    search_fields = ["name"]
    list_select_related = ["region", "track"]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(SimpleHistoryAdmin):
    list_display = ["project", "period", "year_to_date_completed_wan"]
    list_select_related = ["project"]


@admin.register(Lead)
class LeadAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "track", "stage", "stage_since", "signed_amount_wan"]
    list_filter = ["stage"]


@admin.register(DispatchTableLayout)
class DispatchTableLayoutAdmin(SimpleHistoryAdmin):
    list_display = ["region", "sheet_name", "header_row"]


@admin.register(IndicatorQuery)
class IndicatorQueryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "indicator"]
