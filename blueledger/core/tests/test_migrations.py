"""`blueledger migrate` on an empty database of the configured engine builds the schema the models declare.

The test database is made from the models (conftest: TEST MIGRATE off), so this is the suite's one run of the
migrations. `makemigrations --check` (the last test) compares the migrations' model state with the models; the
first compares what the migrations build in a real database: the same tables, the same columns (type, size, null) and
the same constraints and indexes (compared by what they cover, not by name).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

from blueledger.core.tests.test_configuration import run_blueledger

# Written by the migrations only: the record of which of them are applied.
MIGRATIONS_ONLY = {"django_migrations"}
# Django's own: its auth migration gives this many-to-many table's key the project's DEFAULT_AUTO_FIELD
# (bigint on PostgreSQL), while the model takes auth's own AutoField (integer). The database has the wider one.
DJANGO_OWN = {"auth_group_permissions.id"}

# Run by the platform's own shell in the migrated database: the migrations, then its schema as JSON.
MIGRATE_AND_DESCRIBE = """
import json
from django.core.management import call_command
from django.db import connection
from blueledger.core.tests.test_migrations import schema
call_command("migrate", "--noinput", verbosity=0)
print(json.dumps(schema(connection)))
"""


def schema(database: Any) -> dict[str, Any]:
    """Each table's columns and constraints as introspection reads them, in the form JSON gives back."""
    described: dict[str, Any] = {}
    with database.cursor() as cursor:
        introspection = database.introspection
        for table in sorted(set(introspection.table_names(cursor)) - MIGRATIONS_ONLY):
            columns = {column.name: [str(value) for value in column[1:]]  # type, sizes, null, default, ...
                       for column in introspection.get_table_description(cursor, table)}
            constraints = sorted(
                [list(found["columns"]), bool(found["primary_key"]), bool(found["unique"]),
                 list(found["foreign_key"] or ()), bool(found["check"]), bool(found["index"])]
                for found in introspection.get_constraints(cursor, table).values())
            described[table] = {"columns": columns, "constraints": constraints}
    return json.loads(json.dumps(described))


@contextmanager
def empty_database(tmp_path: Path) -> Iterator[str]:
    """The BLUELEDGER_DATABASE_URL of a new, empty database beside the test database, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"{settings['NAME']}_migrated"
    _postgres_recreate(name, create=True)
    try:
        yield (f"postgres://{quote(settings['USER'], safe='')}:{quote(settings['PASSWORD'], safe='')}"
               f"@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}")
    finally:
        _postgres_recreate(name, create=False)


def _postgres_recreate(name: str, *, create: bool) -> None:
    """Drops the database `name` (left by an interrupted run, or done with), then creates it if asked."""
    quoted = connection.ops.quote_name(name)
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        if create:
            cursor.execute(f"CREATE DATABASE {quoted}")


@pytest.mark.django_db
def test_the_migrations_build_the_schema_the_models_declare(tmp_path: Path) -> None:
    with empty_database(tmp_path) as url:
        # The 80 migrations took 39 s in a loaded PostgreSQL run (16 s alone) and passed 60 s in loaded runs:
        # the timeout only stops a hang, so it leaves room for a busy machine.
        result = run_blueledger(tmp_path, "shell", "--no-imports", "-c", MIGRATE_AND_DESCRIBE,
                                BLUELEDGER_DATABASE_URL=url, timeout=300)
    assert result.returncode == 0, result.stderr
    found = differences(json.loads(result.stdout), schema(connection))
    assert [line for line in found if line.split(":")[0] not in DJANGO_OWN] == []


def differences(built: dict[str, Any], declared: dict[str, Any]) -> list[str]:
    """What the migrations built that the models do not declare, and the other way round, one line each."""
    found = [f"{table}: built by the migrations only" for table in sorted(set(built) - set(declared))]
    found += [f"{table}: declared by the models only" for table in sorted(set(declared) - set(built))]
    for table in sorted(set(built) & set(declared)):
        columns = (built[table]["columns"], declared[table]["columns"])
        found += [f"{table}.{column}: migrations {columns[0].get(column)}, models {columns[1].get(column)}"
                  for column in sorted(set(columns[0]) | set(columns[1]))
                  if columns[0].get(column) != columns[1].get(column)]
        constraints = (built[table]["constraints"], declared[table]["constraints"])
        found += [f"{table}: constraint {constraint} built by the migrations only"
                  for constraint in constraints[0] if constraint not in constraints[1]]
        found += [f"{table}: constraint {constraint} declared by the models only"
                  for constraint in constraints[1] if constraint not in constraints[0]]
    return found


@pytest.mark.django_db
def test_no_pending_migrations() -> None:
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())
