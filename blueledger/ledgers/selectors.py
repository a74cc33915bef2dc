"""Reads of ledgers, scoped to the user's region (see blueledger.core.permissions)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from blueledger.core.history import HistoryEntry, history_entries, history_entries_by_id
from blueledger.core.permissions import get_scoped_or_404, scoped
from blueledger.ledgers.choices import ExtensionStatus, LedgerStatus, QuantityRole, ResponsibilityRole
from blueledger.ledgers.models import (
    EXTRACTION_REASON,
    DeadlineExtension,
    ItemClosure,
    Ledger,
    LedgerQuantity,
    LedgerTask,
    TaskResponsibility,
)
from blueledger.orgs.models import Department
from blueledger.orgs.selectors import department_resolve


def _count_of(model: Any) -> Coalesce:
    """A correlated count per ledger: joining tasks and quantities together multiplied the rows (tasks ×
    quantities per ledger) before counting them distinct, 0.8–5 s at province scale."""
    per_ledger = model.objects.filter(ledger=OuterRef("pk")).order_by().values("ledger").annotate(n=Count("pk"))
    return Coalesce(Subquery(per_ledger.values("n")), 0)


def ledger_list(*, user: Any) -> QuerySet[Ledger]:
    """The ledgers of the user's scope with task_count and quantity_count; the texts and the stored file
    (megabytes a ledger) are not read."""
    ledgers = scoped(Ledger.objects.all(), user, "region")
    return (
        ledgers.select_related("region", "document", "published_by")
        .defer("text", "document__content", "document__text", "document__warnings")
        .annotate(task_count=_count_of(LedgerTask), quantity_count=_count_of(LedgerQuantity))
    )


def ledger_list_published(*, user: Any) -> QuerySet[Ledger]:
    """The published ledgers of the user's scope, newest first: what rounds and reconciliations run on."""
    return scoped(Ledger.objects.filter(status=LedgerStatus.PUBLISHED), user, "region").order_by("-pk")


def ledger_get(*, user: Any, pk: int) -> Ledger:
    """The ledger if it lies in the user's scope, else Http404."""
    queryset = Ledger.objects.select_related("region__parent", "document__uploaded_by", "published_by")
    return get_scoped_or_404(queryset, user, "region", pk=pk)  # type: ignore[no-any-return]


def quantity_get(*, user: Any, pk: int) -> LedgerQuantity:
    queryset = LedgerQuantity.objects.select_related("ledger__region", "task")
    return get_scoped_or_404(queryset, user, "ledger__region", pk=pk)  # type: ignore[no-any-return]


def task_get(*, user: Any, pk: int) -> LedgerTask:
    queryset = LedgerTask.objects.select_related("ledger__region")
    return get_scoped_or_404(queryset, user, "ledger__region", pk=pk)  # type: ignore[no-any-return]


def responsibility_get(*, user: Any, pk: int) -> TaskResponsibility:
    queryset = TaskResponsibility.objects.select_related("task__ledger__region", "department")
    return get_scoped_or_404(queryset, user, "task__ledger__region", pk=pk)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class InheritedLead:
    """The lead a task takes from an ancestor (沿用): shown as “沿用 市海渔局”."""

    department: Department
    from_task: LedgerTask

    @property
    def name(self) -> str:
        return self.department.short_name or self.department.name

    def __str__(self) -> str:
        return f"沿用 {self.name}"


