"""Writes of ledgers: the draft from extraction, the review edits, and publishing.

Each service runs in one transaction, checks that the actor dispatches for the ledger's region (actor None
is the system: demo and command line), refuses to change a published ledger, and names its actor and
reason in the history of every row it writes.
"""

from __future__ import annotations

import datetime
import logging
from bisect import bisect_right
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connections, router, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from blueledger.core.fields import fit_to_field, require_known_fields
from blueledger.core.history import attribute_change, history_bulk_create
from blueledger.core.permissions import is_reporter_of, require, require_dispatch_in_region
from blueledger.documents.models import Document
from blueledger.documents.reading.refusals import display_name
from blueledger.documents.services import document_store
from blueledger.ledgers.choices import (
    HARDNESS_FROM_ENGINE,
    OP_FROM_ENGINE,
    ClosureState,
    ComparisonOp,
    ExtensionStatus,
    LedgerStatus,
    QuantityRole,
    ResponsibilityRole,
)
from blueledger.ledgers.extraction import ExtractedLedger, extract
from blueledger.ledgers.models import (
    EXTRACTION_REASON,
    DeadlineExtension,
    ItemClosure,
    Ledger,
    LedgerQuantity,
    LedgerTask,
    TaskResponsibility,
)
from blueledger.ledgers.selectors import closed_items, item_reporters, leaderless_target_tasks
from blueledger.orgs.models import Department, Region
from blueledger.orgs.selectors import department_resolve
from blueledger.orgs.services import department_alias_add

logger = logging.getLogger(__name__)

QUANTITY_EDITABLE_FIELDS = ("task", "role", "metric", "value", "value_max", "unit", "op", "hardness", "deadline")
TASK_EDITABLE_FIELDS = ("title", "deadline")
LEDGER_EDITABLE_FIELDS = ("title", "kind", "issued_on")


def _require_draft(ledger: Ledger) -> None:
    if ledger.status == LedgerStatus.PUBLISHED:
        raise ValidationError(f"台账“{ledger.title}”已发布, 不能再修改。")


def _lock_draft(ledger: Ledger) -> None:
    """Re-reads the ledger inside the caller's transaction and locks its row, so an edit and a publish of the
    same draft run one after the other and the later one sees the other's result."""
    ledger.refresh_from_db(from_queryset=Ledger.objects.select_for_update())
    _require_draft(ledger)


def _save(instance: Any, *, actor: Any, reason: str) -> None:
    instance.full_clean()
    attribute_change(instance, actor=actor, reason=reason)
    instance.save()


@transaction.atomic
def document_import(
    *, actor: Any, data: bytes, filename: str, region: Region, accept_same_text: bool = False
) -> Document:
    """Stores an uploaded file (documents.services.document_store) and the draft ledger extracted from it, or
    raises ValidationError and writes nothing.

    Refusals (empty, binary, scanned PDF, too large, undecodable, already imported) carry a Chinese message
    naming the file, what is wrong and what to do. `actor` None is the system (demo, command line). The text
    of a document already imported from another format or encoding is refused (DocumentSameText) unless
    `accept_same_text`.
    """
    document = document_store(
        actor=actor, data=data, filename=filename, region=region, accept_same_text=accept_same_text
    )
    name = display_name(filename)
    try:
        extracted = extract(document.text, source=name)
    # The extraction engine is pure code over the text; whatever it fails on, the upload is refused
    # with nothing written rather than answered with a 500 (the failure is logged for the developers).
    except Exception:
        logger.exception("extraction failed on %s", name)
        raise ValidationError(_engine_refusal(name), code="extraction_failed") from None
    try:
        with transaction.atomic():  # a savepoint, so PostgreSQL can still roll the whole import back
            ledger_create_from_extraction(actor=actor, document=document, extracted=extracted)
    except DatabaseError:
        logger.exception("storing the ledger of %s failed", name)
        raise ValidationError(_engine_refusal(name), code="extraction_failed") from None
    return document


def _engine_refusal(name: str) -> str:
    return (
        f"文件“{name}”的文字已读出, 但无法整理成台账 (内容结构异常或过大), 未导入任何内容。"
        "请检查文件内容, 或拆分成几个文件后再上传; 如问题持续, 请联系管理员。"
    )


