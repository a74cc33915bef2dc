"""Plain factories for the test modules of every app. Each makes one row with explicit, readable defaults."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient

from blueledger.lib.gbt2260 import level_of_code
from blueledger.orgs.models import Department, Region
from blueledger.users.choices import Role
from blueledger.users.models import User

_sequence = itertools.count(1)
TEST_PASSWORD = "correct-horse-battery-9"


def make_region(code: str, name: str, *, parent: Region | None = None) -> Region:
    level = level_of_code(code)
    region, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "short_name": name[:-1], "parent": parent, "level": level}
    )
    return region


def make_department(region: Region, short_name: str = "", **fields: object) -> Department:
    number = next(_sequence)
    short_name = short_name or f"测试局{number}"
    return Department.objects.create(
        region=region, short_name=short_name, name=fields.pop("name", f"{region.name}{short_name}"), **fields
    )


def page_client(user: User) -> Client:
    """A test client signed in as `user`, for pages."""
    client = Client()
    client.force_login(user)
    return client


def api_client(user: User) -> APIClient:
    """An API client authenticated as `user`."""
    client = APIClient()
    client.force_authenticate(user)
    return client


def make_user(department: Department | None, role: str = Role.VIEWER, username: str = "") -> User:
    user = User(
        username=username or f"user{next(_sequence)}",
        role=role,
        department=department,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    user.set_password(TEST_PASSWORD)
    user.save()
    return user


@contextmanager
def kept_for_module(django_db_blocker: Any) -> Iterator[None]:
    """Rows built once for a test module whose tests only read them, rolled back when the module ends.

        @pytest.fixture(scope="module")
        def qingdao(django_db_setup, django_db_blocker):
            with kept_for_module(django_db_blocker):
                qingdao_fixture_load(actor=None)
                yield Region.objects.get(code="370200")

    Each test still runs in its own transaction inside this one, so what a test writes is undone after it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