def ledger_tasks(ledger: Ledger) -> list[LedgerTask]:
    """The tasks in document order, each with `leads`, `supports` and `targets` lists ready to show, and
    `inherited_leads` (InheritedLead) when it names no lead and takes its ancestor's (effective_departments),
    `reporter_ids` (the departments reporting on it), and for tasks and targets `closure_record` (their own
    ItemClosure or None) and `is_closed` (closed themselves or under a closed task)."""
    tasks = list(
        ledger.tasks.prefetch_related(
            Prefetch("responsibilities", queryset=TaskResponsibility.objects.select_related("department")),
            Prefetch("quantities", queryset=LedgerQuantity.objects.order_by("position", "pk")),
        )
    )
    for task in tasks:
        responsibilities = list(task.responsibilities.all())
        task.leads = [item for item in responsibilities if item.role == ResponsibilityRole.LEAD]  # type: ignore[attr-defined]
        task.supports = [item for item in responsibilities if item.role == ResponsibilityRole.SUPPORT]  # type: ignore[attr-defined]
        task.targets = list(task.quantities.all())  # type: ignore[attr-defined]
    by_id = {task.pk: task for task in tasks}
    effective = effective_departments(tasks)
    closures = {(closure.task_id, closure.quantity_id): closure
                for closure in ItemClosure.objects.filter(ledger=ledger).select_related("closed_by", "struck_off_by")}
    closed = closed_items(ledger) if closures else ClosedItems(frozenset(), frozenset())
    for task in tasks:
        task.closure_record = closures.get((task.pk, None))  # type: ignore[attr-defined]
        task.is_closed = task.pk in closed.task_ids  # type: ignore[attr-defined]
        task.reporter_ids = [entry.department_id for entry in effective[task.pk]]  # type: ignore[attr-defined]
        for quantity in task.targets:  # type: ignore[attr-defined]
            quantity.closure_record = closures.get((None, quantity.pk))
            quantity.is_closed = quantity.pk in closed.quantity_ids
        inherited = []
        for entry in effective[task.pk]:
            if entry.is_lead and entry.inherited_from is not None:
                ancestor = by_id[entry.inherited_from]
                department = next(item.department for item in ancestor.leads  # type: ignore[attr-defined]
                                  if item.department_id == entry.department_id)
                inherited.append(InheritedLead(department, ancestor))
        task.inherited_leads = inherited  # type: ignore[attr-defined]
    return tasks


def ledger_loose_quantities(ledger: Ledger) -> list[LedgerQuantity]:
    """Quantities mentioned before the first task (or whose task was removed)."""
    return list(ledger.quantities.filter(task__isnull=True).order_by("position", "pk"))


def flagged_quantities(tasks: list[LedgerTask], loose: list[LedgerQuantity]) -> list[LedgerQuantity]:
    """The quantities the extractor was unsure of (non-empty `review_flags`), in document order: the
    review page lists them first under 待核对. Read from the lists already loaded, no query."""
    in_tasks = [quantity for task in tasks for quantity in task.targets]  # type: ignore[attr-defined]
    return [quantity for quantity in in_tasks + loose if quantity.review_flags]


def ledger_unresolved_names(tasks: list[LedgerTask]) -> list[dict[str, Any]]:
    """Each written name without a department, with how often it occurs, in order of first mention."""
    found: dict[str, int] = {}
    for task in tasks:
        for item in task.leads + task.supports:  # type: ignore[attr-defined]
            if item.department_id is None:
                found[item.written_name] = found.get(item.written_name, 0) + 1
    return [{"name": name, "count": count} for name, count in found.items()]


@dataclass(frozen=True, slots=True)
class EffectiveDepartment:
    """A department that reports on a task. `inherited_from` is the ancestor task whose department it is (沿用),
    None when the task names the department itself."""

    department_id: int
    is_lead: bool
    inherited_from: int | None = None


