"""Movement rules: budgets, path validation, climbing, contact with hidden enemies."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.core.actions import Climb, Move
from game.core.grid import DIRS
from game.core.units import Unit

if TYPE_CHECKING:
    from game.core.engine import Engine

STACK_LIMIT = 3  # units of one side per cell
CLIMB_MIN_PER_100M = 90.0  # rope ascent: minutes per 100 m of cliff relief (game assumption)
CLIMB_MIN_MIN = 120.0


def budget_min(eng: Engine, u: Unit) -> float:
    """Minutes of movement the unit has left this turn (turn length x march share, less fatigue)."""
    ut = eng.setup.unit_types[u.type_id]
    full = eng.clock.hours(eng.state.turn) * 60.0 * ut.march_fraction * (1.0 - u.fatigue / 200.0)
    return max(0.0, full - u.used_min)


def blocked_cells(eng: Engine, u: Unit) -> np.ndarray:
    """Cells the unit may not plan through: spotted enemies and full friendly stacks."""
    blocked = np.zeros(eng.setup.grid.shape, dtype=bool)
    spotted = set(eng.spotted_by(u.side))
    counts: dict[tuple[int, int], int] = {}
    for o in eng.state.ordered_units():
        if o.side != u.side and o.id in spotted:
            blocked[o.pos] = True
        elif o.side == u.side and o.id != u.id:
            counts[o.pos] = counts.get(o.pos, 0) + 1
    for cell, n in counts.items():
        if n >= STACK_LIMIT:
            blocked[cell] = True
    return blocked


def contact_cells(eng: Engine, u: Unit) -> np.ndarray:
    """Cells next to enemies in contact with the unit (zone of control): a move must stop on entering one.

    Enemies count when the unit's side has spotted them and they are not routed; an infiltrator is held
    only by enemies whose side has spotted it in turn.
    """
    grid = eng.setup.grid
    mask = np.zeros(grid.shape, dtype=bool)
    infiltrator = eng.setup.unit_types[u.type_id].can("infiltrate")
    seen_by: dict[str, bool] = {}
    for tid in eng.spotted_by(u.side):
        t = eng.state.units[tid]
        if t.routed:
            continue
        if infiltrator:
            if t.side not in seen_by:
                seen_by[t.side] = u.id in eng.spotted_by(t.side)
            if not seen_by[t.side]:
                continue
        mask[max(t.row - 1, 0):t.row + 2, max(t.col - 1, 0):t.col + 2] = True
    return mask


def first_contact(path: list[tuple[int, int]], contact: np.ndarray) -> int:
    """Index of the first cell after the start where the path comes into contact (len - 1 if none)."""
    for i, c in enumerate(path[1:], 1):
        if contact[c]:
            return i
    return len(path) - 1


def can_act(eng: Engine, u: Unit | None, unit_id: str) -> str | None:
    """Common refusals: unknown or dead unit, not this side's turn, game over."""
    if eng.state.game_over:
        return "The game is over."
    if u is None or not u.alive:
        return f"There is no unit '{unit_id}'."
    if u.side != eng.state.side:
        return f"{u.name} belongs to {u.side}; it is {eng.state.side}'s turn."
    return None


def acting_unit(eng: Engine, unit_id: str) -> Unit | str:
    """The unit an order is for, or the reason it cannot act now."""
    u = eng.state.units.get(unit_id)
    why = can_act(eng, u, unit_id)
    return why if why or u is None else u


def plan_move(eng: Engine, a: Move) -> tuple[list[tuple[int, int]], int] | str:
    """Validate a move: the path (given or cheapest) and its seconds, or the player-facing reason."""
    u = acting_unit(eng, a.unit)
    if isinstance(u, str):
        return u
    grid = eng.setup.grid
    if not grid.in_bounds(*a.to):
        return f"Cell {a.to} is off the map."
    if u.climbing:
        return f"{u.name} is on a cliff face and cannot move again this turn."
    if a.to == u.pos:
        return f"{u.name} is already there."
    graph = eng.graph_for(u)
    blocked = blocked_cells(eng, u)
    if blocked[a.to]:
        return "That cell is held by a spotted enemy or full (stack limit)."
    if a.path is not None:
        path = list(a.path)
        if not path or path[0] != u.pos or path[-1] != a.to:
            return "The path must run from the unit's cell to the destination."
        if not all(grid.in_bounds(*c) for c in path):
            return "The path leaves the map."
        if any(blocked[c] for c in path[1:]):
            return "The path runs through a cell held by a spotted enemy."
    else:
        found = graph.path(u.pos, a.to, blocked)
        if found is None:
            return why_unreachable(eng, u, a.to)
        path = found
    secs = graph.path_seconds(path)
    if secs is None:
        return why_unreachable(eng, u, a.to)
    stop = first_contact(path, contact_cells(eng, u))
    if stop < len(path) - 1:
        return (f"{u.name} would come into contact with the enemy at {path[stop]} and must stop there "
                f"(zone of control); order a shorter move.")
    left = budget_min(eng, u)
    if secs / 60.0 > left + 1e-9:
        return (f"{u.name} needs {secs / 3600:.1f} h to get there but has {left / 60:.1f} h of movement "
                f"left this turn.")
    return path, secs


