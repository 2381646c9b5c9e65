"""Sessions: human orders, undo of a move that revealed nothing, AI turns, saves and autosaves."""

from __future__ import annotations

import pytest

from game.core import actions as A
from game.play.saves import SaveError
from game.play.session import Session


@pytest.fixture
def session(tiny, tmp_path) -> Session:
    return Session.new(tiny, seed=3, humans=["attacker"], saves=tmp_path)


def test_undo_a_quiet_move_restores_the_exact_state(session: Session) -> None:
    eng = session.engine
    before = eng.state.digest()
    res = session.order(A.Move("a2", (11, 10)))
    assert res.ok, res.reason
    assert eng.state.digest() != before
    assert session.can_undo
    assert session.undo()
    assert eng.state.digest() == before
    assert eng.record.actions == []
    assert eng.state.units["a2"].pos == (11, 8)
    assert not session.undo()


def test_a_move_that_spots_the_enemy_cannot_be_undone(session: Session) -> None:
    eng = session.engine
    assert "d2" not in eng.spotted_by("attacker")
    res = session.order(A.Move("a3", (6, 13)))  # up the road beside the road post
    assert res.ok, res.reason
    assert "d2" in eng.spotted_by("attacker")
    assert not session.can_undo


def test_orders_refused_outside_the_humans_turn(session: Session) -> None:
    assert session.end_turn().ok
    assert not session.human_turn
    assert not session.order(A.Hold("a1")).ok
    steps = list(session.ai_steps())
    assert steps and isinstance(steps[-1][0], A.EndTurn)
    assert session.human_turn and session.engine.state.turn == 1
    assert session.autosave_path.exists() and session.autosave_path.parent == session.saves


def test_save_and_load_round_trip(session: Session, tmp_path) -> None:
    session.order(A.Move("a1", (9, 4)))
    session.end_turn()
    list(session.ai_steps())
    session.order(A.DigIn("a2"))
    path = session.save(tmp_path / "game.jsonl")
    loaded = Session.load(path, saves=tmp_path)
    assert loaded.engine.state.digest() == session.engine.state.digest()
    assert loaded.humans == ["attacker"]
    assert loaded.human_turn


def test_a_damaged_save_gives_a_clear_message(session: Session, tmp_path) -> None:
    path = session.save(tmp_path / "game.jsonl")
    path.write_text(path.read_text()[:-40] + "garbage\n")
    with pytest.raises(SaveError, match="cannot be read|damaged"):
        Session.load(path)
    path.write_text("")
    with pytest.raises(SaveError):
        Session.load(path)


def test_ai_only_session_plays_to_the_end(tiny, tmp_path) -> None:
    s = Session.new(tiny, seed=1, humans=[], saves=tmp_path)
    while not s.engine.state.game_over:
        assert list(s.ai_steps())
    eng = s.engine
    out = s.summary()["outcome"]
    # the game ran to its last turn unless the capture of the town (or a side's end) ended it then
    st = eng.state
    assert (st.turn == eng.clock.last_turn or st.milestones.get("city_captured") == st.turn
            or any(not st.units_of(side) for side in tiny.sides)), (st.turn, st.milestones)
    # each side's score is the share of its objective points achieved, graded by the scenario's thresholds
    g = tiny.grading
    for side in tiny.sides:
        objs = [o for o in tiny.objectives if o.side == side]
        score = sum(o.points for o in objs if out["objectives"][o.id]) / sum(o.points for o in objs)
        assert out["scores"][side] == pytest.approx(score)
        want = ("decisive" if score >= g.decisive else "marginal" if score >= g.marginal
                else "draw" if score >= g.draw else "defeat")
        assert out["grades"][side] == want, (side, score)
    assert out["grade"] == out["grades"]["attacker"]
    # the town is the attackers' to take and the defenders' to hold: not both
    assert not (out["objectives"]["take_town"] and out["objectives"]["hold_town"])
    over = [e for e in eng.log if e.kind == "game_over"]
    assert len(over) == 1 and over[0].grade == out["grade"] and out["summary"] in over[0].text
    record = s.write_final_record()
    assert record is not None and record.is_file()


def test_a_loaded_game_goes_on_exactly_as_an_uninterrupted_one(tmp_path) -> None:
    from pathlib import Path

    from game.scenario.load import load_scenario

    setup = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "shusha_2020_approach.yaml")
    straight = Session.new(setup, 4, [], saves=tmp_path)
    resumed = Session.new(setup, 4, [], saves=tmp_path)
    for _ in range(2 * 24):  # to 6 November: route legs, road blocks and the climb are under way
        list(resumed.ai_steps())
    path = resumed.save(tmp_path / "mid.jsonl")
    resumed = Session.load(path, saves=tmp_path)
    for _ in range(2 * 6):
        list(resumed.ai_steps())
    for _ in range(2 * 30):
        list(straight.ai_steps())
    assert resumed.engine.state.digest() == straight.engine.state.digest()


def test_a_saved_game_keeps_its_plans(shusha, tmp_path) -> None:
    """A game started with a counterfactual plan loads with the same plans (and so the same constraints)."""
    from game.play.session import Session

    s = Session.new(shusha, 2, ["defender"], saves=tmp_path, plans={"attacker": "bombard"})
    for _ in s.ai_steps():
        pass
    path = s.save(tmp_path / "cf.jsonl")
    loaded = Session.load(path, saves=tmp_path)
    assert loaded.engine.setup.chosen_plans == {"attacker": "bombard", "defender": "doctrine"}
    assert not loaded.engine.setup.constraints.no_fire_zones  # the counterfactual's lifted constraint
    assert loaded.engine.state.digest() == s.engine.state.digest()
    assert loaded.ai["attacker"].plan.id == "bombard"
