"""The model against history: AI games' milestones measured against the scenario's documented windows.

Used by ``benchmarks/calibrate.py`` and the calibration test. Only the judge reads the windows; the AI
and the rules never do.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from game.core.engine import Engine
from game.core.plans import with_plans
from game.core.setup import Milestone
from game.scenario.load import load_scenario
from game.sim.run import ai_phase, make_policies

SLACK = timedelta(hours=12)  # a milestone counts as in its window when its turn overlaps the window +-12 h


@dataclass(frozen=True)
class GameSummary:
    """What one AI game did, as the calibration report needs it."""

    seed: int
    spans: dict[str, tuple[datetime, datetime]]  # milestone id -> (start, end) of the turn it came in
    grade: str
    losses: dict[str, dict[str, int]]
    climbs: int
    turns: int
    ai_seconds: list[float]  # wall time of each side-turn of the AI


def play(path: str, seed: int, plans: dict[str, str] | None = None) -> GameSummary:
    """Play the scenario at ``path`` AI against AI (refused orders raise) and summarise it."""
    setup = with_plans(load_scenario(path), plans or {})
    eng = Engine(setup, seed)
    policies = make_policies(setup)
    times = []
    while not eng.state.game_over:
        t = time.perf_counter()
        for _ in ai_phase(eng, policies[eng.state.side], strict=True):
            pass
        times.append(time.perf_counter() - t)
    clock = eng.clock
    return GameSummary(seed=seed, spans={m: (clock.start(t), clock.end(t)) for m, t in eng.state.milestones.items()},
                       grade=eng.outcome().grade, losses=eng.state.losses, climbs=eng.action_counts()["climb"],
                       turns=eng.state.turn + 1, ai_seconds=times)


def _play(args: tuple[str, int, dict[str, str]]) -> GameSummary:
    return play(*args)


def play_many(path: str, seeds: range | list[int], plans: dict[str, str] | None = None,
              jobs: int = 1) -> list[GameSummary]:
    """``play`` for every seed, in seed order (``jobs`` worker processes)."""
    work = [(path, s, plans or {}) for s in seeds]
    if jobs <= 1:
        return [_play(w) for w in work]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(_play, work))


def in_window(span: tuple[datetime, datetime] | None, m: Milestone, slack: timedelta = SLACK) -> bool:
    """Whether a milestone's turn overlaps its documented window widened by ``slack``."""
    if span is None:
        return False
    start, end = span
    return end >= m.earliest - slack and start <= m.latest + slack
