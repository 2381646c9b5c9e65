"""The state of a plan's tasks for one side: which have started, which are achieved, what each unit does.

Kept in the side's standing orders (``SideView.memory["tasks"]``), so a saved or restored game goes on
exactly where it was. Triggers are things a commander can observe; none is a date or a turn number.
"""

from __future__ import annotations

import math

import numpy as np

from game.ai.view import SideView
from game.core.params import cells
from game.core.plans import Plan, Task
from game.core.units import Unit

Cell = tuple[int, int]
ASSEMBLE_M = 1000.0  # a group within this of its centre counts as assembled (game assumption)
ARRIVED_CELLS = 2
CAPTURE_SHARE = 0.75  # share of a zone to control for attack_zone, unless an objective says otherwise
PLACE_CELLS = 2  # an attack on a place fights the enemies this close to it
STRAGGLER_WAIT_H = 24.0  # a group waits this long after its first unit arrives, then goes on (assumption)


def group_units(view: SideView, task: Task) -> list[Unit]:
    """The task's living units (not copies: read them within one decision only, see ``SideView.peek_unit``)."""
    return [u for u in map(view.peek_unit, task.group) if u is not None]


def waypoint_key(task: Task, unit_id: str) -> str:
    """The unit's entry in the side's ``waypoint`` memory: the index of its next waypoint of the task."""
    return f"{task.id}:{unit_id}"


def near(a: Cell, b: Cell, n: int) -> bool:
    return max(abs(a[0] - b[0]), abs(a[1] - b[1])) <= n


def centre(units: list[Unit]) -> Cell:
    return (round(sum(u.row for u in units) / len(units)), round(sum(u.col for u in units) / len(units)))