@transaction.atomic
def ledger_create_from_extraction(*, actor: Any, document: Document, extracted: ExtractedLedger) -> Ledger:
    """Turns the extractor's draft into ledger records of `document`'s region.

    Department names are resolved through the region's departments and aliases (and those of its parent
    city); a name that does not resolve is kept as written with no department, for review.
    """
    region = document.region
    require_dispatch_in_region(actor, region)
    ledger = Ledger(
        document=document,
        region=region,
        title=fit_to_field(Ledger, "title", extracted.title or document.original_filename),
        issuer=fit_to_field(Ledger, "issuer", extracted.issuer or ""),
        issued_on=extracted.date,
        kind=extracted.kind,
        text=extracted.text,
    )
    _save(ledger, actor=actor, reason=f"{EXTRACTION_REASON}“{document.original_filename}”")

    # A document may number again from 一 (an annex after the main text): each restart opens a new part whose
    # keys are prefixed 第2部分. …, so every key stays unique in the ledger; the extractor's keys refer to the
    # task of that key nearest before them in the text.
    tasks: dict[str, LedgerTask] = {}  # the extractor's key → the latest task written with it
    written: dict[str, list[LedgerTask]] = {}  # the extractor's key → its tasks, in the document's order
    part, part_keys = 1, set[str]()
    created: list[LedgerTask] = []
    parents: list[LedgerTask | None] = []  # of each task of `created`: set once all are inserted (_tasks_create)
    for position, item in enumerate(extracted.tasks):
        if item.key in part_keys:
            part, part_keys = part + 1, set()
        part_keys.add(item.key)
        task = LedgerTask(
            ledger=ledger,
            key=fit_to_field(LedgerTask, "key", item.key if part == 1 else f"第{part}部分.{item.key}"),
            title=fit_to_field(LedgerTask, "title", item.title),
            position=position,
            deadline=item.deadline,
            span_start=item.span.start,
            span_end=item.span.end,
        )
        parents.append(tasks.get(item.parent_key) if item.parent_key else None)
        tasks[item.key] = task
        written.setdefault(item.key, []).append(task)
        created.append(task)
    _tasks_create(created, parents, actor=actor)
    # The tasks of a key are in the document's order, so their starts ascend: the task of a key nearest before a
    # span is found by bisection (a scan of every task of the key made 2,000 repeated headings quadratic).
    starts = {key: [task.span_start or 0 for task in candidates] for key, candidates in written.items()}

    def task_at(key: str | None, span: Any) -> LedgerTask | None:
        candidates = written.get(key, []) if key else []
        if len(candidates) <= 1 or span is None:
            return candidates[-1] if candidates else None
        before = bisect_right(starts[key], span.start)  # type: ignore[index]
        return candidates[before - 1] if before else candidates[0]

    resolved: dict[str, Department | None] = {}
    records: list[TaskResponsibility] = []
    for position, responsibility in enumerate(extracted.responsibilities):
        owner = task_at(responsibility.task_key, responsibility.span)
        if owner is None:
            continue
        name = responsibility.department_name
        if name not in resolved:
            resolved[name] = department_resolve(region=region, written_name=name)
        records.append(TaskResponsibility(
            task=owner,
            written_name=fit_to_field(TaskResponsibility, "written_name", name),
            department=resolved[name],
            role=responsibility.role,
            position=position,
            span_start=responsibility.span.start if responsibility.span else None,
            span_end=responsibility.span.end if responsibility.span else None,
        ))
    TaskResponsibility.objects.bulk_create(records, batch_size=BULK_BATCH)
    history_bulk_create(records, actor=actor, reason=EXTRACTION_REASON)

    quantities: list[LedgerQuantity] = []
    for position, quantity in enumerate(extracted.quantities):
        quantities.append(LedgerQuantity(
            ledger=ledger,
            task=task_at(quantity.task_key, quantity.span),
            role=quantity.role,
            metric=fit_to_field(LedgerQuantity, "metric", quantity.metric),
            value=quantity.value,
            value_max=quantity.value_max,
            unit=fit_to_field(LedgerQuantity, "unit", quantity.unit),
            op=OP_FROM_ENGINE[quantity.op],
            hardness=HARDNESS_FROM_ENGINE[quantity.hardness] if quantity.hardness else "",
            deadline=quantity.deadline,
            quote=fit_to_field(LedgerQuantity, "quote", quantity.quote),
            position=position,
            span_start=quantity.span.start,
            span_end=quantity.span.end,
            review_flags=list(quantity.review_flags),
        ))
    LedgerQuantity.objects.bulk_create(quantities, batch_size=BULK_BATCH)
    history_bulk_create(quantities, actor=actor, reason=EXTRACTION_REASON)
    return ledger