def effective_departments(tasks: list[LedgerTask]) -> dict[int, list[EffectiveDepartment]]:
    """The departments responsible for each task, by the one rule of the ledger (统一指定):

    - the lead is the task's own; a task naming no lead of its own takes the lead of its nearest ancestor that
      names one (沿用), so a lead given to a parent task reaches every sub-task holding targets, and a task
      naming its own lead keeps it;
    - the supports are the task's own when it names any department; a task naming none takes those of its
      nearest ancestor naming any.

    `tasks` are all the tasks of one ledger (ancestors must be among them); unresolved names count for
    nothing. A department named both ways appears once, as lead."""
    own: dict[int, list[TaskResponsibility]] = {}
    for record in TaskResponsibility.objects.filter(task__in=tasks, department__isnull=False).order_by("position"):
        own.setdefault(record.task_id, []).append(record)
    by_id = {task.pk: task for task in tasks}

    def nearest(task: LedgerTask, has: Any) -> LedgerTask | None:
        current: LedgerTask | None = task
        while current is not None and not has(own.get(current.pk, [])):
            current = by_id.get(current.parent_id) if current.parent_id else None
        return current

    def is_lead(record: TaskResponsibility) -> bool:
        return record.role == ResponsibilityRole.LEAD

    resolved: dict[int, list[EffectiveDepartment]] = {}
    for task in tasks:
        entries: list[EffectiveDepartment] = []
        lead_owner = nearest(task, lambda records: any(is_lead(record) for record in records))
        if lead_owner is not None and lead_owner.pk != task.pk:
            entries.extend(EffectiveDepartment(record.department_id, True, lead_owner.pk)  # type: ignore[arg-type]
                           for record in own[lead_owner.pk] if is_lead(record))
        owner = nearest(task, bool)
        if owner is not None:
            for record in own[owner.pk]:
                if owner.pk != task.pk and is_lead(record):
                    continue  # an ancestor's lead arrives above, when the task names no lead of its own
                entries.append(EffectiveDepartment(record.department_id, is_lead(record),  # type: ignore[arg-type]
                                                   None if owner.pk == task.pk else owner.pk))
        seen: set[int] = set()
        resolved[task.pk] = []
        for entry in entries:
            if entry.department_id not in seen:
                seen.add(entry.department_id)
                resolved[task.pk].append(entry)
    return resolved


def task_departments(tasks: list[LedgerTask]) -> dict[int, list[tuple[int, bool]]]:
    """For each task, (department id, is lead) of the departments that report on its targets: see
    effective_departments. A task with none anywhere above it maps to an empty list."""
    return {
        task_id: [(entry.department_id, entry.is_lead) for entry in entries]
        for task_id, entries in effective_departments(tasks).items()
    }


def _target_task_ids(ledger: Ledger) -> set[int]:
    return set(ledger.quantities.filter(role=QuantityRole.TARGET, task__isnull=False).values_list("task_id", flat=True))


def unassigned_target_tasks(ledger: Ledger) -> list[LedgerTask]:
    """The tasks holding targets that no department would report on (none named for them or above them)."""
    tasks = list(ledger.tasks.all())
    with_targets = _target_task_ids(ledger)
    departments = effective_departments(tasks)
    return [task for task in tasks if task.pk in with_targets and not departments[task.pk]]


def leaderless_target_tasks(ledger: Ledger) -> list[LedgerTask]:
    """The tasks holding targets with no lead, of their own or from an ancestor: what 统一指定 gives a lead."""
    tasks = list(ledger.tasks.all())
    with_targets = _target_task_ids(ledger)
    departments = effective_departments(tasks)
    return [task for task in tasks
            if task.pk in with_targets and not any(entry.is_lead for entry in departments[task.pk])]


@dataclass(frozen=True, slots=True)
class ClosedItems:
    """The tasks and targets of a ledger that are 办结 (or 销号): closed ones, the sub-tasks of a closed task, and
    the targets of any of these. Rounds opened afterwards give them no slot."""

    task_ids: frozenset[int]
    quantity_ids: frozenset[int]


def closed_items(ledger: Ledger) -> ClosedItems:
    closures = list(ItemClosure.objects.filter(ledger=ledger).values_list("task_id", "quantity_id"))
    if not closures:
        return ClosedItems(frozenset(), frozenset())
    children: dict[int | None, list[int]] = {}
    for task_id, parent_id in ledger.tasks.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(task_id)
    closed_tasks: set[int] = set()
    pending = [task_id for task_id, _ in closures if task_id is not None]
    while pending:
        task_id = pending.pop()
        if task_id not in closed_tasks:
            closed_tasks.add(task_id)
            pending.extend(children.get(task_id, []))
    quantities = {quantity_id for _, quantity_id in closures if quantity_id is not None}
    quantities.update(ledger.quantities.filter(task_id__in=closed_tasks).values_list("pk", flat=True))
    return ClosedItems(frozenset(closed_tasks), frozenset(quantities))