class TaskBoard:
    """Task states of one plan: ``waiting`` -> ``active`` -> ``achieved``; continuing tasks keep their units."""

    def __init__(self, view: SideView, plan: Plan) -> None:
        self.view = view
        self.plan = plan
        self.state: dict[str, str] = view.memory.setdefault("tasks", {})
        for t in plan.tasks:
            self.state.setdefault(t.id, "waiting")
        self._current: dict[str, Task | None] = {}  # unit id -> its task, while no task changes state
        self._achieved = {k for k, v in self.state.items() if v == "achieved"}  # (only update changes the states)

    def achieved(self, task_id: str) -> bool:
        return self.state.get(task_id) == "achieved"

    def update(self) -> list[str]:
        """Start tasks whose triggers hold and mark achieved ones; returns the ids that changed."""
        changed = []
        for t in self.plan.tasks:
            before = self.state[t.id]
            if before == "waiting" and self.triggered(t):
                self.state[t.id] = "active"
                self._current.clear()
            if self.state[t.id] == "active" and self.is_achieved(t):
                self.state[t.id] = "achieved"
                self._achieved.add(t.id)
                self._current.clear()
            if self.state[t.id] != before:
                changed.append(t.id)
        return changed

    def current(self, unit_id: str) -> Task | None:
        """The unit's task now: the last one in plan order that has it, has started, and still needs it."""
        if unit_id in self._current:
            return self._current[unit_id]
        out = None
        for t in self.plan.tasks:
            if unit_id not in t.group:
                continue
            s = self.state[t.id]
            if s == "active" or (s == "achieved" and t.continuing):
                out = t
        self._current[unit_id] = out
        return out

    # ------------------------------------------------------------------ triggers
    def triggered(self, t: Task) -> bool:
        v, tr = self.view, t.start
        # every check is a pure question: the cheapest go first
        if not self._achieved.issuperset(tr.after):
            return False
        if tr.darkness is not None and v.night != tr.darkness:
            return False
        if tr.weather and v.weather not in tr.weather:
            return False
        units = group_units(v, t)
        if not units:
            return False
        if any(not v.road_cut_by_us(r) for r in tr.road_cut) or any(v.road_cut_by_enemy(r) for r in tr.road_open):
            return False
        own = v.peek_own()
        for z in tr.zone_entered:
            if not any(v.grid.zones[z][u.pos] for u in own):
                return False
        enemies = v.peek_enemies()
        if tr.enemy_seen_in and not any(v.grid.zones[z][e.pos] for z in tr.enemy_seen_in for e in enemies):
            return False
        if tr.enemy_near_m is not None:
            reach = tr.enemy_near_m / v.grid.cell_m
            if not any(math.hypot(e.row - u.row, e.col - u.col) <= reach for e in enemies for u in units):
                return False
        if tr.min_ammo is not None and np.mean([u.ammo for u in units]) < tr.min_ammo:
            return False
        if tr.max_fatigue is not None and np.mean([u.fatigue for u in units]) > tr.max_fatigue:
            return False
        return not tr.assembled or self.assembled(units)

    def assembled(self, units: list[Unit]) -> bool:
        c = centre(units)
        return all(near(u.pos, c, max(1, cells(ASSEMBLE_M, self.view.grid.cell_m))) for u in units)

    # ------------------------------------------------------------------ achievement
    def is_achieved(self, t: Task) -> bool:
        v = self.view
        units = group_units(v, t)
        if not units:
            return t.kind not in ("hold", "screen", "patrol")  # a lost group's move is over
        if t.kind in ("move", "assemble", "climb"):
            # members a later task has taken over no longer hold this one up; with none left it is over
            units = [u for u in units if self.current(u.id) is t]
            return not units or self._arrived(t, [self._there(t, u) for u in units])
        if t.kind in ("cut_road", "fire_on_road"):
            assert t.road is not None
            return v.road_cut_by_us(t.road)
        if t.kind == "attack_zone" and t.zone is not None:
            return v.controls(t.zone) >= capture_share(v, t.zone)
        if t.kind == "attack_zone" and t.at is not None:  # a place: cleared of seen enemies, a unit on it
            return not enemies_near(v, t.at, PLACE_CELLS) and any(near(u.pos, t.at, 1) for u in units)
        if t.kind == "shell_zone":  # the guns are in position (stragglers as for a move)
            # (imported here: shelling reads the zone's centre from targets, which imports this module)
            from game.ai.shelling import in_position

            units = [u for u in units if self.current(u.id) is t]
            return not units or self._arrived(t, [in_position(v, t, u) for u in units])
        if t.kind == "rest":
            return float(np.mean([u.fatigue for u in units])) <= 20.0
        if t.kind == "resupply":
            return float(np.mean([u.ammo for u in units])) >= 80.0
        return True  # hold, patrol, screen: in effect as soon as they start

    def _there(self, t: Task, u: Unit) -> bool:
        """Whether the unit has done its part of a move, an assembly or a climb."""
        if t.kind == "move":
            return near(u.pos, t.via[-1], ARRIVED_CELLS)
        if t.kind == "assemble":
            assert t.at is not None
            return near(u.pos, t.at, max(ARRIVED_CELLS, cells(ASSEMBLE_M, self.view.grid.cell_m)))
        return u.id in self.view.memory.get("climbed", [])

    def _arrived(self, t: Task, there: list[bool]) -> bool:
        """All there, or some there and the stragglers waited for a day (they follow on their own)."""
        if all(there):
            return True
        first: dict[str, int] = self.view.memory.setdefault("arrived", {})
        if not any(there):
            return False
        first.setdefault(t.id, self.view.turn)
        return self.view.hours_since(first[t.id]) >= STRAGGLER_WAIT_H


def enemies_near(view: SideView, cell: Cell, n: int) -> list[Unit]:
    """Spotted enemies within ``n`` cells of ``cell``, nearest first (not copies: read them within one decision)."""
    out = view.peek_enemies_near(cell, n)
    return sorted(out, key=lambda e: (max(abs(e.row - cell[0]), abs(e.col - cell[1])), e.id))


def capture_share(view: SideView, zone: str) -> float:
    """The share of ``zone`` the side's own capture objective asks for (or CAPTURE_SHARE)."""
    return next((o.share for o in view.setup.objectives
                 if o.kind == "capture_zone" and o.zone == zone and o.side == view.side), CAPTURE_SHARE)
