"""Debian's chromium driven by Playwright, for the browser tests of every app: a pytest plugin (registered by
the conftest) with one chromium per session and a fresh page, in its own browser context, per test.

Nothing is downloaded: Playwright's driver ships in its wheel and the browser is /usr/bin/chromium.
Locally a missing chromium skips the browser tests; in CI (CI=true) it fails them, so they cannot
silently stop running.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return os.environ.get("BLUELEDGER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    """One chromium for the whole session: starting it costs about a second, a new context a few ms."""
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI 需要 Debian 的 chromium (apt-get install chromium) 来运行浏览器测试")
        pytest.skip("chromium 未安装 (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium_browser: Any, live_server: Any) -> Iterator[Any]:
    """A page in a fresh context (no cookies or storage of an earlier test), served by the live server."""
    context = chromium_browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


def log_in(page: Any, live_server: Any, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
