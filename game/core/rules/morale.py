"""Morale and condition: effectiveness, shock from losses, rout, retreat, dispersal, rallying."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from game.core import events as E
from game.core.grid import DIRS
from game.core.rules.losses import book
from game.core.steps import inside, step_seconds
from game.core.units import Unit
from game.core.whereabouts import where

if TYPE_CHECKING:
    from game.core.context import Context


def effectiveness(ctx: Context, u: Unit) -> float:
    """Combat multiplier from morale, fatigue and suppression (1.0 for a fresh, steady unit)."""
    p = ctx.params
    return ((u.morale / p.normal_morale) * (1.0 - p.fatigue_effect * u.fatigue / 100.0)
            * (1.0 - p.suppression_effect * u.suppression / 100.0))


def shake(ctx: Context, u: Unit, casualties: int, extra: float = 0.0) -> None:
    """Morale loss from a blow that cost ``casualties``; a unit below the rout threshold breaks."""
    if not u.alive:
        return
    p = ctx.params
    before = u.strength + casualties
    u.morale = max(0.0, u.morale - p.morale_loss_per_loss_share * casualties / max(before, 1)
                   - p.morale_loss_per_blow - extra)
    check_rout(ctx, u)


def check_rout(ctx: Context, u: Unit) -> None:
    """A unit whose morale has fallen below the rout threshold breaks."""
    if u.alive and u.morale < ctx.params.rout_morale and not u.routed:
        rout(ctx, u, f"{u.name} broke and is routed.")


def rout(ctx: Context, u: Unit, text: str) -> None:
    u.routed = True
    ctx.touch(u.id)
    ctx.emit(E.Routed, text, seen_by=ctx.known_to(u), unit=u.id)


def retreat(ctx: Context, u: Unit, away_from: tuple[int, int]) -> None:
    """Fall back one cell away from ``away_from``; with nowhere to go, lose men (captured) and rout."""
    grid = ctx.setup.grid
    g = ctx.graph_for(u)
    units = ctx.state.ordered_units()
    blocked = {o.pos for o in units if o.side != u.side}
    counts: dict[tuple[int, int], int] = {}
    for o in units:
        if o.side == u.side and o.id != u.id:
            counts[o.pos] = counts.get(o.pos, 0) + 1
    blocked |= {c for c, n in counts.items() if n >= ctx.params.stack_limit}
    best, best_d = None, -1.0
    for dr, dc in DIRS:
        c = (u.row + dr, u.col + dc)
        if not inside(grid.shape, c[0], c[1]) or c in blocked or step_seconds(g.costs, u.pos, c) <= 0:
            continue
        d = math.hypot(c[0] - away_from[0], c[1] - away_from[1])
        if d > best_d:
            best, best_d = c, d
    if best is None:
        n = int(round(u.strength * ctx.params.cut_off_retreat_loss))
        book(ctx, u, n, captured=n)
        if u.alive and not u.routed:
            rout(ctx, u, f"{u.name} was cut off and broke.")
        return
    frm = u.pos
    seen_before = ctx.known_to(u)
    u.row, u.col = best
    u.posture = "moving"
    ctx.touch(u.id)
    seen = tuple(s for s in seen_before if ctx.sees(s, u))
    ctx.emit(E.Retreated, f"{u.name} fell back, now {where(ctx.setup.grid, best)}.", seen_by=seen, unit=u.id,
             frm=frm, to=best)


def disband(ctx: Context, u: Unit, why: str) -> None:
    """The unit ceases to exist as a fighting group: its remaining soldiers disperse."""
    seen = ctx.known_to(u)
    name = u.name
    book(ctx, u, u.strength, dispersed=True)
    ctx.emit(E.Disbanded, f"{name} ceased to exist as a fighting group: {why}.", seen_by=seen, unit=u.id)


def rally(ctx: Context, u: Unit, near_enemy: bool, cut_off: bool) -> None:
    """Spend the turn rallying: morale up (less next to the enemy or cut off), suppression cleared."""
    p = ctx.params
    gain = p.rally_gain_in_contact if near_enemy else p.rally_gain
    if cut_off:
        gain /= 2.0  # no supplies, no evacuation of the wounded
    u.morale = max(u.morale, min(p.normal_morale, u.morale + gain))
    u.suppression = max(0.0, u.suppression - p.rally_suppression)
    if u.routed and u.morale >= p.rallied_morale:
        u.routed = False
        ctx.touch(u.id)
