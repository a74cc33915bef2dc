from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from blueledger.core.attachments import attachment_response
from blueledger.core.history import history_entries
from blueledger.core.listing import paginate
from blueledger.core.permissions import get_scoped_or_404, region_prefix, require
from blueledger.core.views import start_job
from blueledger.fisheries import selectors, services
from blueledger.fisheries.choices import DETAIL_LABELS, RULE_LABELS, AlertStatus, EventKind, Gear
from blueledger.fisheries.filtersets import AlertFilterSet, VesselFilterSet
from blueledger.fisheries.forms import (
    AssignForm,
    DisposeForm,
    PositionIngestForm,
    UnregisteredVesselForm,
    VerifyForm,
    VesselForm,
    VesselImportForm,
    vessel_initial,
)
from blueledger.fisheries.models import Alert, UnregisteredVessel, Vessel
from blueledger.fisheries.permissions import can_manage_fisheries, can_verify
from blueledger.lib.attachments import ATTACHMENT_TYPES
from blueledger.lib.gbt2260 import city_prefix
from blueledger.lib.numbers import MISSING, format_percent, format_quantity, plain_decimal
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
            "can_manage": can_manage_fisheries(request.user, vessel.region.code),
        },
    )


@login_required
def vessel_create(request: HttpRequest) -> HttpResponse:
    require(can_manage_fisheries(request.user))
    form = VesselForm(request.POST or None, user=request.user, initial={"status": "active"})
    if request.method == "POST" and form.is_valid():
        try:
            vessel = services.vessel_create(actor=request.user, reason=form.cleaned_data["reason"],
                                            certificates=form.certificates(), **form.vessel_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已登记渔船“{vessel.name}”。")
            return redirect("fisheries:vessel_detail", pk=vessel.pk)
    return render(request, "fisheries/vessel_form.html", {"form": form, "vessel": None})


@login_required
def vessel_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vessel: Vessel = get_scoped_or_404(Vessel.objects.select_related("region"), request.user, "region", pk=pk)
    require(can_manage_fisheries(request.user, vessel.region.code))
    form = VesselForm(request.POST or None, user=request.user, initial=vessel_initial(vessel))
    if request.method == "POST" and form.is_valid():
        try:
            services.vessel_update(actor=request.user, vessel=vessel, reason=form.cleaned_data["reason"],
                                   certificates=form.certificates(), **form.vessel_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "已保存。")
            return redirect("fisheries:vessel_detail", pk=vessel.pk)
    return render(request, "fisheries/vessel_form.html", {"form": form, "vessel": vessel})


@login_required
def unregistered_vessel_list(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, selectors.unregistered_vessel_list(user=request.user))
    return render(
        request,
        "fisheries/unregistered_vessel_list.html",
        {"page": page, "query": query,
         "can_manage": can_manage_fisheries(request.user, region_prefix(request.user) or None)},
    )


def _unregistered(request: HttpRequest, pk: int) -> UnregisteredVessel:
    record: UnregisteredVessel = get_scoped_or_404(
        UnregisteredVessel.objects.select_related("region"), request.user, "region", pk=pk
    )
    return record


@login_required
def unregistered_vessel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = _unregistered(request, pk)
    tab = request.GET.get("tab", "info")
    return render(
        request,
        "fisheries/unregistered_vessel_detail.html",
        {"record": record, "tab": tab, "history": history_entries(record) if tab == "history" else [],
         "can_manage": can_manage_fisheries(request.user, record.region.code)},
    )


@login_required
def unregistered_vessel_create(request: HttpRequest) -> HttpResponse:
    require(can_manage_fisheries(request.user))
    form = UnregisteredVesselForm(request.POST or None, user=request.user, initial={"found_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            record = services.unregistered_vessel_create(actor=request.user, reason=form.cleaned_data["reason"],
                                                         **form.record_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "已登记三无船舶。")
            return redirect("fisheries:unregistered_vessel_detail", pk=record.pk)
    return render(request, "fisheries/unregistered_vessel_form.html", {"form": form, "record": None})


@login_required
def unregistered_vessel_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = _unregistered(request, pk)
    require(can_manage_fisheries(request.user, record.region.code))
    initial = {field: getattr(record, field) for field in services.UNREGISTERED_FIELDS}
    form = UnregisteredVesselForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.unregistered_vessel_update(actor=request.user, record=record, reason=form.cleaned_data["reason"],
                                                **form.record_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "已保存。")
            return redirect("fisheries:unregistered_vessel_detail", pk=record.pk)
    return render(request, "fisheries/unregistered_vessel_form.html", {"form": form, "record": record})


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
            "attachments": alert.attachments.select_related("uploaded_by"),
            "accept": ",".join(ATTACHMENT_TYPES),
            "attachment_limit_mb": settings.ATTACHMENT_LIMIT_MB,
        },
    )


