"""Fixtures shared by the test modules; the factories live in blueledger.core.testing."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from blueledger.core.testing import make_shandong
from blueledger.orgs.models import Region


def pytest_configure(config: pytest.Config) -> None:
    """Hash test passwords fast: production PBKDF2 made 82 % of the suite's time (settings keep PBKDF2)."""
    from django.conf import settings

    config.pluginmanager.import_plugin("blueledger.core.browser")  # browser_page for every app's browser tests

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Failed test sign-ins are counted in memory, per run, not in var/cache where runs would add up.
    settings.CACHES = {**settings.CACHES,
                       "login_throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                          "LOCATION": "login-throttle"}}

    # Jobs run at once, inside the request that starts them; core/tests/test_job_worker.py runs the real
    # queue (django-tasks-db) and its worker.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    # A persistent connection of the live server's thread kept PostgreSQL from dropping the test database.
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    _flush_fast()

    # Uploaded files and position stores of this run (of this xdist worker) in a directory of its own, not the
    # checkout's var/: parallel workers, or a test run beside a running platform, never share files.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    data_dir = Path(tempfile.mkdtemp(prefix=f"blueledger-test-{worker}-"))
    settings.DATA_DIR = data_dir
    settings.MEDIA_ROOT = data_dir / "media"
    os.environ["BLUELEDGER_DATA_DIR"] = str(data_dir)  # for the commands a test starts as a process
    config.stash[DATA_DIR_KEY] = data_dir


DATA_DIR_KEY = pytest.StashKey[Path]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Schemathesis gives every operation's test the same node id (core/tests/test_api_schema_conformance.py):
    pytest-xdist schedules by node id, so on two workers 57 operations ran as one. Each gets its operation."""
    for item in items:
        label = getattr(item, "operation_label", None)
        if label and item.id.params is None:
            item._id = item.id.with_params(label)


# Property tests assert what the code answers, not how fast: hypothesis's default 200 ms deadline per example made
# them fail at random on a loaded 2-core machine (DeadlineExceeded, then Flaky on replay). Speed is measured by
# benchmarks/. A failure prints the blob that replays it (@reproduce_failure).
hypothesis_settings.register_profile("blueledger", deadline=None, print_blob=True)
hypothesis_settings.load_profile("blueledger")


def pytest_unconfigure(config: pytest.Config) -> None:
    if DATA_DIR_KEY in config.stash:
        shutil.rmtree(config.stash[DATA_DIR_KEY], ignore_errors=True)


# Rows every flush would delete only for post_migrate to write them again: the schema's own description.
KEPT_ON_FLUSH = frozenset({"django_content_type", "auth_permission"})


def _flush_fast() -> None:
    """The flush after each transactional test (browser, live-server, race tests) empties the tables with DELETE
    and keeps content types and permissions. PostgreSQL's TRUNCATE of ~250 tables took 5–8 s per test (a new
    file for every table and index); Django's foreign keys there are DEFERRABLE INITIALLY DEFERRED and the
    flush runs in one transaction, so the order of the DELETEs does not matter. On PostgreSQL the DELETEs go in
    one statement (one round trip, not one per table). The post_migrate signal after the flush only writes
    content types and permissions again when they are missing, and they are kept, so it is not sent: it made
    60 queries and 85 % of a flush's 40 ms."""
    from django.core.management.commands import flush
    from django.db import connection
    from django.db.backends.base.operations import BaseDatabaseOperations

    def wrap(original: Any) -> Any:
        def sql_flush(self: BaseDatabaseOperations, style: Any, tables: Any, *, reset_sequences: bool = False,
                      allow_cascade: bool = False) -> list[str]:
            tables = [table for table in tables if table not in KEPT_ON_FLUSH]
            if self.connection.vendor == "postgresql" and not reset_sequences:
                return ["\n".join(f"DELETE FROM {self.quote_name(table)};" for table in tables)] if tables else []
            return original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)

        return sql_flush

    operations = type(connection.ops)
    operations.sql_flush = wrap(operations.sql_flush)  # type: ignore[method-assign]

    handle = flush.Command.handle

    def handle_keeping_content_types(self: flush.Command, **options: Any) -> None:
        handle(self, **{**options, "inhibit_post_migrate": True})

    flush.Command.handle = handle_keeping_content_types  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None, request: Any) -> None:
    """SQLite tests in memory, except when a race test or any other test of the live server (the browser tests)
    runs: the live server's threads then get their own connections to a test database on disk, where SQLite
    makes concurrent requests wait for each other. In memory, depending on whether the first live-server test
    came before the first database test, the server's threads shared the test's one connection (two threads
    on one connection at once, which Django warns fails at random) or each had one of their own in SQLite's
    shared cache, where a request reading a table the test (or another request) was writing failed at once with
    "database table is locked". The full suite always has race tests, so it ran on disk; a run of the browser
    tests alone did not.

    The test database is made from the models (Django's TEST MIGRATE off): applying the 80 migrations cost each
    worker 11 s. core/tests/test_migrations.py applies them, once, to an empty database of its own and checks
    that they build the schema the models declare."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    database.setdefault("TEST", {})["MIGRATE"] = False
    concurrent = any(item.get_closest_marker("concurrent") or "live_server" in getattr(item, "fixturenames", ())
                     for item in request.session.items)
    if concurrent and database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(Path(tempfile.mkdtemp(prefix="blueledger-")) / "test.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """pytest-django's test database, whose drop at the end of the run is refused on PostgreSQL while a thread's
    connection (a live server's, a race test's) is still open: those sessions are ended first."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        connection.close()


@pytest.fixture
def shandong(db: Any) -> dict[str, Region]:
    """A small slice of the region tree: a province, two cities, two districts of Qingdao."""
    return make_shandong()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """`blueledger demo` run once for the session, its rows rolled back; `demo_snapshot.restore()` puts them back
    for a module or a test (a run costs 3–10 s, a restore a fraction of it)."""
    from blueledger.core.snapshots import Snapshot, demo_build
    from blueledger.core.testing import kept_for_module

    with kept_for_module(django_db_blocker):
        return Snapshot.take(demo_build)
