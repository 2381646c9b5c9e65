"""Check the ``save`` field of a save's header: who plays which side and what the AI remembers.

The header is user data: anything in it may be missing, the wrong type or tampered with. Each check
raises SaveMetaError with ``FILE:1: save.FIELD: what was expected, got what`` so a garbage field never
reaches the session or an AI policy. Example of a valid field::

    {"humans": ["attacker"], "turn": 3, "saved_at": "2020-11-05T10:30:00", "note": "",
     "ai": {"defender": {"tasks": {"hold": "active"}, "waypoint": {}, "climbed": []}}}
"""

from __future__ import annotations

from typing import Any

from game.core.engine import Engine
from game.core.plans import fallback_plan, plan_for
from game.play.standing import KEY as STANDING_KEY
from game.play.standing import KINDS as STANDING_KINDS

AI_MEMORY_KEYS = ("tasks", "waypoint", "climbed", "arrived")  # what PlanPolicy keeps in the side's standing orders
HUMAN_MEMORY_KEYS = (STANDING_KEY,)  # what a human side's standing orders keep (game.play.standing)
MEMORY_KEYS = AI_MEMORY_KEYS + HUMAN_MEMORY_KEYS
TASK_STATES = ("waiting", "active", "achieved")


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
    """Validate ``save.ai``: side -> the standing orders its AI saved; returns it (an empty dict for null)."""
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
            raise _fail(where, field, f"a mapping with {', '.join(MEMORY_KEYS)}", memory)
        for key in memory:
            if key not in MEMORY_KEYS:
                raise _fail(where, field, f"only the keys {', '.join(MEMORY_KEYS)}", key)
        _check_tasks(where, f"{field}.tasks", memory.get("tasks", {}), side, eng)
        _check_waypoints(where, f"{field}.waypoint", memory.get("waypoint", {}))
        _check_climbed(where, f"{field}.climbed", memory.get("climbed", []), side, eng)
        _check_arrived(where, f"{field}.arrived", memory.get("arrived", {}), eng)
        _check_standing(where, f"{field}.{STANDING_KEY}", memory.get(STANDING_KEY), side, eng)
    return ai


def _check_tasks(where: str, field: str, tasks: Any, side: str, eng: Engine) -> None:
    """``tasks``: task id of the side's plan -> waiting / active / achieved."""
    plan = plan_for(eng.setup, side) or fallback_plan(eng.setup, side)
    known = {t.id for t in plan.tasks}
    if not isinstance(tasks, dict):
        raise _fail(where, field, "a mapping of task ids to waiting / active / achieved", tasks)
    for tid, state in tasks.items():
        if tid not in known:
            raise _fail(where, field, f"tasks of the plan ({', '.join(sorted(known)) or 'none'}) as keys", tid)
        if state not in TASK_STATES:
            raise _fail(where, f"{field}.{tid}", " / ".join(TASK_STATES), state)


def _check_waypoints(where: str, field: str, waypoints: Any) -> None:
    """``waypoint``: "task:unit" -> the index of the unit's next waypoint."""
    if not isinstance(waypoints, dict):
        raise _fail(where, field, "a mapping of 'task:unit' to waypoint numbers", waypoints)
    for key, i in waypoints.items():
        if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < 1000:
            raise _fail(where, f"{field}.{key}", "a waypoint number from 0 to 999", i)


def _check_arrived(where: str, field: str, arrived: Any, eng: Engine) -> None:
    """``arrived``: task id -> the turn its group's first unit arrived (stragglers are waited for a day)."""
    if not isinstance(arrived, dict):
        raise _fail(where, field, "a mapping of task ids to turn numbers", arrived)
    for key, turn in arrived.items():
        if not isinstance(turn, int) or isinstance(turn, bool) or not 0 <= turn <= eng.state.turn:
            raise _fail(where, f"{field}.{key}", f"a turn number from 0 to {eng.state.turn}", turn)


def _check_climbed(where: str, field: str, climbed: Any, side: str, eng: Engine) -> None:
    """``climbed``: ids of the side's units that have made their plan's climb."""
    units = eng.state.units
    if not isinstance(climbed, list):
        raise _fail(where, field, "a list of unit ids", climbed)
    for uid in climbed:
        if not isinstance(uid, str) or uid not in units or units[uid].side != side:
            raise _fail(where, field, f"ids of units of {side}", uid)


def _check_standing(where: str, field: str, value: Any, side: str, eng: Engine) -> None:
    """``standing``: a human side's standing orders, ``{"turn": N, "orders": {unit: {kind, to, fastest, night,
    group}}}`` (see ``game.play.standing``)."""
    if value is None:
        return
    if not isinstance(value, dict) or set(value) - {"turn", "orders"}:
        raise _fail(where, field, "a mapping with turn and orders", value)
    turn = value.get("turn", -1)
    if not isinstance(turn, int) or isinstance(turn, bool) or not -1 <= turn <= eng.state.turn:
        raise _fail(where, f"{field}.turn", f"a turn number from -1 to {eng.state.turn}", turn)
    orders = value.get("orders", {})
    if not isinstance(orders, dict):
        raise _fail(where, f"{field}.orders", "a mapping of unit ids to orders", orders)
    units, grid = eng.state.units, eng.setup.grid
    for uid, order in orders.items():
        if uid not in units or units[uid].side != side:
            raise _fail(where, f"{field}.orders", f"ids of units of {side} as keys", uid)
        f = f"{field}.orders.{uid}"
        if not isinstance(order, dict) or set(order) - {"kind", "to", "fastest", "night", "group"}:
            raise _fail(where, f, "a mapping with kind, to, fastest, night, group", order)
        if order.get("kind", "move") not in STANDING_KINDS:
            raise _fail(where, f"{f}.kind", " / ".join(STANDING_KINDS), order.get("kind"))
        to = order.get("to")
        if not (isinstance(to, list) and len(to) == 2 and all(isinstance(x, int) and not isinstance(x, bool)
                                                               for x in to) and grid.in_bounds(*to)):
            rows, cols = grid.shape
            raise _fail(where, f"{f}.to", f"a cell [row, col] on the {rows} x {cols} map", to)
        for key in ("fastest", "night"):
            if not isinstance(order.get(key, False), bool):
                raise _fail(where, f"{f}.{key}", "true/false", order.get(key))
        if not isinstance(order.get("group", ""), str) or len(order.get("group", "")) > 40:
            raise _fail(where, f"{f}.group", "a short group name (text)", order.get("group"))
