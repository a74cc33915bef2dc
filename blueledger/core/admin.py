from django.contrib import admin

from blueledger.core.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "title", "read_at"]
    raw_id_fields = ["user"]
