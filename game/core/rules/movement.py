"""Movement rules: budgets, path validation, zone of control, contact with hidden enemies, climbing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from game.core import events as E
from game.core.actions import Climb, Move
from game.core.grid import DIRS
from game.core.memo import frozen
from game.core.steps import path_seconds, step_seconds
from game.core.units import Unit
from game.core.whereabouts import where

if TYPE_CHECKING:
    from game.core.context import Context


def budget_min(ctx: Context, u: Unit) -> float:
    """Minutes the unit can still act this turn (turn length x activity share, less fatigue, less used)."""
    ut = ctx.setup.unit_types[u.type_id]
    share = ctx.activity_share(ut.march_fraction)
    full = ctx.turn_minutes() * share * (1.0 - ctx.params.fatigue_effect * u.fatigue / 100.0)
    return max(0.0, full - u.used_min)


def full_budget_min(ctx: Context, u: Unit) -> float:
    """Minutes a rested unit of this type can act in a turn like this one (for multi-turn estimates)."""
    ut = ctx.setup.unit_types[u.type_id]
    return ctx.turn_minutes() * ctx.activity_share(ut.march_fraction)


def stack_counts(ctx: Context, side: str, exclude: str | None = None) -> dict[tuple[int, int], int]:
    """Units of ``side`` per cell (leaving out ``exclude``)."""
    counts: dict[tuple[int, int], int] = {}
    for o in ctx.state.units_of(side):
        if o.id != exclude:
            cell = (o.row, o.col)
            counts[cell] = counts.get(cell, 0) + 1
    return counts


def blocked_cells(ctx: Context, u: Unit) -> np.ndarray:
    """Cells the unit may not plan through: spotted enemies and full friendly stacks (read-only)."""
    return ctx.for_now(("blocked", u.id), lambda: frozen(_blocked_cells(ctx, u)))


def _blocked_cells(ctx: Context, u: Unit) -> np.ndarray:
    units = ctx.state.units
    blocked = np.zeros(ctx.setup.grid.shape, dtype=bool)
    for tid in ctx.spotted_by(u.side):  # (cell by cell: faster than one fancy-indexed assignment for a few cells)
        t = units[tid]
        blocked[t.row, t.col] = True
    limit = ctx.params.stack_limit
    own = (u.row, u.col) if u.alive else None  # (a living unit is counted in its own cell: leave it out)
    for cell, n in ctx.for_now(("stacks", u.side), lambda: stack_counts(ctx, u.side)).items():
        if n - (cell == own) >= limit:
            blocked[cell] = True
    return blocked


def contact_cells(ctx: Context, u: Unit) -> np.ndarray:
    """Cells next to enemies in contact with the unit (zone of control): a move must stop on entering one.

    Enemies count when the unit's side has spotted them and they are not routed; an infiltrator is held
    only by enemies whose side has spotted it in turn (read-only).
    """
    return ctx.for_now(("contact", u.id), lambda: frozen(_contact_cells(ctx, u)))


def _contact_cells(ctx: Context, u: Unit) -> np.ndarray:
    grid = ctx.setup.grid
    mask = np.zeros(grid.shape, dtype=bool)
    infiltrator = ctx.setup.unit_types[u.type_id].can("infiltrate")
    seen_by: dict[str, bool] = {}
    for tid in ctx.spotted_by(u.side):
        t = ctx.state.units[tid]
        if t.routed:
            continue
        if infiltrator:
            if t.side not in seen_by:
                seen_by[t.side] = u.id in ctx.spotted_by(t.side)
            if not seen_by[t.side]:
                continue
        mask[max(t.row - 1, 0):t.row + 2, max(t.col - 1, 0):t.col + 2] = True
    return mask


def first_contact(path: list[tuple[int, int]], contact: np.ndarray) -> int:
    """Index of the first cell after the start where the path comes into contact (len - 1 if none)."""
    touching = contact.item
    for i, (r, c) in enumerate(path[1:], 1):
        if touching(r, c):
            return i
    return len(path) - 1


def acting_unit(ctx: Context, unit_id: str) -> Unit | str:
    """The unit an order is for, or the reason it cannot act now (unknown, dead, not its turn, game over)."""
    st = ctx.state
    if st.game_over:
        return "The game is over."
    u = st.units.get(unit_id)
    if u is None or not u.alive:
        return f"There is no unit '{unit_id}'."
    if u.side != st.side:
        return f"{u.name} belongs to {ctx.side_name(u.side)}; {ctx.side_name(st.side)} are to move this turn."
    return u


def plan_move(ctx: Context, a: Move) -> tuple[list[tuple[int, int]], int] | str:
    """Validate a move: the path (given or cheapest) and its seconds, or the player-facing reason."""
    u = acting_unit(ctx, a.unit)
    if isinstance(u, str):
        return u
    grid = ctx.setup.grid
    if not grid.in_bounds(*a.to):
        return "That cell is off the map."
    if u.climbing:
        return f"{u.name} is on a cliff face and cannot move again this turn."
    if a.to == u.pos:
        return f"{u.name} is already there."
    graph = ctx.graph_for(u)
    blocked = blocked_cells(ctx, u)
    if blocked[a.to]:
        return "That cell is held by a spotted enemy or full (stack limit)."
    if a.path is not None:
        path = list(a.path)
        if not path or path[0] != u.pos or path[-1] != a.to:
            return "The path must run from the unit's cell to the destination."
        rows, cols = grid.shape
        for r, c in path:
            if not (0 <= r < rows and 0 <= c < cols):
                return "The path leaves the map."
        shut = blocked.item
        for r, c in path[1:]:
            if shut(r, c):
                return "The path runs through a cell held by a spotted enemy."
    else:
        found = graph.path(u.pos, a.to, blocked)
        if found is None:
            return why_unreachable(ctx, u, a.to)
        path = found
    secs = path_seconds(graph.costs, path)
    if secs is None:
        return why_unreachable(ctx, u, a.to)
    stop = first_contact(path, contact_cells(ctx, u))
    if stop < len(path) - 1:
        return (f"{u.name} would come into contact with the enemy {where(ctx.setup.grid, path[stop])} and "
                f"must stop there (zone of control); order a shorter move.")
    left = budget_min(ctx, u)
    if secs / 60.0 > left + 1e-9:
        return (f"{u.name} needs {secs / 3600:.1f} h to get there but has {left / 60:.1f} h of movement "
                f"left this turn.")
    return path, secs


def why_unreachable(ctx: Context, u: Unit, to: tuple[int, int]) -> str:
    ut = ctx.setup.unit_types[u.type_id]
    grid = ctx.setup.grid
    if grid.table.speed[ut.move_class][grid.terrain[to]] <= 0 and grid.road[to] == 0:
        return f"{grid.table.types[int(grid.terrain[to])].name} is impassable to {ut.move_class} units."
    if ctx.road_only(ut.move_class) and grid.road[to] == 0:
        return "Vehicles may not leave the roads in this scenario (no off-road vehicle transport)."
    return (f"{u.name} cannot reach that cell ({where(grid, to)}): no passable route (cliffs need a climb order, "
            f"one edge at a time).")


def apply_move(ctx: Context, u: Unit, path: list[tuple[int, int]],
               halt: Callable[[tuple[int, int]], bool] | None = None) -> None:
    """Walk the path; stop short at a hidden enemy (contact), or in the first cell where ``halt`` says so.
    Costs time and reveals the unit."""
    costs = ctx.graph_for(u).costs
    occupied = {o.pos for o in ctx.state.enemies_of(u.side)}
    start = u.pos
    walked = 0
    stop = len(path) - 1
    for i in range(1, len(path)):
        if path[i] in occupied:
            stop = i - 1
            ctx.emit(E.Contact, f"{u.name} ran into an enemy position {where(ctx.setup.grid, path[i])} and "
                     "halted.", seen_by=(u.side,),
                     unit=u.id, cell=path[i])
            break
        walked += step_seconds(costs, path[i - 1], path[i])
        if halt is not None and i < len(path) - 1 and halt(path[i]):
            stop = i
            break
    u.row, u.col = path[stop]
    u.climb_to, u.climb_left = None, 0.0  # a climb under way is abandoned
    u.used_min += walked / 60.0
    u.marched_min += walked / 60.0
    u.posture = "moving"
    u.dug_in_turns = 0
    ctx.mark_active(u)
    ctx.emit(E.UnitMoved, f"{u.name} moved ({walked / 3600:.1f} h), now {where(ctx.setup.grid, u.pos)}.",
             seen_by=ctx.known_to(u),
             unit=u.id, frm=start, to=u.pos, hours=walked / 3600.0, path=tuple(path[:stop + 1]))


def climb_minutes(ctx: Context, a: tuple[int, int], b: tuple[int, int]) -> float:
    """Minutes to climb the cliff edge between two cells, from the height difference."""
    dh = abs(float(ctx.setup.grid.elevation[b]) - float(ctx.setup.grid.elevation[a]))
    return max(ctx.params.climb_min_minutes, ctx.params.climb_minutes_per_100m * dh / 100.0)


def plan_climb(ctx: Context, a: Climb) -> float | str:
    """Validate a climb; returns its minutes or the reason it is refused."""
    u = acting_unit(ctx, a.unit)
    if isinstance(u, str):
        return u
    grid = ctx.setup.grid
    ut = ctx.setup.unit_types[u.type_id]
    if not ut.can("climb"):
        return f"{u.name} ({ut.name}) has no climbing capability; only trained groups can scale the cliffs."
    if not grid.in_bounds(*a.to):
        return "That cell is off the map."
    step = (a.to[0] - u.row, a.to[1] - u.col)
    if step not in DIRS:
        return "A climb goes to an adjacent cell across a cliff edge."
    if not grid.is_cliff_between(u.pos, a.to):
        return "There is no cliff between these cells: use a move order."
    if u.climbing:
        return f"{u.name} is already on a cliff face this turn."
    if u.routed:
        return f"{u.name} is routed and will not climb."
    if any(o.side != u.side for o in ctx.state.units_at(a.to)):
        return "The top of the cliff is held by the enemy: assault it or climb elsewhere."
    if stack_counts(ctx, u.side).get(a.to, 0) >= ctx.params.stack_limit:
        return "The top of the cliff is full (stack limit)."
    if grid.table.speed["foot"][grid.terrain[a.to]] <= 0:
        return "The cell above is impassable."
    mins = u.climb_left if u.climb_to == a.to else climb_minutes(ctx, u.pos, a.to)
    left = budget_min(ctx, u)
    if mins > left + 1e-9 and u.used_min > 0:
        return (f"The climb takes {mins / 60:.1f} h; {u.name} has {left / 60:.1f} h left this turn "
                f"(a unit that has not moved may start a long climb and finish it next turn).")
    return mins


def do_climb(ctx: Context, a: Climb) -> str | None:
    """The Climb handler."""
    mins = ctx.checked(a, plan_climb)
    if isinstance(mins, str):
        return mins
    apply_climb(ctx, ctx.state.units[a.unit], a.to, mins)
    return None


def apply_climb(ctx: Context, u: Unit, to: tuple[int, int], mins: float) -> None:
    """Climb the cliff edge: slow, tiring and exposed; a climb longer than the turn goes on next turn."""
    frm = u.pos
    left = budget_min(ctx, u)
    spent = min(mins, left)
    u.used_min += spent
    u.marched_min += spent
    u.fatigue = min(100.0, u.fatigue + ctx.params.climb_fatigue * spent / max(mins, 1.0))
    u.climbing = True
    u.posture = "moving"
    u.dug_in_turns = 0
    ctx.mark_active(u)
    if mins > left + 1e-9:
        u.climb_to, u.climb_left = to, mins - left
        ctx.emit(E.Climbing, f"{u.name} is on the cliff face: {u.climb_left / 60:.1f} h of climbing still to go "
                 f"(climb again next turn).", seen_by=ctx.known_to(u), unit=u.id, to=to,
                 minutes_left=u.climb_left)
        return
    u.row, u.col = to
    u.climb_to, u.climb_left = None, 0.0
    ctx.touch(u.id)
    ctx.emit(E.Climbed, f"{u.name} climbed the cliff {where(ctx.setup.grid, to)} ({spent / 60:.1f} h), "
             "exposed on the face.",
             seen_by=ctx.known_to(u), unit=u.id, frm=frm, to=to)
