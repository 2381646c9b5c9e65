"""Calibration: the historical plan reproduces the documented timeline across seeds (DESIGN.md).

With the built-in policy following the documented routes and timetable, the Lachin road cut, the
Stepanakert road cut, the entry into the town and its capture must fall within the documented windows
(+/- 12 h for turn granularity) in at least 80% of seeds, and the town must be taken, spared, with a
victory in as many. A model that cannot do this is wrong. Each test prints the dates (grades) per seed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from game.core.rules import victory
from game.scenario.load import load_scenario
from game.sim.run import run_game

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "shusha_2020_approach.yaml"
SEEDS = range(1, 11)
SLACK = timedelta(hours=12)
SHARE = 0.8  # of seeds that must land in each documented window (DESIGN.md: "across many seeds")


@pytest.fixture(scope="module")
def games():
    setup = load_scenario(SCENARIO)
    return setup, [run_game(setup, seed) for seed in SEEDS]


def dates_report(dates: dict[int, datetime | None]) -> str:
    return ", ".join(f"seed {s}: " + (f"{d:%d %b %H:%M}" if d else "never") for s, d in dates.items())


@pytest.mark.parametrize("milestone", ["road_cut", "stepanakert_road_cut", "city_entered", "city_captured"])
def test_milestone_within_documented_window(games, milestone: str) -> None:
    setup, engines = games
    window = next(m for m in setup.milestones if m.id == milestone)
    lo, hi = window.earliest - SLACK, window.latest + SLACK
    dates: dict[int, datetime | None] = {}
    for seed, eng in zip(SEEDS, engines, strict=True):
        turn = eng.state.milestones.get(milestone)
        dates[seed] = eng.clock.start(turn) if turn is not None else None
    inside = sum(d is not None and lo <= d <= hi for d in dates.values())
    report = (f"{milestone}: {inside} of {len(dates)} seeds in {lo:%d %b %H:%M}..{hi:%d %b %H:%M} "
              f"(need {SHARE:.0%}): {dates_report(dates)}")
    print(report)
    assert inside >= SHARE * len(dates), report


def test_town_taken_spared_and_graded(games) -> None:
    """History: the town was taken (6-8 November) without bombardment; the grade follows the score."""
    _, engines = games
    taken = 0
    for seed, eng in zip(SEEDS, engines, strict=True):
        out = eng.outcome()
        assert out.grade == victory.grade_of(eng.ctx, out.scores["attacker"]), seed
        city = eng.setup.grid.zones[eng.setup.city_zone]
        assert float(eng.state.damage[city].mean()) < 0.15, seed  # no bombardment: small-arms damage only
        assert eng.state.casualties["attacker"] > 0 and eng.state.casualties["defender"] > 0, seed
        taken += out.achieved["capture_shusha"] and out.grade in ("decisive", "marginal")
    grades = {seed: eng.outcome().grade for seed, eng in zip(SEEDS, engines, strict=True)}
    print(f"attacker grades: {grades}")
    assert taken >= SHARE * len(engines), f"town taken with a victory in {taken} of {len(engines)}: {grades}"
