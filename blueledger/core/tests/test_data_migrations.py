"""Every data migration (RunPython) of blueledger reads and writes the database being migrated
(`schema_editor.connection.alias`), not the default one: run against a connection that does not exist, it fails on
that connection's name instead of quietly reading the default database."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython
from django.db.utils import ConnectionDoesNotExist


def _data_migrations() -> Iterator[Any]:
    loader = MigrationLoader(None, ignore_no_migrations=True)  # the files only: no database is read
    for key, migration in sorted(loader.disk_migrations.items()):
        for operation in migration.operations:
            if isinstance(operation, RunPython) and migration.__module__.startswith("blueledger."):
                yield pytest.param(loader, key, operation.code, id=f"{key[0]}.{key[1]}")


DATA_MIGRATIONS = list(_data_migrations())


def test_the_data_migrations_are_found() -> None:
    assert [case.id for case in DATA_MIGRATIONS] == [
        "documents.0002_text_fingerprint", "projects.0002_project_latest_report"]


@pytest.mark.parametrize(("loader", "key", "code"), DATA_MIGRATIONS)
def test_a_data_migration_uses_the_database_being_migrated(loader: MigrationLoader, key: tuple[str, str],
                                                           code: Any) -> None:
    migrated_models = loader.project_state(key, at_end=True).apps
    elsewhere = SimpleNamespace(connection=SimpleNamespace(alias="elsewhere"))
    with pytest.raises(ConnectionDoesNotExist, match="'elsewhere'"):
        code(migrated_models, elsewhere)