# Rows per INSERT of an extraction's bulk writes (SQLite allows 32,766 parameters per statement).
BULK_BATCH = 500


def _tasks_create(tasks: list[LedgerTask], parents: list[LedgerTask | None], *, actor: Any) -> None:
    """Writes an extraction's tasks (in the document's order, without their `parents` yet), each with the history
    row a save() would write, in a few statements rather than two per task: a plan of 2,000 headings took 7 s.

    A task's parent is written in the same batch, so the tasks are inserted without parents first (ids still in
    the document's order), then given them; the history rows are written last, with the parents."""
    LedgerTask.objects.bulk_create(tasks, batch_size=BULK_BATCH)
    _parents_write([(task.pk, parent.pk) for task, parent in zip(tasks, parents, strict=True) if parent is not None])
    for task, parent in zip(tasks, parents, strict=True):  # the instances as the rows now are
        task.parent = parent
    history_bulk_create(tasks, actor=actor, reason=EXTRACTION_REASON)


def _parents_write(pairs: list[tuple[int, int]]) -> None:
    """Sets the parent of each (task id, parent id): one UPDATE statement run for every pair (executemany), where
    Django's bulk_update builds and resolves a CASE expression per row, a quarter of the import of 2,000 headings."""
    field = LedgerTask._meta.get_field("parent")
    db = connections[router.db_for_write(LedgerTask)]
    quote = db.ops.quote_name
    table, pk, column = quote(LedgerTask._meta.db_table), quote(LedgerTask._meta.pk.column), quote(field.column)
    with db.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {column} = %s WHERE {pk} = %s", [(parent, task) for task, parent in pairs]
        )


def _check_task(ledger: Ledger, task: LedgerTask | None) -> None:
    if task is not None and task.ledger_id != ledger.pk:
        raise ValidationError("所选任务不属于该台账。")


def _check_range(op: str, value: Decimal, value_max: Decimal | None) -> None:
    if op == ComparisonOp.RANGE and value_max is None:
        raise ValidationError("区间需要填写上限值。")
    if value_max is not None and value_max < value:
        raise ValidationError("上限值不能小于数值。")


@transaction.atomic
def quantity_update(*, actor: Any, quantity: LedgerQuantity, reason: str = "", **changes: Any) -> LedgerQuantity:
    """Corrects a target; changing `task` re-assigns it to another task of the same ledger. The extractor's
    `review_flags` are cleared: the item has been checked by hand."""
    ledger = quantity.ledger
    require_dispatch_in_region(actor, ledger.region)
    _require_draft(ledger)
    require_known_fields(changes, QUANTITY_EDITABLE_FIELDS, refusal="台账指标不可修改的字段")
    if "task" in changes:
        _check_task(ledger, changes["task"])
    for field, value in changes.items():
        setattr(quantity, field, value)
    quantity.review_flags = []  # a reviewer has checked it: it leaves the 待核对 group
    _check_range(quantity.op, quantity.value, quantity.value_max)
    _save(quantity, actor=actor, reason=reason)
    return quantity


@transaction.atomic
def quantity_create(
    *,
    actor: Any,
    ledger: Ledger,
    task: LedgerTask | None,
    role: str,
    metric: str,
    value: Decimal,
    unit: str,
    op: str = "eq",  # ComparisonOp.EQUAL
    value_max: Decimal | None = None,
    hardness: str = "",
    deadline: datetime.date | None = None,
    reason: str = "",
) -> LedgerQuantity:
    """Adds a target the extractor missed; it has no source span."""
    require_dispatch_in_region(actor, ledger.region)
    _require_draft(ledger)
    _check_task(ledger, task)
    _check_range(op, value, value_max)
    last = ledger.quantities.order_by("-position").values_list("position", flat=True).first()
    quantity = LedgerQuantity(
        ledger=ledger,
        task=task,
        role=role,
        metric=metric.strip(),
        value=value,
        value_max=value_max,
        unit=unit.strip(),
        op=op,
        hardness=hardness,
        deadline=deadline,
        position=(last or 0) + 1,
    )
    _save(quantity, actor=actor, reason=reason or "人工新增")
    return quantity


