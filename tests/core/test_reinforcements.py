"""Reinforcements that need a road: held back while the enemy cuts it, arriving once it is open.

The defenders' relief column is due at the start and comes up the west road; an attacking recon team
standing on that road (its rifles reach two cells) cuts it until it walks away to the north.
"""

from __future__ import annotations

from game.core import actions as A
from game.core import events as E
from game.core.engine import Engine
from tests.fixtures import arrange

UNITS = """
forces:
  - side: attacker
    units:
      - {id: team, name: Road team, type: recon_team, at: {cell: [0, 3]}}
  - side: defender
    units:
      - {id: d1, name: Pocket garrison, type: garrison_company, at: {cell: [7, 12]}}
reinforcements:
  - time: 2020-11-01T06:00:00
    side: defender
    requires_road_open: west_road
    units:
      - {id: relief, name: Relief column, type: motor_rifle_company, at: {cell: [7, 0]}}
"""


def blocked(eng: Engine, side: str | None) -> list[E.ReinforcementBlocked]:
    return [e for e in eng.events_for(side) if isinstance(e, E.ReinforcementBlocked)]


def arrived(eng: Engine, side: str | None) -> list[E.ReinforcementArrived]:
    return [e for e in eng.events_for(side) if isinstance(e, E.ReinforcementArrived)]


def end_turn(eng: Engine) -> None:
    for side in eng.setup.sides:
        assert eng.submit(A.EndTurn(side)).ok


def test_reinforcements_wait_while_their_road_is_cut_and_come_once_it_is_open(make_roads_setup) -> None:
    setup = make_roads_setup(units=UNITS)
    eng = Engine(arrange(setup, team=(7, 3)), seed=1)
    assert "relief" not in eng.state.units
    assert [(e.turn, e.side, e.road) for e in blocked(eng, "defender")] == [(0, "defender", "west_road")]
    assert "West road" in blocked(eng, "defender")[0].text
    assert blocked(eng, "attacker") == []  # the attackers are not told what they held back
    end_turn(eng)
    assert "relief" not in eng.state.units  # the team still stands on the road at the start of turn 2
    assert [e.turn for e in blocked(eng, "defender")] == [0, 1]
    res = eng.submit(A.Move("team", (0, 3)))  # off the road, beyond rifle range of it
    assert res.ok, res.reason
    end_turn(eng)
    relief = eng.state.units.get("relief")
    assert relief is not None and relief.pos == (7, 0)
    assert [(e.turn, e.unit) for e in arrived(eng, "defender")] == [(2, "relief")]
    assert arrived(eng, "attacker") == []
    assert [e.turn for e in blocked(eng, None)] == [0, 1]  # no more blocking once it is in
    end_turn(eng)
    assert len(arrived(eng, None)) == 1  # it arrives once


def test_reinforcements_on_an_open_road_arrive_at_once(make_roads_setup) -> None:
    eng = Engine(make_roads_setup(units=UNITS), seed=1)
    assert eng.state.units["relief"].pos == (7, 0)
    assert blocked(eng, None) == []
    assert [(e.turn, e.unit) for e in arrived(eng, "defender")] == [(0, "relief")]
