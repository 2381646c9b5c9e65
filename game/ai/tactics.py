"""Fighting decisions shared by every task: fire, assault, falling back. They use only the side's view."""

from __future__ import annotations

import math

from game.ai.view import SideView
from game.core import actions as A
from game.core.grid import DIRS
from game.core.rules.combat import AssaultPlan
from game.core.steps import inside, step_seconds
from game.core.units import Unit

ASSAULT_ODDS = {"attacker": 1.0, "defender": 1.6}  # least odds to go in when the task calls for a fight
CAUTIOUS_ODDS = 3.0  # least odds to go in when the task avoids contact (concealed movement)
MIN_FIRE_EFFECT = 0.3  # expected casualties below which a unit does not give away its position
ADJACENT_BONUS = 0.25  # fire to suppress a neighbour before an assault, even when it kills few


def spotted_by_enemy(view: SideView, u: Unit) -> bool:
    """Whether the unit is in contact: an enemy the side sees stands next to it (it is seen in turn)."""
    return bool(view.peek_enemies_near(u.pos, 1))


def best_fire(view: SideView, u: Unit) -> A.Action | None:
    """The fire order with the most expected effect on a spotted enemy, if worth giving away the position."""
    reach_cells = max(w.range_m for w in view.unit_type(u).weapons) / view.grid.cell_m
    best, best_e = None, MIN_FIRE_EFFECT
    for t in view.peek_enemies_near(u.pos, int(reach_cells)):  # a superset of those within reach (Euclidean)
        if math.hypot(t.row - u.row, t.col - u.col) > reach_cells:
            continue
        plan = view.fire_plan(u.id, t.id)
        if isinstance(plan, str):
            continue
        value = plan.expected + (ADJACENT_BONUS if max(abs(t.row - u.row), abs(t.col - u.col)) <= 1 else 0)
        if value > best_e:
            best, best_e = A.Fire(u.id, t.id), value
    return best


def best_assault(view: SideView, u: Unit, *, eager: bool, holding: bool = False) -> A.Action | None:
    """The best close assault on an adjacent spotted enemy, if the odds are good enough for the task.

    A unit holding a post leaves it only to finish a routed or climbing enemy, or at overwhelming odds.
    """
    least = ASSAULT_ODDS[view.setup.roles[view.side]] if eager and not holding else CAUTIOUS_ODDS
    best, best_r = None, 0.0
    for t in view.peek_enemies_near(u.pos, 1):
        if max(abs(t.row - u.row), abs(t.col - u.col)) != 1:
            continue
        need = min(least, ASSAULT_ODDS[view.setup.roles[view.side]]) if t.routed or t.climbing else least
        plan = view.assault_plan(u.id, t.id)
        if isinstance(plan, AssaultPlan) and plan.ratio > need and plan.ratio > best_r:
            best, best_r = A.Assault(u.id, t.id), plan.ratio
    return best


def fall_back(view: SideView, u: Unit) -> A.Action | None:
    """A routed unit next to the enemy moves to the neighbouring cell farthest from them."""
    enemies = [e.pos for e in view.peek_enemies()]
    if not any(max(abs(r - u.row), abs(c - u.col)) <= 1 for r, c in enemies):
        return None
    graph, blocked = view.graph_for(u), view.blocked(u)
    best, best_d = None, min(math.hypot(r - u.row, c - u.col) for r, c in enemies)
    for dr, dc in DIRS:
        n = (u.row + dr, u.col + dc)
        if not inside(view.grid.shape, n[0], n[1]) or blocked[n] or step_seconds(graph.costs, u.pos, n) <= 0:
            continue
        d = min(math.hypot(r - n[0], c - n[1]) for r, c in enemies)
        if d > best_d:
            best, best_d = n, d
    if best is None or not view.move_ok(u.id, [u.pos, best]):
        return None
    return A.Move(u.id, best, (u.pos, best))
