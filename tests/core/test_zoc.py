"""Zone of control: a move must stop on the first cell next to a spotted, steady enemy.

The map is a corridor three cells deep, so every way past the enemy at (1, 10) runs through its
neighbours in columns 9 to 11. Columns 0-1 are forest, where a group keeping still is hidden from the
enemy's garrison at this range while it can see the garrison on open ground.
"""

from __future__ import annotations

import pytest

from game.core import actions as A
from game.core.engine import Engine
from game.core.whereabouts import where
from tests.fixtures import arrange

ROWS = ["FF.............."] * 3
UNITS = """
forces:
  - side: attacker
    units:
      - {id: sf, name: Infiltrators, type: special_forces_group, at: {cell: [1, 1]}}
      - {id: rifles, name: Riflemen, type: light_infantry_group, at: {cell: [1, 5]}}
      - {id: hidden, name: Hidden riflemen, type: light_infantry_group, at: {cell: [0, 1]}}
  - side: defender
    units:
      - {id: d1, name: Post, type: garrison_company, at: {cell: [1, 10]}}
"""
ENEMY = (1, 10)


@pytest.fixture
def corridor(make_setup):
    return make_setup(ROWS, units=UNITS)


def refused_for_zoc(eng: Engine, action: A.Move) -> str:
    before = eng.state.digest()
    start = eng.state.units[action.unit].pos
    res = eng.submit(action)
    assert not res.ok, f"{action} was allowed"
    assert eng.state.digest() == before and eng.state.units[action.unit].pos == start
    return res.reason


def test_a_move_past_a_spotted_enemy_is_refused_for_zone_of_control(corridor) -> None:
    eng = Engine(corridor, seed=1)
    assert "d1" in eng.spotted_by("attacker")
    reason = refused_for_zoc(eng, A.Move("rifles", (1, 13)))
    assert "zone of control" in reason
    # it says where the first cell of contact is (one of the enemy's western neighbours), in words
    assert any(where(corridor.grid, (r, 9)) in reason for r in (0, 1, 2)), reason


def test_a_move_that_ends_on_the_first_contact_cell_is_allowed(corridor) -> None:
    eng = Engine(corridor, seed=1)
    res = eng.submit(A.Move("rifles", (1, 9)))
    assert res.ok, res.reason
    assert eng.state.units["rifles"].pos == (1, 9)


def test_a_routed_enemy_exerts_no_zone_of_control(corridor) -> None:
    eng = Engine(arrange(corridor, d1={"routed": True, "morale": 10.0}), seed=1)
    assert "d1" in eng.spotted_by("attacker")
    res = eng.submit(A.Move("rifles", (1, 13)))
    assert res.ok, res.reason
    assert eng.state.units["rifles"].pos == (1, 13)


def test_an_unseen_infiltrator_slips_past_but_unseen_riflemen_are_held(corridor) -> None:
    eng = Engine(corridor, seed=1)
    assert "d1" in eng.spotted_by("attacker")
    assert "sf" not in eng.spotted_by("defender") and "hidden" not in eng.spotted_by("defender")
    # riflemen hidden in the same wood have no infiltration training: the post still holds them
    assert "zone of control" in refused_for_zoc(eng, A.Move("hidden", (0, 13)))
    res = eng.submit(A.Move("sf", (1, 13)))
    assert res.ok, res.reason
    assert eng.state.units["sf"].pos == (1, 13)


def test_a_spotted_infiltrator_is_held(corridor) -> None:
    eng = Engine(arrange(corridor, sf=(2, 5)), seed=1)
    assert "sf" in eng.spotted_by("defender")
    assert "zone of control" in refused_for_zoc(eng, A.Move("sf", (1, 13)))
