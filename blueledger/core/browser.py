"""Debian's chromium driven by Playwright, for the browser tests of every app: a pytest plugin (registered by
the conftest) with one chromium per session and a fresh page, in its own browser context, per test.

Nothing is downloaded: Playwright's driver ships in its wheel and the browser is /usr/bin/chromium.
Locally a missing chromium skips the browser tests; in CI (CI=true) it fails them, so they cannot
silently stop running.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from typing import Any
from weakref import WeakKeyDictionary

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
    _track_requests(page)
    try:
        yield page
    finally:
        context.close()


def log_in(page: Any, live_server: Any, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    # Until the answer to the form is in (its session cookie set): a page opened sooner cancelled the sign-in.
    # And until that answer has loaded: at its first bytes (commit) its text may not be parsed yet (the refused
    # sign-in's error was missing from page.content() 1 time in 40 under load), nor its stylesheet and deferred
    # scripts run, which the steps after a sign-in read or click.
    with page.expect_navigation():
        page.click("button[type=submit]")



class _Requests:
    """The requests of one page still running, and when the last one started or ended."""

    def __init__(self, page: Any) -> None:
        self.running: set[Any] = set()
        self.changed = time.monotonic()
        page.on("request", self.started)
        page.on("requestfinished", self.ended)
        page.on("requestfailed", self.ended)

    def started(self, request: Any) -> None:
        self.running.add(request)
        self.changed = time.monotonic()

    def ended(self, request: Any) -> None:
        self.running.discard(request)
        self.changed = time.monotonic()


_REQUESTS: WeakKeyDictionary[Any, _Requests] = WeakKeyDictionary()


def _track_requests(page: Any) -> None:
    _REQUESTS[page] = _Requests(page)


def settle(page: Any, *, quiet_ms: int = 100, timeout_ms: int = 15_000) -> None:
    """Waits until the page has no request running and none started or ended for `quiet_ms`: what Playwright's
    `wait_for_load_state("networkidle")` waits for, with a quiet window of 100 ms instead of its fixed 500 ms,
    which the pages of a long walk paid one by one. A request that a response's script starts (the track map's
    layers after its track, htmx parts) starts within a few ms of the response on the live server."""
    requests = _REQUESTS[page]
    deadline = time.monotonic() + timeout_ms / 1000
    while requests.running or time.monotonic() - requests.changed < quiet_ms / 1000:
        if time.monotonic() > deadline:
            running = sorted(request.url for request in requests.running)
            raise TimeoutError(f"页面 {page.url} 的请求 {timeout_ms} ms 后仍未结束: {running}")
        page.wait_for_timeout(10)  # Playwright delivers the request events while it waits
