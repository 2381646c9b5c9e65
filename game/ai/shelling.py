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
from game.ai.tasks import ARRIVED_CELLS, near, waypoint_key
from game.ai.view import SideView
from game.core import actions as A
from game.core.plans import Task
from game.core.units import Unit

Cell = tuple[int, int]


def shell_range_m(view: SideView, u: Unit) -> float:
    """The longest range of the unit's indirect-fire weapons (0 without any)."""
    return max((w.range_m for w in view.unit_type(u).weapons if w.indirect), default=0.0)


def in_range(view: SideView, zone: str, u: Unit, cell: Cell | None = None) -> bool:
    """Whether the zone's centre cell is within the range of the unit's indirect-fire weapons from where it
    stands (or from ``cell``): the near half of the zone, at least, is in reach.

    Example: an 82 mm mortar (4,000 m) on 200 m cells is in range up to 20 cells from the centre.
    """
    reach = shell_range_m(view, u) / view.grid.cell_m
    r, c = centre_of_zone(view.grid, zone)
    row, col = cell or u.pos
    return reach > 0 and math.hypot(r - row, c - col) <= reach


def route_done(view: SideView, task: Task, u: Unit) -> bool:
    """Whether the unit has walked the task's waypoints (at once when the task has none): it has passed all
    but the last and stands there, or went on from there (the side's ``waypoint`` memory holds the index of
    its next waypoint, and one past the last once it went on)."""
    if not task.via:
        return True
    n = len(task.via)
    i = view.memory.get("waypoint", {}).get(waypoint_key(task, u.id), 0)
    return i >= n or (i == n - 1 and near(u.pos, task.via[-1], ARRIVED_CELLS))


def in_position(view: SideView, task: Task, u: Unit) -> bool:
    """Whether a unit of a shell_zone task stands at its firing position: route walked, the zone in range."""
    assert task.zone is not None
    return route_done(view, task, u) and in_range(view, task.zone, u)


def stop_in_range(view: SideView, zone: str, u: Unit, move: A.Move) -> A.Move:
    """``move`` cut short at the first cell of its path from which the zone is in range (the rules checked),
    so a unit on a fast road does not drive on past its firing position; else ``move`` itself."""
    path = move.path
    for k in range(1, len(path)):
        if in_range(view, zone, u, path[k]) and view.move_ok(u.id, list(path[:k + 1])):
            return A.Move(u.id, path[k], tuple(path[:k + 1]))
    return move


def shell_target(view: SideView, zone: str, u: Unit) -> A.Fire | None:
    """Fire on the spotted enemy in the zone the rules let the unit hit hardest (ties: the lower id); None
    when none is in range or every shot is refused. Any effect will do: the task is to shell the zone."""
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
