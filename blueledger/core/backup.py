"""Backup and restore of the whole platform: every table of every installed app, and the uploaded files under
MEDIA_ROOT, in one .tar.gz. Lossless on SQLite and PostgreSQL: timestamps keep their microseconds, decimals
are written as exact strings, JSON stays JSON, and each table's row count and checksum are kept in the
archive's manifest and checked again after a restore.

Archive layout: manifest.json (format, migrations, per table: model, rows, sha256), tables/<db_table>.jsonl
(one JSON array of column values per row, in primary-key order) and media/<path> (the uploaded files).

A restore replaces the database's rows and the files under MEDIA_ROOT with those of the archive, in one
transaction; the database must be migrated to the same migrations as the one backed up.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import json
import tarfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.sql import InsertQuery

FORMAT = "blueledger-backup-1"
CHUNK_ROWS = 2000


@dataclass(frozen=True, slots=True)
class TableSummary:
    table: str
    rows: int
    sha256: str


def backup_models() -> list[type[models.Model]]:
    """Every concrete table Django manages (historical records, many-to-many tables, auth, sessions …)."""
    found = [
        model for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    return sorted(found, key=lambda model: model._meta.db_table)


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.concrete_fields)


def _encode(value: Any) -> Any:
    """A column's value as JSON that decodes to exactly the same value."""
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat(timespec="microseconds")}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"time": value.isoformat(timespec="microseconds")}
    if isinstance(value, datetime.timedelta):
        return {"timedelta": [value.days, value.seconds, value.microseconds]}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, uuid.UUID):
        return {"uuid": str(value)}
    if isinstance(value, bytes | memoryview):
        return {"bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict | list):
        return {"json": value}
    return value


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    ((kind, raw),) = value.items()
    if kind == "datetime":
        return datetime.datetime.fromisoformat(raw)
    if kind == "date":
        return datetime.date.fromisoformat(raw)
    if kind == "time":
        return datetime.time.fromisoformat(raw)
    if kind == "timedelta":
        return datetime.timedelta(days=raw[0], seconds=raw[1], microseconds=raw[2])
    if kind == "decimal":
        return Decimal(raw)
    if kind == "uuid":
        return uuid.UUID(raw)
    if kind == "bytes":
        return base64.b64decode(raw)
    return raw  # json


def _lines(model: type[models.Model]) -> Iterator[str]:
    names = [field.attname for field in _columns(model)]
    rows = model._base_manager.order_by("pk").values_list(*names)
    for row in rows.iterator(chunk_size=CHUNK_ROWS):
        yield json.dumps([_encode(value) for value in row], ensure_ascii=False, sort_keys=True)


def table_summaries() -> dict[str, TableSummary]:
    """Row count and checksum of every table, as the database holds it now."""
    summaries = {}
    for model in backup_models():
        digest, count = hashlib.sha256(), 0
        for line in _lines(model):
            digest.update(line.encode())
            digest.update(b"\n")
            count += 1
        table = model._meta.db_table
        summaries[table] = TableSummary(table, count, digest.hexdigest())
    return summaries


def _applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def backup_write(path: Path) -> dict[str, TableSummary]:
    """Writes the archive (in one read transaction, so the tables agree with each other); the summaries."""
    media_root = Path(settings.MEDIA_ROOT)
    with transaction.atomic(), tarfile.open(path, "w:gz") as archive:
        if connection.vendor == "postgresql":  # one snapshot for every table (SQLite's write lock gives one too)
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        summaries = {}
        for model in backup_models():
            digest, count = hashlib.sha256(), 0
            buffer = io.BytesIO()
            for line in _lines(model):
                data = line.encode() + b"\n"
                buffer.write(data)
                digest.update(data)
                count += 1
            table = model._meta.db_table
            _add_bytes(archive, f"tables/{table}.jsonl", buffer.getvalue())
            summaries[table] = TableSummary(table, count, digest.hexdigest())
        files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        for file in files:
            archive.add(file, arcname=f"media/{file.relative_to(media_root).as_posix()}", recursive=False)
        manifest = {
            "format": FORMAT,
            "vendor": connection.vendor,
            "migrations": _applied_migrations(),
            "tables": {table: {"rows": s.rows, "sha256": s.sha256} for table, s in summaries.items()},
            "media_files": len(files),
        }
        _add_bytes(archive, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    return summaries


def backup_restore(path: Path) -> dict[str, TableSummary]:
    """Replaces every table's rows and the files under MEDIA_ROOT with the archive's; refuses an archive of
    another format or of other migrations, and checks each table's count and checksum before committing."""
    with tarfile.open(path, "r:gz") as archive:
        manifest = json.loads(_member(archive, "manifest.json"))
        if manifest.get("format") != FORMAT:
            raise ValidationError(f"不是 blueledger 的备份文件 (格式 {manifest.get('format')!r})。")
        if manifest["migrations"] != _applied_migrations():
            raise ValidationError("备份与当前数据库的迁移版本不一致: 请先用同一版本的 blueledger 执行 migrate。")
        by_table = {model._meta.db_table: model for model in backup_models()}
        unknown = set(manifest["tables"]) - set(by_table)
        if unknown:
            raise ValidationError(f"备份中有当前版本没有的表: {', '.join(sorted(unknown))}")
        with transaction.atomic():
            with connection.cursor() as cursor:
                for table in by_table:
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
            for table, model in by_table.items():
                if table in manifest["tables"]:
                    _insert(model, _member(archive, f"tables/{table}.jsonl"))
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), list(by_table.values())):
                    cursor.execute(statement)
            summaries = table_summaries()
            expected = {t: TableSummary(t, v["rows"], v["sha256"]) for t, v in manifest["tables"].items()}
            differing = sorted(t for t, s in expected.items() if summaries[t] != s)
            if differing:
                raise ValidationError(f"恢复后这些表与备份不一致, 已撤销恢复: {', '.join(differing)}")
        _restore_media(archive)
    return summaries


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    member = archive.extractfile(name)
    if member is None:
        raise ValidationError(f"备份文件缺少 {name}。")
    return member.read()


def _insert(model: type[models.Model], data: bytes) -> None:
    fields = _columns(model)
    names = [field.attname for field in fields]
    batch: list[models.Model] = []
    for line in data.decode().splitlines():
        values = [_decode(value) for value in json.loads(line)]
        batch.append(model(**dict(zip(names, values, strict=True))))
        if len(batch) >= CHUNK_ROWS:
            _insert_raw(model, fields, batch)
            batch = []
    if batch:
        _insert_raw(model, fields, batch)


def _insert_raw(model: type[models.Model], fields: list[Any], rows: list[models.Model]) -> None:
    """INSERT as the rows stand: raw, like loaddata, so auto_now fields keep the archive's timestamps (bulk_create
    would stamp them with now)."""
    size = connection.ops.bulk_batch_size(fields, rows) or len(rows)
    for start in range(0, len(rows), size):
        query = InsertQuery(model)
        query.insert_values(fields, rows[start:start + size], raw=True)
        query.get_compiler(connection=connection).execute_sql(returning_fields=None)


def _restore_media(archive: tarfile.TarFile) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    members = [m for m in archive.getmembers() if m.name.startswith("media/") and m.isfile()]
    if media_root.exists():
        for file in sorted(media_root.rglob("*"), reverse=True):
            if file.is_file():
                file.unlink()
    media_root.mkdir(parents=True, exist_ok=True)
    for member in members:
        member.name = member.name.removeprefix("media/")
        archive.extract(member, media_root, filter="data")
