from django.contrib import admin

from blueledger.core.models import Job, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "title", "read_at"]
    raw_id_fields = ["user"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: a job's row is written by the job runner alone."""

    list_display = ["created_at", "started_by", "title", "status", "finished_at"]
    list_filter = ["status", "kind"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
