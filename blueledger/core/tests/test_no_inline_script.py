"""No template carries code the enforced content security policy would refuse: no `<script>` without `src`,
no `on…=` event attribute, no `hx-on` (htmx would eval it), no `javascript:` URL. Page code belongs in a static
file with its data passed by `json_script` (see COMMON rules); this scan stops an inline script coming back,
which the browser would refuse silently."""

from __future__ import annotations

import re
from pathlib import Path

import blueledger

PACKAGE = Path(blueledger.__file__).resolve().parent
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-z]+|hx-on[:\-a-z]*)\s*=", re.IGNORECASE | re.DOTALL)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


def _templates() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.html") if "templates" in p.parts)


def inline_code(text: str) -> list[str]:
    """What in one template's text would run as inline code."""
    found = [f"<script{attrs}>" for attrs in SCRIPT_TAG.findall(text) if not re.search(r"\ssrc\s*=", attrs)]
    found += [f"{name}=" for name in EVENT_ATTRIBUTE.findall(text)]
    found += ["javascript:"] * len(JAVASCRIPT_URL.findall(text))
    return found


def test_the_scan_finds_each_kind_of_inline_code() -> None:
    text = ('<script>alert(1)</script><script src="/static/a.js" defer></script>'
            '<a href="javascript:void(0)">x</a><button type="button" onclick="go()">go</button>'
            '<div hx-on:click="go()"></div><img\n src="x" onerror="go()">')
    assert inline_code(text) == ["<script>", "onclick=", "hx-on:click=", "onerror=", "javascript:"]


def test_no_template_has_inline_code() -> None:
    templates = _templates()
    assert len(templates) > 50  # the scan really reads the tree's templates
    found = {str(p.relative_to(PACKAGE)): code for p in templates if (code := inline_code(p.read_text()))}
    assert found == {}
