"""Ranged fire and close assault, resolved with the game's seeded RNG.

Fire: Lanchester-style aimed fire, expected casualties = firepower x firers/100 x modifiers, drawn from
a Poisson distribution. Assault: a force ratio in the spirit of Dupuy's QJM (defence posture hasty
x1.3, prepared x1.5; terrain factors from the terrain table) against every enemy unit in the cell, with
the winner decided by the ratio. Every factor is a rule parameter (``game/data/default.yaml``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.core import events as E
from game.core.actions import Assault, Fire
from game.core.rules.constraints import fire_refusal
from game.core.rules.losses import book, damage_buildings
from game.core.rules.morale import effectiveness, retreat, shake
from game.core.rules.movement import acting_unit, budget_min, stack_counts
from game.core.steps import crosses_cliff
from game.core.units import Unit, Weapon
from game.core.whereabouts import after_name, distance_text
from game.core.wording import casualties

if TYPE_CHECKING:
    from game.core.context import Context


@dataclass(frozen=True)
class FirePlan:
    weapon: Weapon
    expected: float  # expected casualties
    distance_m: float


@dataclass(frozen=True)
class AssaultPlan:
    ratio: float
    p_win: float
    defenders: tuple[str, ...]  # every enemy unit in the target cell


def distance_m(ctx: Context, a: Unit, b: Unit) -> float:
    return math.hypot(a.row - b.row, a.col - b.col) * ctx.setup.grid.cell_m


def odds_text(ratio: float) -> str:
    """Odds as a player reads them: ``2.4 : 1``, ``1 : 3.1``, or ``more than 20 : 1``."""
    if ratio >= 20:
        return "more than 20 : 1"
    if ratio <= 0.05:
        return "less than 1 : 20"
    return f"{ratio:.1f} : 1" if ratio >= 1 else f"1 : {1 / ratio:.1f}"


def expected_fire(ctx: Context, u: Unit, t: Unit, w: Weapon, dist: float) -> float:
    """Expected casualties of one fire action by ``u`` on ``t`` with ``w`` at ``dist`` metres."""
    grid = ctx.setup.grid
    p = ctx.params
    cover = 0.0 if t.climbing else float(grid.cover[t.pos]) + (p.dug_in_cover if t.posture == "dug_in" else 0.0)
    cover = min(cover, p.max_cover)
    exposure = p.climbing_exposure if t.climbing else (p.moving_exposure if t.posture == "moving" else 1.0)
    dh = float(grid.elevation[u.pos]) - float(grid.elevation[t.pos])
    height = 1.0 + max(p.height_min, min(p.height_max, dh / p.height_m_per_unit))
    rng_factor = 1.0 - p.range_falloff * dist / w.range_m
    aim = 1.0 if w.indirect else 1.0 - p.night_aim_loss * (1.0 - ctx.light_factor())
    return (w.firepower * u.strength / 100.0 * effectiveness(ctx, u) * (1.0 - cover) * exposure * height
            * rng_factor * aim)


def fighter_and_target(ctx: Context, unit_id: str, target_id: str, minutes: float) -> tuple[Unit, Unit] | str:
    """The firing/assaulting unit and its spotted enemy target, or why it cannot engage now."""
    u = acting_unit(ctx, unit_id)
    if isinstance(u, str):
        return u
    t = ctx.state.units.get(target_id)
    if t is None or not t.alive or t.side == u.side:
        return f"'{target_id}' is not an enemy unit."
    if u.routed:
        return f"{u.name} is routed and will not fight until rallied."
    if u.fired:
        return f"{u.name} has already fired or fought this turn."
    if u.climbing:
        return f"{u.name} is on a cliff face and cannot fight."
    if t.id not in ctx.spotted_by(u.side):
        return f"Your side has not spotted {t.name}."
    left = budget_min(ctx, u)
    if left + 1e-9 < minutes:
        return f"{u.name} has {left:.0f} min left this turn; this takes {minutes:.0f} min."
    return u, t


def plan_fire(ctx: Context, a: Fire) -> FirePlan | str:
    """Validate a fire order; the plan (best weapon, expected casualties) or the real reason it cannot fire.

    Reasons, most useful first: a scenario constraint, no sight line (for weapons in range), out of
    ammunition, out of range of every weapon.
    """
    pair = fighter_and_target(ctx, a.unit, a.target, ctx.fire_minutes())
    if isinstance(pair, str):
        return pair
    u, t = pair
    ut = ctx.setup.unit_types[u.type_id]
    dist = distance_m(ctx, u, t)
    weapons = [w for w in ut.weapons if a.weapon in (None, w.id)]
    if not weapons:
        return f"{u.name} has no weapon '{a.weapon}'."
    in_range = [w for w in weapons if dist <= w.range_m]
    if not in_range:
        longest = max(weapons, key=lambda w: w.range_m)
        return (f"{t.name} is {dist:.0f} m away, beyond the range of {u.name}'s weapons "
                f"(longest: {longest.label}, {longest.range_m:.0f} m).")
    why = [fire_refusal(ctx.setup.constraints, ctx.setup.grid, u.side, w, t.pos) for w in in_range]
    refusals = [r for r in why if r]
    allowed = [w for w, r in zip(in_range, why, strict=True) if not r]
    if not allowed:
        return refusals[0]
    sight = ctx.spotter.sees_cell(u, t.pos, ctx.light_factor())
    aimed = [w for w in allowed if w.indirect or sight]
    if not aimed:
        return f"{u.name} has no line of sight to {t.name} for direct fire (another unit may see it)."
    loaded = [w for w in aimed if u.ammo >= w.ammo_per_shot]
    if not loaded:
        return f"{u.name} is out of ammunition ({u.ammo:.0f}% left)."
    plans = [FirePlan(w, expected_fire(ctx, u, t, w, dist), dist) for w in loaded]
    return max(plans, key=lambda p: p.expected)


def do_fire(ctx: Context, a: Fire) -> str | None:
    """The Fire handler."""
    plan = ctx.checked(a, plan_fire)
    if isinstance(plan, str):
        return plan
    apply_fire(ctx, ctx.state.units[a.unit], ctx.state.units[a.target], plan)
    return None


def apply_fire(ctx: Context, u: Unit, t: Unit, plan: FirePlan) -> None:
    """Resolve fire: casualties (Poisson), suppression, morale, ammunition, building damage.

    The target's side learns who fired only if it can see the firer (firing makes a unit easier to see).
    """
    p = ctx.params
    cas = int(min(t.strength, ctx.state.rng.poisson(plan.expected)))
    u.fired = True
    u.used_min += ctx.fire_minutes()
    u.ammo = max(0.0, u.ammo - plan.weapon.ammo_per_shot)
    ctx.mark_active(u)
    gun = plan.weapon.label
    knows_firer = ctx.sees(t.side, u)
    seen = tuple(s for s in (u.side, t.side) if s == u.side or knows_firer)
    ctx.emit(E.ShotResolved, f"{u.name} fired {gun} at {t.name}{after_name(ctx.setup.grid, t.pos)} "
             f"({distance_text(plan.distance_m / 1000)} away): {casualties(cas)}.",
             seen_by=seen, unit=u.id, target=t.id, weapon=plan.weapon.id, distance_m=plan.distance_m,
             casualties=cas)
    if not knows_firer:
        what = "shelling" if plan.weapon.indirect else "fire"
        ctx.emit(E.UnderFire, f"{t.name} came under {what} from an unseen enemy{after_name(ctx.setup.grid, t.pos)}: "
                 f"{casualties(cas)}.",
                 seen_by=(t.side,), target=t.id, casualties=cas, indirect=plan.weapon.indirect)
    book(ctx, t, cas, killed_share=p.killed_share_fire)
    t.suppression = min(100.0, t.suppression + p.suppression_per_fire + p.suppression_per_casualty * plan.expected)
    shake(ctx, t, cas)
    dmg = plan.weapon.damage * max(plan.expected, 1.0) * (p.heavy_damage_factor if plan.weapon.heavy else 1.0)
    damage_buildings(ctx, t.pos, dmg, spread=plan.weapon.indirect, by=u.side)


def assault_strength(ctx: Context, u: Unit, defending: bool) -> float:
    """Close-combat power: soldiers x quality x condition, x posture and terrain when defending.

    Never below ``min_power_share`` of soldiers x quality: even a broken group fights back a little.
    """
    p = ctx.params
    ut = ctx.setup.unit_types[u.type_id]
    base = u.strength * ut.assault_power
    power = base * effectiveness(ctx, u)
    if u.routed:
        power *= p.routed_power
    if u.climbing:
        power *= p.climbing_power
    power = max(power, base * p.min_power_share)
    if defending:
        power *= {"hold": p.posture_hold, "dug_in": p.posture_dug_in}.get(u.posture, 1.0)
        power *= float(ctx.setup.grid.table.dupuy_terrain[ctx.setup.grid.terrain[u.pos]])
    return max(power, 1e-3)


def defenders_at(ctx: Context, side: str, cell: tuple[int, int]) -> list[Unit]:
    """Every unit of the enemies of ``side`` in ``cell`` (id order): an assault fights them all."""
    return [o for o in ctx.state.units_at(cell) if o.side != side]


def plan_assault(ctx: Context, a: Assault) -> AssaultPlan | str:
    """Validate a close assault on the target's cell; the odds or the player-facing reason."""
    pair = fighter_and_target(ctx, a.unit, a.target, ctx.assault_minutes())
    if isinstance(pair, str):
        return pair
    u, t = pair
    if max(abs(u.row - t.row), abs(u.col - t.col)) != 1:
        return f"{t.name} is not adjacent: close assault needs contact."
    if crosses_cliff(ctx.setup.grid.cliff, u.pos, t.pos):
        return "A cliff lies between them: climb first."
    defenders = defenders_at(ctx, u.side, t.pos)
    ratio = assault_odds_ratio(ctx, u, t, defenders)
    return AssaultPlan(ratio, ratio**2 / (ratio**2 + 1.0), tuple(o.id for o in defenders))


