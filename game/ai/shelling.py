"""Shelling a zone (the ``shell_zone`` task): when a mortar or gun stands in range of the zone, and which
enemy in the zone it fires at.

A unit shells with its indirect-fire weapons, which need no sight line of their own: it fires on the enemies
in the zone that its side spots now (the rules allow fire at nothing else), so the side's other units, a
reconnaissance screen for instance, observe for it. Whether a shot is allowed at all (a scenario's no-fire
zone, range, ammunition, time left) is the rules' answer, asked through ``SideView.fire_plan``; the engine
checks the order again when it is given.
"""

from __future__ import annotations

import math

from game.ai.targets import centre_of_zone
from game.ai.view import SideView
from game.core import actions as A
from game.core.units import Unit

IN_RANGE_SHARE = 1.0  # in position: the zone's centre within this share of the longest indirect range (assumption)


def shell_range_m(view: SideView, u: Unit) -> float:
    """The longest range of the unit's indirect-fire weapons (0 without any)."""
    return max((w.range_m for w in view.unit_type(u).weapons if w.indirect), default=0.0)


def in_position(view: SideView, zone: str, u: Unit) -> bool:
    """Whether the unit stands where it can shell the zone: its centre within ``IN_RANGE_SHARE`` of the range.

    Example: an 82 mm mortar (4,000 m) is in position up to 3,600 m from the zone's centre cell.
    """
    reach = IN_RANGE_SHARE * shell_range_m(view, u) / view.grid.cell_m
    r, c = centre_of_zone(view.grid, zone)
    return reach > 0 and math.hypot(r - u.row, c - u.col) <= reach


def shell_target(view: SideView, zone: str, u: Unit) -> A.Fire | None:
    """Fire on the spotted enemy in the zone the rules let the unit hit hardest (ties: the lower id); None when
    none is in range or every shot is refused. Any effect will do: the task is to shell the zone."""
    reach = shell_range_m(view, u) / view.grid.cell_m
    mask = view.grid.zones[zone]
    best, best_e = None, 0.0
    for t in sorted(view.peek_enemies_near(u.pos, int(reach)), key=lambda e: e.id):
        if not mask[t.pos] or math.hypot(t.row - u.row, t.col - u.col) > reach:
            continue
        plan = view.fire_plan(u.id, t.id)
        if not isinstance(plan, str) and plan.expected > best_e:
            best, best_e = t, plan.expected
    return A.Fire(u.id, best.id) if best is not None else None
