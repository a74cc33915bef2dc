from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from blueledger.orgs.models import Department, DepartmentAlias, Region


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "level", "parent", "is_coastal", "is_statistical_only"]
    list_filter = ["level", "is_coastal", "is_statistical_only"]
    search_fields = ["code", "name", "short_name"]


class DepartmentAliasInline(admin.TabularInline):
    model = DepartmentAlias
    fields = ["alias"]
    extra = 0


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "name", "region", "kind", "is_active"]
    list_filter = ["kind", "is_active", "region"]
    search_fields = ["name", "short_name", "aliases__alias"]
    inlines = [DepartmentAliasInline]
