"""Ranged fire and close assault, resolved with the game's seeded RNG.

Fire: Lanchester-style aimed fire, expected casualties = firepower x firers/100 x modifiers, drawn from
a Poisson distribution. Assault: a force ratio in the spirit of Dupuy's QJM (defence posture hasty
x1.3, prepared x1.5; terrain factors from the terrain table), with the winner decided by the ratio.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.core.actions import Assault, Fire
from game.core.los import line_of_sight
from game.core.rules.constraints import fire_refusal
from game.core.rules.movement import STACK_LIMIT, acting_unit, budget_min
from game.core.units import Unit, Weapon

if TYPE_CHECKING:
    from game.core.engine import Engine

POSTURE_FACTOR = {"moving": 1.0, "hold": 1.3, "dug_in": 1.5}  # Dupuy QJM: hasty 1.3, prepared 1.5
FIRE_MINUTES = 60.0
ASSAULT_MINUTES = 120.0
ROUT_MORALE = 20.0


@dataclass(frozen=True)
class FirePlan:
    weapon: Weapon
    expected: float  # expected casualties
    distance_m: float


@dataclass(frozen=True)
class AssaultPlan:
    ratio: float
    p_win: float


def distance_m(eng: Engine, a: Unit, b: Unit) -> float:
    return math.hypot(a.row - b.row, a.col - b.col) * eng.setup.grid.cell_m


def effectiveness(u: Unit) -> float:
    """Combat multiplier from morale, fatigue and suppression (1.0 for a fresh, steady unit at 80 morale)."""
    return (u.morale / 80.0) * (1.0 - u.fatigue / 200.0) * (1.0 - u.suppression / 150.0)


def expected_fire(eng: Engine, u: Unit, t: Unit, w: Weapon, dist: float) -> float:
    """Expected casualties of one fire action by ``u`` on ``t`` with ``w`` at ``dist`` metres."""
    grid = eng.setup.grid
    cover = 0.0 if t.climbing else float(grid.cover[t.pos]) + (0.2 if t.posture == "dug_in" else 0.0)
    cover = min(cover, 0.9)
    exposure = 2.0 if t.climbing else (1.2 if t.posture == "moving" else 1.0)
    dh = float(grid.elevation[u.pos]) - float(grid.elevation[t.pos])
    height = 1.0 + max(-0.3, min(0.5, dh / 400.0))
    rng_factor = 1.0 - 0.5 * dist / w.range_m
    light = eng.light_factor()
    aim = 1.0 if w.indirect else (0.5 + 0.5 * light)
    return (w.firepower * u.strength / 100.0 * effectiveness(u) * (1.0 - cover) * exposure * height
            * rng_factor * aim)


def fighter_and_target(eng: Engine, unit_id: str, target_id: str, minutes: float) -> tuple[Unit, Unit] | str:
    """The firing/assaulting unit and its spotted enemy target, or why it cannot engage now."""
    u = acting_unit(eng, unit_id)
    if isinstance(u, str):
        return u
    t = eng.state.units.get(target_id)
    if t is None or not t.alive or t.side == u.side:
        return f"'{target_id}' is not an enemy unit."
    if u.routed:
        return f"{u.name} is routed and will not fight until rallied."
    if u.fired:
        return f"{u.name} has already fired or fought this turn."
    if u.climbing:
        return f"{u.name} is on a cliff face and cannot fight."
    if t.id not in eng.spotted_by(u.side):
        return f"Your side has not spotted {t.name}."
    if budget_min(eng, u) < minutes:
        return f"{u.name} has no time left this turn ({minutes / 60:.0f} h needed)."
    return u, t


def plan_fire(eng: Engine, a: Fire) -> FirePlan | str:
    """Validate a fire order; the plan (weapon, expected casualties) or the player-facing reason."""
    pair = fighter_and_target(eng, a.unit, a.target, FIRE_MINUTES)
    if isinstance(pair, str):
        return pair
    u, t = pair
    ut = eng.setup.unit_types[u.type_id]
    dist = distance_m(eng, u, t)
    weapons = [w for w in ut.weapons if a.weapon in (None, w.id)]
    if not weapons:
        return f"{u.name} has no weapon '{a.weapon}'."
    reasons: list[str] = []
    best: FirePlan | None = None
    for w in weapons:
        if dist > w.range_m:
            reasons.append(f"{t.name} is {dist:.0f} m away, beyond the {w.id} range of {w.range_m:.0f} m.")
            continue
        refusal = fire_refusal(eng.setup.constraints, eng.setup.grid, u.side, w, t.pos)
        if refusal:
            reasons.append(refusal)
            continue
        if not w.indirect and not line_of_sight(eng.setup.grid, u.pos, t.pos):
            reasons.append(f"{u.name} has no line of sight to {t.name} for direct fire.")
            continue
        if u.ammo < w.ammo_per_shot:
            reasons.append(f"{u.name} is out of ammunition for {w.id}.")
            continue
        exp = expected_fire(eng, u, t, w, dist)
        if best is None or exp > best.expected:
            best = FirePlan(w, exp, dist)
    if best is None:
        # a constraint refusal is the most useful thing to tell the player
        return next((r for r in reasons if r.startswith("Refused")), reasons[0] if reasons else "Cannot fire.")
    return best


def apply_fire(eng: Engine, u: Unit, t: Unit, plan: FirePlan) -> None:
    """Resolve fire: casualties (Poisson), suppression, morale, ammunition, building damage."""
    rng = eng.state.rng
    cas = int(min(t.strength, rng.poisson(plan.expected)))
    u.fired = True
    u.used_min += FIRE_MINUTES
    u.ammo = max(0.0, u.ammo - plan.weapon.ammo_per_shot)
    eng.mark_active(u.id)
    eng.inflict(t, cas)
    t.suppression = min(100.0, t.suppression + 10.0 + 8.0 * plan.expected)
    eng.shake(t, cas)
    dmg = plan.weapon.damage * max(plan.expected, 1.0) * (3.0 if plan.weapon.heavy else 1.0)
    eng.damage_buildings(t.pos, dmg, spread=plan.weapon.indirect, by=u.side)
    eng.emit("shot", f"{u.name} fired {plan.weapon.id} at {t.name} ({plan.distance_m:.0f} m): {cas} casualties.",
             side=None, unit=u.id, target=t.id, casualties=cas, weapon=plan.weapon.id)


def assault_strength(eng: Engine, u: Unit, defending: bool) -> float:
    """Close-combat power: soldiers x quality x condition, x posture and terrain when defending."""
    ut = eng.setup.unit_types[u.type_id]
    p = u.strength * ut.assault_power * effectiveness(u)
    if u.routed:
        p *= 0.3
    if defending:
        p *= POSTURE_FACTOR.get(u.posture, 1.0)
        p *= float(eng.setup.grid.table.dupuy_terrain[eng.setup.grid.terrain[u.pos]])
    if u.climbing:
        p *= 0.5
    return max(p, 1e-6)


def plan_assault(eng: Engine, a: Assault) -> AssaultPlan | str:
    """Validate a close assault; the odds or the player-facing reason."""
    pair = fighter_and_target(eng, a.unit, a.target, ASSAULT_MINUTES)
    if isinstance(pair, str):
        return pair
    u, t = pair
    if max(abs(u.row - t.row), abs(u.col - t.col)) != 1:
        return f"{t.name} is not adjacent: close assault needs contact."
    if eng.setup.grid.is_cliff_between(u.pos, t.pos):
        return "A cliff lies between them: climb first."
    ratio = assault_odds_ratio(eng, u, t)
    return AssaultPlan(ratio, ratio**2 / (ratio**2 + 1.0))


SUPPORT_SHARE = 0.5  # share of an adjacent friendly unit's power added to an assault (flanking support)
MAX_SUPPORTERS = 2


def supporters(eng: Engine, u: Unit, t: Unit) -> list[Unit]:
    """Other non-routed units of the attacker's side next to the target, not across a cliff (id order)."""
    grid = eng.setup.grid
    out = [o for o in eng.state.units_of(u.side)
           if o.id != u.id and not o.routed and not o.climbing
           and max(abs(o.row - t.row), abs(o.col - t.col)) == 1 and not grid.is_cliff_between(o.pos, t.pos)]
    return out[:MAX_SUPPORTERS]


