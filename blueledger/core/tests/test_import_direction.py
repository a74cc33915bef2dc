"""Imports point down: apps → core and lib, never back up; an app reaches another app only through its public
domain modules; engines import no Django and no app. An AST walk over blueledger/ (function-level imports
included), so a new app that breaks the rule fails here before it is copied.

The rule (docs/architecture.md says the same):

1. **Engines** (the Makefile's ENGINES: lib/, ledgers/extraction/, documents/reading/, dispatch/bulletin/,
   dispatch/progress.py, …) import no Django (django, rest_framework, simple_history, django_filters,
   drf_spectacular) and, of blueledger, only lib/ and other engines.
2. **core and lib** import no app. core/testing.py (the test factories, which build an app's rows by design)
   is the one file exempt.
3. **An app imports another app** only through: `models`, `choices`, `selectors` (reads), `services`
   (writes), `permissions` (who may), `presentation` (a figure printed the same on both apps' pages) and the
   other app's engines. Never its `views`, `forms`, `api`, `management`, `admin`, `urls`, `imports`,
   `exports`, `demo` or templatetags: those are the other app's surface, not its domain.
4. **Domain code** (models, choices, selectors, services, permissions) imports no `views`, `forms`, `api`,
   `management`, `admin` or `urls`, not even of its own app.

Tests (tests/, engine_tests/) and migrations are not checked; the project-level modules (settings, urls,
api_urls, cli, conftest) wire the apps together and may import any of them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
REPOSITORY = PACKAGE.parent
DJANGO_PACKAGES = ("django", "rest_framework", "simple_history", "django_filters", "drf_spectacular")
LOWER_LAYERS = ("core", "lib")
DOMAIN_MODULES = ("models", "choices", "selectors", "services", "permissions")
SURFACE_MODULES = ("views", "forms", "api", "management", "admin", "urls")
# `sources`: a hook an app offers the others to plug into (dispatch.sources: figures for a round's targets).
ALLOWED_APP_MODULES = ("models", "choices", "selectors", "services", "permissions", "presentation", "sources")
CORE_EXEMPT = ("core/testing.py",)
# Waiting for a merge, with the reason; remove the entry when it lands.
PENDING: dict[tuple[str, str], str] = {}


def _engines() -> tuple[str, ...]:
    """The ENGINES of the Makefile, relative to blueledger/ (the one list mypy --strict checks too)."""
    makefile = (REPOSITORY / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^ENGINES :=(.*?)(?:\n\n|\n[A-Za-z])", makefile, flags=re.MULTILINE | re.DOTALL)
    assert match, "Makefile has no ENGINES"
    paths = match.group(1).replace("\\", " ").split()
    return tuple(path.removeprefix("blueledger/") for path in paths if "engine_tests" not in path)


ENGINES = _engines()
APPS = tuple(
    sorted(path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists() and path.name != "locale")
)


def _is_engine(relative: str) -> bool:
    return any(relative == engine or relative.startswith(engine.rstrip("/") + "/") for engine in ENGINES)


def _names_an_engine(parts: list[str]) -> bool:
    """Whether blueledger.a.b… names an engine module or something inside one."""
    for end in range(2, len(parts) + 1):
        candidate = "/".join(parts[1:end])
        if _is_engine(candidate) or _is_engine(candidate + ".py"):
            return True
    return False


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every import; `from a.b import c` gives a.b.c, so a module imported from its
    package (`from blueledger.projects import indicators`) is seen as the module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def _checked_files() -> list[tuple[str, Path]]:
    files = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        parts = relative.split("/")
        if len(parts) == 1 or {"tests", "engine_tests", "migrations"} & set(parts):
            continue
        files.append((relative, path))
    return files


def _problem(relative: str, name: str) -> str | None:
    parts = name.split(".")
    source_app = relative.split("/")[0]
    if _is_engine(relative):
        if parts[0] in DJANGO_PACKAGES:
            return "an engine imports Django"
        if parts[0] == "blueledger" and len(parts) > 2 and not _names_an_engine(parts):
            return "an engine imports a part of blueledger that is not an engine"
        return None
    if parts[0] != "blueledger" or len(parts) < 3 or parts[1] not in APPS:
        return None
    target_app, module = parts[1], parts[2]
    source_module = relative.split("/")[1].removesuffix(".py") if "/" in relative else ""
    if source_module in DOMAIN_MODULES and module in SURFACE_MODULES:
        return f"domain code ({source_module}) imports {target_app}.{module}"
    if target_app == source_app or target_app in LOWER_LAYERS:
        return None
    if source_app in LOWER_LAYERS:
        if relative in CORE_EXEMPT or (relative, target_app) in PENDING:
            return None
        return f"{source_app} imports the app {target_app}"
    if module in ALLOWED_APP_MODULES:
        return None
    if _names_an_engine(parts):
        return None
    return f"{source_app} imports {target_app}.{module}, not one of {', '.join(ALLOWED_APP_MODULES)} or an engine"


def test_the_rule_reads_the_engines_and_apps_it_checks() -> None:
    assert "lib" in ENGINES and "ledgers/extraction" in ENGINES and "dispatch/progress.py" in ENGINES
    assert {"core", "lib", "orgs", "users", "documents", "ledgers", "dispatch", "projects"} <= set(APPS)


def test_imports_point_down() -> None:
    problems = [
        f"blueledger/{relative}:{line}: {problem} ({name})"
        for relative, path in _checked_files()
        for line, name in _imports(path)
        if (problem := _problem(relative, name)) is not None
    ]
    assert problems == []


def test_the_rule_catches_each_kind_of_wrong_arrow() -> None:
    assert _problem("dispatch/progress.py", "django.db.models") == "an engine imports Django"
    assert _problem("ledgers/extraction/pipeline.py", "blueledger.ledgers.models.Ledger") is not None
    assert _problem("lib/numbers.py", "blueledger.projects.models.Project") is not None
    assert _problem("core/history.py", "blueledger.projects.models.Project") == "core imports the app projects"
    assert _problem("core/permissions.py", "blueledger.users.choices.Role") == "core imports the app users"
    assert _problem("dispatch/services.py", "blueledger.projects.views.indicators") is not None
    assert _problem("projects/api/views.py", "blueledger.dispatch.management.commands") is not None
    assert _problem("projects/services.py", "blueledger.projects.forms.ProjectForm") is not None
    assert _problem("dispatch/services.py", "blueledger.projects.selectors.indicator_value") is None
    assert _problem("dispatch/exports.py", "blueledger.projects.indicators") is None  # an engine of projects
    assert _problem("ledgers/services.py", "blueledger.documents.reading.refusals.display_name") is None