def supporters(ctx: Context, u: Unit, t: Unit) -> list[Unit]:
    """Other non-routed units of the attacker's side next to the target, not across a cliff (id order)."""
    cliff = ctx.setup.grid.cliff
    tr, tc = t.row, t.col
    out = [o for o in ctx.state.units_of(u.side)
           if -1 <= o.row - tr <= 1 and -1 <= o.col - tc <= 1 and (o.row, o.col) != (tr, tc)  # next to the target
           and o.id != u.id and not o.routed and not o.climbing and not crosses_cliff(cliff, o.pos, t.pos)]
    return out[:ctx.params.max_supporters]


def assault_odds_ratio(ctx: Context, u: Unit, t: Unit, defenders: list[Unit] | None = None) -> float:
    """Attacker/defenders power ratio with flanking support; surprise for unspotted infiltrators (``defenders``:
    :func:`defenders_at` the target's cell, if known already)."""
    p = ctx.params
    power = assault_strength(ctx, u, False)
    power += p.support_share * sum(assault_strength(ctx, o, False) for o in supporters(ctx, u, t))
    if defenders is None:
        defenders = defenders_at(ctx, u.side, t.pos)
    defence = sum(assault_strength(ctx, d, True) for d in defenders)
    ratio = power / defence
    ut = ctx.setup.unit_types[u.type_id]
    if ut.can("infiltrate") and u.id not in ctx.spotted_by(t.side, before_action=True):
        ratio *= p.surprise_factor
    return ratio


