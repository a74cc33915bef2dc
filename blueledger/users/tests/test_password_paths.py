"""Every way a password changes goes through users.services.user_set_password, so each one is in the history
and deletes the user's API tokens: the service, the self-service page, the users page, the admin's form for a
user's password (set and unset), the admin's own-password page (/admin/password_change/, which kept tokens
before) and `blueledger changepassword` (Django's command set the password itself). A scan keeps any other code
from setting a password itself. `blueledger createsuperuser` keeps Django's prompts and records its new account's
history row with a reason."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command, get_commands
from django.test import Client
from rest_framework.authtoken.models import Token

import blueledger
from blueledger.core.testing import TEST_PASSWORD, make_department, make_user, page_client
from blueledger.users.choices import Role
from blueledger.users.models import User
from blueledger.users.services import user_set_password

NEW_PASSWORD = "Lanse-taizhang-2025"


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    admin = make_user(make_department(shandong["province"], "省海洋局"), Role.ADMIN, "admin")
    reporter = make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.REPORTER, "zhang")
    for user in (admin, reporter):
        Token.objects.create(user=user)
    return {"admin": admin, "reporter": reporter}


def _changed(user: User) -> tuple[Any, ...]:
    """What the change left: the new password works, who and why in the history, no token left."""
    user.refresh_from_db()
    record = user.history.first()
    return (user.check_password(NEW_PASSWORD), record.history_user, record.history_change_reason,
            Token.objects.filter(user=user).exists())


def test_the_service(world: dict[str, Any]) -> None:
    user_set_password(actor=world["admin"], user=world["reporter"], password=NEW_PASSWORD)
    assert _changed(world["reporter"]) == (True, world["admin"], "修改密码", False)
    assert Token.objects.filter(user=world["admin"]).exists()  # only the changed user's tokens go


def test_the_self_service_page(world: dict[str, Any]) -> None:
    response = page_client(world["reporter"]).post("/accounts/password_change/", {
        "old_password": TEST_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert _changed(world["reporter"]) == (True, world["reporter"], "修改密码", False)


def test_the_users_page(world: dict[str, Any]) -> None:
    reporter = world["reporter"]
    response = page_client(world["admin"]).post(f"/users/{reporter.pk}/edit/", {
        "username": reporter.username, "display_name": reporter.display_name, "role": reporter.role,
        "department": reporter.department_id, "password": NEW_PASSWORD, "is_active": "on"})
    assert response.status_code == 302
    assert _changed(reporter) == (True, world["admin"], "修改密码", False)


def test_the_admins_form_for_a_users_password(world: dict[str, Any]) -> None:
    reporter = world["reporter"]
    client = Client()
    client.force_login(world["admin"])
    response = client.post(f"/admin/users/user/{reporter.pk}/password/", {
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"})
    assert response.status_code == 302
    assert _changed(reporter) == (True, world["admin"], "修改密码", False)


def test_the_admins_form_disabling_a_users_password(world: dict[str, Any]) -> None:
    reporter = world["reporter"]
    client = Client()
    client.force_login(world["admin"])
    response = client.post(f"/admin/users/user/{reporter.pk}/password/", {
        "usable_password": "false", "unset-password": "1"})
    assert response.status_code == 302
    reporter.refresh_from_db()
    record = reporter.history.first()
    assert (reporter.has_usable_password(), record.history_user, record.history_change_reason) == (
        False, world["admin"], "停用密码登录")
    assert not Token.objects.filter(user=reporter).exists()


def test_the_admins_own_password_page(world: dict[str, Any]) -> None:
    admin = world["admin"]
    client = Client()
    client.force_login(admin)
    response = client.post("/admin/password_change/", {
        "old_password": TEST_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/admin/password_change/done/"
    assert _changed(admin) == (True, admin, "修改密码", False)
    assert client.get("/admin/").status_code == 200  # the session stays signed in


def test_no_other_code_sets_a_password() -> None:
    package = Path(blueledger.__file__).resolve().parent
    setting = re.compile(r"\.(set_password|set_unusable_password)\(")
    allowed = {"users/services.py", "core/testing.py"}  # the one place, and the test factory's new users
    found = sorted(
        relative for path in package.rglob("*.py")
        if "tests" not in path.parts and (relative := str(path.relative_to(package))) not in allowed
        and setting.search(path.read_text())
    )
    assert found == []


def _typed(monkeypatch: pytest.MonkeyPatch, *passwords: str) -> None:
    """The passwords a person types at getpass's prompts, in order."""
    typed = iter(passwords)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))


def test_the_command_line(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    assert (get_commands()["changepassword"], get_commands()["createsuperuser"]) == (
        "blueledger.users", "blueledger.users")
    _typed(monkeypatch, NEW_PASSWORD, "Lanse-taizhang-typo", "123", "123", NEW_PASSWORD, NEW_PASSWORD)
    output, errors = StringIO(), StringIO()
    call_command("changepassword", "zhang", stdout=output, stderr=errors)
    assert _changed(world["reporter"]) == (True, None, "命令行修改密码", False)
    assert Token.objects.filter(user=world["admin"]).exists()
    assert output.getvalue().splitlines()[-2:] == [
        "修改用户“zhang”的密码", "已修改用户“zhang”的密码, 其 API 令牌已作废。"]
    assert errors.getvalue().splitlines() == [
        "两次输入的密码不一致, 请重试。", "此密码太短，至少要包含 10 个字符。 这个密码太常见了。 密码只包含数字。"]


def test_the_command_line_gives_up_after_three_tries(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    _typed(monkeypatch, *["123"] * 6)
    with pytest.raises(CommandError) as refused:
        call_command("changepassword", "zhang", stdout=StringIO(), stderr=StringIO())
    assert str(refused.value) == "3 次均未成功, 用户“zhang”的密码未修改。"
    reporter = world["reporter"]
    reporter.refresh_from_db()
    assert (reporter.check_password(TEST_PASSWORD), reporter.history.count(), Token.objects.filter(
        user=reporter).exists()) == (True, 1, True)
    with pytest.raises(CommandError) as refused:
        call_command("changepassword", "nobody", stdout=StringIO())
    assert str(refused.value) == "用户“nobody”不存在。"


class _Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_createsuperuser_keeps_djangos_prompts_and_records_the_history(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["root", "root@example.cn"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    _typed(monkeypatch, NEW_PASSWORD, NEW_PASSWORD)
    call_command("createsuperuser", stdin=_Terminal(), stdout=StringIO(), stderr=StringIO())
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", NEW_PASSWORD)
    call_command("createsuperuser", interactive=False, username="root2", email="root2@example.cn", stdout=StringIO())
    for username in ("root", "root2"):
        user = User.objects.get(username=username)
        record = user.history.get()
        assert (user.check_password(NEW_PASSWORD), user.is_superuser, user.role, user.department) == (
            True, True, Role.ADMIN, None)
        assert (record.history_type, record.history_user, record.history_change_reason) == (
            "+", None, "命令行新建超级管理员")
