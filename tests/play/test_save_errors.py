"""Saves from users: a malformed header, AI memory or file is a SaveError naming file, line and field."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from game.core import actions as A
from game.core.engine import Engine
from game.play.saves import SaveError, list_save_files, read_save, write_save
from game.scenario.load import load_scenario

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def geo():
    return load_scenario(DATA / "geo_small.yaml")


def saved(setup, path: Path, **save: Any) -> Path:
    """A save of a game one turn in, its header's ``save`` field updated with ``save`` (None deletes)."""
    eng = Engine(setup, 3)
    for _ in range(2):
        assert eng.submit(A.EndTurn(eng.state.side)).ok
    write_save(eng, path, humans=["attacker"])
    lines = path.read_text().splitlines()
    head = json.loads(lines[0])
    for key, value in save.items():
        if key == "save":
            head["save"] = value
        else:
            head["save"][key] = value
    lines[0] = json.dumps(head)
    path.write_text("\n".join(lines) + "\n")
    return path


def load_error(path: Path) -> str:
    with pytest.raises(SaveError) as e:
        read_save(path)
    return str(e.value)


@pytest.mark.parametrize(("save", "expected"), [
    ({"save": [1, 2]}, "save: expected a mapping (humans, turn, saved_at, note, ai), got a list of 2"),
    ({"humans": 5}, "save.humans: expected a list of sides (from attacker, defender), got the number 5"),
    ({"humans": ["martians"]}, "save.humans: expected sides of the scenario (attacker, defender), got the text "
                               "'martians'"),
    ({"turn": "3"}, "save.turn: expected a whole number, got the text '3'"),
    ({"ai": [1]}, "save.ai: expected a mapping of sides (attacker, defender) to what their AI remembers, got a "
                  "list of 1"),
    ({"ai": {"attacker": [1]}},
     "save.ai.attacker: expected a mapping with tasks, waypoint, climbed, arrived, standing, got a list of 1"),
    ({"ai": {"defender": {"arrived": {"hold": 99}}}},
     "save.ai.defender.arrived.hold: expected a turn number from 0 to 1, got the number 99"),
    ({"ai": {"defender": {"arrived": [1]}}},
     "save.ai.defender.arrived: expected a mapping of task ids to turn numbers, got a list of 1"),
    ({"ai": {"zz": {}}}, "save.ai: expected sides of the scenario (attacker, defender) as keys, got the text 'zz'"),
    ({"ai": {"defender": {"plans": 1}}},
     "save.ai.defender: expected only the keys tasks, waypoint, climbed, arrived, standing, got the text 'plans'"),
    ({"ai": {"defender": {"tasks": [[[[]]]]}}},
     "save.ai.defender.tasks: expected a mapping of task ids to waiting / active / achieved, got a list of 1"),
    ({"ai": {"defender": {"tasks": {"nowhere": "active"}}}},
     "save.ai.defender.tasks: expected tasks of the plan (hold) as keys, got the text 'nowhere'"),
    ({"ai": {"defender": {"tasks": {"hold": {"a": {"b": [1]}}}}}},
     "save.ai.defender.tasks.hold: expected waiting / active / achieved, got a mapping"),
    ({"ai": {"defender": {"waypoint": {"hold:d1": -1}}}},
     "save.ai.defender.waypoint.hold:d1: expected a waypoint number from 0 to 999, got the number -1"),
    ({"ai": {"defender": {"waypoint": {"hold:d1": 10**30}}}},
     "save.ai.defender.waypoint.hold:d1: expected a waypoint number from 0 to 999, got a number"),
    ({"ai": {"defender": {"climbed": ["a1"]}}},
     "save.ai.defender.climbed: expected ids of units of defender, got the text 'a1'"),
    ({"ai": {"defender": {"climbed": {"d1": 1}}}},
     "save.ai.defender.climbed: expected a list of unit ids, got a mapping"),
])
def test_malformed_save_fields(geo, tmp_path: Path, save: dict, expected: str) -> None:
    path = saved(geo, tmp_path / "s.jsonl", **save)
    assert load_error(path) == f"This save cannot be loaded: {path}:1: {expected}"


def test_good_ai_memory_and_no_save_field_load(geo, tmp_path: Path) -> None:
    memory = {"defender": {"tasks": {"hold": "active"}, "waypoint": {"hold:d1": 0}, "climbed": []}}
    eng, humans, ai = read_save(saved(geo, tmp_path / "a.jsonl", ai=memory))
    assert humans == ["attacker"] and ai == memory
    eng, humans, ai = read_save(saved(geo, tmp_path / "b.jsonl", save=None))  # a record: watch mode
    assert humans == [] and ai == {}


def test_read_errors_become_save_errors(geo, tmp_path: Path) -> None:
    path = saved(geo, tmp_path / "s.jsonl")
    lines = path.read_text().splitlines()
    (tmp_path / "deep.jsonl").write_text(lines[0] + "\n" + "[" * 100_000 + "\n")
    assert load_error(tmp_path / "deep.jsonl").startswith(f"This save cannot be read: {tmp_path / 'deep.jsonl'}:2: ")
    head = json.loads(lines[0])
    head["scenario_path"] = str(tmp_path / "x.yaml")  # a folder named like a scenario
    os.mkdir(head["scenario_path"])
    (tmp_path / "dir.jsonl").write_text("\n".join([json.dumps(head), *lines[1:]]) + "\n")
    assert "not a regular file (it is a folder)" in load_error(tmp_path / "dir.jsonl")
    assert load_error(tmp_path).startswith(f"This save cannot be read: {tmp_path}: not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_named_pipe_as_save_or_scenario_does_not_hang(geo, tmp_path: Path) -> None:
    path = saved(geo, tmp_path / "s.jsonl")
    lines = path.read_text().splitlines()
    head = json.loads(lines[0])
    head["scenario_path"] = str(tmp_path / "pipe.yaml")
    os.mkfifo(head["scenario_path"])
    path.write_text("\n".join([json.dumps(head), *lines[1:]]) + "\n")
    os.mkfifo(tmp_path / "pipe.jsonl")
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("reading a named pipe blocked"))
    signal.alarm(5)
    try:
        assert f"{tmp_path / 'pipe.yaml'}: not a regular file (it is a named pipe)" in load_error(path)
        assert load_error(tmp_path / "pipe.jsonl") == (f"This save cannot be read: {tmp_path / 'pipe.jsonl'}: "
                                                       "not a regular file (it is a named pipe)")
        assert list_save_files(tmp_path) == [path]
    finally:
        signal.alarm(0)


def test_stale_temp_files_of_killed_saves_are_cleaned_and_never_listed(geo, tmp_path: Path) -> None:
    old = time.time() - 3600
    stale = [tmp_path / ".autosave.jsonl.a1b2c3d4", tmp_path / ".shusha-turn3-20250101-120000.jsonl.x_y_z_12"]
    fresh = tmp_path / ".game.jsonl.qwertyui"  # a save being written right now
    keep = [tmp_path / ".hidden.jsonl", tmp_path / "notes.txt", tmp_path / ".cfg.abcdefgh"]
    for p in [*stale, fresh, *keep]:
        p.write_text("{")
    for p in [*stale, *keep]:
        os.utime(p, (old, old))
    assert list_save_files(tmp_path) == []
    assert not any(p.exists() for p in stale) and fresh.exists() and all(p.exists() for p in keep)
    os.utime(fresh, (old, old))
    path = saved(geo, tmp_path / "game.jsonl")
    assert not fresh.exists()
    assert list_save_files(tmp_path) == [path]
