"""Rules as data scale with the turn: in 1-hour turns at 50 m cells a unit can move, fire and assault."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core import actions as A
from game.core.engine import Engine
from game.scenario.load import load_scenario
from game.sim.run import run_game
from tests.fixtures import arrange

TACTICAL = Path(__file__).resolve().parent.parent / "data" / "tactical.yaml"


@pytest.fixture(scope="module")
def tactical():
    return load_scenario(TACTICAL)


def test_action_times_scale_with_the_turn(tactical, tiny) -> None:
    short, long = Engine(tactical, 1), Engine(tiny, 1)  # 1-hour turns; 6-hour turns
    p = tactical.params
    assert short.ctx.fire_minutes() == pytest.approx(p.fire_turn_share * 60)
    assert short.ctx.assault_minutes() == pytest.approx(p.assault_turn_share * 60)
    assert long.ctx.fire_minutes() == p.fire_max_minutes and long.ctx.assault_minutes() == p.assault_max_minutes
    # a rested unit can act most of a short turn, and its type's march share of a long one
    assert short.budget_min("a1") == pytest.approx(60 * p.short_turn_activity)
    assert long.budget_min("a1") == pytest.approx(6 * 60 * tiny.unit_types["special_forces_group"].march_fraction)


def test_move_then_fire_within_one_hour(tactical) -> None:
    eng = Engine(arrange(tactical, a1=(10, 17)), 1)
    assert eng.submit(A.Move("a1", (7, 16))).ok  # up the rise, 200 m from the road post at (6, 12)
    assert "d2" in eng.spotted_by("attacker")
    res = eng.submit(A.Fire("a1", "d2"))
    assert res.ok, res.reason
    assert eng.state.units["a1"].used_min < 60


def test_move_then_assault_within_one_hour(tactical) -> None:
    eng = Engine(arrange(tactical, a1=(9, 12)), 1)
    assert eng.submit(A.Move("a1", (7, 12))).ok  # into contact with the road post on the road
    res = eng.submit(A.Assault("a1", "d2"))
    assert res.ok, res.reason
    assert any(e.kind == "assault" for e in res.events)


def test_an_ai_game_of_one_hour_turns_fights(tactical) -> None:
    eng = run_game(tactical, 1)
    counts = eng.action_counts()
    assert counts["fire"] > 0 and counts["assault"] > 0, counts
    assert sum(eng.state.casualties.values()) > 0
