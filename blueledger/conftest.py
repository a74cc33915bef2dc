"""Fixtures shared by the test modules; the factories live in blueledger.core.testing."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from blueledger.core.testing import make_region
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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None, request: Any) -> None:
    """SQLite tests in memory, except when a race test runs: the live server's threads then need their own
    connections to a test database on disk (an in-memory one is a single connection they would share)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    concurrent = any(item.get_closest_marker("concurrent") for item in request.session.items)
    if concurrent and database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(Path(tempfile.mkdtemp(prefix="blueledger-")) / "test.sqlite3")


@pytest.fixture
def shandong(db: Any) -> dict[str, Region]:
    """A small slice of the region tree: a province, two cities, two districts of Qingdao."""
    province = make_region("370000", "山东省")
    qingdao = make_region("370200", "青岛市", parent=province)
    weifang = make_region("370700", "潍坊市", parent=province)
    return {
        "province": province,
        "qingdao": qingdao,
        "weifang": weifang,
        "huangdao": make_region("370211", "黄岛区", parent=qingdao),
        "laoshan": make_region("370212", "崂山区", parent=qingdao),
    }

