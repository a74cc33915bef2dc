from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from blueledger.core.admin import Number, NumbersAdmin
from blueledger.ledgers.models import Ledger, LedgerQuantity, LedgerTask, TaskResponsibility


@admin.register(Ledger)
class LedgerAdmin(SimpleHistoryAdmin):
    list_display = ["title", "region", "kind", "status", "issued_on", "published_at"]
    list_filter = ["status", "kind", "region"]
    search_fields = ["title", "issuer"]
    readonly_fields = ["document", "text", "published_at", "published_by"]


@admin.register(LedgerTask)
class LedgerTaskAdmin(SimpleHistoryAdmin):
    list_display = ["key", "title", "ledger", "deadline"]
    search_fields = ["key", "title"]
    raw_id_fields = ["ledger", "parent"]


@admin.register(TaskResponsibility)
class TaskResponsibilityAdmin(SimpleHistoryAdmin):
    list_display = ["written_name", "department", "role", "task"]
    list_filter = ["role"]
    search_fields = ["written_name"]
    raw_id_fields = ["task", "department"]


@admin.register(LedgerQuantity)
class LedgerQuantityAdmin(NumbersAdmin, SimpleHistoryAdmin):
    list_display = ["metric", "op", "value", "value_max", "hardness", "role", "ledger"]
    list_filter = ["role", "op", "hardness"]
    search_fields = ["metric", "quote"]
    raw_id_fields = ["ledger", "task"]
    list_select_related = ["ledger"]
    numbers = {"value": Number(unit_field="unit"), "value_max": Number(unit_field="unit")}