@transaction.atomic
def quantity_delete(*, actor: Any, quantity: LedgerQuantity, reason: str = "") -> None:
    require_dispatch_in_region(actor, quantity.ledger.region)
    _require_draft(quantity.ledger)
    attribute_change(quantity, actor=actor, reason=reason or "人工删除")
    try:
        with transaction.atomic():  # a savepoint, so the refusal leaves the caller's transaction usable
            quantity.delete()
    except ProtectedError as error:
        users = sorted({str(obj._meta.verbose_name) for obj in error.protected_objects})
        raise ValidationError(
            f"“{quantity.metric}”已被{'、'.join(users)}引用, 不能删除; 如需删除, 请先删除引用它的{'、'.join(users)}。"
        ) from None


@transaction.atomic
def ledger_update(*, actor: Any, ledger: Ledger, reason: str = "", **changes: Any) -> Ledger:
    """Corrects a draft ledger's title, kind or date (成文日期) where extraction read them wrong. Refused once
    the ledger is published: rounds and bulletins name it by what was published."""
    require_dispatch_in_region(actor, ledger.region)
    _lock_draft(ledger)
    unknown = set(changes) - set(LEDGER_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"台账不可修改的字段: {', '.join(sorted(unknown))}")
    if "title" in changes:
        changes["title"] = " ".join(str(changes["title"]).split())
        if not changes["title"]:
            raise ValidationError("台账标题不能为空。")
    for field, value in changes.items():
        setattr(ledger, field, value)
    _save(ledger, actor=actor, reason=reason or "修改台账信息")
    return ledger


@transaction.atomic
def task_update(*, actor: Any, task: LedgerTask, reason: str = "", **changes: Any) -> LedgerTask:
    """Corrects a task's title or deadline."""
    require_dispatch_in_region(actor, task.ledger.region)
    _require_draft(task.ledger)
    require_known_fields(changes, TASK_EDITABLE_FIELDS, refusal="台账任务不可修改的字段")
    if "title" in changes:
        changes["title"] = " ".join(str(changes["title"]).split())
        if not changes["title"]:
            raise ValidationError("任务名称不能为空。")
    for field, value in changes.items():
        setattr(task, field, value)
    _save(task, actor=actor, reason=reason)
    return task


@transaction.atomic
def responsibility_resolve(
    *, actor: Any, responsibility: TaskResponsibility, department: Department, remember_alias: bool, reason: str = ""
) -> TaskResponsibility:
    """Assigns the department a written name means. With `remember_alias`, the written name becomes an
    alias of the department (through orgs' department_alias_add, which only 系统管理员 may call), so the
    next document resolves it by itself."""
    ledger = responsibility.task.ledger
    require_dispatch_in_region(actor, ledger.region)
    _require_draft(ledger)
    _require_assignable(ledger, department)
    if remember_alias and department_resolve(region=ledger.region, written_name=responsibility.written_name) is None:
        department_alias_add(
            actor=actor, department=department, alias=responsibility.written_name, reason=f"审核台账“{ledger.title}”"
        )
    responsibility.department = department
    _save(responsibility, actor=actor, reason=reason or f"“{responsibility.written_name}”指定为{department.name}")
    return responsibility


def require_bindable_target(quantity: LedgerQuantity, *, source: str) -> None:
    """Refuses to bind anything but a target of a published ledger to a figure read from `source` (经济指标,
    渔船监管, 重点项目库): the one check of every binding (ledgers.QuantityBinding, dispatch.RegistryBinding)."""
    if quantity.ledger.status != LedgerStatus.PUBLISHED:
        raise ValidationError(f"台账发布后才能设置{source}取数。")
    if quantity.role != QuantityRole.TARGET:
        raise ValidationError(f"只有目标可以从{source}取数。")


def _require_assignable(ledger: Ledger, department: Department) -> None:
    if department.region_id not in {ledger.region_id, ledger.region.parent_id}:
        raise ValidationError(f"“{department}”不属于{ledger.region.name}或其上级区划。")


