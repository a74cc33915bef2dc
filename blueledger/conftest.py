"""Plain factories shared by the test modules. Each makes one row with explicit, readable defaults."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from blueledger.orgs.models import Department, Region
from blueledger.users.choices import Role
from blueledger.users.models import User

_sequence = itertools.count(1)


def pytest_configure(config: pytest.Config) -> None:
    """Hash test passwords fast: production PBKDF2 made 82 % of the suite's time (settings keep PBKDF2)."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TEST_PASSWORD = "correct-horse-battery-9"


def make_region(code: str, name: str, *, parent: Region | None = None) -> Region:
    level = "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"
    region, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "short_name": name[:-1], "parent": parent, "level": level}
    )
    return region


def make_department(region: Region, short_name: str = "", **fields: Any) -> Department:
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


from blueledger.core.browser import browser_page  # noqa: E402, F401  (the fixture, for every app's browser tests)
