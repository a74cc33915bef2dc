"""A user's-eye crawl of the whole platform on the demo data: each demo account follows every same-site link
from its home page, breadth-first, and every page it reaches is clean.

Clean means: the status is 200, 302 or 403 (a link shown to a user never leads to a 404, and nothing answers
5xx); no English interface words leak into the Chinese pages; no literal None, nan, NaN, undefined, Traceback
or raw decimals such as 2.800000 are printed; an unreported row never shows 0.0 %; chart data is strict JSON;
every Excel and Word download opens; and GET changes nothing: no page sends an INSERT, UPDATE or DELETE, and the
row count of every table, history tables included, is the same after the crawl as before it.
"""

from __future__ import annotations

import json
import re
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from blueledger.core.snapshots import Snapshot
from blueledger.core.testing import browser_input_value, kept_for_module, page_client
from blueledger.users.demo import DEMO_ACCOUNTS
from blueledger.users.models import User

MAX_URLS_PER_ACCOUNT = 400
MAX_DOWNLOAD_BYTES = 5 * 1024 * 1024

# Never followed: signing out, switching language, and files that are not pages.
SKIPPED_PREFIXES = ("/accounts/logout/", "/admin/logout/", "/i18n/", "/static/", "/media/")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Interface words Django, DRF, django-filter or a template would print in English when a string is not
# translated; names and data (MMSI, AIS, GDP, Excel, blueledger) are not in this list.
ENGLISH_UI = re.compile(
    r"\b(Select an option|This field is required|Enter a valid|Ensure this value|Save|Submit|Delete|Cancel|"
    r"Search|Next|Previous|Page \d|Log in|Log out|Sign in|Password|Username|Filter|Edit|Add|Back|Yes|No|"
    r"Unknown|All|Download|Upload|Home|Dashboard|Name|Status|Date|Actions?|Details|Close|Open|Loading|Error|"
    r"Warning|Success|Total|Created|Updated|Description|Region|Department|Ledger|Round|Report|Project|Vessel|"
    r"Notifications?|Settings|History|Change|View|Server Error|Not Found|Forbidden|Page not found|none|"
    r"true|false|null|Clear|Reset|Apply|Export|Import)\b"
)
LITERALS = (
    (re.compile(r"\bNone\b"), "None"),
    (re.compile(r"\bnan\b"), "nan"),
    (re.compile(r"\bNaN\b"), "NaN"),
    (re.compile(r"\bundefined\b"), "undefined"),
    (re.compile(r"Traceback"), "Traceback"),
    (re.compile(r"(?<![\d.])\d+\.\d*?0{3,}(?![\d.°])"), "raw decimal"),
    (re.compile(r"\b(True|False)\b"), "Python boolean"),
    (re.compile(r"\['|\{'"), "Python repr"),
    (re.compile(r"(?<![\w./-])[a-z]+(?:_[a-z]+)+(?![\w./-])"), "raw identifier"),
)
ZERO_PERCENT = re.compile(r"(?<![\d.])0(\.0+)? ?%")
MEAN_OF_NOTHING = re.compile(r"(?<![\d.])0(\.0+)? ?%\s*[（(]报送率\s*0\s*/")
UNREPORTED = ("未报送", "未填报")


def _normalise(text: str) -> str:
    return re.sub(r"\d+", "N", text)


def url_pattern(url: str) -> str:
    """The URL with its numbers replaced (/dispatch/rounds/N/?page=N&tab=history); a query value that is not a
    plain word (a name, a date) counts by its key only, so that filter combinations do not multiply; a download
    counts once whatever its filters."""
    parts = urlsplit(url)
    if parts.path.endswith((".xlsx", ".docx")):  # a download's filters only choose its rows
        return _normalise(parts.path)
    query = sorted(parse_qsl(parts.query, keep_blank_values=True))
    return _normalise(parts.path) + "?" + "&".join(
        f"{key}={_normalise(value) if re.fullmatch(r'[a-z_]*|\d+', value) else '*'}" for key, value in query)


