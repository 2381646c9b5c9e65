"""The numbers of the compare tables: shares with 95% Wilson intervals (scipy), quartiles, means per plan pair.

Games that raised are counted apart (``errors``) and left out of every share and mean.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from scipy.stats import binomtest

from game.compare.row import GameRow, capture_milestone
from game.core.rules.victory import GRADE_WORDS
from game.core.setup import GameSetup
from game.core.state import LOSS_KINDS
from game.sim.calibration import in_window

GRADES: tuple[str, ...] = tuple(GRADE_WORDS)  # decisive, marginal, draw, defeat
CONFIDENCE = 0.95


def wilson(k: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The Wilson score interval of k successes in n trials (scipy). Example: ``wilson(5, 10)`` is about
    (0.2366, 0.7634); (nan, nan) when n is 0."""
    if n == 0:
        return math.nan, math.nan
    ci = binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
    return float(ci.low), float(ci.high)


@dataclass(frozen=True)
class Share:
    """k of n, with its Wilson interval."""

    k: int
    n: int
    low: float
    high: float

    @property
    def p(self) -> float:
        return self.k / self.n if self.n else math.nan


def share(k: int, n: int) -> Share:
    return Share(k, n, *wilson(k, n))


@dataclass(frozen=True)
class Spread:
    """Median and quartiles (numpy's default linear interpolation) of n values."""

    n: int
    q1: float
    median: float
    q3: float


def quartiles(values: Sequence[float]) -> Spread | None:
    """Quartiles of ``values``; None when there are none. Example: ``quartiles([1, 2, 3, 4, 5]).median == 3``."""
    if not values:
        return None
    q1, med, q3 = np.percentile(np.asarray(values, dtype=float), [25, 50, 75])
    return Spread(len(values), float(q1), float(med), float(q3))


def mean(values: Sequence[float]) -> float:
    return float(np.mean(values)) if values else math.nan


@dataclass(frozen=True)
class PairStats:
    """One plan pair over its games."""

    pair: dict[str, str]
    games: int  # finished without error
    errors: int
    grades: dict[str, Share]  # the attacker's grade
    capture: Spread | None  # hours from the start to the end of the capture turn, captured games only
    never: Share  # games that never captured
    windows: dict[str, Share]  # milestone id -> inside its documented window (+-12 h); documented ones only
    losses: dict[str, dict[str, float]]  # side -> kind -> mean per game
    damage: float
    exposure: dict[str, float]  # side -> mean unit-turns in enemy sight per game
    climbs: float
    refused: float
    wall_s: float  # mean seconds per game (every game, errors included)


def pair_stats(setup: GameSetup, pair: dict[str, str], rows: list[GameRow]) -> PairStats:
    """The pair's numbers from its rows."""
    ok = [r for r in rows if r.ok]
    n = len(ok)
    capture = capture_milestone(setup)
    hours = [r.capture_hours for r in ok if r.capture_hours is not None]
    windows = {m.id: share(sum(in_window(_span(r, m.id), m) for r in ok), n) for m in setup.milestones}
    return PairStats(
        pair=pair, games=n, errors=len(rows) - n,
        grades={g: share(sum(r.grade == g for r in ok), n) for g in GRADES},
        capture=quartiles(hours), never=share(sum(r.capture_hours is None for r in ok), n) if capture else share(0, 0),
        windows={m: windows[m] for m in (d.id for d in setup.milestone_defs) if m in windows},
        losses={s: {k: mean([r.losses[s][k] for r in ok]) for k in LOSS_KINDS} for s in setup.sides},
        damage=mean([r.damage or 0.0 for r in ok]),
        exposure={s: mean([r.exposure[s] for r in ok]) for s in setup.sides},
        climbs=mean([r.climbs or 0 for r in ok]), refused=mean([r.refused or 0 for r in ok]),
        wall_s=mean([r.wall_s for r in rows]))


def _span(row: GameRow, milestone: str) -> tuple[datetime, datetime] | None:
    at = row.milestones.get(milestone)
    return (datetime.fromisoformat(at[1]), datetime.fromisoformat(at[2])) if at else None


def spans(rows: list[GameRow], milestone: str) -> list[tuple[datetime, datetime]]:
    """The turn spans in which ``milestone`` came, over the games that reached it."""
    return [s for s in (_span(r, milestone) for r in rows if r.ok) if s is not None]