def assault_odds_ratio(eng: Engine, u: Unit, t: Unit) -> float:
    """Attacker/defender power ratio with flanking support; x1.5 surprise for unspotted infiltrators."""
    power = assault_strength(eng, u, False)
    power += SUPPORT_SHARE * sum(assault_strength(eng, o, False) for o in supporters(eng, u, t))
    ratio = power / assault_strength(eng, t, True)
    ut = eng.setup.unit_types[u.type_id]
    if ut.can("infiltrate") and u.id not in eng.spotted_by(t.side, before_action=True):
        ratio *= 1.5
    return ratio


def apply_assault(eng: Engine, u: Unit, t: Unit, plan: AssaultPlan) -> None:
    """Resolve the assault: both sides lose men, the loser retreats or routs, the winner may advance."""
    rng = eng.state.rng
    won = bool(rng.random() < plan.p_win)
    r = plan.ratio
    base_a = 0.10 * math.sqrt(1.0 / r) * rng.uniform(0.7, 1.3)
    base_d = 0.10 * math.sqrt(r) * rng.uniform(0.7, 1.3)
    if won:
        base_d *= 1.5
    else:
        base_a *= 1.5
    cas_a = int(min(u.strength, round(u.strength * min(base_a, 0.6))))
    cas_d = int(min(t.strength, round(t.strength * min(base_d, 0.6))))
    u.fired = True
    u.used_min += ASSAULT_MINUTES
    u.ammo = max(0.0, u.ammo - 15.0)
    eng.mark_active(u.id)
    eng.inflict(u, cas_a)
    eng.inflict(t, cas_d)
    eng.damage_buildings(t.pos, 0.01, spread=False, by=u.side)
    verdict = "took the position" if won else "was thrown back"
    eng.emit("assault", f"{u.name} assaulted {t.name} (odds {r:.2f}) and {verdict}: losses {cas_a} / {cas_d}.",
             side=None, unit=u.id, target=t.id, won=won, losses=[cas_a, cas_d])
    frm = t.pos
    if won:
        eng.shake(t, cas_d, extra=15.0)
        if t.alive:
            eng.retreat(t, away_from=u.pos)
        here = eng.state.units_at(frm)
        if not any(o.side != u.side for o in here) and len(here) < STACK_LIMIT:
            u.row, u.col = frm
            eng.touch(u.id)
            eng.emit("unit_moved", f"{u.name} advanced into {frm}.", side=u.side, unit=u.id, to=list(frm))
    else:
        eng.shake(u, cas_a, extra=10.0)
        u.suppression = min(100.0, u.suppression + 30.0)
