"""Pages of targets read from the key-project registry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from blueledger.core.editing import error_text
from blueledger.core.permissions import can_dispatch, can_dispatch_in_region, require
from blueledger.dispatch.forms import RegistryBindingForm
from blueledger.dispatch.selectors.registry import (
    registry_binding_of,
    registry_preview,
    registry_preview_month,
    registry_query_of,
    registry_target_rows,
)
from blueledger.dispatch.services.registry import registry_binding_remove, registry_binding_set, registry_values_fill
from blueledger.dispatch.views.common import round_for_office
from blueledger.ledgers import selectors as ledger_selectors
from blueledger.ledgers.choices import LedgerStatus
from blueledger.projects.selectors import registry_filter_choices


@login_required
@require_POST
def registry_fill(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = round_for_office(request, pk)
    try:
        written = registry_values_fill(actor=request.user, reporting_round=reporting_round)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"已从重点项目库更新 {written} 项取数。" if written else "重点项目库数字没有变化。")
    return redirect("dispatch:round_detail", pk=pk)


@login_required
def registry_targets(request: HttpRequest, ledger_pk: int) -> HttpResponse:
    """The targets of a published ledger and where each is read from: typed by departments, or the registry."""
    require(can_dispatch(request.user))
    ledger = ledger_selectors.ledger_get(user=request.user, pk=ledger_pk)
    require(can_dispatch_in_region(request.user, ledger.region), "只有本辖区的调度员可以设置取数。")
    context = {"ledger": ledger, "rows": registry_target_rows(ledger),
               "published": ledger.status == LedgerStatus.PUBLISHED}
    return render(request, "dispatch/registry_targets.html", context)


@login_required
def registry_binding(request: HttpRequest, quantity_pk: int) -> HttpResponse:
    """Binds one target to a registry query (or unbinds it), with a preview of what it would read."""
    require(can_dispatch(request.user))
    quantity = ledger_selectors.quantity_get(user=request.user, pk=quantity_pk)
    ledger = quantity.ledger
    require(can_dispatch_in_region(request.user, ledger.region), "只有本辖区的调度员可以设置取数。")
    binding = registry_binding_of(quantity)
    districts, tracks = registry_filter_choices(ledger.region)
    if request.method == "POST" and request.POST.get("action") == "remove" and binding is not None:
        registry_binding_remove(actor=request.user, binding=binding)
        messages.success(request, f"“{quantity.metric}”改为由责任单位填报。")
        return redirect("dispatch:registry_targets", ledger_pk=ledger.pk)
    indicator, filters = registry_query_of(quantity, binding)
    form = RegistryBindingForm(request.POST or None, initial={"indicator": indicator, **filters}, districts=districts,
                               tracks=tracks)
    if request.method == "POST" and form.is_valid():
        try:
            registry_binding_set(actor=request.user, quantity=quantity,
                                 indicator=form.cleaned_data["indicator"], filters=form.filters())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{quantity.metric}”今后从重点项目库取数。")
            return redirect("dispatch:registry_targets", ledger_pk=ledger.pk)
    if form.is_bound and form.is_valid():
        indicator, filters = form.cleaned_data["indicator"], form.filters()
    as_of = registry_preview_month(ledger)
    preview = registry_preview(ledger.region, indicator, filters, as_of) if indicator else None
    context = {"quantity": quantity, "ledger": ledger, "form": form, "binding": binding, "preview": preview,
               "as_of": as_of}
    return render(request, "dispatch/registry_binding.html", context)
