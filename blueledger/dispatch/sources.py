"""Figures other apps supply for a round's targets, so that a target measured elsewhere fills itself like
the registry-bound ones (最多报一次). An app registers a source once (in its AppConfig.ready); the source
answers for the targets it binds and ignores the rest. Dispatch thereby reads economy figures without
importing the economy app."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class SourcedFigure:
    value: Decimal  # in the target's unit
    note: str  # written as the report's 进展情况: where the figure comes from


# (targets, the round's last day) → {target pk: figure}
FigureSource = Callable[[Sequence[Any], datetime.date], Mapping[int, SourcedFigure]]
_SOURCES: dict[str, FigureSource] = {}


def figure_source_register(name: str, source: FigureSource) -> None:
    """Registers (or replaces) the source called `name`."""
    _SOURCES[name] = source


def sourced_figures(quantities: Sequence[Any], as_of: datetime.date) -> dict[int, SourcedFigure]:
    """Every registered source's figures for `quantities` as of `as_of`; the first source to answer wins."""
    figures: dict[int, SourcedFigure] = {}
    if not quantities:
        return figures
    for source in _SOURCES.values():
        for pk, figure in source(quantities, as_of).items():
            figures.setdefault(pk, figure)
    return figures