def why_unreachable(eng: Engine, u: Unit, to: tuple[int, int]) -> str:
    ut = eng.setup.unit_types[u.type_id]
    grid = eng.setup.grid
    if grid.table.speed[ut.move_class][grid.terrain[to]] <= 0 and grid.road[to] == 0:
        return f"{grid.table.types[int(grid.terrain[to])].name} is impassable to {ut.move_class} units."
    if eng.road_only(ut.move_class) and grid.road[to] == 0:
        return "Vehicles may not leave the roads in this scenario (no off-road vehicle transport)."
    return f"{u.name} cannot reach {to}: no passable route (cliffs need a climb order, one edge at a time)."


def apply_move(eng: Engine, u: Unit, path: list[tuple[int, int]]) -> None:
    """Walk the path; stop short at a hidden enemy (contact). Costs time and reveals the unit."""
    graph = eng.graph_for(u)
    occupied = {o.pos for o in eng.state.ordered_units() if o.side != u.side}
    start = u.pos
    walked = 0
    stop = len(path) - 1
    for i in range(1, len(path)):
        if path[i] in occupied:
            stop = i - 1
            eng.emit("contact", f"{u.name} ran into an enemy position at {path[i]} and halted.",
                     side=u.side, unit=u.id, cell=list(path[i]))
            break
        walked += graph.step_cost(path[i - 1], path[i])
    u.row, u.col = path[stop]
    u.climb_to, u.climb_left = None, 0.0  # a climb under way is abandoned
    u.used_min += walked / 60.0
    u.marched_min += walked / 60.0
    u.posture = "moving"
    u.dug_in_turns = 0
    eng.mark_active(u.id)
    eng.emit("unit_moved", f"{u.name} moved {start} -> {u.pos} ({walked / 3600:.1f} h).",
             side=u.side, unit=u.id, frm=list(start), to=list(u.pos))


def climb_minutes(eng: Engine, a: tuple[int, int], b: tuple[int, int]) -> float:
    """Minutes to climb the cliff edge between two cells, from the height difference."""
    dh = abs(float(eng.setup.grid.elevation[b]) - float(eng.setup.grid.elevation[a]))
    return max(CLIMB_MIN_MIN, CLIMB_MIN_PER_100M * dh / 100.0)


def plan_climb(eng: Engine, a: Climb) -> float | str:
    """Validate a climb; returns its minutes or the reason it is refused."""
    u = acting_unit(eng, a.unit)
    if isinstance(u, str):
        return u
    grid = eng.setup.grid
    ut = eng.setup.unit_types[u.type_id]
    if not ut.can("climb"):
        return f"{u.name} ({ut.name}) has no climbing capability; only trained groups can scale the cliffs."
    if not grid.in_bounds(*a.to):
        return f"Cell {a.to} is off the map."
    step = (a.to[0] - u.row, a.to[1] - u.col)
    if step not in DIRS:
        return "A climb goes to an adjacent cell across a cliff edge."
    if not grid.is_cliff_between(u.pos, a.to):
        return "There is no cliff between these cells: use a move order."
    if u.climbing:
        return f"{u.name} is already on a cliff face this turn."
    if u.routed:
        return f"{u.name} is routed and will not climb."
    if any(o.side != u.side for o in eng.state.units_at(a.to)):
        return "The top of the cliff is held by the enemy: assault it or climb elsewhere."
    if sum(o.side == u.side for o in eng.state.units_at(a.to)) >= STACK_LIMIT:
        return "The top of the cliff is full (stack limit)."
    if grid.table.speed["foot"][grid.terrain[a.to]] <= 0:
        return "The cell above is impassable."
    mins = u.climb_left if u.climb_to == a.to else climb_minutes(eng, u.pos, a.to)
    left = budget_min(eng, u)
    if mins > left + 1e-9 and u.used_min > 0:
        return (f"The climb takes {mins / 60:.1f} h; {u.name} has {left / 60:.1f} h left this turn "
                f"(a unit that has not moved may start a long climb and finish it next turn).")
    return mins


def apply_climb(eng: Engine, u: Unit, to: tuple[int, int], mins: float) -> None:
    """Climb the cliff edge: slow, tiring and exposed; a climb longer than the turn goes on next turn."""
    frm = u.pos
    left = budget_min(eng, u)
    spent = min(mins, left)
    u.used_min += spent
    u.marched_min += spent
    u.fatigue = min(100.0, u.fatigue + 15.0 * spent / max(mins, 1.0))
    u.climbing = True
    u.posture = "moving"
    u.dug_in_turns = 0
    eng.mark_active(u.id)
    if mins > left + 1e-9:
        u.climb_to, u.climb_left = to, mins - left
        eng.emit("climbing", f"{u.name} is on the cliff face below {to}: {u.climb_left / 60:.1f} h of climbing "
                 f"still to go (climb again next turn).", side=u.side, unit=u.id, to=list(to))
        return
    u.row, u.col = to
    u.climb_to, u.climb_left = None, 0.0
    eng.emit("climbed", f"{u.name} climbed the cliff {frm} -> {to} ({spent / 60:.1f} h), exposed on the face.",
             side=u.side, unit=u.id, frm=list(frm), to=list(to))
