"""Grading: each side's grade follows the scenario's thresholds from the objective points it achieved.

Attackers: take the pocket (50 points, held two turns), spare it (20, no building damage of theirs at
all; counts only with the pocket taken), cut the east road (30). Defenders: hold the pocket (100).
Thresholds: decisive 0.9, marginal 0.5, draw 0.3 (a score on a threshold reaches it) - so sparing the
pocket without taking it (0.3 + 0.2 = 0.5) would lift a draw to a marginal victory, and damage (0.8)
lowers decisive to marginal.
Every game here is played through the engine: units stand where they are placed and the turns pass.
The pocket is taken by a recon team, whose rifles (two cells) do not reach the roads from there.
"""

from __future__ import annotations

import pytest

from game.core import actions as A
from game.core import events as E
from game.core.engine import Engine
from tests.fixtures import arrange

UNITS = """
forces:
  - side: attacker
    units:
      - {id: taker, name: Scouts, type: recon_team, at: {cell: [0, 0]}}
      - {id: cutter, name: Road group, type: light_infantry_group, at: {cell: [14, 24]}}
      - {id: mortars, name: Mortars, type: mortar_battery, at: {cell: [14, 0]}}
  - side: defender
    units:
      - {id: d1, name: Hill post, type: garrison_company, at: {cell: [0, 12]}}
      - {id: d2, name: Stragglers, type: garrison_company, at: {cell: [14, 12]}}
"""
OBJECTIVES = """
objectives:
  - {id: take, name: Take the pocket, kind: capture_zone, side: attacker, points: 50, zone: pocket, hold_turns: 2}
  - {id: spare, name: Spare the pocket, kind: damage_limit, side: attacker, points: 20, zone: pocket, max_damage: 0.0}
  - {id: cut, name: Cut the east road, kind: cut_road, side: attacker, points: 30, road: east_road}
  - {id: hold, name: Hold the pocket, kind: hold_zone, side: defender, points: 100, zone: pocket}
"""
EXTRA = OBJECTIVES + "grading: {decisive: 0.9, marginal: 0.5, draw: 0.3}\n"
IN_POCKET = (7, 12)
ON_EAST_ROAD = (7, 20)


@pytest.fixture
def setup(make_roads_setup):
    return make_roads_setup(units=UNITS, extra=EXTRA)


def play_turns(eng: Engine, n: int) -> None:
    for _ in range(n):
        for side in eng.setup.sides:
            assert eng.submit(A.EndTurn(side)).ok


@pytest.mark.parametrize(("placed", "achieved", "score", "grades"), [
    ({"taker": IN_POCKET, "cutter": ON_EAST_ROAD}, {"take", "spare", "cut"}, 1.0, ("decisive", "defeat")),
    ({"taker": IN_POCKET}, {"take", "spare"}, 0.7, ("marginal", "defeat")),
    ({"cutter": ON_EAST_ROAD}, {"cut", "hold"}, 0.3, ("draw", "decisive")),  # spare does not count untaken
    ({}, {"hold"}, 0.0, ("defeat", "decisive")),
])
def test_grades_follow_the_points_each_side_achieved(setup, placed, achieved, score, grades) -> None:
    eng = Engine(arrange(setup, **placed), seed=1)
    play_turns(eng, 2)
    out = eng.outcome()
    assert {k for k, v in out.achieved.items() if v} == achieved
    assert out.scores["attacker"] == pytest.approx(score)
    assert out.scores["defender"] == (1.0 if "hold" in achieved else 0.0)
    assert (out.grades["attacker"], out.grades["defender"]) == grades
    assert out.grade == grades[0]  # the headline grade is the attacker's


def test_the_pocket_counts_only_after_the_hold_turns(setup) -> None:
    eng = Engine(arrange(setup, taker=IN_POCKET, cutter=ON_EAST_ROAD), seed=1)
    play_turns(eng, 1)
    out = eng.outcome()
    assert not out.achieved["take"] and not out.achieved["spare"] and out.achieved["cut"]
    assert (out.scores["attacker"], out.grade) == (pytest.approx(0.3), "draw")
    play_turns(eng, 1)
    assert eng.outcome().grade == "decisive"


def test_damage_to_the_pocket_costs_the_spare_objective(setup) -> None:
    # the stragglers sit routed inside the pocket (no hold on it); mortars shell them once
    eng = Engine(arrange(setup, taker=IN_POCKET, cutter=ON_EAST_ROAD, mortars=(7, 11),
                         d2={"cell": (7, 13), "routed": True, "morale": 10.0}), seed=1)
    res = eng.submit(A.Fire("mortars", "d2"))
    assert res.ok, res.reason
    assert float(eng.state.damage[eng.setup.grid.zones["pocket"]].sum()) > 0
    play_turns(eng, 2)
    out = eng.outcome()
    assert out.achieved["take"] and out.achieved["cut"] and not out.achieved["spare"]
    assert out.scores["attacker"] == pytest.approx(0.8)
    assert out.grade == "marginal"


def test_the_game_ends_with_the_final_grade(setup) -> None:
    eng = Engine(arrange(setup, taker=IN_POCKET), seed=1)
    while not eng.state.game_over:
        assert eng.submit(A.EndTurn(eng.state.side)).ok
    assert eng.state.turn == eng.clock.last_turn
    over = [e for e in eng.log if isinstance(e, E.GameOver)]
    assert len(over) == 1 and over[0].grade == "marginal"
    assert "marginal victory (score 0.70)" in over[0].text


@pytest.mark.parametrize(("grading", "grade"), [
    ("{decisive: 0.9, marginal: 0.5, draw: 0.3}", "marginal"),
    ("{decisive: 0.7, marginal: 0.5, draw: 0.3}", "decisive"),
    ("{decisive: 0.95, marginal: 0.8, draw: 0.7}", "draw"),
    ("{decisive: 0.95, marginal: 0.9, draw: 0.8}", "defeat"),
])
def test_the_same_game_is_graded_by_the_scenario_thresholds(make_roads_setup, grading, grade) -> None:
    setup = make_roads_setup(units=UNITS, extra=OBJECTIVES + f"grading: {grading}\n")
    eng = Engine(arrange(setup, taker=IN_POCKET), seed=1)
    play_turns(eng, 2)
    out = eng.outcome()
    assert out.scores["attacker"] == pytest.approx(0.7)
    assert out.grade == out.grades["attacker"] == grade
