"""End-of-turn upkeep: suppression wears off, fatigue and morale recover, supply trickles in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core.rules.control import road_cut

if TYPE_CHECKING:
    from game.core.engine import Engine
    from game.core.units import Unit

RALLY_MORALE = 40.0
MORALE_CAP = 80.0  # rallying restores a unit's normal morale, never more
CUT_OFF_MORALE = 6.0  # morale lost per turn by units cut off from supply (game assumption)


def cut_off_zones(eng: Engine) -> dict[str, list[str]]:
    """Side -> zones whose supply roads are all cut (from the scenario's ``supply`` lines)."""
    out: dict[str, list[str]] = {}
    for line in eng.setup.supply:
        enemies = [s for s in eng.setup.sides if s != line.side]
        if all(any(road_cut(eng, r, e) for e in enemies) for r in line.roads):
            out.setdefault(line.side, []).append(line.zone)
    return out


def is_cut_off(eng: Engine, u: Unit, cut: dict[str, list[str]]) -> bool:
    return any(eng.setup.grid.zones[z][u.pos] for z in cut.get(u.side, ()))


def end_of_turn(eng: Engine) -> None:
    """Recovery for every unit once both sides have played the turn; units cut off from supply suffer."""
    cut = cut_off_zones(eng)
    for side, zones in sorted(cut.items()):
        for z in zones:
            key = f"{side}:{z}"
            if key not in eng.state.cut_off:
                eng.state.cut_off.append(key)
                eng.emit("cut_off", f"{eng.side_name(side)} in {z} are cut off: every supply road is cut.",
                         side=None, zone=z, by=side)
    for u in eng.state.ordered_units():
        isolated = is_cut_off(eng, u, cut)
        moved = u.marched_min > 0
        u.suppression *= 0.4
        if moved:
            u.fatigue = min(100.0, u.fatigue + 3.0 * u.marched_min / 60.0)
        else:
            u.fatigue = max(0.0, u.fatigue - 20.0)
        if isolated:
            u.morale = max(0.0, u.morale - CUT_OFF_MORALE)
            eng.check_rout(u)
        else:
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
    gain = 10.0 if near else 20.0
    if is_cut_off(eng, u, cut_off_zones(eng)):
        gain /= 2.0  # no supplies, no evacuation of the wounded
    u.morale = max(u.morale, min(MORALE_CAP, u.morale + gain))
    u.suppression = max(0.0, u.suppression - 40.0)
    if u.routed and u.morale >= RALLY_MORALE:
        u.routed = False
        eng.touch(u.id)
    u.used_min = 1e9  # the whole turn
    u.fired = True
