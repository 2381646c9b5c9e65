"""Continue from here: a branch starts in the recorded state, its record names its parent, and replay --verify
checks the parent up to the branch point, then the branch."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.cli import main
from game.play.continue_cmd import continue_session
from game.play.session import Session
from game.sim.record import RecordError, read_record, write_record
from game.sim.run import run_game
from game.sim.timeline import RecordTimeline

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def branched(setup, tmp_path: Path, *, turn: int = 3) -> tuple[Path, Path, Session]:
    """A parent record, and a branch from the start of ``turn`` played on by the AI for two more turns."""
    parent = tmp_path / "parent.jsonl"
    write_record(run_game(setup, 3), parent)
    tl = RecordTimeline.open(parent)
    session = Session.branch(tl, tl.turn_start(turn), humans=[], saves=tmp_path / "saves")
    assert session.engine.state.digest() == tl.record.digests[turn]  # exactly the recorded state
    while session.engine.state.turn < turn + 2 and not session.engine.state.game_over:
        for _ in session.ai_steps():
            pass
    branch = session.write_final_record()
    assert branch is not None
    return parent, branch, session


def test_a_branch_names_its_parent_and_verifies(tiny, tmp_path, capsys):
    parent, branch, _ = branched(tiny, tmp_path)
    header = read_record(branch).header
    assert header["parent"]["path"] == str(parent.resolve())
    assert header["parent"]["turn"] == 3
    assert header["parent"]["step"] == RecordTimeline.open(parent).turn_start(3)
    assert main(["replay", str(branch), "--verify"]) == 0
    out = capsys.readouterr().out
    assert "verified" in out and "a branch of" in out and "turn 4" in out
    autosaves = sorted((tmp_path / "saves").glob("autosave-*.jsonl"))
    assert len(autosaves) == 1
    assert read_record(autosaves[0]).header["parent"] == header["parent"]


def test_a_branch_whose_parent_changed_fails(tiny, tmp_path, capsys):
    parent, branch, _ = branched(tiny, tmp_path)
    lines = parent.read_text().splitlines()
    lines[0] = json.dumps({**json.loads(lines[0]), "game_version": "9.9"})  # still a valid record
    parent.write_text("\n".join(lines) + "\n")
    assert main(["replay", str(branch), "--verify"]) == 2
    err = capsys.readouterr().err
    assert str(parent.resolve()) in err and "has changed" in err
    parent.unlink()
    assert main(["replay", str(branch), "--verify"]) == 2
    assert "parent record" in capsys.readouterr().err


def test_a_branch_that_rewrites_its_parents_actions_fails(tiny, tmp_path, capsys):
    _, branch, _ = branched(tiny, tmp_path)
    lines = [json.loads(x) for x in branch.read_text().splitlines()]
    first = next(i for i, x in enumerate(lines) if x["type"] == "action" and x["action"]["type"] != "end_turn")
    lines[first]["action"] = {"type": "hold", "unit": lines[first]["action"]["unit"]}
    branch.write_text("".join(json.dumps(x) + "\n" for x in lines))
    assert main(["replay", str(branch), "--verify"]) == 2
    assert "differ from those of the parent record" in capsys.readouterr().err


def test_a_bad_parent_field_is_named(tiny, tmp_path):
    _, branch, _ = branched(tiny, tmp_path)
    lines = branch.read_text().splitlines()
    head = json.loads(lines[0])
    head["parent"]["step"] = -1
    branch.write_text("\n".join([json.dumps(head), *lines[1:]]) + "\n")
    with pytest.raises(RecordError, match=r"turn\d+\.jsonl:1: parent.step must be a whole number >= 0"):
        read_record(branch)


def test_continue_from_a_turn_with_chosen_sides(tiny, tmp_path):
    parent = tmp_path / "parent.jsonl"
    write_record(run_game(tiny, 3), parent)
    session = continue_session(parent, 2, "defender", saves=tmp_path)
    assert session.humans == [tiny.side_with_role("defender")]
    assert session.engine.state.turn == 1 and session.parent["turn"] == 1
    assert continue_session(parent, 2, "both", saves=tmp_path).humans == list(tiny.sides)
    assert continue_session(parent, 2, "none", saves=tmp_path).humans == []


def test_bad_record_or_turn_exits_2(tiny, tmp_path, capsys):
    missing = tmp_path / "missing.jsonl"
    assert main(["replay", str(missing), "--continue-from", "2"]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "Traceback" not in err
    parent = tmp_path / "parent.jsonl"
    write_record(run_game(tiny, 3), parent)
    assert main(["replay", str(parent), "--continue-from", "99"]) == 2
    assert "has no turn 99" in capsys.readouterr().err


def test_continue_from_opens_the_client_on_that_turn(tiny, tmp_path, monkeypatch):
    monkeypatch.setenv("SHUSHA_SAVE_DIR", str(tmp_path / "saves"))
    parent = tmp_path / "parent.jsonl"
    write_record(run_game(tiny, 3), parent)
    assert main(["replay", str(parent), "--continue-from", "3", "--side", "attacker", "--frames", "3"]) == 0