@login_required
@require_POST
def alert_attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Photos and documents of the verification, added before it is recorded (each file checked on its own)."""
    alert = _alert(request, pk)
    uploads = request.FILES.getlist("evidence")
    if not uploads:
        messages.error(request, "请选择要上传的文件。")
    for upload in uploads:
        try:
            services.alert_attachment_add(actor=request.user, alert=alert, upload=upload)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"已上传“{upload.name}”。")
    return redirect("fisheries:alert_detail", pk=alert.pk)


@login_required
def alert_attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A verification file, for whoever may see the alert (images open inline, others download)."""
    return attachment_response(selectors.alert_attachment_get(user=request.user, pk=pk))


@login_required
def alert_attachment_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    return attachment_response(selectors.alert_attachment_get(user=request.user, pk=pk), thumbnail=True)


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
                services.alert_verify(actor=request.user, alert=alert, verification=form.cleaned_data["verification"],
                                      uploads=request.FILES.getlist("evidence"))
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


def _day(request: HttpRequest) -> date:
    text = request.GET.get("day", "")
    if not text:
        return timezone.localdate()
    try:
        return selectors.parse_day(text)
    except ValueError as error:
        messages.error(request, str(error))
        return timezone.localdate()


TREND_DAYS = 7


@login_required
def moratorium(request: HttpRequest) -> HttpResponse:
    """The day's 在港率 (at the 20时 check) by region and home port, the vessels at sea or offline with how long,
    and the last TREND_DAYS days' rates."""
    day = _day(request)
    days = [day - timedelta(days=n) for n in range(TREND_DAYS - 1, -1, -1)]
    series = selectors.occupancy_on(vessels=list(selectors.vessel_list(user=request.user)), days=days)
    today = series[-1]
    return render(
        request,
        "fisheries/moratorium.html",
        {
            "day": day,
            "occupancy": today,
            "by_region": [_rate_row(row) for row in today.by_region],
            "by_port": [_rate_row(row) for row in today.by_port],
            "total": _rate_row(today.total),
            "away": [{"state": state, "hours": _hours(today.hours_away(state))} for state in today.not_in_port],
            "trend": [{"day": item.day, "rate": format_percent(item.total.in_port_rate),
                       "closed": bool(item.closures), **_rate_row(item.total)} for item in series],
            "lookback_hours": selectors.LOOKBACK_DAYS * 24,
        },
    )


def _rate_row(row: selectors.OccupancyCount) -> dict[str, Any]:
    return {"key": row.key, "label": row.label, "vessels": row.vessels, "in_port": row.in_port, "at_sea": row.at_sea,
            "offline": row.offline, "rate": format_percent(row.in_port_rate)}


def _hours(hours: Decimal | None) -> str:
    return MISSING if hours is None else format_quantity(hours, "小时", places=1)


@login_required
def port_map(request: HttpRequest) -> HttpResponse:
    """在港休渔渔船船位图: the vessels of one home port at the day's check on the map, with the port's anchorages."""
    port = request.GET.get("port", "")
    day = _day(request)
    vessels = [v for v in selectors.vessel_list(user=request.user) if v.home_port == port]
    if not vessels:
        raise Http404("没有该依港港口的渔船, 或您无权查看。")
    occupancy = selectors.occupancy_on(vessels=vessels, days=[day])[0]
    data = selectors.port_map_data(occupancy=occupancy, port=port)
    return render(
        request,
        "fisheries/port_map.html",
        {"port": port, "day": day, "occupancy": occupancy, "total": _rate_row(occupancy.total), "map_data": data,
         "away": [{"state": state, "hours": _hours(occupancy.hours_away(state))} for state in occupancy.not_in_port],
         "lookback_hours": selectors.LOOKBACK_DAYS * 24},
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


@login_required
def map_layers(request: HttpRequest) -> JsonResponse:
    """Ports, anchorages (GFW) and closure lines for a map view (`bbox=south,west,north,east`)."""
    try:
        south, west, north, east = (float(part) for part in request.GET.get("bbox", "").split(","))
    except ValueError:
        south, west, north, east = selectors.DEFAULT_BBOX
    return JsonResponse(selectors.map_layers(south=south, west=west, north=north, east=east))
