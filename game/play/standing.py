"""Standing orders: a human side's orders that last several turns (headless; kept in ``Engine.memory``).

A move beyond this turn's reach is kept as a standing order and carried out at the start of each of
the side's turns through ``Engine.submit`` (a plain ``Move`` with its path, like any order), until the
unit arrives, comes into contact, has a step refused, or the player gives it another order. A "hold"
standing order submits ``Hold`` each turn. Orders given together share a ``group`` and advance at the
pace of the slowest: each turn every member walks the same share of its remaining route, the share the
slowest can walk. A ``night`` order waits for a night turn (infiltration).

The orders live in ``eng.memory[side]["standing"]`` so saves, undo and snapshots keep them::

    {"turn": 7, "orders": {"sf_1": {"kind": "move", "to": [87, 111], "fastest": false,
                                    "night": true, "group": "g1"}}}

``turn`` is the last turn whose orders were carried out (a reloaded game does not repeat them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from game.core import actions as A
from game.core.engine import Engine, Result
from game.core.events import Notice
from game.core.rules import movement
from game.core.units import Unit
from game.core.whereabouts import where
from game.play.player_path import player_path

Cell = tuple[int, int]
KEY = "standing"
KINDS = ("move", "hold")


@dataclass(frozen=True)
class Order:
    """One unit's standing order: move to ``to`` (or hold), by the fastest way, only by night, in a group."""

    unit: str
    to: Cell
    kind: str = "move"
    fastest: bool = False
    night: bool = False
    group: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "to": [self.to[0], self.to[1]], "fastest": self.fastest, "night": self.night,
                "group": self.group}

    @classmethod
    def from_dict(cls, unit: str, d: dict[str, Any]) -> Order:
        return cls(unit, (int(d["to"][0]), int(d["to"][1])), d.get("kind", "move"), bool(d.get("fastest", False)),
                   bool(d.get("night", False)), str(d.get("group", "")))


# ---------------------------------------------------------------------- storage
def _store(eng: Engine, side: str) -> dict[str, Any]:
    return eng.memory.setdefault(side, {}).setdefault(KEY, {"turn": -1, "orders": {}})


def orders_of(eng: Engine, side: str) -> dict[str, Order]:
    """The side's standing orders by unit id (id order); orders of dead units are left out."""
    raw = eng.memory.get(side, {}).get(KEY, {}).get("orders", {})
    units = eng.state.units
    return {uid: Order.from_dict(uid, raw[uid]) for uid in sorted(raw) if uid in units and units[uid].alive}


def give(eng: Engine, side: str, order: Order) -> None:
    """Keep ``order`` (replacing the unit's earlier one)."""
    _store(eng, side)["orders"][order.unit] = order.to_dict()


def cancel(eng: Engine, side: str, unit_id: str) -> bool:
    """Drop the unit's standing order; True if it had one."""
    return _store(eng, side)["orders"].pop(unit_id, None) is not None


def new_group_id(eng: Engine, side: str) -> str:
    """A group id not used by the side's current orders ("g1", "g2", ...)."""
    used = {o.group for o in orders_of(eng, side).values()}
    return next(f"g{i}" for i in range(1, len(used) + 2) if f"g{i}" not in used)


def place_phrase(eng: Engine, cell: Cell) -> str:
    """Where ``cell`` is in a player's words ("in Sighnag / Sghnakh", "2 km NE of ...")."""
    return where(eng.setup.grid, cell)


def say(eng: Engine, side: str, text: str) -> str:
    """Put a line in the side's log (display only, not the game state) and return it."""
    eng.log.append(Notice(turn=eng.state.turn, text=text, seen_by=(side,)))
    return text


# ---------------------------------------------------------------------- time estimates
def _speed(eng: Engine, u: Unit, turn: int) -> float:
    """Movement speed factor of the unit's class in ``turn`` (weather x darkness, as ``Context.speed_factor``)."""
    mc = eng.setup.grid.table.move_classes[eng.setup.unit_types[u.type_id].move_class]
    night = eng.clock.night_share(turn)
    return eng.clock.weather(turn).move_factor * (1.0 - night * (1.0 - mc.night_factor))


