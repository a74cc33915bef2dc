"""Plain factories for the test modules of every app. Each makes one row with explicit, readable defaults."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from typing import Any

from django.db import transaction
from django.db.models import Model
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


def make_shandong() -> dict[str, Region]:
    """A small slice of the region tree: a province, two cities, two districts of Qingdao (conftest's `shandong`;
    module-scoped worlds build it with this)."""
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


# What a browser would post for a rendered form: the tests re-post edit forms unchanged with it.

# HTML's value sanitization: a date, month, time or number input whose value attribute is not in the
# input's own syntax shows nothing and posts "" (a date rendered 2027/12/31 is posted blank).
_INPUT_SYNTAX = {
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "time": re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"),
    "number": re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?"),
}


def browser_input_value(kind: str, value: str) -> str:
    """The value a browser keeps for an `<input type=kind value=value>`."""
    syntax = _INPUT_SYNTAX.get(kind)
    return value if syntax is None or syntax.fullmatch(value) else ""

class _FormReader(HTMLParser):
    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.inside = False
        self.found = False
        self.data: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form" and not self.found:
            if attributes.get("action", "") in ("", self.action):
                self.inside = self.found = True
            return
        if not self.inside:
            return
        name = attributes.get("name")
        if tag == "input" and name and not attributes.get("disabled") and "disabled" not in attributes:
            kind = attributes.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            value = attributes.get("value", "on" if kind == "checkbox" else "")
            self.data.append((name, browser_input_value(kind, value)))
        elif tag == "select" and name and "disabled" not in attributes:
            self._select, self._select_options = name, []
        elif tag == "option" and self._select is not None:
            self._select_options.append((attributes.get("value", ""), "selected" in attributes))
        elif tag == "textarea" and name and "disabled" not in attributes:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._select_options if selected] or [
                value for value, _ in self._select_options[:1]]
            self.data.extend((self._select, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            text = text[1:] if text.startswith("\n") else text
            # Browsers post a textarea's line breaks as CRLF.
            self.data.append((self._textarea, text.replace("\r\n", "\n").replace("\n", "\r\n")))
            self._textarea = None


def form_values(html: str, action: str = "") -> dict[str, str | list[str]]:
    """The values a browser posts for the first form whose action is `action` (or the page itself)."""
    reader = _FormReader(action)
    reader.feed(html)
    if not reader.found:
        raise LookupError(f"no form posting to {action or 'the page'}")
    values: dict[str, str | list[str]] = {}
    for name, value in reader.data:
        if name in values:
            previous = values[name]
            values[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            values[name] = value
    return values
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


def fresh[T](value: T) -> T:
    """`value` with each model instance in it (walking dicts, lists and tuples) read again from the database: a
    module's rows are shared by its tests, and what a test writes is rolled back, but not an instance it changed
    in memory."""
    if isinstance(value, Model):
        return type(value)._default_manager.get(pk=value.pk)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}  # type: ignore[return-value]
    if isinstance(value, list | tuple):
        return type(value)(fresh(item) for item in value)  # type: ignore[return-value]
    return value
