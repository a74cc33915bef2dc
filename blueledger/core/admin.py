"""The admin's own rows (notifications, jobs), and `NumbersAdmin`: how every app's admin shows its numbers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from blueledger.core.jobs import job_delete
from blueledger.core.models import Job, Notification
from blueledger.lib.numbers import format_percent, format_quantity


@dataclass(frozen=True)
class Number:
    """How the admin shows one number field: with the constant `unit` (万元), with the unit the row holds in
    `unit_field` (a field, or a path through relations such as "quantity__unit"), or as a percentage of the
    fraction it holds (`percent`: 0.05 → 5.0%); `places` fixed decimals, else as written (12.3400 → 12.34)."""

    unit: str = ""
    unit_field: str = ""
    percent: bool = False
    places: int | None = None

    def text(self, value: Decimal | int | float | None, row: Model) -> str:
        number = Decimal(str(value)) if isinstance(value, float) else value  # a FloatField: 纬度, 经度
        if self.percent:
            rate = None if number is None else Decimal(number)
            return format_percent(rate, 1 if self.places is None else self.places)
        unit = self.unit or (_followed(row, self.unit_field) if self.unit_field else "")
        return format_quantity(number, unit, places=self.places)


def _followed(row: Model, path: str) -> str:
    """The value at `path` from `row` ("quantity__unit": row.quantity.unit), "" where a step is missing."""
    value: Any = row
    for step in path.split("__"):
        value = getattr(value, step, None)
        if value is None:
            return ""
    return str(value)


def number_column(model: type[Model], name: str, number: Number) -> Callable[[Model], str]:
    """The column (and read-only field) showing `model`'s field `name` as `number` says, labelled with the field's
    name and sorted by the field itself."""
    field = model._meta.get_field(name)

    @admin.display(description=field.verbose_name, ordering=name)
    def column(row: Model) -> str:
        return number.text(getattr(row, name), row)

    column.__name__ = column.__qualname__ = name  # the changelist's cell class: field-<name>, as before
    return column


class NumbersAdmin(admin.ModelAdmin):
    """Shows the number fields named in `numbers` through blueledger.lib.numbers, with their unit, missing as
    MISSING (never 0), wherever the admin displays them: change-list columns (still sortable by the field), the
    read-only fields of a change form, and every field of a row the user may only view. Where the form edits the
    field it stays the raw input.

        class ProjectAdmin(NumbersAdmin, SimpleHistoryAdmin):
            list_display = ["name", "total_investment_wan"]
            numbers = {"total_investment_wan": Number(unit="万元")}
    """

    numbers: ClassVar[Mapping[str, Number]] = {}

    def __init__(self, model: type[Model], admin_site: admin.AdminSite) -> None:
        super().__init__(model, admin_site)
        self.number_columns = {name: number_column(model, name, number) for name, number in self.numbers.items()}

    def get_list_display(self, request: HttpRequest) -> Sequence[Any]:
        return [self.number_columns.get(name, name) if isinstance(name, str) else name
                for name in super().get_list_display(request)]

    def _shown(self, request: HttpRequest, obj: Model | None) -> dict[str, Callable[[Model], str]]:
        """The number fields this form displays rather than edits: its read-only ones, all of a view-only row."""
        if obj is not None and not self.has_change_permission(request, obj):
            return self.number_columns
        readonly = set(super().get_readonly_fields(request, obj))
        return {name: column for name, column in self.number_columns.items() if name in readonly}

    def _swapped(self, names: Sequence[Any], shown: Mapping[str, Any]) -> list[Any]:
        swapped: list[Any] = []
        for name in names:
            if isinstance(name, (list, tuple)):  # fields shown on one line
                swapped.append(type(name)(self._swapped(name, shown)))
                continue
            item = shown.get(name, name) if isinstance(name, str) else name
            if item not in swapped:
                swapped.append(item)
        return swapped

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Sequence[Any]:
        shown = self._shown(request, obj)
        return self._swapped([*super().get_readonly_fields(request, obj), *shown], shown)

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> list[tuple[Any, dict[str, Any]]]:
        shown = self._shown(request, obj)
        return [(title, {**options, "fields": self._swapped(options["fields"], shown)})
                for title, options in super().get_fieldsets(request, obj)]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "title", "read_at"]
    raw_id_fields = ["user"]


@admin.register(Job)
class JobAdmin(NumbersAdmin):
    """Read-only: a job's row is written by the job runner alone."""

    list_display = ["created_at", "started_by", "title", "status", "finished_at"]
    list_filter = ["status", "kind"]
    numbers = {name: Number(unit_field="progress_unit") for name in ("progress_done", "progress_total")}

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def delete_model(self, request: Any, obj: Job) -> None:
        job_delete(actor=request.user, job=obj)  # its stored uploads go with it

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for job in queryset:
            job_delete(actor=request.user, job=job)
