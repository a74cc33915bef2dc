"""Pages of the year-end reconciliation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from blueledger.core.editing import error_text
from blueledger.core.permissions import can_dispatch, require
from blueledger.dispatch.choices import ReconciliationVerdict
from blueledger.dispatch.forms import SummaryUploadForm
from blueledger.dispatch.selectors import reconciliation as reconciliation_selectors
from blueledger.dispatch.services.reconciliation import reconciliation_create, reconciliation_row_confirm
from blueledger.dispatch.views.common import dispatch_ledgers
from blueledger.ledgers.services import document_import


@login_required
def reconciliation_list(request: HttpRequest) -> HttpResponse:
    items = reconciliation_selectors.reconciliation_list(user=request.user)
    form = SummaryUploadForm(ledgers=dispatch_ledgers(request.user)) if can_dispatch(request.user) else None
    if request.method == "POST":
        require(can_dispatch(request.user))
        form = SummaryUploadForm(request.POST, request.FILES, ledgers=dispatch_ledgers(request.user))
        if form.is_valid():
            plan = form.cleaned_data["plan"]
            upload = form.cleaned_data["file"]
            try:
                document = document_import(actor=request.user, data=upload.read(), filename=upload.name,
                                           region=plan.region)
                reconciliation = reconciliation_create(actor=request.user, plan=plan,
                                                       summary=document.ledger)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("dispatch:reconciliation_detail", pk=reconciliation.pk)
    return render(request, "dispatch/reconciliation_list.html", {"items": items, "form": form})


@login_required
def reconciliation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reconciliation = reconciliation_selectors.reconciliation_get(user=request.user, pk=pk)
    rows = reconciliation_selectors.reconciliation_rows(reconciliation)
    return render(request, "dispatch/reconciliation_detail.html", {
        "reconciliation": reconciliation, "rows": rows, "verdicts": ReconciliationVerdict.choices,
        "can_run": can_dispatch(request.user),
    })


@login_required
@require_POST
def reconciliation_confirm(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    require(can_dispatch(request.user))
    row = reconciliation_selectors.reconciliation_row_get(user=request.user, pk=pk, row_pk=row_pk)
    try:
        reconciliation_row_confirm(actor=request.user, row=row, verdict=request.POST.get("verdict", ""),
                                   note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("dispatch:reconciliation_detail", pk=pk)