def item_reporters(task: LedgerTask) -> list[int]:
    """The ids of the departments that report on `task` (its effective departments)."""
    return [entry.department_id for entry in effective_departments(list(task.ledger.tasks.all()))[task.pk]]


def pending_extensions(*, user: Any) -> QuerySet[DeadlineExtension]:
    """The 延期申请 awaiting a decision in the user's scope, oldest first."""
    pending = scoped(DeadlineExtension.objects.filter(status=ExtensionStatus.PENDING), user, "ledger__region")
    return pending.select_related("ledger", "task", "quantity", "department", "requested_by").order_by(
        "requested_at", "pk")


def extension_list(*, user: Any) -> QuerySet[DeadlineExtension]:
    """Every 延期申请 in the user's scope, newest first; a 填报员 sees those of their own department."""
    extensions = scoped(DeadlineExtension.objects.all(), user, "ledger__region")
    if getattr(user, "is_reporter", False) and not getattr(user, "is_admin", False):
        extensions = extensions.filter(department_id=user.department_id)
    return extensions.select_related("ledger", "task", "quantity", "department", "requested_by", "decided_by")


def extension_get(*, user: Any, pk: int) -> DeadlineExtension:
    queryset = DeadlineExtension.objects.select_related("ledger__region", "task", "quantity", "department")
    return get_scoped_or_404(queryset, user, "ledger__region", pk=pk)  # type: ignore[no-any-return]


def closure_get(*, user: Any, pk: int) -> ItemClosure:
    queryset = ItemClosure.objects.select_related("ledger__region", "task", "quantity")
    return get_scoped_or_404(queryset, user, "ledger__region", pk=pk)  # type: ignore[no-any-return]


def issuer_department(ledger: Ledger) -> Department | None:
    """The department that issued the document, if its name resolves in the ledger's region: the usual lead
    of a bureau's own plan, which names no departments."""
    return department_resolve(region=ledger.region, written_name=ledger.issuer) if ledger.issuer else None


def ledger_department_choices(ledger: Ledger) -> QuerySet[Department]:
    """The departments a name of the ledger may be resolved to: its region's and its parent city's."""
    regions = Q(region=ledger.region) | Q(region_id=ledger.region.parent_id)
    return Department.objects.filter(regions, is_active=True).select_related("region").order_by("region__code",
                                                                                                  "short_name")


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    css_class: str
    item: str
    title: str


def text_marks(ledger: Ledger, tasks: list[LedgerTask]) -> list[Mark]:
    marks = []
    for task in tasks:
        if task.span_start is not None and task.span_end is not None:
            marks.append(Mark(task.span_start, task.span_end, "task", f"task-{task.pk}", f"任务 {task.key}"))
        for item in task.leads + task.supports:  # type: ignore[attr-defined]
            if item.span_start is None or item.span_end is None:
                continue
            state = "resolved" if item.department_id else "unresolved"
            label = f"{item.get_role_display()}: {item.department or '未匹配'}"
            marks.append(Mark(item.span_start, item.span_end, f"dept {item.role} {state}",
                              f"responsibility-{item.pk}", label))
        for quantity in task.targets:  # type: ignore[attr-defined]
            marks.append(_quantity_mark(quantity))
    marks.extend(_quantity_mark(quantity) for quantity in ledger_loose_quantities(ledger))
    return [mark for mark in marks if mark.start is not None]


def _quantity_mark(quantity: LedgerQuantity) -> Mark:
    return Mark(quantity.span_start, quantity.span_end, f"quantity {quantity.role}",  # type: ignore[arg-type]
                f"quantity-{quantity.pk}", f"{quantity.get_role_display()}: {quantity.metric}")


