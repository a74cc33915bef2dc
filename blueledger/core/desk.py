"""The home page (工作台) of each role: its to-do list, gathered from the apps.

An app contributes panels as `desk_panels(*, user) -> list[DeskPanel]` in its own `desk.py`, discovered from
the installed apps like the demo steps, so core imports no app above it. A panel holds counts (each with a
link) and the entries behind them; an app returns no panel for a user it has nothing to say to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from django.apps import apps


@dataclass(frozen=True, slots=True)
class DeskCount:
    """One to-do heading (待填报 3) and where its items are listed. `tone` is a badge class: ok, pending, bad."""

    key: str
    label: str
    count: int
    url: str
    tone: str = ""
    hint: str = ""


@dataclass(frozen=True, slots=True)
class DeskEntry:
    """One item behind a count: what it is, where it is done, and which count it belongs to."""

    key: str
    text: str
    url: str
    detail: str = ""
    tone: str = ""
    tag: str = ""


@dataclass(frozen=True, slots=True)
class DeskPanel:
    title: str
    counts: tuple[DeskCount, ...]
    entries: tuple[DeskEntry, ...] = ()
    order: int = 50
    note: str = ""
    legend: tuple[tuple[str, str, str], ...] = field(default=())  # (tone, label, rule) shown beside colours


@cache  # the installed apps do not change while the process runs
def desk_modules() -> tuple[ModuleType, ...]:
    modules = []
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.desk"
        if app_config.name.startswith("blueledger.") and app_config.name != "blueledger.core" and find_spec(name):
            modules.append(import_module(name))
    return tuple(modules)


def desk_panels(user: Any) -> list[DeskPanel]:
    panels: list[DeskPanel] = []
    for module in desk_modules():
        panels.extend(module.desk_panels(user=user))
    return sorted(panels, key=lambda panel: panel.order)
