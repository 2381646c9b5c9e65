"""Road-cut milestones: a road counts as cut when held at ``hold_turns`` turn-ends in a row (a team
crossing it on the march is no cut), and the milestone is dated by the first of those turns."""

from __future__ import annotations

from game.core import actions as A
from game.core.engine import Engine
from tests.fixtures import arrange

UNITS = """
forces:
  - side: attacker
    units:
      - {id: team, name: Road team, type: recon_team, at: {cell: [0, 0]}}
  - side: defender
    units:
      - {id: post, name: Far post, type: garrison_company, at: {cell: [14, 24]}}
"""
MILESTONES = """
milestones:
  - {id: west_cut, name: West road cut, side: attacker, road_cut: west_road, hold_turns: 2}
"""


def end_turn(eng: Engine) -> None:
    for side in eng.setup.sides:
        assert eng.submit(A.EndTurn(side)).ok


def test_a_road_held_two_turn_ends_is_cut_dated_by_the_first(make_roads_setup) -> None:
    eng = Engine(arrange(make_roads_setup(units=UNITS, extra=MILESTONES), team=(7, 3)), seed=1)
    end_turn(eng)
    assert "west_cut" not in eng.state.milestones  # held once: not yet
    end_turn(eng)
    assert eng.state.milestones["west_cut"] == 0  # held twice: cut since the first turn
    assert any(e.kind == "milestone" and "turn 1 " in e.text for e in eng.log)


def test_a_team_crossing_the_road_does_not_cut_it(make_roads_setup) -> None:
    eng = Engine(arrange(make_roads_setup(units=UNITS, extra=MILESTONES), team=(7, 3)), seed=1)
    end_turn(eng)  # on the road at the first turn's end
    assert eng.submit(A.Move("team", (1, 3), tuple((r, 3) for r in range(7, 0, -1)))).ok
    assert eng.submit(A.EndTurn("attacker")).ok
    assert eng.submit(A.EndTurn("defender")).ok
    for _ in range(3):
        end_turn(eng)
    assert "west_cut" not in eng.state.milestones
