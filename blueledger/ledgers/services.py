"""Writes of ledgers: the draft from extraction, the review edits, and publishing.

Each service runs in one transaction, checks that the actor dispatches for the ledger's region (actor None
is the system: demo and command line), refuses to change a published ledger, and names its actor and
reason in the history of every row it writes.
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from blueledger.core.fields import fit_to_field, require_known_fields
from blueledger.core.history import attribute_change
from blueledger.core.permissions import require_dispatch_in_region
from blueledger.documents.models import Document
from blueledger.documents.reading.refusals import display_name
from blueledger.documents.services import document_store
from blueledger.ledgers.choices import (
    HARDNESS_FROM_ENGINE,
    OP_FROM_ENGINE,
    ComparisonOp,
    LedgerStatus,
    ResponsibilityRole,
)
from blueledger.ledgers.extraction import ExtractedLedger, extract
from blueledger.ledgers.models import EXTRACTION_REASON, Ledger, LedgerQuantity, LedgerTask, TaskResponsibility
from blueledger.ledgers.selectors import unassigned_target_tasks
from blueledger.orgs.models import Department, Region
from blueledger.orgs.selectors import department_resolve
from blueledger.orgs.services import department_alias_add

logger = logging.getLogger(__name__)

QUANTITY_EDITABLE_FIELDS = ("task", "role", "metric", "value", "value_max", "unit", "op", "hardness", "deadline")
TASK_EDITABLE_FIELDS = ("title", "deadline")


def _require_draft(ledger: Ledger) -> None:
    if ledger.status == LedgerStatus.PUBLISHED:
        raise ValidationError(f"台账“{ledger.title}”已发布, 不能再修改。")


def _save(instance: Any, *, actor: Any, reason: str) -> None:
    instance.full_clean()
    attribute_change(instance, actor=actor, reason=reason)
    instance.save()


@transaction.atomic
def document_import(*, actor: Any, data: bytes, filename: str, region: Region) -> Document:
    """Stores an uploaded file (documents.services.document_store) and the draft ledger extracted from it, or
    raises ValidationError and writes nothing.

    Refusals (empty, binary, scanned PDF, too large, undecodable, already imported) carry a Chinese message
    naming the file, what is wrong and what to do. `actor` None is the system (demo, command line).
    """
    document = document_store(actor=actor, data=data, filename=filename, region=region)
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
    for position, item in enumerate(extracted.tasks):
        if item.key in part_keys:
            part, part_keys = part + 1, set()
        part_keys.add(item.key)
        task = LedgerTask(
            ledger=ledger,
            key=fit_to_field(LedgerTask, "key", item.key if part == 1 else f"第{part}部分.{item.key}"),
            title=fit_to_field(LedgerTask, "title", item.title),
            parent=tasks.get(item.parent_key) if item.parent_key else None,
            position=position,
            deadline=item.deadline,
            span_start=item.span.start,
            span_end=item.span.end,
        )
        attribute_change(task, actor=actor, reason=EXTRACTION_REASON)
        task.save()
        tasks[item.key] = task
        written.setdefault(item.key, []).append(task)

    def task_at(key: str | None, span: Any) -> LedgerTask | None:
        candidates = written.get(key, []) if key else []
        if len(candidates) <= 1 or span is None:
            return candidates[-1] if candidates else None
        before = [task for task in candidates if (task.span_start or 0) <= span.start]
        return before[-1] if before else candidates[0]

    resolved: dict[str, Department | None] = {}
    for position, responsibility in enumerate(extracted.responsibilities):
        owner = task_at(responsibility.task_key, responsibility.span)
        if owner is None:
            continue
        name = responsibility.department_name
        if name not in resolved:
            resolved[name] = department_resolve(region=region, written_name=name)
        record = TaskResponsibility(
            task=owner,
            written_name=fit_to_field(TaskResponsibility, "written_name", name),
            department=resolved[name],
            role=responsibility.role,
            position=position,
            span_start=responsibility.span.start if responsibility.span else None,
            span_end=responsibility.span.end if responsibility.span else None,
        )
        attribute_change(record, actor=actor, reason=EXTRACTION_REASON)
        record.save()

    for position, quantity in enumerate(extracted.quantities):
        record = LedgerQuantity(
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
        )
        attribute_change(record, actor=actor, reason=EXTRACTION_REASON)
        record.save()
    return ledger


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
    """Makes `department` lead of every top-level task whose targets nobody would report on, so that the
    targets of a document that names no departments (a bureau's own plan) can be dispatched. Tasks that
    name their own departments keep them. Returns the tasks given the department."""
    require_dispatch_in_region(actor, ledger.region)
    _require_draft(ledger)
    _require_assignable(ledger, department)
    unassigned = unassigned_target_tasks(ledger)
    if not unassigned:
        raise ValidationError("每项目标都已有责任单位, 无需统一指定。")
    by_id = {task.pk: task for task in ledger.tasks.all()}
    roots: dict[int, LedgerTask] = {}
    for root in unassigned:
        while root.parent_id is not None:
            root = by_id[root.parent_id]
        roots[root.pk] = root
    assigned = sorted(roots.values(), key=lambda task: task.position)
    for root in assigned:
        responsibility_add(actor=actor, task=root, department=department, role=ResponsibilityRole.LEAD,
                           reason=f"未写明责任单位的任务统一由{department.short_name}牵头")
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
    _require_draft(ledger)
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