class _PageReader(HTMLParser):
    """Links (a href, img src, hx-get), the visible text with its attribute texts, table rows, JSON data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self.rows: list[str] = []
        self.json_blocks: list[tuple[str, str]] = []
        self.unshowable: list[str] = []
        self._skip = 0
        self._json_id: str | None = None
        self._json: list[str] = []
        self._row: list[str] | None = None
        self._form: tuple[str, list[tuple[str, str]]] | None = None
        self._select: tuple[str, list[tuple[str, bool]]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        self._read_get_form(tag, attributes)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "img" and attributes.get("src"):
            self.links.append(attributes["src"])
        if attributes.get("hx-get"):
            self.links.append(attributes["hx-get"])
        for name in ("title", "placeholder", "alt", "aria-label"):
            if attributes.get(name):
                self.text.append(attributes[name])
        if tag == "option" and self._select is not None:
            self._select[1].append((attributes.get("value", ""), "selected" in attributes))
        if tag == "input" and attributes.get("value") and browser_input_value(
            attributes.get("type", "text"), attributes["value"]
        ) == "":
            self.unshowable.append(f'<input type={attributes.get("type")} value="{attributes["value"]}">')
        if tag == "input" and attributes.get("value") and attributes.get("type", "text") not in (
            "hidden", "file", "checkbox", "radio"
        ):
            self.text.append(attributes["value"])
        if tag == "script" and attributes.get("type") == "application/json":
            self._json_id, self._json = attributes.get("id", "?"), []
        elif tag in ("script", "style"):
            self._skip += 1
        if tag == "tr":
            self._row = []

    def _read_get_form(self, tag: str, attributes: dict[str, str]) -> None:
        """A search or filter form (method GET) is a link too: its URL with the values it shows."""
        if tag == "form" and attributes.get("method", "get").lower() == "get":
            self._form = (attributes.get("action", ""), [])
        if self._form is None or not attributes.get("name"):
            return
        name, kind = attributes["name"], attributes.get("type", "text")
        if tag == "input" and kind not in ("submit", "button", "file", "image", "reset"):
            if kind not in ("checkbox", "radio") or "checked" in attributes:
                self._form[1].append((name, attributes.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = (name, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            action, fields = self._form
            self.links.append(f"{action.split('?')[0]}?{urlencode(fields)}")
            self._form = None
        if tag == "select" and self._select is not None and self._form is not None:
            name, options = self._select
            chosen = [value for value, selected in options if selected] or [value for value, _ in options[:1]]
            self._form[1].extend((name, value) for value in chosen)
            self._select = None
        if tag == "script" and self._json_id is not None:
            self.json_blocks.append((self._json_id, "".join(self._json)))
            self._json_id = None
        elif tag in ("script", "style") and self._skip:
            self._skip -= 1
        if tag == "tr" and self._row is not None:
            self.rows.append(" ".join(self._row))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._json_id is not None:
            self._json.append(data)
        elif not self._skip:
            self.text.append(data)
            if self._row is not None:
                self._row.append(data)


def _strict_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def text_findings(text: str, *, english: bool = True) -> list[str]:
    """What a user should never read in `text`."""
    found = [f"prints {label} ({match.group(0)!r} in …{text[max(0, match.start() - 30):match.end() + 30]!r}…)"
             for pattern, label in LITERALS for match in [pattern.search(text)] if match]
    found.extend(f"a mean of nothing reported shown as 0 % ({match.group(0)!r})"
                 for match in [MEAN_OF_NOTHING.search(text)] if match)
    if english:
        found.extend(f"English {word!r}" for word in sorted({m.group(0) for m in ENGLISH_UI.finditer(text)}))
    return found


def _table_rows(rows: list[str]) -> list[str]:
    return [f"unreported shown as 0 %: {' '.join(row.split())[:120]!r}" for row in rows
            if any(word in row for word in UNREPORTED) and ZERO_PERCENT.search(row)]


def _history_and_row_count() -> int:
    """The number of rows in every table (history tables included), in one query."""
    tables = [table for table in connection.introspection.table_names()
              if table not in ("django_session",)]
    quote = connection.ops.quote_name
    sql = "SELECT " + " + ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return int(cursor.fetchone()[0])


@dataclass
class Crawl:
    """One account's breadth-first walk; `findings` lists each problem with the URL that shows it."""

    client: Client
    findings: list[str] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    visited: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    unvisited: int = 0

    def run(self, start: str) -> None:
        queue: deque[tuple[str, str]] = deque([(start, "")])
        patterns = {url_pattern(start)}
        # Counted once per crawl, not after each page (a count of every table made 14 s of the crawls on
        # PostgreSQL): a page's own writes are named by visit(); the count catches a write visit() cannot see.
        rows_before = _history_and_row_count()
        while queue and len(self.visited) < MAX_URLS_PER_ACCOUNT:
            url, referrer = queue.popleft()
            self.visited.append(url)
            for link in self.visit(url, referrer):
                pattern = url_pattern(link)
                if pattern not in patterns:
                    patterns.add(pattern)
                    queue.append((link, url))
        rows_after = _history_and_row_count()
        if rows_after != rows_before:
            self.findings.append(f"the crawl's GETs changed {rows_after - rows_before} rows")
        self.unvisited = len(queue)

    def visit(self, url: str, referrer: str) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        writes = {query["sql"].split(" WHERE ")[0][:80] for query in queries.captured_queries
                  if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
                  and "django_session" not in query["sql"]}
        self.findings.extend(f"{url}: GET writes {sql}" for sql in sorted(writes))
        status = response.status_code
        self.statuses[status] += 1
        where = f"{url} (linked from {referrer or 'start'})"
        if status not in (200, 302, 403, 404):
            self.findings.append(f"{where}: HTTP {status}")
            return []
        if status == 404:
            self.findings.append(f"{where}: a link leads to 404")
            return []
        if status == 302:
            return [self._same_site(url, response["Location"])] if self._same_site(url, response["Location"]) else []
        content_type = response.get("Content-Type", "").split(";")[0]
        body = b"".join(response.streaming_content) if response.streaming else response.content
        self.kinds[content_type] += 1
        if len(body) > MAX_DOWNLOAD_BYTES:
            self.findings.append(f"{url}: {len(body)} bytes")
            return []
        if content_type == XLSX:
            self.findings.extend(f"{url}: {problem}" for problem in _xlsx_findings(body))
            return []
        if content_type == DOCX:
            self.findings.extend(f"{url}: {problem}" for problem in _docx_findings(body))
            return []
        if content_type != "text/html":
            return []
        reader = _PageReader()
        # A browser leaves "&region=" in an attribute alone; Python's parser would read "&reg" as ®.
        reader.feed(re.sub(r"&(?![A-Za-z]+;|#\d+;|#x[0-9a-fA-F]+;)", "&amp;", body.decode()))
        problems = text_findings("\n".join(reader.text), english=not url.startswith("/api/"))
        problems += _table_rows(reader.rows)
        problems += [f"{field} shows nothing in a browser" for field in reader.unshowable]
        for block_id, block in reader.json_blocks:
            try:
                json.loads(block, parse_constant=_strict_constant)
            except ValueError as error:
                problems.append(f"chart data #{block_id} is not strict JSON: {error}")
        self.findings.extend(f"{url}: {problem}" for problem in problems)
        links = []
        for href in reader.links:
            link = self._same_site(url, href)
            if link is None:
                continue
            try:
                resolve(urlsplit(link).path)
            except Resolver404:
                self.findings.append(f"{url}: links to {link}, which no URL pattern serves")
                continue
            links.append(link)
        return links

    @staticmethod
    def _same_site(base: str, href: str) -> str | None:
        if href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            return None
        absolute, _ = urldefrag(urljoin(base, href))
        parts = urlsplit(absolute)
        if parts.netloc not in ("", "testserver") or parts.path.startswith(SKIPPED_PREFIXES):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")


