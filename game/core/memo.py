"""Memo of what a grid's terrain fixes for good (step costs, movement graphs, viewsheds, AI distance fields),
shared by every game played on that grid object, so a worker that plays many seeds computes each once.

Entries are pure functions of the grid and the key, so sharing them changes no game. Arrays stored here are
made read-only: a caller that needs to change one copies it first.

Example::

    sight = memo_table(grid, "viewshed")[(cell, radius)]  # a spotting.Sight
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from itertools import islice
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")
_MEMOS: dict[int, dict[str, dict[Any, Any]]] = {}


def memo_table(grid: object, name: str) -> dict[Any, Any]:
    """The named memo table of ``grid`` (created empty; dropped with the grid). An owner with a ``memo`` dict
    (a grid, a movement graph: compiled by the native build, they cannot be weakly referenced) keeps its
    tables there; any other object's are kept here until it is collected."""
    tables: dict[str, dict[Any, Any]] | None = getattr(grid, "memo", None)
    if tables is None:
        tables = _MEMOS.get(id(grid))
    if tables is None:
        tables = _MEMOS[id(grid)] = {}
        weakref.finalize(grid, _MEMOS.pop, id(grid), None)
    table = tables.get(name)
    if table is None:
        table = tables[name] = {}
    return table


def memoised(grid: object, name: str, key: Any, make: Callable[[], T], *, limit: int | None = None) -> T:
    """``make()`` for ``key``, computed once per grid; with ``limit``, the oldest tenth of the table is
    forgotten when it is full."""
    table = memo_table(grid, name)
    try:
        return table[key]
    except KeyError:
        pass
    value = make()
    if limit is not None and len(table) >= limit:
        for old in list(islice(table, max(1, limit // 10))):
            del table[old]
    table[key] = value
    return value


def frozen(a: np.ndarray) -> np.ndarray:
    """``a`` made read-only (shared arrays must never be changed in place)."""
    a.flags.writeable = False
    return a


def clear_memo(grid: object, name: str | None = None) -> None:
    """Empty one table of ``grid`` (or all of them) in place, e.g. to time a cold start."""
    tables: dict[str, dict[Any, Any]] | None = getattr(grid, "memo", None)
    for key, table in (tables if tables is not None else _MEMOS.get(id(grid), {})).items():
        if name is None or key == name:
            table.clear()
