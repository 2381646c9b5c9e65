"""The built-in AI: each side plays a plan from the scenario, seeing only what its side knows.

Each phase the task board starts the tasks whose triggers hold and marks the achieved ones; every
unit then carries out its current task (walk its waypoints by the route style, assemble, hold, patrol,
screen, cut or fire on a road, attack a zone, shell a zone, climb, rest, resupply) and fights what its side
has spotted as the task allows. Orders are checked with the rules before they are given, so the engine
never refuses one. Deterministic: no randomness of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from game.ai import shelling, tactics
from game.ai.descent import Avoid, downhill, step_table
from game.ai.fields import FieldCache, reachable
from game.ai.targets import attack_cell, centre_of_zone, climb_edge, road_cell, zone_centre
from game.ai.tasks import ARRIVED_CELLS, PLACE_CELLS, TaskBoard, enemies_near, near, waypoint_key
from game.ai.view import SideView
from game.core import actions as A
from game.core.grid import DIRS, Grid
from game.core.memo import memoised
from game.core.pathing import MoveGraph
from game.core.plans import Plan, Task, fallback_plan, plan_for
from game.core.setup import GameSetup
from game.core.steps import crosses_cliff, inside, step_index
from game.core.units import Unit

Cell = tuple[int, int]
ENGAGING = frozenset({"attack_zone", "cut_road", "hold", "fire_on_road"})  # screens watch; they fight if found
# orders that change nothing a task board reads (posture and time used only; not spotting, not positions)
STILL = (A.Hold, A.DigIn)
DARK_WEATHER = 0.65  # concealed groups also move when weather cuts sight to this share or less
DETOUR_MARGIN = 8  # cells round the unit and its goal searched for a way round a blocked descent
BREAKOUT_CELLS = 10  # a broken unit breaks out of a cut-off zone until this far clear of it (2 km)
DETOUR_STEPS = 40  # at most this many steps of it are taken (the field takes over again next turn)
DETOURS_KEPT = 20_000  # detours kept per planning graph across games (by cells and the blocked window)


class PlanPolicy:
    """Plays one side's plan: ``for action in policy.phase(view): engine.submit(action)``."""

    def __init__(self, setup: GameSetup, side: str, plan: Plan | None = None) -> None:
        self.side = side
        self.plan = plan or plan_for(setup, side) or fallback_plan(setup, side)
        self.fields = FieldCache(setup)
        self._avoid: dict[tuple[Cell, ...], Avoid] = {}  # this phase's threat maps, by the known enemy cells
        self._reach: dict[tuple[str, str, bool], np.ndarray] = {}  # see _reach_in_zone

    def phase(self, view: SideView) -> Iterator[A.Action]:
        """This side's orders for the current phase, ending with EndTurn."""
        board = TaskBoard(view, self.plan)
        self._avoid.clear()
        settled = not board.update()
        for uid in view.own_ids():
            u = view.peek_unit(uid)  # (not a copy: the orders below read it only before their first yield)
            climbed = len(view.memory.get("climbed", ()))
            quiet = True
            if u is not None:
                for action in self._unit_orders(view, board, u):
                    quiet = quiet and isinstance(action, STILL)
                    yield action
            if settled and quiet and len(view.memory.get("climbed", ())) == climbed:
                continue  # nothing the board reads has changed since it last looked and found nothing to change
            settled = not board.update()
        yield A.EndTurn(self.side)

    # ------------------------------------------------------------------ one unit
    def _unit_orders(self, view: SideView, board: TaskBoard, u: Unit) -> Iterator[A.Action]:
        if u.routed:
            back = tactics.fall_back(view, u)
            if back is None and (rear := self._rear(view, u)) is not None:
                orders = list(self._advance(view, u, rear, None))
                back = orders[0] if orders else None
            yield back or A.Rally(u.id)
            return
        task = board.current(u.id)
        if task is not None and task.kind == "shell_zone":
            yield from self._shell(view, task, u)
            return
        engage = task is None or task.kind in ENGAGING or (task.route != "concealed" and task.kind != "screen")
        holding = task is None or task.kind == "screen" or (task.kind == "hold" and task.zone is None)
        attack = tactics.best_assault(view, u, eager=engage, holding=holding)
        if attack:
            yield attack
            return
        goal = self._goal(view, board, task, u) if task else None
        if goal is not None and not near(u.pos, goal, 0) and self._may_move(view, task, u):
            yield from self._advance(view, u, goal, task)
            moved = view.peek_unit(u.id)
            if moved is None:
                return
            u = moved
            if not u.fired and not u.climbing:
                attack = tactics.best_assault(view, u, eager=engage, holding=holding)
                if attack:
                    yield attack
                    return
        if not u.fired and (engage or tactics.spotted_by_enemy(view, u)):
            fire = tactics.best_fire(view, u)
            if fire:
                yield fire
                return
        if u.used_min == 0 and not u.climbing:
            yield A.DigIn(u.id) if self._dig(view, task, u) else A.Hold(u.id)

    def _shell(self, view: SideView, task: Task, u: Unit) -> Iterator[A.Action]:
        """A mortar or gun shelling a zone: fire on a spotted enemy in it when one is in range; else walk the
        task's waypoints to the last, then on towards the zone until it is in range, fire if it can, and dig
        in there. It fires outside the zone only at an enemy next to it (the rounds are for the zone)."""
        assert task.zone is not None
        fire: A.Action | None = shelling.shell_target(view, task.zone, u)
        goal = None if fire else self._firing_goal(view, task, u)
        if goal is not None and self._may_move(view, task, u):
            last_leg = shelling.route_done(view, task, u)
            for order in self._advance(view, u, goal, task):
                if last_leg and isinstance(order, A.Move):
                    order = shelling.stop_in_range(view, task.zone, u, order)
                yield order
            moved = view.peek_unit(u.id)
            if moved is None or moved.fired or moved.climbing:
                return
            u = moved
            fire = shelling.shell_target(view, task.zone, u)
        if fire is None and not u.fired and tactics.spotted_by_enemy(view, u):
            fire = tactics.best_fire(view, u)
        if fire:
            yield fire
        elif u.used_min == 0 and not u.climbing:
            yield A.DigIn(u.id) if self._dig(view, task, u) else A.Hold(u.id)

    def _firing_goal(self, view: SideView, task: Task, u: Unit) -> Cell | None:
        """The next waypoint of the shell_zone task's route; once the last is reached, the zone's centre until
        the zone is in range; None at the firing position."""
        assert task.zone is not None
        if task.via and not shelling.route_done(view, task, u):
            goal = self._waypoint(view, task, u, cycle=False)
            if goal != task.via[-1] or not near(u.pos, goal, ARRIVED_CELLS):
                return goal
        if shelling.in_range(view, task.zone, u):
            return None
        if task.via:
            wp = view.memory.setdefault("waypoint", {})
            wp[waypoint_key(task, u.id)] = len(task.via)  # on from the route's end
        return zone_centre(view, task.zone)

    def _may_move(self, view: SideView, task: Task | None, u: Unit) -> bool:
        """Concealed routes move and climb by night (or in fog and rain); other styles at any time."""
        if task is None or task.route != "concealed" or task.kind == "attack_zone":
            return True
        return view.night or view.light <= DARK_WEATHER

    def _dig(self, view: SideView, task: Task | None, u: Unit) -> bool:
        ut = view.unit_type(u)
        return ut.can("dig_in") and u.posture != "dug_in" and u.marched_min == 0 and (
            task is None or task.kind in ("hold", "screen", "cut_road", "fire_on_road", "shell_zone"))

    @staticmethod
    def _rear(view: SideView, u: Unit) -> Cell | None:
        """For a broken unit in or near a zone cut off from supply: the far end of the nearest of the zone's
        supply roads (it breaks out along them rather than rally without supplies); it rallies once
        ``BREAKOUT_CELLS`` clear of the zone."""
        ends: list[Cell] = []
        for z in view.cut_off_zones():
            mask = view.grid.zones[z]
            r0, c0 = max(u.row - BREAKOUT_CELLS, 0), max(u.col - BREAKOUT_CELLS, 0)
            if not mask[r0:u.row + BREAKOUT_CELLS + 1, c0:u.col + BREAKOUT_CELLS + 1].any():
                continue
            for line in view.setup.supply:
                if line.side != view.side or line.zone != z:
                    continue
                for road in line.roads:
                    end = road_end_away(view.grid, road, z)
                    if end is not None:
                        ends.append(end)
        if not ends:
            return None
        return min(ends, key=lambda e: (max(abs(e[0] - u.row), abs(e[1] - u.col)), e))

    # ------------------------------------------------------------------ where the task sends the unit
    def _goal(self, view: SideView, board: TaskBoard, task: Task, u: Unit) -> Cell | None:
        kind = task.kind
        if kind in ("move", "patrol"):
            return self._waypoint(view, task, u, cycle=kind == "patrol")
        if kind in ("assemble", "hold", "screen"):
            post = task.via[task.group.index(u.id) % len(task.via)] if task.via else task.at
            if kind == "hold" and task.zone is not None:  # hold a zone: strike at what is seen inside it
                foes = [e for e in view.peek_enemies() if view.grid.zones[task.zone][e.pos]]
                if foes:
                    return min(foes, key=lambda e: ((e.row - u.row) ** 2 + (e.col - u.col) ** 2, e.id)).pos
                return None if view.grid.zones[task.zone][u.pos] else (post or zone_centre(view, task.zone))
            return post
        if kind in ("cut_road", "fire_on_road"):
            return task.at if task.at is not None and kind == "fire_on_road" else road_cell(view, task.road or "", u)
        if kind == "attack_zone" and task.zone:
            ut = view.unit_type(u)
            return attack_cell(view, task.zone, u, self._reach_in_zone(task.zone, ut.move_class, ut.can("climb")))
        if kind == "attack_zone" and task.at is not None:
            foes = enemies_near(view, task.at, PLACE_CELLS)
            return foes[0].pos if foes else task.at
        if kind == "climb":
            return self._climb_goal(view, task, u)
        return None  # rest, resupply: stay

    def _reach_in_zone(self, zone: str, move_class: str, climb: bool) -> np.ndarray:
        """Zone cells from which the zone's centre can be reached by this kind of unit (a wheeled unit keeps
        to the streets it can drive, a foot unit to cells below no cliff it cannot climb)."""
        key = (zone, move_class, climb)  # (kept by the policy too: the grid's memo key hashes the move class)
        reach = self._reach.get(key)
        if reach is None:
            reach = self._reach[key] = self.fields.zone_reach(zone, centre_of_zone(self.fields.setup.grid, zone),
                                                              move_class, climb)
        return reach

    def _waypoint(self, view: SideView, task: Task, u: Unit, *, cycle: bool) -> Cell:
        """The unit's next waypoint (kept in the side's memory; passed ones are skipped)."""
        key = waypoint_key(task, u.id)
        wp = view.memory.setdefault("waypoint", {})
        i = int(wp.get(key, 0))
        n = len(task.via)
        while i < n - 1 or cycle:
            if not near(u.pos, task.via[i % n], ARRIVED_CELLS):
                break
            i += 1
            if cycle and i >= 2 * n:
                i -= n
        wp[key] = i
        return task.via[min(i, n - 1) if not cycle else i % n]

    def _climb_goal(self, view: SideView, task: Task, u: Unit) -> Cell | None:
        """The foot of the steepest cliff edge near the task's place; the unit climbs when it stands there."""
        climbed = view.memory.setdefault("climbed", [])
        if u.id in climbed:
            return None
        foot, top = climb_edge(view, task.at or u.pos)
        if foot is None or top is None:
            return None
        if u.pos == top or view.grid.elevation[u.pos] >= view.grid.elevation[top] - 10 and near(u.pos, top, 3):
            climbed.append(u.id)
            return None
        return foot if u.pos != foot else top

    # ------------------------------------------------------------------ walking
    def _advance(self, view: SideView, u: Unit, goal: Cell, task: Task | None) -> Iterator[A.Action]:
        """Walk down the route style's distance field as far as this turn allows; climb across a cliff edge
        where the task (or the way) needs it."""
        ut = view.unit_type(u)
        style = task.route if task else "fastest"
        climb = ut.can("climb") and (task is None or task.kind == "climb" or task.route != "road")
        field = self.fields.to(goal, u.pos, ut.move_class, climb, style)
        if not reachable(field, u.pos):
            climb = False
            field = self.fields.to(goal, u.pos, ut.move_class, False, style)
            if not reachable(field, u.pos):
                return
        graph = view.graph_for(u)
        grid = view.grid
        blocked = view.blocked(u)
        contact = view.contact(u)
        concealed = style == "concealed" and (task is None or task.kind != "attack_zone")
        avoid = self._avoid_map(grid.shape, view.enemy_cells()) if concealed else None  # keep away from known enemies
        budget_s = view.budget_min(u) * 60.0
        path: list[Cell] = [u.pos]
        on_path = {u.pos}
        spent = 0.0
        cur = u.pos
        detour = None
        cliff_bits, step_cost, in_contact = grid.cliff.item, graph.costs.item, contact.item
        table = step_table(field, graph, climb)
        best: Cell | None
        while True:
            if detour:  # (a detour's steps are taken as they come: the descent is not asked meanwhile)
                best = detour.pop(0)
            else:
                best = downhill(field, graph, grid, cur, climb=climb, blocked=blocked, on_path=on_path, avoid=avoid,
                                table=table)
                if best is None and len(path) == 1 and detour is None:
                    # the way down the field is blocked (a full stack, a spotted enemy): go round by a path
                    detour = self._detour(self.fields.graph(ut.move_class, climb, style), cur, goal, blocked)
                    if detour:
                        best = detour.pop(0)
            if best is None:
                break
            k = step_index(best[0] - cur[0], best[1] - cur[1])  # the step's direction (a neighbour always)
            if cliff_bits(cur[0], cur[1]) >> k & 1:  # (Grid.is_cliff_between, inlined: it is asked every step)
                if climb and len(path) == 1 and view.climb_ok(u.id, best):
                    yield A.Climb(u.id, best)
                return_now = len(path) == 1
                if return_now:
                    return
                break  # reach the foot of the cliff first; climb with the next order
            step = step_cost(k, best[0], best[1])  # (MoveGraph.step_cost)
            if step <= 0 or spent + step > budget_s:
                break
            spent += step
            path.append(best)
            on_path.add(best)
            cur = best
            if in_contact(cur[0], cur[1]):
                break  # coming into contact ends the move
        if len(path) > 1 and view.move_ok(u.id, path):
            yield A.Move(u.id, path[-1], tuple(path))
            moved = view.peek_unit(u.id)
            if climb and moved is not None and moved.pos == path[-1]:
                for dr, dc in DIRS:
                    n = (moved.row + dr, moved.col + dc)
                    if inside(grid.shape, n[0], n[1]) and crosses_cliff(grid.cliff, moved.pos, n) \
                            and field[n] < field[moved.pos] \
                            and view.climb_ok(u.id, n) and view.climb_minutes(moved.pos, n) <= view.budget_min(moved):
                        yield A.Climb(u.id, n)
                        break

    def _avoid_map(self, shape: tuple[int, int], cells: list[Cell]) -> Avoid:
        """The threat map of known enemies at ``cells`` (made once per phase for the same cells: units that hold
        see the same enemies)."""
        key = tuple(cells)
        avoid = self._avoid.get(key)
        if avoid is None:
            avoid = self._avoid[key] = Avoid(shape, cells, radius=3)
        return avoid

    @staticmethod
    def _detour(graph: MoveGraph, cur: Cell, goal: Cell, blocked: np.ndarray) -> list[Cell]:
        """A way round what blocks the descent: a path within a window around the unit and its goal (answered
        once per planning graph, cells and blocked cells of the window: every game on the grid shares it)."""
        rows, cols = graph.shape
        top, left = max(min(cur[0], goal[0]) - DETOUR_MARGIN, 0), max(min(cur[1], goal[1]) - DETOUR_MARGIN, 0)
        bottom = min(max(cur[0], goal[0]) + DETOUR_MARGIN + 1, rows)
        right = min(max(cur[1], goal[1]) + DETOUR_MARGIN + 1, cols)
        shut = np.ascontiguousarray(blocked[top:bottom, left:right])

        def make() -> tuple[Cell, ...]:
            window = MoveGraph(np.ascontiguousarray(graph.costs[:, top:bottom, left:right]))
            way = window.path((cur[0] - top, cur[1] - left), (goal[0] - top, goal[1] - left), shut)
            return tuple((r + top, c + left) for r, c in way[1:DETOUR_STEPS]) if way else ()

        key = (cur, goal, shut.shape, np.packbits(shut).tobytes())
        return list(memoised(graph, "detour", key, make, limit=DETOURS_KEPT))


def road_end_away(grid: Grid, road: str, zone: str) -> Cell | None:
    """The cell of ``road`` outside ``zone`` farthest from the zone's mean cell (None if none; kept per grid)."""
    def make() -> Cell | None:
        mask = grid.zones[zone]
        zr, zc = (float(a.mean()) for a in np.nonzero(mask))
        rows, cols = np.nonzero(grid.roads[road] & ~mask)
        if not rows.size:
            return None
        k = int(np.argmax((rows - zr) ** 2 + (cols - zc) ** 2))
        return int(rows[k]), int(cols[k])

    return memoised(grid, "road_end_away", (road, zone), make)
