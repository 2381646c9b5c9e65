"""Objectives, milestones and the graded outcome.

Milestones: ``city_entered`` (first unit of the first side in the city zone), ``city_captured``
(the first side's capture_zone objective on the city achieved), ``road_cut`` and
``stepanakert_road_cut`` (the first and second cut_road objectives of the first side, in file order).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.core.rules.control import road_cut, zone_share
from game.core.setup import Objective

if TYPE_CHECKING:
    from game.core.engine import Engine

GRADES = ("decisive", "marginal", "draw", "defeat")


@dataclass(frozen=True)
class Outcome:
    grade: str  # from the first side's point of view: decisive / marginal victory, draw, defeat
    scores: dict[str, float]  # side -> share of its objective points achieved
    achieved: dict[str, bool]  # objective id -> achieved at the end
    summary: str


def _by_deadline(eng: Engine, obj: Objective) -> bool:
    return obj.deadline is None or eng.clock.end(eng.state.turn) <= obj.deadline


def _condition(eng: Engine, obj: Objective) -> bool:
    if obj.kind == "capture_zone" and obj.zone:
        return zone_share(eng, obj.zone, obj.side) >= obj.share
    if obj.kind == "cut_road" and obj.road:
        return road_cut(eng, obj.road, obj.side)
    return False


def road_milestones(eng: Engine) -> dict[str, str]:
    """Milestone id -> road id for the first side's cut_road objectives."""
    first = eng.setup.sides[0]
    roads = [o.road for o in eng.setup.objectives if o.kind == "cut_road" and o.side == first and o.road]
    return dict(zip(("road_cut", "stepanakert_road_cut"), roads, strict=False))


def after_turn(eng: Engine) -> None:
    """Update held counters, achieved objectives and milestones at the end of a turn."""
    st = eng.state
    for obj in eng.setup.objectives:
        if obj.kind not in ("capture_zone", "cut_road") or obj.id in st.achieved:
            continue
        if _condition(eng, obj):
            st.held[obj.id] = st.held.get(obj.id, 0) + 1
        else:
            st.held[obj.id] = 0
        if st.held[obj.id] >= obj.hold_turns and _by_deadline(eng, obj):
            st.achieved[obj.id] = st.turn
            eng.emit("objective", f"Objective achieved: {obj.name}.", side=None, objective=obj.id)
    for mid, road in road_milestones(eng).items():
        if mid not in st.milestones and road_cut(eng, road, eng.setup.sides[0]):
            reach(eng, mid)
    city = eng.setup.city_zone
    if city:
        for obj in eng.setup.objectives:
            if obj.kind == "capture_zone" and obj.zone == city and obj.side == eng.setup.sides[0] \
                    and obj.id in st.achieved:
                reach(eng, "city_captured")


def check_city_entry(eng: Engine) -> None:
    """Record the first time a unit of the first side stands in the city zone."""
    city = eng.setup.city_zone
    if not city or "city_entered" in eng.state.milestones:
        return
    mask = eng.setup.grid.zones[city]
    if any(mask[u.pos] for u in eng.state.units_of(eng.setup.sides[0])):
        reach(eng, "city_entered")


def reach(eng: Engine, milestone: str) -> None:
    if milestone in eng.state.milestones:
        return
    eng.state.milestones[milestone] = eng.state.turn
    when = eng.clock.start(eng.state.turn)
    eng.emit("milestone", f"Milestone: {milestone.replace('_', ' ')} on {when:%d %b %Y %H:%M}.", side=None,
             milestone=milestone)


def game_decided(eng: Engine) -> bool:
    """The game ends early once the first side has achieved its city capture, or a side has no units."""
    st = eng.state
    if any(not st.units_of(s) for s in eng.setup.sides):
        return True
    return "city_captured" in st.milestones


def final_outcome(eng: Engine) -> Outcome:
    """Score every side's objectives and grade the result from the first side's point of view."""
    st = eng.state
    achieved: dict[str, bool] = {}
    for obj in eng.setup.objectives:
        if obj.kind in ("capture_zone", "cut_road"):
            ok = obj.id in st.achieved and (obj.kind != "capture_zone" or _condition(eng, obj))
        elif obj.kind == "hold_zone" and obj.zone:
            ok = zone_share(eng, obj.zone, obj.side) >= 0.5
        elif obj.kind == "damage_limit" and obj.zone:
            mask = eng.setup.grid.zones[obj.zone]
            caused = st.damage_by[eng.setup.sides.index(obj.side)] if st.damage_by is not None else st.damage
            ok = float(caused[mask].mean()) <= obj.max_damage if mask.any() else True  # its own side's damage
            # sparing the town only counts for a side that also took it, or never fought in it
            cap = [o for o in eng.setup.objectives if o.kind == "capture_zone" and o.side == obj.side]
            if cap and not any(achieved.get(o.id, o.id in st.achieved) for o in cap):
                ok = False
        else:
            ok = False
        achieved[obj.id] = ok
    scores: dict[str, float] = {}
    for s in eng.setup.sides:
        objs = [o for o in eng.setup.objectives if o.side == s]
        total = sum(o.points for o in objs)
        scores[s] = (sum(o.points for o in objs if achieved[o.id]) / total) if total else 0.0
    first = eng.setup.sides[0]
    g = eng.setup.grading
    f = scores[first]
    grade = "decisive" if f >= g.decisive else "marginal" if f >= g.marginal else "draw" if f >= g.draw \
        else "defeat"
    name = eng.setup.side_names.get(first, first)
    words = {"decisive": "decisive victory", "marginal": "marginal victory", "draw": "draw",
             "defeat": "defeat"}[grade]
    return Outcome(grade, scores, achieved, f"{name}: {words} (score {f:.2f})")
