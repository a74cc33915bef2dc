"""The bulletin settings of a ledger: the 版记's 抄送 and 印发机关, kept by its dispatch office."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from blueledger.core.editing import form_page
from blueledger.core.history import history_entries
from blueledger.core.permissions import can_dispatch, can_dispatch_in_region, require
from blueledger.dispatch.forms import BulletinSettingsForm
from blueledger.dispatch.selectors.bulletin import bulletin_settings_get
from blueledger.dispatch.services.bulletin import bulletin_settings_update
from blueledger.ledgers import selectors as ledger_selectors


@login_required
def bulletin_settings(request: HttpRequest, ledger_pk: int) -> HttpResponse:
    require(can_dispatch(request.user))
    ledger = ledger_selectors.ledger_get(user=request.user, pk=ledger_pk)
    require(can_dispatch_in_region(request.user, ledger.region), "只有本辖区的调度员可以设置通报版记。")
    settings = bulletin_settings_get(ledger)
    form = BulletinSettingsForm(request.POST or None,
                                initial={"copy_to": settings.copy_to, "printed_by": settings.printed_by})
    context = {"ledger": ledger, "history": history_entries(settings) if settings.pk else []}
    return form_page(
        request, form, template="dispatch/bulletin_settings.html", context=context,
        save=lambda data: bulletin_settings_update(actor=request.user, ledger=ledger, copy_to=data["copy_to"],
                                                   printed_by=data["printed_by"], reason=data["reason"]),
        success=lambda _: ("已保存通报版记。", reverse("dispatch:bulletin_settings", args=[ledger.pk])),
    )
