"""Ambush: a unit moving next to an enemy post it had not spotted is stopped and fired on first.

Posts and patrols holding still in cover get the first shots at a group that stumbles onto them (the
sources speak of heavy losses in ambushes in the ravines): the move halts in the first cell next to such
an enemy, and each one fires at once with its direct-fire weapons, with the surprise factor.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from game.core import events as E
from game.core.actions import Move
from game.core.rules.combat import expected_fire
from game.core.rules.losses import book
from game.core.rules.morale import shake
from game.core.rules.movement import apply_move, plan_move
from game.core.units import Unit
from game.core.whereabouts import after_name
from game.core.wording import casualties

if TYPE_CHECKING:
    from game.core.context import Context

Cell = tuple[int, int]


def lying_in_wait(ctx: Context, mover: Unit, known: set[str]) -> list[Unit]:
    """Enemies that can ambush ``mover`` wherever it comes next to them: holding still (not moved or fired this
    turn), not routed, unknown to the mover's side before the move, with a loaded direct-fire weapon (id order)."""
    out = []
    shots = least_direct_shots(ctx)
    for e in ctx.state.enemies_of(mover.side):
        if e.id in known or e.routed or e.climbing or e.active or e.posture not in ("hold", "dug_in"):
            continue
        least = shots[e.type_id]
        if least is not None and e.ammo >= least:
            out.append(e)
    return out


def least_direct_shots(ctx: Context) -> dict[str, float | None]:
    """Unit type -> the least ammunition one shot of its direct-fire weapons takes (None: it has none); a unit
    has a loaded direct-fire weapon when its ammunition is at least that."""
    return ctx.for_setup("least direct shots", lambda: {
        type_id: min((w.ammo_per_shot for w in ut.weapons if not w.indirect), default=None)
        for type_id, ut in ctx.setup.unit_types.items()})


def next_to(units: list[Unit], cell: Cell) -> list[Unit]:
    """Those of ``units`` in or next to ``cell``."""
    r, c = cell
    return [e for e in units if -1 <= e.row - r <= 1 and -1 <= e.col - c <= 1]


def ambushers_at(ctx: Context, mover: Unit, cell: Cell, known: set[str]) -> list[Unit]:
    """Enemies next to ``cell`` that can ambush ``mover`` (see :func:`lying_in_wait`; id order)."""
    return next_to(lying_in_wait(ctx, mover, known), cell)


def do_move(ctx: Context, a: Move) -> str | None:
    """The Move handler: validate, walk (halting where an unseen post lies in wait), then spring ambushes."""
    plan = ctx.checked(a, plan_move)
    if isinstance(plan, str):
        return plan
    u = ctx.state.units[a.unit]
    known = set(ctx.spotted_by(u.side))
    # nothing changes for the enemy while the unit walks: who lies in wait, and where, is known up front
    waiting = lying_in_wait(ctx, u, known)
    path = plan[0]
    top, bottom = min(c[0] for c in path) - 1, max(c[0] for c in path) + 1
    left, right = min(c[1] for c in path) - 1, max(c[1] for c in path) + 1
    near = [e for e in waiting if top <= e.row <= bottom and left <= e.col <= right]  # those near the path
    # the walk halts in the first cell next to one of them (cells in or next to a post: ``next_to`` as a set)
    posts = {(e.row + dr, e.col + dc) for e in near for dr in (-1, 0, 1) for dc in (-1, 0, 1)}
    apply_move(ctx, u, path, halt=posts.__contains__ if near else None)
    spring(ctx, u, known, near)  # (the unit stops on its path: any post next to it is near the path)
    return None


def spring(ctx: Context, u: Unit, known: set[str], waiting: list[Unit] | None = None) -> None:
    """Every enemy lying in wait next to ``u`` fires on it first (surprise), and shows itself doing so
    (``waiting``: those of :func:`lying_in_wait` for ``u`` that may be next to it, if known already)."""
    p = ctx.params
    for e in next_to(lying_in_wait(ctx, u, known) if waiting is None else waiting, u.pos):
        if not u.alive:
            return
        dist = math.hypot(e.row - u.row, e.col - u.col) * ctx.setup.grid.cell_m
        weapons = [w for w in ctx.setup.unit_types[e.type_id].weapons
                   if not w.indirect and e.ammo >= w.ammo_per_shot and dist <= w.range_m]
        if not weapons:
            continue
        w = max(weapons, key=lambda w: expected_fire(ctx, e, u, w, dist))
        expected = expected_fire(ctx, e, u, w, dist) * p.ambush_factor
        cas = int(min(u.strength, ctx.state.rng.poisson(expected)))
        e.ammo = max(0.0, e.ammo - w.ammo_per_shot)
        ctx.mark_active(e)
        ctx.emit(E.Ambushed, f"{u.name} was ambushed by {e.name}{after_name(ctx.setup.grid, u.pos)}: "
                 f"{casualties(cas)}.", seen_by=ctx.known_to(u, e),
                 unit=u.id, target=e.id, casualties=cas)
        book(ctx, u, cas, killed_share=p.killed_share_fire)
        u.suppression = min(100.0, u.suppression + p.suppression_per_fire + p.suppression_per_casualty * expected)
        shake(ctx, u, cas, extra=p.ambush_shock)
