"""Objectives, the scenario's declared milestones, and the graded outcome.

Milestones are scenario data (``milestones:``): reached when a side cuts a named road (at a turn's
end), has a unit in a zone, or achieves an objective; one may end the game.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.core import events as E
from game.core.rules.control import road_cut, zone_share
from game.core.setup import Objective

if TYPE_CHECKING:
    from game.core.context import Context

GRADES = ("decisive", "marginal", "draw", "defeat")
GRADE_WORDS = {"decisive": "decisive victory", "marginal": "marginal victory", "draw": "draw", "defeat": "defeat"}


@dataclass(frozen=True)
class Outcome:
    grade: str  # the attacker's grade: decisive / marginal victory, draw, defeat
    grades: dict[str, str]  # side -> grade from its own objectives
    scores: dict[str, float]  # side -> share of its objective points achieved
    achieved: dict[str, bool]  # objective id -> achieved at the end
    summary: str


def _by_deadline(ctx: Context, obj: Objective) -> bool:
    return obj.deadline is None or ctx.clock.end(ctx.state.turn) <= obj.deadline


def _condition(ctx: Context, obj: Objective) -> bool:
    if obj.kind == "capture_zone" and obj.zone:
        return zone_share(ctx, obj.zone, obj.side) >= obj.share
    if obj.kind == "cut_road" and obj.road:
        return road_cut(ctx, obj.road, obj.side)
    return False


def after_turn(ctx: Context) -> None:
    """Update held counters, achieved objectives and milestones at the end of a turn."""
    st = ctx.state
    for obj in ctx.setup.objectives:
        if obj.kind not in ("capture_zone", "cut_road") or obj.id in st.achieved:
            continue
        if _condition(ctx, obj):
            st.held[obj.id] = st.held.get(obj.id, 0) + 1
        else:
            st.held[obj.id] = 0
        if st.held[obj.id] >= obj.hold_turns and _by_deadline(ctx, obj):
            st.achieved[obj.id] = st.turn
            ctx.emit(E.ObjectiveAchieved, f"Objective achieved: {obj.name}.", objective=obj.id)
    for m in ctx.setup.milestone_defs:
        if m.id in st.milestones:
            continue
        if m.road_cut:
            key = f"milestone:{m.id}"  # turns in a row the road has been cut at a turn's end
            st.held[key] = st.held.get(key, 0) + 1 if road_cut(ctx, m.road_cut, m.side) else 0
            if st.held[key] >= m.hold_turns:
                reach(ctx, m.id, st.turn - m.hold_turns + 1)
        elif m.objective and m.objective in st.achieved:
            reach(ctx, m.id)
    check_zone_entry(ctx)


def check_zone_entry(ctx: Context) -> None:
    """Reach ``zone_entered`` milestones whose side now has a unit in the zone (after every action; skipped
    when no unit has moved, entered or died since the last check, see ``Context.touches``)."""
    if ctx.zone_checked == ctx.touches:
        return
    ctx.zone_checked = ctx.touches
    st = ctx.state
    for m in ctx.setup.milestone_defs:
        if not m.zone_entered or m.id in st.milestones:
            continue
        inside = ctx.setup.grid.zones[m.zone_entered].item
        for u in st.units_of(m.side):
            if inside(u.row, u.col):
                reach(ctx, m.id)
                break


def reach(ctx: Context, milestone: str, turn: int | None = None) -> None:
    """Record a milestone as reached in ``turn`` (default: the current one), dated by that turn's span."""
    st = ctx.state
    if milestone in st.milestones:
        return
    turn = st.turn if turn is None else turn
    st.milestones[milestone] = turn
    m = next(m for m in ctx.setup.milestone_defs if m.id == milestone)
    s, e = ctx.clock.start(turn), ctx.clock.end(turn)
    ctx.emit(E.MilestoneReached, f"Milestone: {m.name}, during turn {turn + 1} "
             f"({s:%d %b %H:%M}-{e:%d %b %H:%M}).", milestone=milestone)


def game_decided(ctx: Context) -> bool:
    """The game ends early once a milestone that ends it is reached, or a side has no units left."""
    st = ctx.state
    if any(not st.units_of(s) for s in ctx.setup.sides):
        return True
    return any(m.ends_game and m.id in st.milestones for m in ctx.setup.milestone_defs)


def objective_achieved(ctx: Context, obj: Objective, so_far: dict[str, bool]) -> bool:
    """Whether ``obj`` counts as achieved at the end (``so_far``: objectives scored before it)."""
    st = ctx.state
    if obj.kind in ("capture_zone", "cut_road"):
        return obj.id in st.achieved and (obj.kind != "capture_zone" or _condition(ctx, obj))
    if obj.kind == "hold_zone" and obj.zone:
        return zone_share(ctx, obj.zone, obj.side) >= 0.5
    if obj.kind == "damage_limit" and obj.zone:
        mask = ctx.setup.grid.zones[obj.zone]
        caused = st.damage_by[ctx.setup.sides.index(obj.side)]  # only the damage its own side caused
        ok = float(caused[mask].mean()) <= obj.max_damage if mask.any() else True
        # sparing the town only counts for a side that also took it, or never had to
        cap = [o for o in ctx.setup.objectives if o.kind == "capture_zone" and o.side == obj.side]
        return ok and (not cap or any(so_far.get(o.id, o.id in st.achieved) for o in cap))
    return False


def grade_of(ctx: Context, score: float) -> str:
    g = ctx.setup.grading
    return "decisive" if score >= g.decisive else "marginal" if score >= g.marginal else \
        "draw" if score >= g.draw else "defeat"


def final_outcome(ctx: Context) -> Outcome:
    """Score every side's objectives and grade each side; the headline grade is the attacker's."""
    achieved: dict[str, bool] = {}
    for obj in ctx.setup.objectives:
        achieved[obj.id] = objective_achieved(ctx, obj, achieved)
    scores: dict[str, float] = {}
    for s in ctx.setup.sides:
        objs = [o for o in ctx.setup.objectives if o.side == s]
        total = sum(o.points for o in objs)
        scores[s] = (sum(o.points for o in objs if achieved[o.id]) / total) if total else 0.0
    grades = {s: grade_of(ctx, scores[s]) for s in ctx.setup.sides}
    attacker = ctx.setup.side_with_role("attacker")
    name = ctx.side_name(attacker)
    summary = f"{name}: {GRADE_WORDS[grades[attacker]]} (score {scores[attacker]:.2f})"
    return Outcome(grades[attacker], grades, scores, achieved, summary)