def capacities(eng: Engine, u: Unit, *, night: bool = False, turns: int = 60) -> list[tuple[int, float]]:
    """Seconds of this turn's path costs the unit can walk in each coming turn: ``[(turn, seconds), ...]``.

    This turn counts what is left of it; later turns a full rested budget, scaled by their length and
    their darkness (path costs are this turn's). ``night``: day turns count zero (the order waits).
    """
    now = eng.state.turn
    last = eng.clock.last_turn
    full = movement.full_budget_min(eng.ctx, u) * 60.0 / max(eng.clock.hours(now), 1e-9)
    here = _speed(eng, u, now)
    out = []
    for t in range(now, min(now + turns, last + 1)):
        cap = movement.budget_min(eng.ctx, u) * 60.0 if t == now else \
            full * eng.clock.hours(t) * _speed(eng, u, t) / max(here, 1e-9)
        out.append((t, 0.0 if night and not eng.clock.is_night(t) else cap))
    return out


def turn_ends(total_s: float, caps: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Where each turn's walking ends along a route of ``total_s``: ``[(turn, cumulative seconds), ...]``.

    Example: 10 h with 4 h this turn and 8 h the next gives [(t, 4 h), (t + 1, 10 h)]."""
    out, done = [], 0.0
    for t, cap in caps:
        if done >= total_s - 1e-6:
            break
        if cap <= 0:
            continue
        done = min(total_s, done + cap)
        out.append((t, done))
    return out


def path_seconds(eng: Engine, u: Unit, path: list[Cell]) -> list[float]:
    """Cumulative seconds along ``path`` at this turn's costs (0 at the start)."""
    graph = eng.graph_for(u)
    out = [0.0]
    for a, b in zip(path, path[1:], strict=False):
        out.append(out[-1] + graph.step_cost(a, b))
    return out


def cell_at(path: list[Cell], cum: list[float], seconds: float) -> int:
    """Index of the last cell of ``path`` reached within ``seconds``."""
    i = 0
    while i + 1 < len(path) and cum[i + 1] <= seconds + 1e-6:
        i += 1
    return i


@dataclass(frozen=True)
class Route:
    """A standing move as it stands now: the path and the turn each part of it is walked in."""

    path: list[Cell]
    marks: list[tuple[int, int]]  # (index into path where a turn's walking ends, that turn)


def routes(eng: Engine, side: str, ids: list[str] | None = None) -> dict[str, Route]:
    """The planned routes of the side's standing moves (of ``ids`` only, if given), with turn marks.

    A group's marks follow the slowest member: every member ends each turn at the same share of its route.
    """
    orders = {k: o for k, o in orders_of(eng, side).items() if o.kind == "move" and (ids is None or k in ids)}
    out: dict[str, Route] = {}
    for group in _groups(orders):
        plans = {}
        for uid in group:
            u, o = eng.state.units[uid], orders[uid]
            path = player_path(eng, u, o.to, fastest=o.fastest)
            if path is not None and len(path) > 1:
                cum = path_seconds(eng, u, path)
                plans[uid] = (path, cum, turn_ends(cum[-1], capacities(eng, u, night=o.night)))
        if not plans:
            continue
        slow = max(plans, key=lambda k: (len(plans[k][2]), k))
        path0, cum0, ends0 = plans[slow]
        shares = [(t, s / max(cum0[-1], 1e-9)) for t, s in ends0]
        for uid, (path, cum, _) in plans.items():
            marks = [(cell_at(path, cum, share * cum[-1]), t) for t, share in shares]
            out[uid] = Route(path, marks)
    return out


def _groups(orders: dict[str, Order]) -> list[list[str]]:
    """Unit ids by group (an ungrouped order is a group of one), in id order."""
    groups: dict[str, list[str]] = {}
    for uid, o in orders.items():
        groups.setdefault(o.group or f"#{uid}", []).append(uid)
    return [groups[k] for k in sorted(groups, key=lambda k: groups[k][0])]


# ---------------------------------------------------------------------- carrying them out
def start_turn(eng: Engine, side: str) -> list[str]:
    """At the start of the side's turn: carry out its standing orders once (a no-op if already done)."""
    store = _store(eng, side)
    if store["turn"] == eng.state.turn or eng.state.side != side or eng.state.game_over:
        return []
    store["turn"] = eng.state.turn
    return advance(eng, side)


Submit = Callable[[A.Action], Result]


def advance(eng: Engine, side: str, ids: list[str] | None = None, submit: Submit | None = None) -> list[str]:
    """Carry out the side's standing orders (of ``ids`` only, if given) for this turn; returns what was said.

    Each step goes through ``submit`` (``Engine.submit`` by default). An order ends on arrival (said), on
    contact or a refused step (said, with the reason). Holding orders submit ``Hold``."""
    submit = submit or eng.submit
    said: list[str] = []
    store = _store(eng, side)
    for uid in [k for k in store["orders"] if k not in eng.state.units or not eng.state.units[k].alive]:
        del store["orders"][uid]
    orders = {k: o for k, o in orders_of(eng, side).items() if ids is None or k in ids}
    for uid, o in orders.items():
        if o.kind == "hold":
            u = eng.state.units[uid]
            if u.used_min <= 0 and not u.fired:
                res = submit(A.Hold(uid))
                if not res.ok:
                    cancel(eng, side, uid)
                    said.append(say(eng, side, f"{u.name} stops holding: {res.reason}"))
    moves = {k: o for k, o in orders.items() if o.kind == "move"}
    for group in _groups(moves):
        said += walk_group(eng, side, [moves[k] for k in group], submit)
    return said


def walk_group(eng: Engine, side: str, group: list[Order], submit: Submit, *, fresh: bool = False) -> list[str]:
    """Walk one group's members this turn at the pace of the slowest (the smallest share of its route).

    The orders need not be stored yet: each is kept (``give``) after its step unless it ended, so an order
    given now and undone with its first step leaves nothing behind. A ``fresh`` order (given just now) may
    start in contact: its first step is the player's choice."""
    said: list[str] = []
    plans: dict[str, tuple[Order, list[Cell], list[float]]] = {}
    for o in group:
        u = eng.state.units[o.unit]
        if u.pos == o.to:
            cancel(eng, side, o.unit)
            said.append(say(eng, side, f"{u.name} has arrived {place_phrase(eng, o.to)}."))
        elif (o.night and not eng.clock.is_night(eng.state.turn)) or u.climbing:
            give(eng, side, o)  # waits for darkness, or for the climb to end
        elif not fresh and movement.contact_cells(eng.ctx, u)[u.pos]:
            cancel(eng, side, o.unit)
            said.append(say(eng, side, f"{u.name} is in contact with the enemy {place_phrase(eng, u.pos)}: "
                                       "its standing order is stopped."))
        else:
            path = player_path(eng, u, o.to, fastest=o.fastest)
            if path is None:
                cancel(eng, side, o.unit)
                said.append(say(eng, side, f"{u.name} stops: {movement.why_unreachable(eng.ctx, u, o.to)}"))
            else:
                plans[o.unit] = (o, path, path_seconds(eng, u, path))
    if not plans:
        return said
    share = min(1.0, min(movement.budget_min(eng.ctx, eng.state.units[k]) * 60.0 / max(cum[-1], 1e-9)
                         for k, (_, _, cum) in plans.items()))
    for o, path, cum in plans.values():
        said += _walk(eng, side, o, path, cum, share * cum[-1], submit)
    return said


def _walk(eng: Engine, side: str, o: Order, path: list[Cell], cum: list[float], seconds: float,
          submit: Submit) -> list[str]:
    """Submit the move along ``path`` as far as ``seconds`` allow, stopping at the first contact cell."""
    u = eng.state.units[o.unit]
    end = cell_at(path, cum, seconds)
    stop = movement.first_contact(path, movement.contact_cells(eng.ctx, u))
    contact = stop <= end and stop < len(path) - 1
    end = min(end, stop)
    if end == 0:
        give(eng, side, o)  # no time left this turn: it goes on next turn
        return []
    leg = path[:end + 1]
    res = submit(A.Move(o.unit, leg[-1], tuple(leg)))
    return _after_step(eng, side, o, res, leg[-1], contact)


def _after_step(eng: Engine, side: str, o: Order, res: Result, meant: Cell, contact: bool) -> list[str]:
    """Keep the order, or stop it and say why: arrival, a refused step, a contact or a halt short of the leg."""
    u = eng.state.units[o.unit]
    cancel(eng, side, o.unit)
    if not res.ok:
        return [say(eng, side, f"{u.name}'s standing order is stopped: {res.reason}")]
    if not u.alive:
        return []
    if contact or u.pos != meant or any(e.kind == "contact" for e in res.events):
        return [say(eng, side, f"{u.name} came into contact with the enemy {place_phrase(eng, u.pos)} "
                               "and stopped; its standing order is cancelled.")]
    if u.pos == o.to:
        return [say(eng, side, f"{u.name} has arrived {place_phrase(eng, u.pos)}.")]
    give(eng, side, o)
    return []