@transaction.atomic
def responsibility_add(
    *, actor: Any, task: LedgerTask, department: Department, role: str, reason: str = ""
) -> TaskResponsibility:
    """Names `department` as lead or support of `task` by hand, where the document names nobody (a bureau's
    own 工作思路) or not this department. The record has no source span: it is not in the text."""
    ledger = task.ledger
    require_dispatch_in_region(actor, ledger.region)
    _require_draft(ledger)
    if role not in ResponsibilityRole.values:
        raise ValidationError(f"未知的职责“{role}”。")
    _require_assignable(ledger, department)
    if task.responsibilities.filter(department=department).exists():
        raise ValidationError(f"“{department.short_name}”已是任务 {task.key} 的责任单位。")
    last = task.responsibilities.order_by("-position").values_list("position", flat=True).first()
    responsibility = TaskResponsibility(
        task=task, written_name=department.short_name, department=department, role=role,
        position=0 if last is None else last + 1,
    )
    label = ResponsibilityRole(role).label
    _save(responsibility, actor=actor, reason=reason or f"指定{department.short_name}为{label}单位")
    return responsibility


@transaction.atomic
def responsibility_remove(*, actor: Any, responsibility: TaskResponsibility, reason: str = "") -> None:
    """Takes a department off a task (an extraction mistake, or a hand-made assignment undone)."""
    ledger = responsibility.task.ledger
    require_dispatch_in_region(actor, ledger.region)
    _require_draft(ledger)
    attribute_change(responsibility, actor=actor, reason=reason or f"移除{responsibility.written_name}")
    responsibility.delete()


@transaction.atomic
def ledger_assign_unassigned(*, actor: Any, ledger: Ledger, department: Department) -> list[LedgerTask]:
    """统一指定: makes `department` lead of the top-level tasks above every task holding targets with no lead,
    so that the targets of a document that names no departments (a bureau's own plan) can be dispatched. The
    sub-tasks holding the targets take the lead from there (沿用, ledgers.selectors.effective_departments);
    tasks that name their own lead keep it. Returns the tasks given the department."""
    require_dispatch_in_region(actor, ledger.region)
    _lock_draft(ledger)
    _require_assignable(ledger, department)
    leaderless = leaderless_target_tasks(ledger)
    if not leaderless:
        raise ValidationError("每项目标都已有牵头单位, 无需统一指定。")
    by_id = {task.pk: task for task in ledger.tasks.all()}
    roots: dict[int, LedgerTask] = {}
    for root in leaderless:
        while root.parent_id is not None:
            root = by_id[root.parent_id]
        roots[root.pk] = root
    assigned = sorted(roots.values(), key=lambda task: task.position)
    for root in assigned:
        responsibility_add(actor=actor, task=root, department=department, role=ResponsibilityRole.LEAD,
                           reason=f"未写明牵头单位的任务统一由{department.short_name}牵头")
    return assigned


@transaction.atomic
def ledger_name_resolve(
    *, actor: Any, ledger: Ledger, written_name: str, department: Department, remember_alias: bool
) -> int:
    """Resolves every responsibility of `ledger` written as `written_name`; returns how many."""
    records = list(
        TaskResponsibility.objects.filter(task__ledger=ledger, written_name=written_name).select_related(
            "task__ledger__region"
        )
    )
    if not records:
        raise ValidationError(f"台账中没有写作“{written_name}”的单位。")
    for index, record in enumerate(records):
        responsibility_resolve(
            actor=actor, responsibility=record, department=department, remember_alias=remember_alias and index == 0
        )
    return len(records)


@transaction.atomic
def ledger_publish(*, actor: Any, ledger: Ledger) -> Ledger:
    """Publishes a reviewed ledger: its tasks and targets become the records reporting rounds use.

    Refused, with the list of names, while any responsibility has no department; refused when published.
    """
    require_dispatch_in_region(actor, ledger.region)
    _lock_draft(ledger)
    unresolved = sorted(
        set(
            TaskResponsibility.objects.filter(task__ledger=ledger, department__isnull=True).values_list(
                "written_name", flat=True
            )
        )
    )
    if unresolved:
        raise ValidationError(
            f"还有 {len(unresolved)} 个单位名称未对应到部门: {'、'.join(unresolved)}。"
            "请在“未匹配部门”中逐一指定后再发布。"
        )
    ledger.status = LedgerStatus.PUBLISHED
    ledger.published_at = timezone.now()
    ledger.published_by = actor
    _save(ledger, actor=actor, reason="发布台账")
    return ledger


