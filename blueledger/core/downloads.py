"""Files the pages hand out (Excel exports and templates, Word documents), named in Chinese the one way."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download_response(content: bytes, filename: str, content_type: str, *, ascii_filename: str = "") -> HttpResponse:
    """`content` as a download named `filename` (RFC 5987 filename*, so a Chinese name survives), after an ASCII
    name for old clients when one is given."""
    response = HttpResponse(content, content_type=content_type)
    fallback = f'filename="{ascii_filename}"; ' if ascii_filename else ""
    response["Content-Disposition"] = f"attachment; {fallback}filename*=UTF-8''{quote(filename)}"
    return response
