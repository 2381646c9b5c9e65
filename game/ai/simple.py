"""The built-in policy: attackers follow their route or head for the city, defenders hold and fight.

Deterministic (no randomness of its own). It sees only what its side has spotted.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from game.ai.fields import Field, FieldCache, reachable
from game.core import actions as A
from game.core.engine import Engine
from game.core.grid import DIRS
from game.core.rules import combat
from game.core.rules.movement import blocked_cells, budget_min, climb_minutes
from game.core.units import Unit

Cell = tuple[int, int]
ARRIVED_CELLS = 2
ASSAULT_ODDS = (1.1, 1.6)  # minimum odds to assault, first side then second


class SimplePolicy:
    """Plays one side: ``for action in policy.phase(eng): eng.submit(action)``."""

    def __init__(self, eng: Engine, side: str) -> None:
        self.side = side
        self.fields = FieldCache(eng)
        self.leg: dict[str, int] = {}  # unit id -> index of the route waypoint it is heading for
        self.routes = {r.group: r for r in eng.setup.history if r.side == side}
        self._centre: Cell | None = None

    def phase(self, eng: Engine) -> Iterator[A.Action]:
        """Yield this side's actions for the current phase, ending with EndTurn."""
        for uid in [u.id for u in eng.state.units_of(self.side)]:
            u = eng.state.units.get(uid)
            if u is None or not u.alive:
                continue
            yield from self._unit_actions(eng, u)
        yield A.EndTurn(self.side)

    # ------------------------------------------------------------------ per unit
    def _unit_actions(self, eng: Engine, u: Unit) -> Iterator[A.Action]:
        if u.routed:
            yield A.Rally(u.id)
            return
        attack = self._best_assault(eng, u)
        if attack:
            yield attack
            return
        goal = self._goal(eng, u)
        near = 0 if self.leg.get(u.id, 0) >= len(getattr(self.routes.get(u.id), "waypoints", ())) \
            else ARRIVED_CELLS
        at_goal = goal is None or max(abs(u.row - goal[0]), abs(u.col - goal[1])) <= near
        fire = self._best_fire(eng, u)
        if fire and (at_goal or self.side != eng.setup.sides[0]):
            yield fire
            return
        if not at_goal and goal is not None:
            yield from self._advance(eng, u, goal)
            if not u.fired:
                fire = self._best_fire(eng, u)
                if fire:
                    yield fire
            return
        if fire:
            yield fire
            return
        ut = eng.setup.unit_types[u.type_id]
        if ut.can("dig_in") and u.posture != "dug_in" and u.used_min == 0:
            yield A.DigIn(u.id)
        else:
            yield A.Hold(u.id)

    def _goal(self, eng: Engine, u: Unit) -> Cell | None:
        """The cell the unit heads for: its route's next waypoint, else the city for the first side."""
        route = self.routes.get(u.id)
        if route:
            i = self.leg.get(u.id, 0)
            while i < len(route.waypoints):
                wp = route.waypoints[i]
                cell = eng.setup.grid.frame.to_cell(wp.lat, wp.lon)
                if max(abs(u.row - cell[0]), abs(u.col - cell[1])) > ARRIVED_CELLS:
                    self.leg[u.id] = i
                    return cell
                i += 1
            self.leg[u.id] = i
        if self.side == eng.setup.sides[0] and eng.setup.city_zone:
            return self._city_cell(eng, u)
        return None

    def _city_cell(self, eng: Engine, u: Unit) -> Cell | None:
        """The nearest city cell, other than its own, that the side does not control yet."""
        mask = eng.setup.grid.zones[eng.setup.city_zone or ""]
        todo = mask & (eng.state.control != eng.setup.sides.index(self.side))
        todo[u.pos] = False
        if not todo.any():
            return None
        rows, cols = np.nonzero(todo)
        d = (rows - u.row) ** 2 + (cols - u.col) ** 2
        k = int(np.argmin(d))
        return int(rows[k]), int(cols[k])

    def _field_goal(self, eng: Engine, u: Unit, goal: Cell) -> Cell:
        """Goal cell whose distance field steers the unit: city sweeps steer by the city centre."""
        city = eng.setup.city_zone
        if not city:
            return goal
        mask = eng.setup.grid.zones[city]
        if not mask[goal]:
            return goal
        if mask[u.pos]:
            return goal
        if self._centre is None:
            rows, cols = np.nonzero(mask)
            k = int(np.argmin((rows - rows.mean()) ** 2 + (cols - cols.mean()) ** 2))
            self._centre = (int(rows[k]), int(cols[k]))
        return self._centre

    def _advance(self, eng: Engine, u: Unit, goal: Cell) -> Iterator[A.Action]:
        ut = eng.setup.unit_types[u.type_id]
        climb = ut.can("climb")
        goal = self._field_goal(eng, u, goal)
        field = self.fields.to(goal, u.pos, ut.move_class, climb)
        if not reachable(field, u.pos):
            field = self.fields.to(goal, u.pos, ut.move_class, False)
            climb = False
            if not reachable(field, u.pos):
                return
        graph = eng.graph_for(u)
        blocked = blocked_cells(eng, u)
        budget_s = budget_min(eng, u) * 60.0
        path: list[Cell] = [u.pos]
        spent = 0.0
        cur = u.pos
        grid = eng.setup.grid
        while True:
            best, best_v = None, field[cur]
            for dr, dc in DIRS:
                n = (cur[0] + dr, cur[1] + dc)
                if not grid.in_bounds(*n) or blocked[n] or n in path:
                    continue
                if field[n] < best_v:
                    best, best_v = n, field[n]
            if best is None:
                break
            if climb and grid.is_cliff_between(cur, best):
                if len(path) > 1:
                    break  # move to the foot of the cliff first; climb on the next order
                mins = climb_minutes(eng, cur, best)
                if mins * 60.0 <= budget_s or u.used_min == 0:
                    yield A.Climb(u.id, best)
                return
            step = graph.step_cost(cur, best)
            if step <= 0 or spent + step > budget_s:
                break
            spent += step
            path.append(best)
            cur = best
        if len(path) > 1:
            yield A.Move(u.id, path[-1], tuple(path))
            # after a move, a climber at the foot of a cliff may still have time to climb
            if climb and u.pos == path[-1]:
                yield from self._maybe_climb(eng, u, field)

    def _maybe_climb(self, eng: Engine, u: Unit, field: Field) -> Iterator[A.Action]:
        grid = eng.setup.grid
        for dr, dc in DIRS:
            n = (u.row + dr, u.col + dc)
            if grid.in_bounds(*n) and grid.is_cliff_between(u.pos, n) and field[n] < field[u.pos]:
                if climb_minutes(eng, u.pos, n) <= budget_min(eng, u):
                    yield A.Climb(u.id, n)
                return

    def _best_fire(self, eng: Engine, u: Unit) -> A.Action | None:
        best, best_e = None, 0.5
        reach_cells = max(w.range_m for w in eng.setup.unit_types[u.type_id].weapons) / eng.setup.grid.cell_m
        for tid in eng.spotted_by(self.side):
            t = eng.state.units[tid]
            if math.hypot(t.row - u.row, t.col - u.col) > reach_cells:
                continue
            plan = combat.plan_fire(eng, A.Fire(u.id, tid))
            if not isinstance(plan, str) and plan.expected > best_e:
                best, best_e = A.Fire(u.id, tid), plan.expected
        return best

    def _best_assault(self, eng: Engine, u: Unit) -> A.Action | None:
        threshold = ASSAULT_ODDS[min(eng.setup.sides.index(self.side), 1)]
        best, best_r = None, threshold
        for t in eng.state.enemies_of(self.side):
            if max(abs(t.row - u.row), abs(t.col - u.col)) != 1:
                continue
            plan = combat.plan_assault(eng, A.Assault(u.id, t.id))
            if not isinstance(plan, str) and plan.ratio > best_r and not math.isnan(plan.ratio):
                best, best_r = A.Assault(u.id, t.id), plan.ratio
        return best
