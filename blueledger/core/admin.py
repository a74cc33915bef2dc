from typing import Any

from django.contrib import admin

from blueledger.core.jobs import job_delete
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

    def delete_model(self, request: Any, obj: Job) -> None:
        job_delete(actor=request.user, job=obj)  # its stored uploads go with it

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for job in queryset:
            job_delete(actor=request.user, job=job)
