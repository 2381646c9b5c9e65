"""End-of-turn upkeep: suppression wears off, fatigue and morale recover, supply trickles in."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.core.engine import Engine

RALLY_MORALE = 40.0


def end_of_turn(eng: Engine) -> None:
    """Recovery for every unit once both sides have played the turn."""
    for u in eng.state.ordered_units():
        moved = u.marched_min > 0
        u.suppression *= 0.4
        if moved:
            u.fatigue = min(100.0, u.fatigue + 3.0 * u.marched_min / 60.0)
        else:
            u.fatigue = max(0.0, u.fatigue - 20.0)
        u.ammo = min(100.0, u.ammo + (15.0 if not u.fired else 5.0))
        if not u.routed and u.morale < 80.0 and u.suppression < 20.0:
            u.morale = min(80.0, u.morale + 3.0)
        if u.posture == "dug_in":
            u.dug_in_turns += 1
        elif not moved and u.posture == "moving":
            u.posture = "hold"
        u.climbing = False
        u.used_min = 0.0
        u.marched_min = 0.0
        u.fired = False
        ut = eng.setup.unit_types[u.type_id]
        if u.strength < 0.1 * ut.headcount:
            eng.disband(u, "its few survivors dispersed or were captured")


def rally(eng: Engine, unit_id: str) -> None:
    """Spend the turn rallying: morale up (more if no enemy is adjacent), suppression cleared."""
    u = eng.state.units[unit_id]
    near = any(max(abs(o.row - u.row), abs(o.col - u.col)) <= 1 for o in eng.state.enemies_of(u.side))
    u.morale = min(90.0, u.morale + (10.0 if near else 20.0))
    u.suppression = max(0.0, u.suppression - 40.0)
    if u.routed and u.morale >= RALLY_MORALE:
        u.routed = False
        eng.touch(u.id)
    u.used_min = 1e9  # the whole turn
    u.fired = True
