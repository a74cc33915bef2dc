"""The audit trail, wired once: every business model declares `history = HistoricalRecords()`
(django-simple-history), and every service names its actor through `attribute_change`.

Pages and API requests get the actor from HistoryRequestMiddleware too; services set it explicitly so
that commands, imports and background jobs are attributed the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any

from django.db import connections, models, router
from django.db.models import Case, Value, When
from django.utils import timezone

from blueledger.core.fields import fit_to_field
from blueledger.lib.numbers import plain_decimal

CHANGE_KIND_LABELS = {"+": "新建", "~": "修改", "-": "删除"}


def attribute_change(instance: models.Model, *, actor: Any, reason: str = "") -> None:
    """Names who makes the next save()/delete() of `instance` and why, for its history row; the reason is cut to
    the history's column (a long comment quoted in it would otherwise make the write fail on PostgreSQL)."""
    instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        # __class__, not type(): request.user is a lazy object that stands in for the model it wraps.
        history_model = _history_model(instance.__class__)
        if history_model is not None:
            reason = fit_to_field(history_model, "history_change_reason", reason)
        instance._change_reason = reason  # type: ignore[attr-defined]


@cache
def _history_model(model: type[models.Model]) -> type[models.Model] | None:
    """The historical model of `model`, or None: looked up once per model, since reading `model.history` builds
    a new manager class each time (django-simple-history's descriptor), a millisecond on every write."""
    history = getattr(model, "history", None)
    return None if history is None else history.model  # type: ignore[no-any-return]


def history_bulk_create(instances: Sequence[models.Model], *, actor: Any, reason: str | Sequence[str] = "") -> None:
    """Writes the "+" history row of each of `instances` (of one model, just inserted by bulk_create, so with their
    pks): the row a save() would write, by `actor` with `reason`, all dated now (one write, one moment), history
    ids in the order of `instances`' pks. `reason` is one text for every row, or a sequence of one text per row of
    `instances`, in their order (a monthly report's own 补报 note); each is cut to the history's column, and an
    empty one writes none, as attribute_change leaves it.

    One INSERT … SELECT per batch of pks: the database copies each row's columns into its history row. For the
    thousands of rows of a plan's tasks and targets, simple_history's bulk_create_with_history built a historical
    model instance per row and Django's insert compiler then prepared each of its values (2 s of a 5 s profile
    of the import of 2,000 headings). Reasons per row come in the same SELECT, as a CASE on the pk."""
    if not instances:
        return
    model = type(instances[0])
    history_model = _history_model(model)
    if history_model is None:
        raise TypeError(f"{model.__name__} has no history")
    connection = connections[router.db_for_write(history_model)]
    history_fields = {field.attname: field for field in history_model._meta.concrete_fields}
    tracked = [field.attname for field in history_model.tracked_fields]  # type: ignore[attr-defined]

    def fitted(text: str) -> str | None:
        return fit_to_field(history_model, "history_change_reason", text) if text else None

    reason_of: dict[Any, str | None] = {}  # by pk, when each row has its own
    if isinstance(reason, str):
        one_reason = {"history_change_reason": fitted(reason)}
    else:
        if len(reason) != len(instances):
            raise ValueError(f"{len(instances)} rows but {len(reason)} reasons")
        one_reason = {}
        reason_of = {instance.pk: fitted(text) for instance, text in zip(instances, reason, strict=True)}
    per_row = not one_reason
    fixed = {
        "history_date": timezone.now(),
        "history_user_id": getattr(actor, "pk", None),
        **one_reason,
        "history_type": "+",
    }
    selected = [*tracked, *(["history_change_reason"] if per_row else [])]
    unknown = set(history_fields) - {*selected, *fixed, history_model._meta.pk.attname}
    if unknown:
        raise TypeError(f"{history_model.__name__} has columns no row gives: {sorted(unknown)}")
    quote = connection.ops.quote_name
    into = (f"INSERT INTO {quote(history_model._meta.db_table)} "
            f"({', '.join(quote(history_fields[attname].column) for attname in [*selected, *fixed])}) ")
    fixed_sql = ", ".join(["%s"] * len(fixed))
    fixed_params = [history_fields[attname].get_db_prep_save(value, connection) for attname, value in fixed.items()]
    pks = sorted(instance.pk for instance in instances)
    # A per-row reason costs each pk up to two more parameters: one in its WHEN, one for its own text.
    size = connection.ops.bulk_batch_size([model._meta.pk] * (3 if per_row else 1), pks)
    with connection.cursor() as cursor:
        for start in range(0, len(pks), size):
            batch = pks[start : start + size]
            rows = model._base_manager.using(connection.alias).filter(pk__in=batch).order_by("pk")
            columns = tracked
            if per_row:
                pks_by_reason: dict[str, list[Any]] = {}
                for pk in batch:
                    if (text := reason_of[pk]) is not None:
                        pks_by_reason.setdefault(text, []).append(pk)
                whens = [When(pk__in=reason_pks, then=Value(text)) for text, reason_pks in pks_by_reason.items()]
                rows = rows.annotate(
                    bulk_history_reason=Case(*whens, default=Value(None), output_field=models.CharField()))
                columns = [*tracked, "bulk_history_reason"]
            select, select_params = rows.values_list(*columns).query.sql_with_params()
            cursor.execute(f"{into}SELECT copied.*, {fixed_sql} FROM ({select}) copied",
                           (*fixed_params, *select_params))


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    reason: str
    changes: tuple[FieldChange, ...]


def _display(record: Any, field_name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    field = record.instance_type._meta.get_field(field_name)
    if getattr(field, "choices", None):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        # Stored with six decimal places; people read 3, not 3.000000.
        return plain_decimal(value)
    if field.is_relation:
        related = getattr(record, field_name, None)
        return str(related) if related is not None else str(value)
    return str(value)


def history_entries(instance: models.Model, limit: int = 200) -> list[HistoryEntry]:
    """Newest first: who changed what, when, with the value before and after each changed field."""
    records = list(instance.history.select_related("history_user").all()[: limit + 1])  # type: ignore[attr-defined]
    return _entries(records, limit)


def history_entries_by_id(history_model: Any, ids: Iterable[Any], limit: int = 200) -> dict[Any, list[HistoryEntry]]:
    """`history_entries` of several rows of one model (deleted ones too) by the rows' ids, read in one query
    instead of one a row; `history_model` is the model's historical model (`Model.history.model`)."""
    records: dict[Any, list[Any]] = {}
    for record in history_model.objects.filter(id__in=ids).select_related("history_user"):  # newest first
        records.setdefault(record.id, []).append(record)
    return {row_id: _entries(rows[: limit + 1], limit) for row_id, rows in records.items()}


def _entries(records: list[Any], limit: int) -> list[HistoryEntry]:
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = record.instance_type._meta.get_field(change.field)
                changes.append(
                    FieldChange(
                        field=change.field,
                        label=str(field.verbose_name),
                        before=_display(previous, change.field, change.old),
                        after=_display(record, change.field, change.new),
                    )
                )
        who = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(who.display_name or who.username) if who else "系统",
                kind=CHANGE_KIND_LABELS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=tuple(changes),
            )
        )
    return entries