# --- after publishing: 办结/销号 and 延期申请 -------------------------------------------------------------------

NOTE_LIMIT_CHARS = 500


def _row_lock(manager: Any) -> Any:
    """The row of the model itself, locked: PostgreSQL cannot lock the nullable side of the outer joins
    select_related adds (a target's task, who decided)."""
    return manager.select_for_update(of=("self",))


def _when(moment: datetime.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _who(user: Any) -> str:
    return (getattr(user, "display_name", "") or getattr(user, "username", "")) if user is not None else "系统"


def _lock_item(task: LedgerTask | None, quantity: LedgerQuantity | None) -> tuple[Ledger, LedgerTask | Any]:
    """Re-reads and locks the row of the one item given (a task or a target) inside the caller's transaction,
    so that two dispatchers closing it, or a request and a decision on it, run one after the other."""
    if (task is None) == (quantity is None):
        raise ValueError("exactly one of task and quantity")
    if task is not None:
        locked: Any = _row_lock(LedgerTask.objects).select_related("ledger__region").get(pk=task.pk)
    else:
        locked = _row_lock(LedgerQuantity.objects).select_related("ledger__region", "task").get(
            pk=quantity.pk  # type: ignore[union-attr]
        )
    ledger = locked.ledger
    if ledger.status != LedgerStatus.PUBLISHED:
        raise ValidationError("台账尚未发布: 办结、销号和延期申请只用于已发布台账的事项。")
    return ledger, locked


def _item_label(item: Any) -> str:
    return f"任务 {item.key}" if isinstance(item, LedgerTask) else f"指标“{item.metric}”"


def _required_text(text: str, what: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValidationError(f"请填写{what}。")
    if len(text) > NOTE_LIMIT_CHARS:
        raise ValidationError(f"{what}不能超过 {NOTE_LIMIT_CHARS} 字。")
    return text


def _closure_of(item: Any) -> ItemClosure | None:
    lookup = {"task": item} if isinstance(item, LedgerTask) else {"quantity": item}
    return ItemClosure.objects.filter(**lookup).select_related("closed_by").first()


@transaction.atomic
def item_close(*, actor: Any, note: str, task: LedgerTask | None = None,
               quantity: LedgerQuantity | None = None) -> ItemClosure:
    """办结: the dispatcher closes a finished task (with its sub-tasks and targets) or target of a published
    ledger, with a note. From then on rounds give it no slot. Refused, naming who closed it and when, if it
    is closed already (the loser of two dispatchers closing it at once is told so)."""
    ledger, item = _lock_item(task, quantity)
    require_dispatch_in_region(actor, ledger.region)
    note = _required_text(note, "办结说明")
    existing = _closure_of(item)
    if existing is not None:
        raise ValidationError(
            f"{_item_label(item)}已于 {_when(existing.closed_at)} 由{_who(existing.closed_by)}办结, 无需再次办结。"
        )
    closure = ItemClosure(
        ledger=ledger,
        task=item if isinstance(item, LedgerTask) else None,
        quantity=item if isinstance(item, LedgerQuantity) else None,
        note=note,
        closed_at=timezone.now(),
        closed_by=actor,
    )
    _save(closure, actor=actor, reason=f"办结: {note}")
    return closure


@transaction.atomic
def item_strike_off(*, actor: Any, closure: ItemClosure, note: str = "") -> ItemClosure:
    """销号: strikes a closed (办结) item off the ledger. Refused, naming who did it and when, if it is struck off
    already."""
    locked = _row_lock(ItemClosure.objects).select_related("ledger__region", "struck_off_by").get(pk=closure.pk)
    require_dispatch_in_region(actor, locked.ledger.region)
    if locked.state == ClosureState.STRUCK_OFF:
        raise ValidationError(
            f"{locked.item_label}已于 {_when(locked.struck_off_at)} 由{_who(locked.struck_off_by)}销号, 无需再次销号。"
        )
    note = " ".join(note.split())
    if len(note) > NOTE_LIMIT_CHARS:
        raise ValidationError(f"销号说明不能超过 {NOTE_LIMIT_CHARS} 字。")
    locked.state = ClosureState.STRUCK_OFF
    locked.struck_off_note = note
    locked.struck_off_at = timezone.now()
    locked.struck_off_by = actor
    _save(locked, actor=actor, reason=f"销号{': ' + note if note else ''}")
    closure.refresh_from_db()
    return locked


@transaction.atomic
def extension_request(*, actor: Any, deadline: datetime.date, reason: str, task: LedgerTask | None = None,
                      quantity: LedgerQuantity | None = None) -> DeadlineExtension:
    """延期申请: a 填报员 of a department reporting on the item asks to move its deadline to `deadline`, with a
    reason. Refused for a closed item, a date not after the current deadline (or before today when it has
    none), and while the department's earlier request for the item awaits a decision."""
    ledger, item = _lock_item(task, quantity)
    owner = item if isinstance(item, LedgerTask) else item.task
    department_id = getattr(actor, "department_id", None)
    require(owner is not None and is_reporter_of(actor, department_id) and department_id in item_reporters(owner),
            "只有该事项责任单位的填报员可以申请延期。")
    closed = closed_items(ledger)
    if item.pk in (closed.task_ids if isinstance(item, LedgerTask) else closed.quantity_ids):
        raise ValidationError(f"{_item_label(item)}已办结, 不能申请延期。")
    reason = _required_text(reason, "申请理由")
    current = item.deadline
    if current is not None and deadline <= current:
        raise ValidationError(f"申请延至的日期须晚于现在的完成时限 {current:%Y-%m-%d}。")
    if current is None and deadline < timezone.localdate():
        raise ValidationError("申请延至的日期不能早于今天。")
    lookup = {"task": item} if isinstance(item, LedgerTask) else {"quantity": item}
    waiting = DeadlineExtension.objects.filter(status=ExtensionStatus.PENDING, department_id=department_id,
                                               **lookup).first()
    if waiting is not None:
        raise ValidationError(
            f"本单位 {_when(waiting.requested_at)} 提出的延期申请 (延至 {waiting.requested_deadline:%Y-%m-%d}) "
            "尚待审批, 请等审批后再申请。"
        )
    extension = DeadlineExtension(
        ledger=ledger, department_id=department_id, deadline_before=current, requested_deadline=deadline,
        reason=reason, requested_at=timezone.now(), requested_by=actor, **lookup,
    )
    _save(extension, actor=actor, reason="申请延期")
    return extension


@transaction.atomic
def extension_decide(
    *, actor: Any, extension: DeadlineExtension, approve: bool, comment: str = ""
) -> DeadlineExtension:
    """The dispatcher approves or refuses a pending 延期申请 with a comment (required to refuse). Approval moves
    the item's deadline to the requested date, recorded in the item's history (who, when, the date before).
    Refused, naming the decision, if the request was decided already (the loser of a race is told)."""
    locked = _row_lock(DeadlineExtension.objects).select_related("ledger__region", "decided_by").get(
        pk=extension.pk
    )
    require_dispatch_in_region(actor, locked.ledger.region)
    if locked.status != ExtensionStatus.PENDING:
        raise ValidationError(
            f"该延期申请已于 {_when(locked.decided_at)} 由{_who(locked.decided_by)}审批"
            f" ({locked.get_status_display()}), 不能再次审批。"
        )
    comment = " ".join(comment.split())
    if not approve:
        comment = _required_text(comment, "不批准的理由")
    elif len(comment) > NOTE_LIMIT_CHARS:
        raise ValidationError(f"审批意见不能超过 {NOTE_LIMIT_CHARS} 字。")
    locked.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    locked.decision_comment = comment
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    _save(locked, actor=actor, reason="批准延期" if approve else "不批准延期")
    if approve:
        _, item = _lock_item(locked.task, locked.quantity)
        item.deadline = locked.requested_deadline
        attribute_change(item, actor=actor, reason=f"批准延期申请 ({locked.department}): {locked.reason}")
        item.save(update_fields=["deadline"])
    extension.refresh_from_db()
    return locked
