from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from blueledger.core.history import history_entries
from blueledger.core.listing import paginate
from blueledger.core.permissions import get_scoped_or_404, region_prefix, require
from blueledger.fisheries import selectors, services
from blueledger.fisheries.choices import DETAIL_LABELS, RULE_LABELS, AlertStatus, EventKind, Gear
from blueledger.fisheries.filtersets import AlertFilterSet, VesselFilterSet
from blueledger.fisheries.forms import AssignForm, DisposeForm, VerifyForm, VesselImportForm
from blueledger.fisheries.imports import ImportRejected, vessels_import
from blueledger.fisheries.models import Alert, Vessel
from blueledger.fisheries.permissions import can_manage_fisheries, can_verify
from blueledger.lib.gbt2260 import city_prefix
from blueledger.lib.numbers import format_percent, plain_decimal
from blueledger.orgs.models import Department


@login_required
def vessel_list(request: HttpRequest) -> HttpResponse:
    filterset = VesselFilterSet(request.GET, queryset=selectors.vessel_list(user=request.user))
    page, query = paginate(request, filterset.qs)
    return render(
        request,
        "fisheries/vessel_list.html",
        {
            "page": page,
            "query": query,
            "filters": request.GET,
            "gears": Gear.choices,
            "can_manage": can_manage_fisheries(request.user, region_prefix(request.user) or None),
        },
    )


@login_required
def vessel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vessel: Vessel = get_scoped_or_404(Vessel.objects.select_related("region"), request.user, "region", pk=pk)
    tab = request.GET.get("tab", "info")
    return render(
        request,
        "fisheries/vessel_detail.html",
        {
            "vessel": vessel,
            "tab": tab,
            "certificates": vessel.certificates.all(),
            "alerts": vessel.alerts.order_by("-day")[:50],
            "history": history_entries(vessel) if tab == "history" else [],
        },
    )


@login_required
def vessel_import(request: HttpRequest) -> HttpResponse:
    require(can_manage_fisheries(request.user))
    form = VesselImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            summary = vessels_import(
                actor=request.user, data=form.cleaned_data["file"].read(), dry_run=form.cleaned_data["dry_run"]
            )
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            verb = "检查通过, 可导入" if summary.dry_run else "已导入"
            messages.success(request, f"{verb}: 新建 {summary.created} 艘, 更新 {summary.updated} 艘。")
            return redirect("fisheries:vessel_list")
    return render(request, "fisheries/vessel_import.html", {"form": form, "problems": problems})


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    filterset = AlertFilterSet(request.GET, queryset=selectors.alert_list(user=request.user))
    page, query = paginate(request, filterset.qs)
    return render(
        request,
        "fisheries/alert_list.html",
        {
            "page": page,
            "query": query,
            "filters": request.GET,
            "statuses": AlertStatus.choices,
            "kinds": EventKind.choices,
            "false_positives": [{**row, "rule_label": RULE_LABELS.get(row["rule"], row["rule"])}
                                for row in selectors.false_positive_rates(user=request.user)],
        },
    )


def _alert(request: HttpRequest, pk: int) -> Alert:
    alert: Alert = get_scoped_or_404(
        Alert.objects.select_related("region", "vessel", "assignee"), request.user, "region", pk=pk
    )
    return alert


def _departments(alert: Alert) -> Any:
    return Department.objects.filter(region__code__startswith=city_prefix(alert.region.code)).order_by(
        "region__code", "name")


def _detail_value(value: Any) -> str:
    """An engine figure as a person writes it: 是/否, numbers without trailing zeros, lists with 、."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float | int):
        return plain_decimal(Decimal(str(value)))
    if isinstance(value, list | tuple):
        return "、".join(_detail_value(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{label} {text}" for label, text in _detail_items(value))
    return "—" if value is None else str(value)


def _detail_items(detail: dict[str, Any]) -> list[tuple[str, str]]:
    """The event's figures under their Chinese names, in the engine's order."""
    return [(DETAIL_LABELS.get(key, key), _detail_value(value)) for key, value in detail.items()]


@login_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert(request, pk)
    tab = request.GET.get("tab", "info")
    return render(
        request,
        "fisheries/alert_detail.html",
        {
            "alert": alert,
            "tab": tab,
            "history": history_entries(alert) if tab == "history" else [],
            "can_manage": can_manage_fisheries(request.user, alert.region.code),
            "can_verify": can_verify(request.user, alert),
            "assign_form": AssignForm(departments=_departments(alert)),
            "verify_form": VerifyForm(),
            "dispose_form": DisposeForm(),
            "detail_items": _detail_items(alert.detail),
        },
    )


@login_required
@require_POST
def alert_action(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    alert = _alert(request, pk)
    try:
        if step == "assign":
            form: Any = AssignForm(request.POST, departments=_departments(alert))
            if form.is_valid():
                services.alert_assign(
                    actor=request.user, alert=alert, department=form.cleaned_data["department"],
                    note=form.cleaned_data["note"],
                )
        elif step == "verify":
            form = VerifyForm(request.POST)
            if form.is_valid():
                services.alert_verify(actor=request.user, alert=alert, verification=form.cleaned_data["verification"])
        elif step == "dispose":
            form = DisposeForm(request.POST)
            if form.is_valid():
                services.alert_dispose(
                    actor=request.user,
                    alert=alert,
                    disposition=form.cleaned_data["disposition"],
                    fine_yuan=form.cleaned_data["fine_yuan"],
                    transferred_to=form.cleaned_data["transferred_to"],
                )
        elif step == "close":
            form = None
            services.alert_close(actor=request.user, alert=alert)
        else:
            return redirect("fisheries:alert_detail", pk=alert.pk)
        if form is not None and not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("fisheries:alert_detail", pk=alert.pk)


@login_required
def moratorium(request: HttpRequest) -> HttpResponse:
    """在港率 by home port at a moment (default: now), and the vessels at sea or offline."""
    text = request.GET.get("at", "")
    try:
        at = timezone.make_aware(datetime.strptime(text, "%Y-%m-%dT%H:%M")) if text else timezone.now()
    except ValueError:
        messages.error(request, f"时间格式应为 2026-05-01T20:00, 收到“{text}”。")
        at = timezone.now()
    occupancy = selectors.port_occupancy(user=request.user, at=at)
    rows = [{**row, "rate": format_percent(row["in_port_rate"])} for row in occupancy.by_port]
    return render(
        request,
        "fisheries/moratorium.html",
        {"at": timezone.localtime(at), "by_port": rows, "not_in_port": occupancy.not_in_port},
    )


@login_required
def vessel_map(request: HttpRequest, pk: int) -> HttpResponse:
    vessel: Vessel = get_scoped_or_404(Vessel.objects.select_related("region"), request.user, "region", pk=pk)
    return render(request, "fisheries/vessel_map.html", {"vessel": vessel})


@login_required
def vessel_track(request: HttpRequest, pk: int) -> JsonResponse:
    """The vessel's stored positions of the last `days` days up to its latest one, and its alerts, for the map."""
    vessel: Vessel = get_scoped_or_404(Vessel.objects.select_related("region"), request.user, "region", pk=pk)
    try:
        days = max(1, min(31, int(request.GET.get("days", "3"))))
    except ValueError:
        days = 3
    return JsonResponse(selectors.vessel_track(vessel=vessel, days=days))
