"""Downloads of a round: the bulletin (.docx) and the Excel exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from blueledger.core.downloads import DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE, download_response
from blueledger.core.permissions import require
from blueledger.dispatch import bulletin_facts, exports
from blueledger.dispatch.bulletin import ChartFontMissing
from blueledger.dispatch.views.common import round_for_office, round_of
from blueledger.users.choices import Role


@login_required
def bulletin_download(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = round_for_office(request, pk)
    try:
        docx = bulletin_facts.bulletin_docx(reporting_round)
    except ChartFontMissing as missing:
        messages.error(request, f"无法生成调度通报: {missing}。")
        return redirect("dispatch:round_detail", pk=pk)
    return download_response(docx, bulletin_facts.bulletin_filename(reporting_round), DOCX_CONTENT_TYPE)


def _xlsx(content: bytes, filename: str, fallback: str) -> HttpResponse:
    """An .xlsx download named in Chinese, with an ASCII name for old clients."""
    return download_response(content, filename, XLSX_CONTENT_TYPE, ascii_filename=fallback)


@login_required
def round_reports_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Every department's reports of the round; not for reporters, who see only their own department's."""
    reporting_round = round_of(request, pk)
    require(request.user.role != Role.REPORTER or request.user.is_admin,  # type: ignore[union-attr]
            "填报员只能查看本单位的报送。")
    return _xlsx(exports.round_reports_xlsx(reporting_round), exports.export_filename(reporting_round, "报送明细"),
                 f"round-{reporting_round.pk}-reports.xlsx")


@login_required
def ranking_export(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = round_of(request, pk)
    by = "district" if request.GET.get("by") == "district" else "department"
    what = "区县排名及得分明细" if by == "district" else "单位排名及得分明细"
    return _xlsx(exports.ranking_xlsx(reporting_round, by=by), exports.export_filename(reporting_round, what),
                 f"round-{reporting_round.pk}-ranking.xlsx")


@login_required
def dashboard_export(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = round_of(request, pk)
    return _xlsx(exports.dashboard_xlsx(reporting_round), exports.export_filename(reporting_round, "调度看板"),
                 f"round-{reporting_round.pk}-dashboard.xlsx")
