"""The admin shows the economy tables read-only: every write goes through the services (and their history)."""

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from blueledger.core.admin import Number, NumbersAdmin
from blueledger.economy.models import (
    EconomyFigure,
    IndustryCrosswalk,
    OceanIndustry,
    StatisticalUnit,
    TargetBinding,
    UnitReport,
)


class ReadOnlyAdmin(NumbersAdmin, SimpleHistoryAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(OceanIndustry)
class OceanIndustryAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "kind", "layer", "group", "confirmed", "layer_confirmed"]


@admin.register(IndustryCrosswalk)
class IndustryCrosswalkAdmin(ReadOnlyAdmin):
    list_display = ["gbt4754_code", "gbt4754_name", "industry", "confirmed"]
    list_filter = ["confirmed", "industry"]


@admin.register(StatisticalUnit)
class StatisticalUnitAdmin(ReadOnlyAdmin):
    list_display = ["uscc", "name", "region", "ocean_industry", "size_class", "status"]
    list_filter = ["size_class", "status", "ocean_industry"]
    search_fields = ["uscc", "name"]
    list_select_related = ["region", "ocean_industry"]
    numbers = {"sea_share": Number(percent=True)}


@admin.register(UnitReport)
class UnitReportAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "quarter", "value_added_wan"]
    numbers = {"value_added_wan": Number(unit="万元"), "revenue_wan": Number(unit="万元")}


@admin.register(EconomyFigure)
class EconomyFigureAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "region", "industry", "year", "quarter", "value", "origin", "source"]
    numbers = {"value": Number(unit_field="unit")}
    list_filter = ["indicator", "origin"]


@admin.register(TargetBinding)
class TargetBindingAdmin(ReadOnlyAdmin):
    list_display = ["quantity", "indicator", "region", "industry"]
