"""Real HTTP requests against the live server from several threads at once, for the race tests of state
changes (close, submit, return, save). Standard library only: a signed-in session per user (a cookie jar
that logged in through the login page) and `at_once`, which releases its calls together from a barrier.

The race tests mark themselves `pytest.mark.concurrent`; conftest then gives SQLite a test database on
disk, because an in-memory test database is one connection shared by every thread of the live server,
which would hide exactly the interleavings these tests are about.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, OpenerDirector, Request, build_opener

TIMEOUT_SECONDS = 60


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    url: str
    text: str


class LiveSession:
    """One signed-in browser without a browser: cookies, CSRF token, redirects followed."""

    def __init__(self, base_url: str, username: str, password: str) -> None:
        self.base_url = base_url
        self.jar = CookieJar()
        self.opener: OpenerDirector = build_opener(HTTPCookieProcessor(self.jar))
        self.get("/accounts/login/")
        answer = self.post("/accounts/login/", {"username": username, "password": password})
        if "/accounts/login/" in answer.url:
            raise AssertionError(f"{username} could not sign in: {answer.status}")

    def _csrf_token(self) -> str:
        return next((cookie.value or "" for cookie in self.jar if cookie.name == "csrftoken"), "")

    def _open(self, request: Request) -> Answer:
        try:
            with self.opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                return Answer(response.status, response.url, response.read().decode())
        except HTTPError as error:
            return Answer(error.code, error.url, error.read().decode(errors="replace"))

    def get(self, path: str) -> Answer:
        return self._open(Request(self.base_url + path))

    def post(self, path: str, data: dict[str, str]) -> Answer:
        body = urlencode({"csrfmiddlewaretoken": self._csrf_token(), **data}).encode()
        return self._open(Request(self.base_url + path, data=body, method="POST"))


def at_once[T](*calls: Callable[[], T]) -> list[T]:
    """Runs the calls in threads released together; their results in the order given."""
    barrier = threading.Barrier(len(calls))

    def released(call: Callable[[], T]) -> T:
        barrier.wait(timeout=TIMEOUT_SECONDS)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(released, call) for call in calls]
        return [future.result() for future in futures]


MESSAGE_PATTERN = re.compile(r'<(?:li|p)[^>]*class="[^"]*(?:error|success|warning|info)[^"]*"[^>]*>([^<]*)<')


def page_messages(text: str) -> list[str]:
    """The flash messages and form errors of a page, as text."""
    return [html.unescape(re.sub(r"\s+", " ", match).strip()) for match in MESSAGE_PATTERN.findall(text)]
