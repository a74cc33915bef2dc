"""Rows built once and restored where a test needs them: `blueledger demo` once per test session (the
`demo_snapshot` fixture), a module's world once per module.

A run of the demo costs 3–10 s; a restore copies its rows back in a tenth of a second. A snapshot knows nothing
of what its build writes: it keeps, table by table, every table the build changed (all of its rows, their primary
keys included) and what the build printed. A restore empties those tables and writes the rows back in one
transaction, so a test sees what it would see right after the build on an empty test database. Files the build
writes (documents, position stores) stay where the one real build put them, and the restored rows point at them.

PostgreSQL copies each table with COPY in text form; SQLite reads each column as `+column`, an expression, so
that no declared-type converter turns the stored value into a Python one: either way the value goes back
exactly as it was stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


@dataclass(frozen=True)
class Snapshot:
    output: str  # what the build printed
    tables: dict[str, Any]  # table name -> its rows after the build (COPY text on PostgreSQL, tuples on SQLite)

    @classmethod
    def take(cls, build: Callable[[], str]) -> Snapshot:
        """Runs `build` and keeps what it changed; the caller rolls the build's rows back (kept_for_module)."""
        before = {table: _rows(table) for table in _tables()}
        output = build()
        after = {table: _rows(table) for table in _tables()}
        return cls(output, {table: rows for table, rows in after.items() if rows != before.get(table)})

    def restore(self) -> str:
        """Puts the build's rows back, in the test's transaction or in one of their own; returns what it printed."""
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
            for table, rows in self.tables.items():
                _write(cursor, table, rows)
            models = [model for model in apps.get_models(include_auto_created=True)
                      if model._meta.db_table in self.tables]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):  # PostgreSQL's sequences
                cursor.execute(statement)
        return self.output


def demo_build() -> str:
    """`blueledger demo`, as run on the command line; returns what it printed."""
    output = StringIO()
    call_command("demo", stdout=output)
    return output.getvalue()


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _rows(table: str) -> Any:
    name = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {name} TO STDOUT") as copy:
                return b"".join(bytes(chunk) for chunk in copy)
        columns = _sqlite_columns(cursor, table)
        cursor.execute(f"SELECT {', '.join('+' + column for column in columns)} FROM {name}")
        return (columns, cursor.fetchall())


def _write(cursor: Any, table: str, rows: Any) -> None:
    name = connection.ops.quote_name(table)
    if connection.vendor == "postgresql":
        if rows:
            with cursor.copy(f"COPY {name} FROM STDIN") as copy:
                copy.write(rows)
        return
    columns, values = rows
    if values:
        cursor.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})",
                           values)


def _sqlite_columns(cursor: Any, table: str) -> list[str]:
    """The stored columns (generated ones are computed again on insert: `hidden` 2 and 3)."""
    cursor.execute(f"PRAGMA table_xinfo({connection.ops.quote_name(table)})")
    return [connection.ops.quote_name(row[1]) for row in cursor.fetchall() if row[6] == 0]
