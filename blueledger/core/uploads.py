"""The configured limits of uploaded files (BLUELEDGER_*_LIMIT_*, see .env.example), for the engines that
take them as arguments: `lib/ooxml.py` (zip parts), `lib/xlsx.py` (Excel imports), the document reader."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings

from blueledger.lib.file_sizes import too_large_message
from blueledger.lib.ooxml import MB, PackageLimits
from blueledger.lib.xlsx import XlsxLimits


def package_limits() -> PackageLimits:
    return PackageLimits(
        member_bytes=int(settings.ZIP_MEMBER_LIMIT_MB) * MB,
        total_bytes=int(settings.ZIP_TOTAL_LIMIT_MB) * MB,
        ratio=int(settings.ZIP_MAX_RATIO),
    )


def xlsx_limits() -> XlsxLimits:
    return XlsxLimits(
        max_bytes=int(settings.XLSX_LIMIT_MB) * MB, max_rows=int(settings.IMPORT_MAX_ROWS), package=package_limits()
    )


def document_limit_bytes() -> int:
    return int(settings.UPLOAD_LIMIT_MB) * MB


def attachment_limit_bytes() -> int:
    """The largest file any attachment may be (BLUELEDGER_ATTACHMENT_LIMIT_MB; see core/attachments.py)."""
    return int(settings.ATTACHMENT_LIMIT_MB) * MB


def xlsx_limit_bytes() -> int:
    return int(settings.XLSX_LIMIT_MB) * MB


class LimitedFileField(forms.FileField):
    """A FileField that refuses a file over `limit_bytes()` (read from the configuration when the form is
    checked) before anything reads it into memory."""

    def __init__(self, *args: Any, limit_bytes: Callable[[], int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_bytes = limit_bytes

    def validate(self, value: Any) -> None:
        super().validate(value)
        limit = self.limit_bytes()
        if value and value.size is not None and value.size > limit:
            raise forms.ValidationError(too_large_message(value.name or "", value.size, limit), code="too_large")
