"""Check the ``save`` field of a save's header: who plays which side and what the AI remembers.

The header is user data: anything in it may be missing, the wrong type or tampered with. Each check
raises SaveMetaError with ``FILE:1: save.FIELD: what was expected, got what`` so a garbage field never
reaches the session or an AI policy. Example of a valid field::

    {"humans": ["attacker"], "turn": 3, "saved_at": "2020-11-05T10:30:00", "note": "",
     "ai": {"defender": {"blockers": {"lachin_road": ["d2", [5, 14]]}}}}
"""

from __future__ import annotations

from typing import Any

from game.core.engine import Engine

AI_MEMORY_KEYS = ("blockers",)  # what SimplePolicy.memory() returns; extend with the policy


class SaveMetaError(ValueError):
    """A malformed ``save`` field; the message names the file, line 1 and the field."""


def shape(value: Any) -> str:
    """A value's kind in a player's words, for 'expected ..., got ...'."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value!r}" if len(repr(value)) <= 20 else "a number"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return "a mapping" if isinstance(value, dict) else type(value).__name__


def _fail(where: str, field: str, expected: str, value: Any) -> SaveMetaError:
    return SaveMetaError(f"{where}: {field}: expected {expected}, got {shape(value)}")


def check_save_meta(where: str, meta: Any, eng: Engine) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """Validate the header's ``save`` field against the rebuilt game; returns (human sides, AI memory).

    A record without a ``save`` field (e.g. from ``simulate --record``) loads with no human sides."""
    if meta is None:
        return [], {}
    if not isinstance(meta, dict):
        raise _fail(where, "save", "a mapping (humans, turn, saved_at, note, ai)", meta)
    for key, kind in (("turn", int), ("saved_at", str), ("note", str)):
        value = meta.get(key)
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            raise _fail(where, f"save.{key}", "a whole number" if kind is int else "text", value)
    sides = list(eng.setup.sides)
    humans = meta.get("humans", [])
    if not isinstance(humans, list) or not all(isinstance(s, str) for s in humans):
        raise _fail(where, "save.humans", f"a list of sides (from {', '.join(sides)})", humans)
    for s in humans:
        if s not in sides:
            raise _fail(where, "save.humans", f"sides of the scenario ({', '.join(sides)})", s)
    return [s for s in sides if s in humans], check_ai(where, meta.get("ai", {}), eng)


def check_ai(where: str, ai: Any, eng: Engine) -> dict[str, dict[str, Any]]:
    """Validate ``save.ai``: side -> the memory its AI saved; returns it (an empty dict for null)."""
    if ai is None:
        return {}
    sides = list(eng.setup.sides)
    if not isinstance(ai, dict):
        raise _fail(where, "save.ai", f"a mapping of sides ({', '.join(sides)}) to what their AI remembers", ai)
    for side, memory in ai.items():
        if side not in sides:
            raise _fail(where, "save.ai", f"sides of the scenario ({', '.join(sides)}) as keys", side)
        field = f"save.ai.{side}"
        if not isinstance(memory, dict):
            raise _fail(where, field, f"a mapping with {', '.join(AI_MEMORY_KEYS)}", memory)
        for key in memory:
            if key not in AI_MEMORY_KEYS:
                raise _fail(where, field, f"only the keys {', '.join(AI_MEMORY_KEYS)}", key)
        _check_blockers(where, f"{field}.blockers", memory.get("blockers", {}), side, eng)
    return ai


def _check_blockers(where: str, field: str, blockers: Any, side: str, eng: Engine) -> None:
    """``blockers``: road id -> [unit id of ``side``, [row, col] on the map]."""
    if not isinstance(blockers, dict):
        raise _fail(where, field, "a mapping of road ids to [unit id, [row, col]]", blockers)
    roads = eng.setup.grid.roads
    units = eng.state.units
    rows, cols = eng.setup.grid.shape
    for road, item in blockers.items():
        f = f"{field}.{road}"
        if road not in roads:
            raise _fail(where, field, f"roads of the scenario ({', '.join(sorted(roads))}) as keys", road)
        if not isinstance(item, list) or len(item) != 2:
            raise _fail(where, f, "[unit id, [row, col]]", item)
        uid, cell = item
        if not isinstance(uid, str) or uid not in units or units[uid].side != side:
            raise _fail(where, f"{f}.0", f"the id of a unit of {side}", uid)
        if (not isinstance(cell, list) or len(cell) != 2
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in cell)):
            raise _fail(where, f"{f}.1", "a cell [row, col] of whole numbers", cell)
        if not (0 <= cell[0] < rows and 0 <= cell[1] < cols):
            raise SaveMetaError(f"{where}: {f}.1: the cell {cell} is off the map ({rows} x {cols} cells)")