def do_assault(ctx: Context, a: Assault) -> str | None:
    """The Assault handler."""
    plan = ctx.checked(a, plan_assault)
    if isinstance(plan, str):
        return plan
    apply_assault(ctx, ctx.state.units[a.unit], plan)
    return None


def apply_assault(ctx: Context, u: Unit, plan: AssaultPlan) -> None:
    """Resolve the assault: both sides lose men; beaten defenders fall back (or are cut off), beaten
    attackers are thrown back; the attacker advances only into a cleared cell with room."""
    p = ctx.params
    rng = ctx.state.rng
    defenders = [ctx.state.units[d] for d in plan.defenders]
    cell = defenders[0].pos
    seen = ctx.known_to(u, *defenders)
    won = bool(rng.random() < plan.p_win)
    r = plan.ratio
    base_a = p.assault_base_loss * math.sqrt(1.0 / r) * rng.uniform(0.7, 1.3)
    base_d = p.assault_base_loss * math.sqrt(r) * rng.uniform(0.7, 1.3)
    if won:
        base_d *= p.assault_loser_loss
    else:
        base_a *= p.assault_loser_loss
    u.fired = True
    u.used_min += ctx.assault_minutes()
    u.ammo = max(0.0, u.ammo - p.assault_ammo)
    ctx.mark_active(u)
    cas_a = book(ctx, u, round(u.strength * min(base_a, p.assault_max_loss)), killed_share=p.killed_share_assault)
    cas_d = []
    for d in defenders:
        n = round(d.strength * min(base_d, p.assault_max_loss))
        taken = int(rng.binomial(n, p.captured_share_assault)) if won and n else 0
        cas_d.append(book(ctx, d, n, killed_share=p.killed_share_assault, captured=taken))
    damage_buildings(ctx, cell, p.assault_damage, spread=False, by=u.side)
    if won:
        for d, n in zip(defenders, cas_d, strict=True):
            shake(ctx, d, n, extra=p.assault_loser_defender_shock)
            if d.alive:
                retreat(ctx, d, away_from=u.pos)
    else:
        shake(ctx, u, cas_a, extra=p.assault_loser_attacker_shock)
        u.suppression = min(100.0, u.suppression + p.assault_loser_suppression)
    held_by = [d for d in defenders_at(ctx, u.side, cell)]
    room = stack_counts(ctx, u.side, exclude=u.id).get(cell, 0) < p.stack_limit
    moved_in = won and u.alive and not held_by and room
    names = ", ".join(d.name for d in defenders)
    if moved_in:
        verdict = "took the position"
    elif won and held_by:
        hold = "holds" if len(held_by) == 1 else "hold"
        verdict = f"won the fight, but {', '.join(d.name for d in held_by)} still {hold} the position"
    elif won:
        verdict = "drove the defenders out but had no room to advance (stack limit)" if u.alive else \
            "drove the defenders out but did not survive"
    else:
        verdict = "was thrown back"
    ctx.emit(E.AssaultResolved, f"{u.name} assaulted {names}{after_name(ctx.setup.grid, cell)} (odds {odds_text(r)}) "
             f"and {verdict}: the attackers lost {cas_a}, the defenders {sum(cas_d)}.", seen_by=seen, unit=u.id,
             targets=plan.defenders, won=won, taken=moved_in, losses=(cas_a, sum(cas_d)))
    if moved_in:
        frm = u.pos
        u.row, u.col = cell
        ctx.touch(u.id)
        ctx.emit(E.UnitMoved, f"{u.name} advanced into the position.", seen_by=ctx.known_to(u), unit=u.id,
                 frm=frm, to=cell, hours=0.0)
