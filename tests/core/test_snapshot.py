"""Snapshots carry the whole game: undo all the way, and restore-then-replay equals an uninterrupted game."""

from __future__ import annotations

import pytest

from game.ai.plan_policy import PlanPolicy
from game.ai.view import SideView
from game.core import actions as A
from game.core.engine import Engine
from game.sim.run import run_game


def played(setup, seed: int) -> tuple[Engine, list[A.Action]]:
    eng = run_game(setup, seed)
    return eng, [A.action_from_dict(a["action"]) for a in eng.record.actions]


def test_undo_all_the_way_back(tiny) -> None:
    _, actions = played(tiny, 3)
    eng = Engine(tiny, 3)
    snaps, digests = [], []
    for a in actions:
        snaps.append(eng.snapshot())
        digests.append(eng.state.digest())
        assert eng.submit(a).ok
    assert eng.state.game_over
    for snap, digest in zip(reversed(snaps), reversed(digests), strict=True):
        eng.restore(snap)
        assert eng.state.digest() == digest
    fresh = Engine(tiny, 3)
    assert eng.state.digest() == fresh.state.digest()
    assert eng.record.actions == [] and eng.record.digests == fresh.record.digests
    assert [e.text for e in eng.log] == [e.text for e in fresh.log]
    assert eng.action_counts() == fresh.action_counts()


@pytest.mark.parametrize("cut", [0.25, 0.5, 0.8])
def test_restore_then_replay_matches_the_uninterrupted_game(tiny, cut: float) -> None:
    whole, actions = played(tiny, 5)
    eng = Engine(tiny, 5)
    k = int(len(actions) * cut)
    for a in actions[:k]:
        eng.submit(a)
    snap = eng.snapshot()
    for a in actions[k:]:  # play on, then go back and play the rest again
        eng.submit(a)
    eng.restore(snap)
    for a in actions[k:]:
        assert eng.submit(a).ok
    assert eng.record.digests == whole.record.digests
    assert eng.state.digest() == whole.state.digest()
    assert len(eng.log) == len(whole.log)


def test_a_snapshot_is_independent_of_later_play(tiny) -> None:
    eng = Engine(tiny, 1)
    snap = eng.snapshot()
    before = snap.state.digest()
    policy = PlanPolicy(tiny, "attacker")
    for action in policy.phase(SideView(eng, "attacker", policy.plan)):
        eng.submit(action)
    assert snap.state.digest() == before  # play did not reach into the snapshot
    eng.restore(snap)
    eng.restore(snap)  # restoring twice: the snapshot stays usable
    assert eng.state.digest() == before


def test_the_ai_standing_orders_travel_with_snapshots(tiny) -> None:
    eng = Engine(tiny, 1)
    eng.memory["attacker"] = {"blockers": {"road": ["a2", [5, 12]]}}
    snap = eng.snapshot()
    eng.memory["attacker"]["blockers"].clear()
    eng.restore(snap)
    assert eng.memory == {"attacker": {"blockers": {"road": ["a2", [5, 12]]}}}


def test_a_snapshot_of_another_game_is_refused(tiny, make_setup) -> None:
    other = make_setup(["...."], units="forces:\n  - side: attacker\n    units:\n"
                       "      - {id: x, name: X, type: recon_team, at: {cell: [0, 0]}}\n"
                       "  - side: defender\n    units:\n"
                       "      - {id: y, name: Y, type: recon_team, at: {cell: [0, 3]}}\n")
    with pytest.raises(ValueError, match="another game"):
        Engine(tiny, 1).restore(Engine(other, 1).snapshot())
