"""Every command given a hostile file exits 2 with a file-named message, no traceback, and never hangs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "tiny.yaml"
BAD = ROOT / "tests" / "data" / "bad"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m game ARGS`` headless; a command that blocks fails the test after 60 s instead of hanging."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=env)


def refused(out: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stdout, out.stderr)
    assert "Traceback" not in out.stderr, out.stderr
    for needle in needles:
        assert needle in out.stderr, out.stderr


@needs_fifo
@pytest.mark.parametrize("command", [("validate",), ("info",), ("info", "--json"), ("simulate",), ("render",)])
def test_a_named_pipe_as_scenario(tmp_path: Path, command: tuple[str, ...]) -> None:
    fifo = tmp_path / "s.yaml"
    os.mkfifo(fifo)
    extra = ("--out", str(tmp_path / "m.png")) if command[0] == "render" else ()
    refused(run(command[0], fifo, *command[1:], *extra), f"{fifo}: not a regular file (it is a named pipe)")


@needs_fifo
def test_play_and_replay_refuse_named_pipes(tmp_path: Path) -> None:
    fifo = tmp_path / "s.yaml"
    os.mkfifo(fifo)
    refused(run("play", fifo), f"{fifo}: not a regular file (it is a named pipe)")
    record = tmp_path / "r.jsonl"
    os.mkfifo(record)
    refused(run("replay", record, "--verify"), f"{record}: not a regular file (it is a named pipe)")


@needs_fifo
def test_replay_with_a_named_pipe_as_the_records_scenario(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    assert run("simulate", TINY, "--seed", "2", "--record", record).returncode == 0
    lines = record.read_text().splitlines()
    head = json.loads(lines[0])
    head["scenario_path"] = str(tmp_path / "pipe.yaml")
    os.mkfifo(head["scenario_path"])
    record.write_text("\n".join([json.dumps(head), *lines[1:]]) + "\n")
    refused(run("replay", record, "--verify"), "not a regular file (it is a named pipe)")


def test_replay_of_hostile_record_lines(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    assert run("simulate", TINY, "--seed", "2", "--record", record).returncode == 0
    lines = record.read_text().splitlines()
    for bad, says in (("[" * 100_000, "nested too deeply"), ('{"type": "digest", "turn": ' + "7" * 5000 + "}",
                                                             "too many digits")):
        record.write_text("\n".join([lines[0], bad, *lines[1:]]) + "\n")
        refused(run("replay", record, "--verify"), f"{record}:2: ", says)


@pytest.mark.parametrize("name", ["text_nul", "text_controls", "non_finite_ascii"])
def test_validate_info_simulate_refuse_bad_text_and_numbers(name: str) -> None:
    path = BAD / f"{name}.yaml"
    first = (BAD / f"{name}.expected").read_text(encoding="utf-8").splitlines()[0]
    for args in (("validate", path), ("info", path, "--json"), ("simulate", path)):
        out = run(*args)
        refused(out, first.split(":", 1)[1])
        assert "\x1b" not in out.stderr and "\x00" not in out.stderr


def test_info_json_is_strict_json() -> None:
    out = run("info", TINY, "--json")
    assert out.returncode == 0, out.stderr
    json.loads(out.stdout, parse_constant=lambda name: pytest.fail(f"{name} in info --json"))
