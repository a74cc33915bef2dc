from __future__ import annotations

from datetime import datetime
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
from blueledger.core.views import start_job
from blueledger.fisheries import selectors, services
from blueledger.fisheries.choices import AlertStatus, EventKind, Gear
from blueledger.fisheries.filtersets import AlertFilterSet, VesselFilterSet
from blueledger.fisheries.forms import AssignForm, DisposeForm, PositionIngestForm, VerifyForm, VesselImportForm
from blueledger.fisheries.models import Alert, Vessel
from blueledger.fisheries.permissions import can_manage_fisheries, can_verify
from blueledger.lib.gbt2260 import city_prefix
from blueledger.lib.numbers import format_percent
from blueledger.orgs.models import Department
from blueledger.orgs.selectors import regions_in_scope


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
    if request.method == "POST" and form.is_valid():
        return start_job(request, kind="fisheries.vessels_import", title="导入渔船档案",
                         upload=form.cleaned_data["file"], params={"dry_run": bool(form.cleaned_data["dry_run"])})
    return render(request, "fisheries/vessel_import.html", {"form": form})


@login_required
def positions_ingest(request: HttpRequest) -> HttpResponse:
    """船位入库: position files are read, stored and checked against the rules as a background job."""
    require(can_manage_fisheries(request.user))
    form = PositionIngestForm(request.POST or None, request.FILES or None, regions=regions_in_scope(user=request.user))
    if request.method == "POST" and form.is_valid():
        params = {"region_id": form.cleaned_data["region"].pk, "year": form.cleaned_data["year"]}
        return start_job(request, kind="fisheries.positions_ingest", title="船位入库",
                         uploads=form.cleaned_data["files"], params=params)
    return render(request, "fisheries/positions_ingest.html", {"form": form})


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
            "false_positives": selectors.false_positive_rates(user=request.user),
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
            "detail_items": sorted(alert.detail.items()),
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
