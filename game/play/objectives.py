"""Where each objective stands now, and the score so far, for the objectives panel (no pygame here).

The figures come from the engine's own victory rules (``game.core.rules.victory``): the score is what
the game would give if it ended now. A road's state is judged from what the viewer's side knows.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.engine import Engine
from game.core.rules.control import road_cut, zone_share
from game.core.rules.victory import GRADE_WORDS, final_outcome
from game.core.setup import Objective
from game.core.wording import counted


@dataclass(frozen=True)
class ObjectiveRow:
    """One objective as a player reads it."""

    name: str
    side: str
    points: int
    state: str  # "achieved", "held 1 of 2 turns", "not yet: 40% of the town held (75% needed)" ...
    done: bool  # counts as achieved if the game ended now
    deadline: str  # "by 10 Nov 00:00", or "" without one


@dataclass(frozen=True)
class ScoreBoard:
    """Every side's objectives, its score so far and the grade it would get now."""

    rows: list[ObjectiveRow]
    scores: dict[str, float]  # side -> share of its points achieved if the game ended now
    grades: dict[str, str]  # side -> grade words ("marginal victory")
    thresholds: str  # how grades are given, e.g. "decisive 85%, marginal 60%, draw 30% of the points"


def _state(eng: Engine, obj: Objective, viewer: str, done: bool) -> str:
    """The objective's state in words (the road's state as the viewer's side knows it)."""
    ctx, st = eng.ctx, eng.state
    past = obj.deadline is not None and eng.clock.start(st.turn) >= obj.deadline
    if obj.kind in ("capture_zone", "cut_road") and obj.id in st.achieved:
        if obj.kind == "capture_zone" and not done:
            return f"taken in turn {st.achieved[obj.id] + 1}, but lost since: retake it"
        return f"achieved in turn {st.achieved[obj.id] + 1}"
    if past and obj.kind in ("capture_zone", "cut_road"):
        return "missed: the deadline has passed"
    held = st.held.get(obj.id, 0)
    if obj.kind == "capture_zone" and obj.zone:
        share = zone_share(ctx, obj.zone, obj.side)
        if held:
            return f"held {held} of {obj.hold_turns} turns ({share:.0%} of the zone)"
        return f"not yet: {share:.0%} of the zone held ({obj.share:.0%} needed for {counted(obj.hold_turns, 'turn')})"
    if obj.kind == "cut_road" and obj.road:
        cut = road_cut(ctx, obj.road, obj.side, as_known_to=viewer)
        if cut and held:
            return f"road cut, held {held} of {obj.hold_turns} turns"
        return "road cut now (counts at the turn's end)" if cut else "not yet: the road is open"
    if obj.kind == "hold_zone" and obj.zone:
        share = zone_share(ctx, obj.zone, obj.side)
        return f"holding ({share:.0%} of the zone)" if done else f"lost: {share:.0%} of the zone held (half needed)"
    if obj.kind == "damage_limit" and obj.zone:
        mask = eng.setup.grid.zones[obj.zone]
        caused = float(st.damage_by[eng.setup.sides.index(obj.side)][mask].mean()) if mask.any() else 0.0
        verdict = "within the limit" if caused <= obj.max_damage else "over the limit"
        extra = "" if done or caused > obj.max_damage else "; counts only once the town is taken"
        return f"damage caused {caused:.1%} of {obj.max_damage:.0%} allowed: {verdict}{extra}"
    return "achieved" if done else "not achieved"


def score_board(eng: Engine, viewer: str) -> ScoreBoard:
    """The objectives panel's content for ``viewer``: every objective (own side's first) and the scores."""
    out = final_outcome(eng.ctx)
    sides = [viewer] + [s for s in eng.setup.sides if s != viewer]
    rows = []
    for side in sides:
        for obj in eng.setup.objectives:
            if obj.side != side:
                continue
            done = out.achieved.get(obj.id, False)
            rows.append(ObjectiveRow(
                name=obj.name, side=side, points=obj.points, state=_state(eng, obj, viewer, done), done=done,
                deadline=f"by {obj.deadline:%d %b %H:%M}" if obj.deadline else ""))
    g = eng.setup.grading
    return ScoreBoard(rows, dict(out.scores), {s: GRADE_WORDS[v] for s, v in out.grades.items()},
                      f"decisive {g.decisive:.0%}, marginal {g.marginal:.0%}, draw {g.draw:.0%} of the points")
