"""End-of-turn upkeep: suppression wears off, fatigue and morale recover, supply trickles in; supply lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core import events as E
from game.core.rules.control import road_cut
from game.core.rules.morale import check_rout, disband

if TYPE_CHECKING:
    from game.core.context import Context
    from game.core.units import Unit


def cut_off_zones(ctx: Context) -> dict[str, list[str]]:
    """Side -> zones whose supply roads are all cut (from the scenario's ``supply`` lines)."""
    out: dict[str, list[str]] = {}
    for line in ctx.setup.supply:
        enemies = ctx.setup.enemies(line.side)
        if all(any(road_cut(ctx, r, e) for e in enemies) for r in line.roads):
            out.setdefault(line.side, []).append(line.zone)
    return out


def is_cut_off(ctx: Context, u: Unit, cut: dict[str, list[str]]) -> bool:
    zones = cut.get(u.side)
    if not zones:
        return False
    return any(ctx.setup.grid.zones[z].item(u.row, u.col) for z in zones)


def end_of_turn(ctx: Context) -> None:
    """Recovery for every unit once both sides have played the turn; units cut off from supply suffer."""
    p = ctx.params
    st = ctx.state
    cut = cut_off_zones(ctx)
    for side, zones in sorted(cut.items()):
        for z in zones:
            key = f"{side}:{z}"
            if key not in st.cut_off:
                st.cut_off.append(key)
                where = ctx.setup.grid.zone_names.get(z, z)
                ctx.emit(E.CutOff, f"{ctx.side_name(side)} in {where} are cut off: every supply road is cut.",
                         side=side, zone=z)
    for u in st.ordered_units():
        isolated = is_cut_off(ctx, u, cut)
        moved = u.marched_min > 0
        u.suppression *= p.suppression_kept
        if moved:
            u.fatigue = min(100.0, u.fatigue + p.fatigue_per_march_hour * u.marched_min / 60.0)
        else:
            u.fatigue = max(0.0, u.fatigue - p.fatigue_rest)
        if isolated:
            u.morale = max(0.0, u.morale - p.cut_off_morale_per_hour * ctx.clock.hours(st.turn))
            check_rout(ctx, u)
        else:
            u.ammo = min(100.0, u.ammo + (p.ammo_resupply if not u.fired else p.ammo_resupply_after_fire))
            if not u.routed and u.morale < p.normal_morale and u.suppression < p.recovery_max_suppression:
                u.morale = min(p.normal_morale, u.morale + p.morale_recovery)
        if u.posture == "dug_in":
            u.dug_in_turns += 1
        elif not moved and u.posture == "moving":
            u.posture = "hold"
        u.climbing = False
        u.used_min = 0.0
        u.marched_min = 0.0
        u.fired = False
        u.active = False
        ut = ctx.setup.unit_types[u.type_id]
        if u.strength < p.disband_share * ut.headcount:
            disband(ctx, u, "its few survivors dispersed")
    ctx.reset_sight()  # no unit is active or on a cliff face any more: what depends on that is worked out afresh
