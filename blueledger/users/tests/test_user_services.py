"""Accounts are written by three services: an administrator creates and changes them, everyone may change their
own password. Each write leaves a history row naming who did it and why; a refused write changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blueledger.core.testing import TEST_PASSWORD, make_department, make_user, page_client
from blueledger.users.choices import Role
from blueledger.users.models import User
from blueledger.users.services import user_create, user_set_password, user_update

STRONG_PASSWORD = "tide-gauge-harbour-42"


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    bureau = make_department(shandong["qingdao"], "海洋局")
    fishery = make_department(shandong["huangdao"], "渔业站")
    return {
        "bureau": bureau,
        "fishery": fishery,
        "admin": make_user(bureau, Role.ADMIN, "admin"),
        "office": make_user(bureau, Role.DISPATCHER, "office"),
        "reporter": make_user(fishery, Role.REPORTER, "reporter"),
    }


def test_an_administrator_creates_an_account_and_the_history_names_them(world: dict[str, Any]) -> None:
    account = user_create(
        actor=world["admin"], username="wang", password=STRONG_PASSWORD, role=Role.REPORTER,
        department=world["fishery"], display_name="王海", email="wang@example.cn", phone="0532-1",
    )

    account.refresh_from_db()
    assert (account.username, account.role, account.department, account.display_name) == (
        "wang", Role.REPORTER, world["fishery"], "王海"
    )
    assert (account.email, account.phone) == ("wang@example.cn", "0532-1")
    assert (account.is_staff, account.is_superuser) == (False, False)
    assert account.check_password(STRONG_PASSWORD)
    record = account.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("+", world["admin"], "新建账号")


def test_an_administrator_account_is_staff(world: dict[str, Any]) -> None:
    account = user_create(
        actor=world["admin"], username="li", password=STRONG_PASSWORD, role=Role.ADMIN, department=world["bureau"]
    )
    assert (account.is_staff, account.is_superuser, account.is_admin) == (True, True, True)


def test_create_refusals_write_nothing(world: dict[str, Any]) -> None:
    accounts = User.objects.count()
    with pytest.raises(PermissionDenied):
        user_create(actor=world["office"], username="zhao", password=STRONG_PASSWORD, role=Role.VIEWER,
                    department=world["bureau"])
    with pytest.raises(ValidationError, match="用户名“reporter”已存在。"):
        user_create(actor=world["admin"], username="reporter", password=STRONG_PASSWORD, role=Role.VIEWER,
                    department=world["bureau"])
    with pytest.raises(ValidationError, match="未知角色 'mayor'"):
        user_create(actor=world["admin"], username="zhao", password=STRONG_PASSWORD, role="mayor",
                    department=world["bureau"])
    with pytest.raises(ValidationError):
        user_create(actor=world["admin"], username="zhao", password="123", role=Role.VIEWER, department=world["bureau"])
    assert User.objects.count() == accounts
    assert not User.objects.filter(username="zhao").exists()


def test_an_administrator_changes_an_account_with_a_reason(world: dict[str, Any]) -> None:
    reporter = world["reporter"]
    before = reporter.history.count()

    user_update(actor=world["admin"], user=reporter, reason="调任调度员", role=Role.DISPATCHER, phone="0532-2")

    reporter.refresh_from_db()
    assert (reporter.role, reporter.phone, reporter.is_staff) == (Role.DISPATCHER, "0532-2", False)
    assert reporter.history.count() == before + 1
    record = reporter.history.first()
    assert (record.history_type, record.history_user) == ("~", world["admin"])
    assert record.history_change_reason == "调任调度员"
    assert (record.role, record.phone) == (Role.DISPATCHER, "0532-2")


def test_update_refusals_change_nothing(world: dict[str, Any]) -> None:
    admin, reporter = world["admin"], world["reporter"]
    before = (reporter.history.count(), admin.history.count())
    with pytest.raises(PermissionDenied):
        user_update(actor=world["office"], user=reporter, role=Role.ADMIN)
    with pytest.raises(ValidationError, match="用户不可修改的字段: username"):
        user_update(actor=admin, user=reporter, username="someone")
    with pytest.raises(ValidationError, match="不能撤销自己的系统管理员角色。"):
        user_update(actor=admin, user=admin, role=Role.VIEWER)

    reporter.refresh_from_db()
    admin.refresh_from_db()
    assert (reporter.username, reporter.role, admin.role) == ("reporter", Role.REPORTER, Role.ADMIN)
    assert (reporter.history.count(), admin.history.count()) == before


def test_everyone_changes_their_own_password_and_the_history_says_so(world: dict[str, Any]) -> None:
    reporter = world["reporter"]

    user_set_password(actor=reporter, user=reporter, password=STRONG_PASSWORD)

    reporter.refresh_from_db()
    assert reporter.check_password(STRONG_PASSWORD) and not reporter.check_password(TEST_PASSWORD)
    record = reporter.history.first()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("~", reporter, "修改密码")
    assert "password" not in {field.name for field in record._meta.get_fields()}  # the hash is never kept


def test_an_administrator_sets_anyones_password_and_nobody_else_does(world: dict[str, Any]) -> None:
    reporter, office = world["reporter"], world["office"]
    user_set_password(actor=world["admin"], user=reporter, password=STRONG_PASSWORD)
    assert reporter.history.first().history_user == world["admin"]

    before = office.history.count()
    with pytest.raises(PermissionDenied, match="只能修改自己的密码。"):
        user_set_password(actor=reporter, user=office, password="another-strong-one-77")
    with pytest.raises(ValidationError):
        user_set_password(actor=office, user=office, password="123")
    office.refresh_from_db()
    assert office.check_password(TEST_PASSWORD) and office.history.count() == before


def test_the_account_pages_create_and_edit_through_the_services(world: dict[str, Any]) -> None:
    client = page_client(world["admin"])
    response = client.post("/users/new/", {
        "username": "sun", "display_name": "孙", "role": Role.VIEWER, "department": world["bureau"].pk,
        "phone": "", "email": "", "password": STRONG_PASSWORD, "is_active": "on",
    }, follow=True)
    account = User.objects.get(username="sun")
    assert response.redirect_chain == [(f"/users/{account.pk}/", 302)]
    assert "已新建用户“sun”。" in response.content.decode()

    response = client.post(f"/users/{account.pk}/edit/", {
        "username": "sun", "display_name": "孙海", "role": Role.VIEWER, "department": world["bureau"].pk,
        "phone": "", "email": "", "password": "", "is_active": "on",
    }, follow=True)
    account.refresh_from_db()
    assert response.redirect_chain == [(f"/users/{account.pk}/", 302)]
    assert account.display_name == "孙海" and account.check_password(STRONG_PASSWORD)
    assert [(r.history_user, r.history_change_reason) for r in account.history.all()] == [
        (world["admin"], None), (world["admin"], "新建账号")
    ]

    refused = client.post(f"/users/{world['admin'].pk}/edit/", {
        "username": "admin", "display_name": "", "role": Role.VIEWER, "department": world["bureau"].pk,
        "phone": "", "email": "", "password": "", "is_active": "on",
    })
    assert refused.status_code == 200 and "不能撤销自己的系统管理员角色。" in refused.content.decode()
    world["admin"].refresh_from_db()
    assert world["admin"].role == Role.ADMIN
