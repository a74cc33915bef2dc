from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from blueledger.core.admin import Number, NumbersAdmin
from blueledger.documents.models import Document


@admin.register(Document)
class DocumentAdmin(NumbersAdmin, SimpleHistoryAdmin):
    list_display = ["original_filename", "region", "format", "encoding", "size_bytes", "uploaded_by", "created_at"]
    list_filter = ["format", "region"]
    search_fields = ["original_filename", "sha256"]
    readonly_fields = ["region", "original_filename", "format", "encoding", "size_bytes", "sha256", "text",
                       "warnings", "uploaded_by", "created_at"]
    exclude = ["content"]
    numbers = {"size_bytes": Number(unit="字节"), "text_chars": Number(unit="字")}
