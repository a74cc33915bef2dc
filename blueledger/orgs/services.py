"""Writes of regions, departments and aliases. Each runs in one transaction and names its actor."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from blueledger.core.fields import require_known_fields
from blueledger.core.history import attribute_change
from blueledger.core.permissions import can_edit_reference_data, can_remember_alias, require
from blueledger.lib.gbt2260 import read_region_file
from blueledger.orgs.models import Department, DepartmentAlias, Region

REGION_EDITABLE_FIELDS = ("name", "short_name", "is_coastal", "aliases", "notes")
DEPARTMENT_EDITABLE_FIELDS = ("name", "short_name", "kind", "is_active", "notes")


def _clean_name(value: str, label: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise ValidationError(f"{label}不能为空。")
    return cleaned


def _names_taken(region: Region, names: set[str], *, except_department: Department | None) -> set[str]:
    """Which of `names` another department of `region` already uses as full name, short name or alias."""
    departments = Department.objects.filter(region=region)
    aliases = DepartmentAlias.objects.filter(region=region)
    if except_department is not None:
        departments = departments.exclude(pk=except_department.pk)
        aliases = aliases.exclude(department=except_department)
    taken = set(departments.filter(name__in=names).values_list("name", flat=True))
    taken |= set(departments.filter(short_name__in=names).values_list("short_name", flat=True))
    taken |= set(aliases.filter(alias__in=names).values_list("alias", flat=True))
    return taken


@transaction.atomic
def region_update(*, actor: Any, region: Region, reason: str = "", **changes: Any) -> Region:
    require(can_edit_reference_data(actor))
    require_known_fields(changes, REGION_EDITABLE_FIELDS, refusal="行政区划不可修改的字段")
    for field, value in changes.items():
        setattr(region, field, value)
    region.full_clean()
    attribute_change(region, actor=actor, reason=reason)
    region.save()
    return region


@transaction.atomic
def department_create(
    *,
    actor: Any,
    region: Region,
    name: str,
    short_name: str,
    kind: str,
    aliases: list[str] | tuple[str, ...] = (),
    notes: str = "",
    reason: str = "",
) -> Department:
    if actor is not None:  # None: the command line or a reference-data load
        require(can_edit_reference_data(actor))
    name = _clean_name(name, "全称")
    short_name = _clean_name(short_name or name, "简称")
    wanted = {name, short_name} | {_clean_name(alias, "别名") for alias in aliases}
    taken = _names_taken(region, wanted, except_department=None)
    if taken:
        raise ValidationError(f"{region.name}已有部门使用名称: {'、'.join(sorted(taken))}")
    department = Department(region=region, name=name, short_name=short_name, kind=kind, notes=notes)
    department.full_clean()
    attribute_change(department, actor=actor, reason=reason)
    department.save()
    for alias in sorted(wanted - {name, short_name}):
        _alias_save(actor=actor, department=department, alias=alias, reason=reason)
    return department


@transaction.atomic
def department_update(*, actor: Any, department: Department, reason: str = "", **changes: Any) -> Department:
    require(can_edit_reference_data(actor))
    require_known_fields(changes, DEPARTMENT_EDITABLE_FIELDS, refusal="部门不可修改的字段")
    for field in ("name", "short_name"):
        if field in changes:
            changes[field] = _clean_name(changes[field], "全称" if field == "name" else "简称")
    new_names = {changes[field] for field in ("name", "short_name") if field in changes}
    taken = _names_taken(department.region, new_names, except_department=department)
    if taken:
        raise ValidationError(f"{department.region.name}已有部门使用名称: {'、'.join(sorted(taken))}")
    for field, value in changes.items():
        setattr(department, field, value)
    department.full_clean()
    attribute_change(department, actor=actor, reason=reason)
    department.save()
    return department


def _alias_save(*, actor: Any, department: Department, alias: str, reason: str) -> DepartmentAlias:
    record = DepartmentAlias(region=department.region, department=department, alias=alias)
    attribute_change(record, actor=actor, reason=reason)
    record.save()
    return record


@transaction.atomic
def department_alias_add(*, actor: Any, department: Department, alias: str, reason: str = "") -> DepartmentAlias:
    """Remembers another written name of a department; refused when the region uses it already."""
    require(can_remember_alias(actor, department.region))
    alias = _clean_name(alias, "别名")
    taken = _names_taken(department.region, {alias}, except_department=None)
    if taken:
        raise ValidationError(f"“{alias}”已是{department.region.name}某部门的名称或别名。")
    return _alias_save(actor=actor, department=department, alias=alias, reason=reason)


@transaction.atomic
def department_alias_remove(*, actor: Any, alias: DepartmentAlias, reason: str = "") -> None:
    require(can_edit_reference_data(actor))
    attribute_change(alias, actor=actor, reason=reason)
    alias.delete()


REGION_FILE = Path(__file__).resolve().parent / "data" / "regions.csv"


@transaction.atomic
def regions_load_reference(*, actor: Any, path: Path = REGION_FILE) -> tuple[int, int]:
    """Creates or updates the regions of the reference file; returns (created, updated).

    Running it again changes nothing that is already equal, so it is safe on every start.
    """
    records = read_region_file(path)
    existing = {region.code: region for region in Region.objects.all()}
    created = updated = 0
    for record in records:
        values = {
            "name": record.name,
            "short_name": record.short_name,
            "parent": existing.get(record.parent_code) if record.parent_code else None,
            "level": record.level,
            "is_statistical_only": record.is_statistical_only,
            "is_coastal": record.is_coastal,
            "aliases": list(record.aliases),
            "notes": record.notes,
        }
        region = existing.get(record.code)
        if region is None:
            region = Region(code=record.code, **values)
            created += 1
        elif any(getattr(region, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(region, field, value)
            updated += 1
        else:
            continue
        attribute_change(region, actor=actor, reason=f"载入区划参考数据 {path.name}")
        region.save()
        existing[record.code] = region
    return created, updated


DEPARTMENT_FILE = Path(__file__).resolve().parent / "data" / "departments.csv"


@transaction.atomic
def departments_load_file(*, actor: Any, path: Path = DEPARTMENT_FILE) -> int:
    """Creates the departments of a CSV file (region_code, name, short_name, aliases, kind) that do not
    exist yet; returns how many. The file's notes column documents sources and is not loaded."""
    regions = {region.code: region for region in Region.objects.all()}
    created = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for line_number, row in enumerate(csv.DictReader(handle), start=2):
            region = regions.get(row["region_code"])
            if region is None:
                raise ValidationError(f"{path.name} 第{line_number}行: 未知的区划代码 {row['region_code']}")
            if Department.objects.filter(region=region, name=row["name"]).exists():
                continue
            department_create(
                actor=actor,
                region=region,
                name=row["name"],
                short_name=row["short_name"],
                kind=row["kind"],
                aliases=[alias for alias in row["aliases"].split("|") if alias.strip()],
                reason=f"载入 {path.name}",
            )
            created += 1
    return created