def marked_text(text: str, marks: list[Mark]) -> SafeString:
    """`text`, HTML-escaped, with each mark as <mark class data-item>. Items sharing one span (a department
    named once for every task) share one mark, whose data-item lists them all, space-separated. A mark lying
    inside another nests in it; one that crosses an earlier mark's end is left out (its item is still listed
    in the ledger)."""
    merged: dict[tuple[int, int], Mark] = {}
    for mark in marks:
        same = merged.get((mark.start, mark.end))
        merged[(mark.start, mark.end)] = mark if same is None else replace(same, item=f"{same.item} {mark.item}")
    accepted: list[Mark] = []
    open_marks: list[Mark] = []
    for mark in sorted(merged.values(), key=lambda mark: (mark.start, -mark.end)):
        if not 0 <= mark.start < mark.end <= len(text):
            continue
        while open_marks and open_marks[-1].end <= mark.start:
            open_marks.pop()
        if open_marks and mark.end > open_marks[-1].end:
            continue
        accepted.append(mark)
        open_marks.append(mark)

    parts: list[str] = []
    position = 0
    open_marks = []
    for mark in accepted:
        while open_marks and open_marks[-1].end <= mark.start:
            closing = open_marks.pop()
            parts.append(escape(text[position : closing.end]) + "</mark>")
            position = closing.end
        parts.append(escape(text[position : mark.start]))
        parts.append(
            f'<mark id="mark-{escape(mark.item.split()[0])}" class="{escape(mark.css_class)}" '
            f'data-item="{escape(mark.item)}" title="{escape(mark.title)}">'
        )
        position = mark.start
        open_marks.append(mark)
    while open_marks:
        closing = open_marks.pop()
        parts.append(escape(text[position : closing.end]) + "</mark>")
        position = closing.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


@dataclass(frozen=True, slots=True)
class LedgerHistoryEntry:
    item: str
    entry: HistoryEntry


def ledger_history(ledger: Ledger) -> tuple[list[LedgerHistoryEntry], int]:
    """The audited changes of the ledger and of its tasks, departments and targets (deleted ones too),
    newest first; and how many records extraction created, which are counted rather than listed."""
    entries = [LedgerHistoryEntry("台账", entry) for entry in history_entries(ledger)]
    sources: list[tuple[Any, str]] = [
        (LedgerTask.history.filter(ledger_id=ledger.pk), "任务"),
        (TaskResponsibility.history.filter(task__ledger_id=ledger.pk), "责任单位"),
        (LedgerQuantity.history.filter(ledger_id=ledger.pk), "指标"),
        (ItemClosure.history.filter(ledger_id=ledger.pk), "办结销号"),
        (DeadlineExtension.history.filter(ledger_id=ledger.pk), "延期申请"),
    ]
    created_by_extraction = 0
    for records, label in sources:
        changed_ids = set(records.exclude(history_change_reason=EXTRACTION_REASON).values_list("id", flat=True))
        created_by_extraction += records.filter(history_change_reason=EXTRACTION_REASON).count()
        if not changed_ids:
            continue
        # Two queries for all the changed items of a kind, not two an item: each one's latest record (its name)
        # and each one's whole history.
        latest: dict[Any, Any] = {}
        for record in records.filter(id__in=changed_ids):  # newest first
            latest.setdefault(record.id, record)
        histories = history_entries_by_id(records.model, changed_ids)
        for item_id in sorted(changed_ids):
            name = _item_name(latest[item_id].instance, label)
            for entry in histories.get(item_id, []):
                if entry.reason != EXTRACTION_REASON:
                    entries.append(LedgerHistoryEntry(name, entry))
    entries.sort(key=lambda row: row.entry.when, reverse=True)
    return entries, created_by_extraction


def _item_name(instance: Any, label: str) -> str:
    if isinstance(instance, LedgerTask):
        return f"{label} {instance.key}"
    if isinstance(instance, TaskResponsibility):
        return f"{label} {instance.written_name}"
    if isinstance(instance, (ItemClosure, DeadlineExtension)):
        return f"{label} {instance.item_label}"
    return f"{label} {instance.metric}"
