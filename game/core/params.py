"""Rule parameters: every constant of the rules, read from the rules YAML (with its source) and
overridable per scenario. The core only declares names, meaning and allowed range; the values live in
``game/data/<rules>.yaml`` under ``rule_params``.

Example::

    params = RuleParams.from_values({"fire_max_minutes": 60.0, ...})   # every field, no defaults
    action_minutes(params.fire_max_minutes, params.fire_turn_share, turn_minutes=60.0)  # 12.0
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any

from game.core.frozen import Frozen


def _p(lo: float, hi: float, doc: str, *, whole: bool = False) -> Any:
    """A parameter field: allowed range [lo, hi] and what it means (no default: the YAML gives it)."""
    return field(metadata={"range": (lo, hi), "doc": doc, "whole": whole})


@dataclass(frozen=True)
class RuleParams(Frozen):
    """Every rule constant. Times in minutes, distances in metres, morale/fatigue/ammo in points of 100."""

    # ---- time an action takes: min(max_minutes, turn_share x turn length), so short turns still allow it
    fire_max_minutes: float = _p(1, 600, "longest time one fire action takes")
    fire_turn_share: float = _p(0.01, 1, "share of the turn's length one fire action takes, up to the maximum")
    assault_max_minutes: float = _p(1, 600, "longest time one close assault takes")
    assault_turn_share: float = _p(0.01, 1, "share of the turn's length an assault takes, up to the maximum")
    climb_minutes_per_100m: float = _p(1, 1000, "rope ascent time per 100 m of cliff relief")
    climb_min_minutes: float = _p(0, 1000, "shortest climb of any cliff edge")
    climb_fatigue: float = _p(0, 100, "fatigue a whole climb adds")
    # ---- how much of a turn a unit can be active
    sustained_turn_hours: float = _p(0.25, 48, "turns this long or longer: units march their type's march_fraction")
    short_turn_hours: float = _p(0.1, 24, "turns this short or shorter: units can be active short_turn_activity")
    short_turn_activity: float = _p(0.05, 1, "share of a short turn a unit can spend acting")
    # ---- light
    night_sight_loss: float = _p(0, 1, "share of sight range lost in full darkness")
    night_aim_loss: float = _p(0, 1, "share of aimed-fire effect lost in full darkness")
    # ---- aimed fire
    dug_in_cover: float = _p(0, 0.9, "cover added by prepared positions")
    max_cover: float = _p(0, 0.99, "cover never exceeds this")
    climbing_exposure: float = _p(1, 10, "fire effect multiplier against units on a cliff face")
    moving_exposure: float = _p(1, 10, "fire effect multiplier against units caught moving")
    height_m_per_unit: float = _p(10, 10000, "metres of height advantage that add x1.0 to fire effect")
    height_min: float = _p(-1, 0, "lowest height modifier (firing uphill)")
    height_max: float = _p(0, 3, "highest height modifier (firing downhill)")
    range_falloff: float = _p(0, 1, "share of effect lost at a weapon's maximum range")
    suppression_per_fire: float = _p(0, 100, "suppression every fire action causes")
    suppression_per_casualty: float = _p(0, 100, "suppression per expected casualty")
    heavy_damage_factor: float = _p(1, 20, "building damage multiplier for heavy weapons")
    killed_share_fire: float = _p(0, 1, "share of fire casualties killed (the rest wounded)")
    # ---- condition
    normal_morale: float = _p(1, 100, "morale of a steady, rested unit (effectiveness 1.0; rally cap)")
    fatigue_effect: float = _p(0, 1, "effectiveness lost at fatigue 100")
    suppression_effect: float = _p(0, 1, "effectiveness lost at suppression 100")
    # ---- morale
    morale_loss_per_loss_share: float = _p(0, 500, "morale lost per share of the unit lost in one blow")
    morale_loss_per_blow: float = _p(0, 50, "morale lost by every blow that hits a unit")
    rout_morale: float = _p(0, 100, "a unit below this morale breaks and routs")
    assault_loser_defender_shock: float = _p(0, 100, "extra morale a defender loses when its position is taken")
    assault_loser_attacker_shock: float = _p(0, 100, "extra morale an attacker loses when thrown back")
    rally_gain: float = _p(0, 100, "morale a rally restores out of contact")
    rally_gain_in_contact: float = _p(0, 100, "morale a rally restores next to the enemy")
    rally_suppression: float = _p(0, 100, "suppression a rally clears")
    rallied_morale: float = _p(0, 100, "a routed unit is steady again at this morale")
    morale_recovery: float = _p(0, 50, "morale regained per turn by a supplied unit not under fire")
    recovery_max_suppression: float = _p(0, 100, "no recovery above this suppression")
    cut_off_morale_per_hour: float = _p(0, 10, "morale lost per hour by a unit cut off from supply")
    # ---- close assault
    posture_hold: float = _p(1, 3, "defence multiplier of a hasty defence (hold)")
    posture_dug_in: float = _p(1, 3, "defence multiplier of a prepared defence (dug in)")
    routed_power: float = _p(0, 1, "close-combat power left to a routed unit")
    climbing_power: float = _p(0, 1, "close-combat power left to a unit on a cliff face")
    min_power_share: float = _p(0, 1, "close-combat power never falls below this share of headcount x quality")
    support_share: float = _p(0, 1, "share of an adjacent friendly unit's power added to an assault")
    max_supporters: int = _p(0, 8, "most units that support one assault", whole=True)
    surprise_factor: float = _p(1, 5, "odds multiplier for an unspotted infiltrator's assault")
    assault_base_loss: float = _p(0, 1, "share of a unit lost in an even assault")
    assault_loser_loss: float = _p(1, 5, "loser's losses multiplier")
    assault_max_loss: float = _p(0, 1, "most of a unit one assault can cost")
    assault_ammo: float = _p(0, 100, "ammunition an assault uses")
    assault_loser_suppression: float = _p(0, 100, "suppression of an attacker thrown back")
    assault_damage: float = _p(0, 1, "building damage of a close assault in a settlement cell")
    killed_share_assault: float = _p(0, 1, "share of assault casualties killed")
    captured_share_assault: float = _p(0, 1, "share of a beaten defender's losses taken prisoner")
    cut_off_retreat_loss: float = _p(0, 1, "share of a unit lost when it must retreat and cannot")
    ambush_factor: float = _p(1, 5, "fire multiplier of a post or patrol springing an ambush (surprise)")
    ambush_shock: float = _p(0, 100, "extra morale a unit caught in an ambush loses")
    # ---- upkeep
    suppression_kept: float = _p(0, 1, "share of suppression left after a turn")
    fatigue_per_march_hour: float = _p(0, 50, "fatigue added per hour marched or climbed")
    fatigue_rest: float = _p(0, 100, "fatigue shed by a turn without marching")
    ammo_resupply: float = _p(0, 100, "ammunition a supplied unit gets back per turn")
    ammo_resupply_after_fire: float = _p(0, 100, "ammunition a supplied unit that fought gets back")
    disband_share: float = _p(0, 1, "a unit below this share of its headcount disperses")
    # ---- spotting
    concealment_effect: float = _p(0, 1, "share of spotting range lost at concealment 1.0")
    activity_detection: float = _p(1, 5, "detection range multiplier for units that moved or fired")
    # ---- stacking and control (metres are turned into cells at the scenario's cell size)
    stack_limit: int = _p(1, 20, "units of one side per cell", whole=True)
    control_radius_m: float = _p(0, 10000, "a unit controls settlement/zone cells this close if uncontested")
    road_cut_radius_m: float = _p(0, 5000, "a unit this close to a road cuts it")
    fire_control_checks: int = _p(1, 64, "road cells tested for a sight line when a road is held under fire",
                                  whole=True)

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def spec(cls, name: str) -> tuple[float, float, str, bool]:
        """(low, high, meaning, whole number?) of a parameter."""
        f = next(f for f in fields(cls) if f.name == name)
        lo, hi = f.metadata["range"]
        return lo, hi, f.metadata["doc"], f.metadata["whole"]

    @classmethod
    def problem(cls, name: str, value: object) -> str | None:
        """Why ``value`` is not allowed for parameter ``name`` (None when it is)."""
        if name not in cls.names():
            return f"unknown rule parameter {name!r}"
        lo, hi, doc, whole = cls.spec(name)
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return f"expected a finite number ({doc}), got {value!r}"
        if whole and value != int(value):
            return f"expected a whole number ({doc}), got {value!r}"
        if not lo <= value <= hi:
            return f"expected a number from {lo:g} to {hi:g} ({doc}), got {value!r}"
        return None

    @classmethod
    def from_values(cls, values: dict[str, float]) -> RuleParams:
        """Build from a complete mapping of checked values (ValueError naming what is missing or wrong)."""
        missing = [n for n in cls.names() if n not in values]
        if missing:
            raise ValueError(f"missing rule parameters: {', '.join(missing)}")
        for n, v in values.items():
            why = cls.problem(n, v)
            if why:
                raise ValueError(f"{n}: {why}")
        kinds = {f.name: f.metadata["whole"] for f in fields(cls)}
        return cls(**{n: (int(v) if kinds[n] else float(v)) for n, v in values.items()})  # type: ignore[arg-type]


def action_minutes(max_minutes: float, turn_share: float, turn_minutes: float) -> float:
    """Minutes an action takes in a turn of ``turn_minutes``: a share of the turn, at most ``max_minutes``.

    Example: fire (60 min, share 0.2) takes 60 min in a 12-hour turn and 12 min in a 1-hour turn.
    """
    return min(max_minutes, turn_share * turn_minutes)


def cells(metres: float, cell_m: float) -> int:
    """A distance in metres as a whole number of cells (at least 0), e.g. 400 m at 200 m cells -> 2."""
    return max(0, int(round(metres / cell_m)))
