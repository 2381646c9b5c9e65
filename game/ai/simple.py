"""The built-in policy: units go where ``Orders`` sends them and fight what their side has spotted.

Deterministic (no randomness of its own). It sees only what its side has spotted, and every order it
gives goes through ``Engine.submit`` like a player's.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from game.ai.fields import Field, FieldCache, reachable
from game.ai.orders import Orders
from game.core import actions as A
from game.core.engine import Engine
from game.core.grid import DIRS
from game.core.rules import combat
from game.core.rules.movement import blocked_cells, budget_min, climb_minutes, contact_cells
from game.core.units import Unit

Cell = tuple[int, int]
ASSAULT_ODDS = (1.0, 1.6)  # minimum odds to assault: attacker, defender
MIN_FIRE_EFFECT = 0.3  # expected casualties below which a unit does not give away its position


class SimplePolicy:
    """Plays one side: ``for action in policy.phase(eng): eng.submit(action)``."""

    def __init__(self, eng: Engine, side: str) -> None:
        self.side = side
        self.fields = FieldCache(eng)
        self.orders = Orders(eng, side, self.fields)

    def phase(self, eng: Engine) -> Iterator[A.Action]:
        """Yield this side's actions for the current phase, ending with EndTurn."""
        for uid in [u.id for u in eng.state.units_of(self.side)]:
            u = eng.state.units.get(uid)
            if u is None or not u.alive:
                continue
            yield from self._unit_actions(eng, u)
        yield A.EndTurn(self.side)

    def _unit_actions(self, eng: Engine, u: Unit) -> Iterator[A.Action]:
        if u.routed:
            yield self._fall_back(eng, u) or A.Rally(u.id)
            return
        attack = self._best_assault(eng, u)
        if attack:
            yield attack
            return
        goal, near = self.orders.goal(eng, u)
        moving = goal is not None and max(abs(u.row - goal[0]), abs(u.col - goal[1])) > near
        if moving and goal is not None:
            yield from self._advance(eng, u, goal)
            attack = None if u.fired or u.climbing else self._best_assault(eng, u)
            if attack:  # closed with the enemy on the way: go in
                yield attack
                return
        if not u.fired:
            fire = self._best_fire(eng, u)
            if fire:
                yield fire
                return
        if not moving and u.used_min == 0:
            ut = eng.setup.unit_types[u.type_id]
            yield A.DigIn(u.id) if ut.can("dig_in") and u.posture != "dug_in" else A.Hold(u.id)

    # ------------------------------------------------------------------ movement
    def _steer(self, eng: Engine, u: Unit, goal: Cell) -> Cell:
        """Cell whose distance field steers the unit: outside the city, city goals steer by its centre."""
        city = eng.setup.city_zone
        if city and eng.setup.grid.zones[city][goal] and not eng.setup.grid.zones[city][u.pos]:
            return self.orders.city_centre(eng) or goal
        return goal

    def _advance(self, eng: Engine, u: Unit, goal: Cell) -> Iterator[A.Action]:
        """Walk down the distance field as far as this turn's time allows; climb where the way is a cliff."""
        ut = eng.setup.unit_types[u.type_id]
        climb = ut.can("climb")
        target = self._steer(eng, u, goal)
        field = self.fields.to(target, u.pos, ut.move_class, climb)
        if not reachable(field, u.pos):
            climb = False
            field = self.fields.to(target, u.pos, ut.move_class, False)
            if not reachable(field, u.pos):
                return
        graph = eng.graph_for(u)
        grid = eng.setup.grid
        blocked = blocked_cells(eng.ctx, u)
        contact = contact_cells(eng.ctx, u)
        budget_s = budget_min(eng.ctx, u) * 60.0
        path: list[Cell] = [u.pos]
        spent = 0.0
        cur = u.pos
        while True:
            best, best_v = None, field[cur]
            for dr, dc in DIRS:
                n = (cur[0] + dr, cur[1] + dc)
                if grid.in_bounds(*n) and not blocked[n] and n not in path and field[n] < best_v:
                    best, best_v = n, field[n]
            if best is None:
                break
            if climb and grid.is_cliff_between(cur, best):
                if len(path) == 1 and (climb_minutes(eng.ctx, cur, best) * 60.0 <= budget_s or u.used_min == 0):
                    yield A.Climb(u.id, best)
                    return
                break  # reach the foot of the cliff first; climb with the next order
            step = graph.step_cost(cur, best)
            if step <= 0 or spent + step > budget_s:
                break
            spent += step
            path.append(best)
            cur = best
            if contact[cur]:
                break  # coming into contact ends the move
        if len(path) > 1:
            yield A.Move(u.id, path[-1], tuple(path))
            if climb and u.pos == path[-1]:
                yield from self._maybe_climb(eng, u, field)

    def _maybe_climb(self, eng: Engine, u: Unit, field: Field) -> Iterator[A.Action]:
        grid = eng.setup.grid
        for dr, dc in DIRS:
            n = (u.row + dr, u.col + dc)
            if grid.in_bounds(*n) and grid.is_cliff_between(u.pos, n) and field[n] < field[u.pos]:
                if climb_minutes(eng.ctx, u.pos, n) <= budget_min(eng.ctx, u):
                    yield A.Climb(u.id, n)
                return

    def _fall_back(self, eng: Engine, u: Unit) -> A.Action | None:
        """A routed unit next to the enemy moves to the reachable neighbour cell farthest from them."""
        enemies = [eng.state.units[t].pos for t in eng.spotted_by(self.side)]
        if not any(max(abs(r - u.row), abs(c - u.col)) <= 1 for r, c in enemies):
            return None
        graph, blocked = eng.graph_for(u), blocked_cells(eng.ctx, u)
        best, best_d = None, min(math.hypot(r - u.row, c - u.col) for r, c in enemies)
        for dr, dc in DIRS:
            n = (u.row + dr, u.col + dc)
            if not eng.setup.grid.in_bounds(*n) or blocked[n] or graph.step_cost(u.pos, n) <= 0:
                continue
            d = min(math.hypot(r - n[0], c - n[1]) for r, c in enemies)
            if d > best_d:
                best, best_d = n, d
        return A.Move(u.id, best, (u.pos, best)) if best else None

    # ------------------------------------------------------------------ fighting
    def _best_fire(self, eng: Engine, u: Unit) -> A.Action | None:
        adjacent_bonus = 0.25
        best, best_e = None, MIN_FIRE_EFFECT
        reach_cells = max(w.range_m for w in eng.setup.unit_types[u.type_id].weapons) / eng.setup.grid.cell_m
        for tid in eng.spotted_by(self.side):
            t = eng.state.units[tid]
            if math.hypot(t.row - u.row, t.col - u.col) > reach_cells:
                continue
            plan = combat.plan_fire(eng.ctx, A.Fire(u.id, tid))
            if isinstance(plan, str):
                continue
            # fire to suppress a neighbour before an assault, even when it kills few
            value = plan.expected + (adjacent_bonus if max(abs(t.row - u.row), abs(t.col - u.col)) <= 1 else 0)
            if value > best_e:
                best, best_e = A.Fire(u.id, tid), value
        return best

    def _best_assault(self, eng: Engine, u: Unit) -> A.Action | None:
        best, best_r = None, ASSAULT_ODDS[0 if eng.setup.roles[self.side] == "attacker" else 1]
        for t in eng.state.enemies_of(self.side):
            if max(abs(t.row - u.row), abs(t.col - u.col)) != 1:
                continue
            plan = combat.plan_assault(eng.ctx, A.Assault(u.id, t.id))
            if not isinstance(plan, str) and plan.ratio > best_r:
                best, best_r = A.Assault(u.id, t.id), plan.ratio
        return best