def _xlsx_findings(body: bytes) -> list[str]:
    import openpyxl

    workbook = openpyxl.load_workbook(BytesIO(body), read_only=True)
    cells = [str(value) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)
             for value in row if isinstance(value, str)]
    return [f"xlsx {problem}" for problem in text_findings("\n".join(cells))]


def _docx_findings(body: bytes) -> list[str]:
    import docx

    document = docx.Document(BytesIO(body))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [f"docx {problem}" for problem in text_findings("\n".join(texts))]


@pytest.fixture(scope="module")
def demo(django_db_blocker: Any, demo_snapshot: Snapshot) -> Iterator[None]:
    """The demo at its own scale (the province scale only adds more generated ledgers of the same kinds)."""
    with kept_for_module(django_db_blocker):
        demo_snapshot.restore()
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("username", [account[0] for account in DEMO_ACCOUNTS])
def test_every_page_a_demo_account_reaches_is_clean(demo: None, username: str) -> None:
    crawl = Crawl(page_client(User.objects.get(username=username)))
    crawl.run("/")
    print(f"\n{username}: {len(crawl.visited)} URLs, statuses {dict(sorted(crawl.statuses.items()))}, "
          f"{dict(crawl.kinds)}, {crawl.unvisited} left unvisited")
    assert list(dict.fromkeys(crawl.findings)) == []


@pytest.mark.parametrize(("text", "finding"), [
    ("目标 2.800000 亿元", "prints raw decimal"),
    ("完成 None", "prints None"),
    ("均值 nan", "prints nan"),
    ("中断始于港内 False", "prints Python boolean"),
    ("本国 MID ['412']", "prints Python repr"),
    ("规则 foreign_vessel", "prints raw identifier"),
    ("平均完成率 0.0%（报送率0/4）", "a mean of nothing reported shown as 0 %"),
    ("- Select an option -", "English 'Select an option'"),
])
def test_the_checks_find_what_a_user_should_not_read(text: str, finding: str) -> None:
    assert [problem for problem in text_findings(text) if problem.startswith(finding)] != []


@pytest.mark.parametrize("text", ["36.20000°N", "平均完成率 75.0%（报送率14/68）", "MMSI 412000001", "2.8 亿元", "GDP"])
def test_the_checks_pass_what_a_user_may_read(text: str) -> None:
    assert text_findings(text) == []
