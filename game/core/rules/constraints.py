"""Scenario constraints: forbidden unit classes, no-fire zones, vehicles confined to roads."""

from __future__ import annotations

from game.core.grid import Grid
from game.core.setup import Constraints
from game.core.units import UnitType, Weapon


def forbidden_reason(constraints: Constraints, side: str, utype: UnitType) -> str | None:
    """Why a unit of this type may not exist for ``side``, or None when it may."""
    if utype.unit_class in constraints.forbidden_classes.get(side, ()):
        why = constraints.forbidden_reason.get(side, "")
        return f"{utype.name} ({utype.unit_class}) is forbidden to this side in this scenario. {why}".strip()
    return None


def fire_refusal(constraints: Constraints, grid: Grid, side: str, weapon: Weapon,
                 cell: tuple[int, int]) -> str | None:
    """Why ``weapon`` may not fire into ``cell`` for ``side`` (a no-fire zone), or None when it may."""
    for z in constraints.no_fire_zones:
        if z.side != side or z.zone not in grid.zones or not grid.zones[z.zone][cell]:
            continue
        kinds = forbidden_kinds(z.forbid, weapon)
        if kinds:
            what = " and ".join(kinds)
            where = grid.zone_names.get(z.zone, z.zone)
            gun = weapon.id.replace("_", " ")
            return f"Refused: {what} fire ({gun}) into the no-fire zone ({where}) is forbidden. {z.reason}"
    return None


def forbidden_kinds(forbid: tuple[str, ...] | list[str], weapon: Weapon) -> list[str]:
    """The kinds of fire in ``forbid`` (``indirect``, ``heavy``) that ``weapon`` is, in ``forbid`` order."""
    return [k for k in forbid if (k == "indirect" and weapon.indirect) or (k == "heavy" and weapon.heavy)]


def road_only(constraints: Constraints, move_class: str) -> bool:
    """True when the scenario confines this movement class to roads (no vehicle transport off-road)."""
    return constraints.vehicles_road_only and move_class in ("wheeled", "tracked")
