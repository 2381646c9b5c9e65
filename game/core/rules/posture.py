"""Orders that take the turn in place: dig in, hold, rally."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core import actions as A
from game.core import events as E
from game.core.rules.morale import rally
from game.core.rules.movement import acting_unit
from game.core.rules.upkeep import cut_off_zones, is_cut_off

if TYPE_CHECKING:
    from game.core.context import Context
    from game.core.units import Unit

WHOLE_TURN = 1e9  # used_min of a unit whose whole turn is taken


def do_rally(ctx: Context, a: A.Rally) -> str | None:
    """Spend the turn restoring morale and clearing suppression (only before doing anything else)."""
    u = acting_unit(ctx, a.unit)
    if isinstance(u, str):
        return u
    if u.used_min > 0 or u.fired:
        return f"{u.name} has already acted this turn; rallying takes the whole turn."
    near = any(max(abs(o.row - u.row), abs(o.col - u.col)) <= 1 for o in ctx.state.enemies_of(u.side))
    rally(ctx, u, near, is_cut_off(ctx, u, cut_off_zones(ctx)))
    u.used_min = WHOLE_TURN
    u.fired = True
    ctx.emit(E.PostureChanged, f"{u.name} rallied (morale {u.morale:.0f}).", seen_by=(u.side,), unit=u.id,
             posture="rallied")
    return None


def steady_unit(ctx: Context, unit_id: str) -> Unit | str:
    """The unit an order is for if it can take one (not routed), or why not."""
    u = acting_unit(ctx, unit_id)
    if isinstance(u, str):
        return u
    return f"{u.name} is routed: rally it first." if u.routed else u


def do_dig_in(ctx: Context, a: A.DigIn) -> str | None:
    """Spend the turn preparing positions (a unit that has not moved, with the dig_in capability)."""
    u = steady_unit(ctx, a.unit)
    if isinstance(u, str):
        return u
    if not ctx.setup.unit_types[u.type_id].can("dig_in"):
        return f"{u.name} cannot dig in."
    if u.marched_min > 0:
        return f"{u.name} has moved this turn; digging in takes the whole turn."
    if u.posture == "dug_in":
        return f"{u.name} is already dug in."
    u.posture = "dug_in"
    u.used_min = WHOLE_TURN
    ctx.emit(E.PostureChanged, f"{u.name} dug in.", seen_by=(u.side,), unit=u.id, posture="dug_in")
    return None


def do_hold(ctx: Context, a: A.Hold) -> str | None:
    """Hold in place for the rest of the turn (a hasty defence unless already dug in)."""
    u = steady_unit(ctx, a.unit)
    if isinstance(u, str):
        return u
    if u.posture != "dug_in":
        u.posture = "hold"
    u.used_min = WHOLE_TURN
    ctx.emit(E.PostureChanged, f"{u.name} holds its position.", seen_by=(u.side,), unit=u.id, posture="hold")
    return None
