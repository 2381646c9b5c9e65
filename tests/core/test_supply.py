"""Supply: the defenders in the pocket are supplied while one of its two roads is open.

Recon teams cut a road by standing on it (their rifles reach two cells; both roads are far apart). With
both roads cut, units inside the pocket lose ``cut_off_morale_per_hour`` for every hour of the turn, get no ammunition back, rally at
half the gain, and one CutOff event tells both sides. Units of the same side outside the pocket are
supplied as usual.
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
      - {id: west, name: West team, type: recon_team, at: {cell: [0, 0]}}
      - {id: east, name: East team, type: recon_team, at: {cell: [14, 24]}}
  - side: defender
    units:
      - {id: inside, name: Pocket garrison, type: garrison_company, at: {cell: [7, 12]}, morale: 60}
      - {id: outside, name: Hill post, type: garrison_company, at: {cell: [0, 12]}, morale: 60}
"""
SUPPLY = """
supply:
  - {side: defender, zone: pocket, roads: [west_road, east_road]}
"""
BOTH_CUT = {"west": (7, 2), "east": (7, 22)}
ONE_CUT = {"west": (7, 2)}


@pytest.fixture
def pocket(make_roads_setup):
    setup = make_roads_setup(units=UNITS, extra=SUPPLY)
    return arrange(setup, inside={"ammo": 50.0}, outside={"ammo": 50.0})


def play_turns(eng: Engine, n: int) -> None:
    for _ in range(n):
        for side in eng.setup.sides:
            assert eng.submit(A.EndTurn(side)).ok


def cut_off_events(eng: Engine) -> list[E.Event]:
    return [e for e in eng.log if isinstance(e, E.CutOff)]


def test_with_both_roads_cut_the_pocket_starves(pocket) -> None:
    eng = Engine(arrange(pocket, **BOTH_CUT), seed=1)
    p = eng.ctx.params
    inside, outside = eng.state.units["inside"], eng.state.units["outside"]
    play_turns(eng, 1)
    hours = eng.clock.hours(0)
    assert inside.morale == pytest.approx(60.0 - p.cut_off_morale_per_hour * hours)
    assert inside.ammo == pytest.approx(50.0)
    # the hill post outside the pocket is supplied: it recovers and gets ammunition
    assert outside.morale == pytest.approx(60.0 + p.morale_recovery)
    assert outside.ammo == pytest.approx(50.0 + p.ammo_resupply)
    events = cut_off_events(eng)
    assert len(events) == 1
    assert events[0].side == "defender" and events[0].zone == "pocket"
    assert events[0].visible_to("attacker") and events[0].visible_to("defender")
    play_turns(eng, 2)
    assert inside.morale == pytest.approx(60.0 - 3 * p.cut_off_morale_per_hour * hours)
    assert inside.ammo == pytest.approx(50.0)
    assert len(cut_off_events(eng)) == 1  # told once, not every turn


def test_with_one_road_open_the_pocket_is_supplied(pocket) -> None:
    eng = Engine(arrange(pocket, **ONE_CUT), seed=1)
    p = eng.ctx.params
    inside = eng.state.units["inside"]
    play_turns(eng, 3)
    assert inside.morale == pytest.approx(60.0 + 3 * p.morale_recovery)
    assert inside.ammo == pytest.approx(50.0 + 3 * p.ammo_resupply)
    assert cut_off_events(eng) == []


@pytest.mark.parametrize(("cut", "share"), [(BOTH_CUT, 0.5), (ONE_CUT, 1.0)])
def test_a_cut_off_unit_rallies_half_as_well(pocket, cut, share) -> None:
    eng = Engine(arrange(pocket, inside={"morale": 30.0}, **cut), seed=1)
    assert eng.submit(A.EndTurn("attacker")).ok
    res = eng.submit(A.Rally("inside"))
    assert res.ok, res.reason
    assert eng.state.units["inside"].morale == pytest.approx(30.0 + share * eng.ctx.params.rally_gain)
