"""Same scenario + seed + actions -> identical digests; records replay exactly; tampering is caught."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game.sim.record import read_record, write_record
from game.sim.replay import Divergence, replay
from game.sim.run import run_game
from tests.conftest import TINY


def test_same_seed_same_digests(tiny) -> None:
    a = run_game(tiny, seed=11)
    b = run_game(tiny, seed=11)
    assert a.record.digests == b.record.digests
    assert a.record.actions == b.record.actions
    assert len(a.record.digests) > 3


def test_record_round_trip_and_verify(tiny, tmp_path) -> None:
    eng = run_game(tiny, seed=5)
    path = tmp_path / "game.jsonl"
    write_record(eng, path)
    rec = read_record(path)
    assert rec.header["seed"] == 5 and rec.header["scenario_sha256"] == tiny.sha256
    again = replay(rec, tiny, verify=True)
    assert again.state.digest() == eng.state.digest()


def test_tampered_digest_names_the_turn(tiny, tmp_path) -> None:
    eng = run_game(tiny, seed=5)
    path = tmp_path / "game.jsonl"
    write_record(eng, path)
    lines = path.read_text().splitlines()
    idx = [i for i, line in enumerate(lines) if '"type": "digest"' in line][3]  # digest after turn 3
    obj = json.loads(lines[idx])
    obj["digest"] = "0" * 64
    lines[idx] = json.dumps(obj)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(Divergence, match="turn 3 diverges"):
        replay(read_record(path), tiny, verify=True)


def test_replay_cli_exit_codes(tmp_path) -> None:
    rec = tmp_path / "g.jsonl"
    run = [sys.executable, "-m", "game"]
    out = subprocess.run(run + ["simulate", str(TINY), "--seed", "2", "--record", str(rec), "--json"],
                         capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    for key in ("outcome", "turns", "casualties", "city_damage", "milestones", "digest"):
        assert key in data
    ok = subprocess.run(run + ["replay", str(rec), "--verify"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert data["digest"] in ok.stdout
    text = rec.read_text().replace('"seed": 2', '"seed": 3')
    rec.write_text(text)
    bad = subprocess.run(run + ["replay", str(rec), "--verify"], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "diverges" in bad.stderr or "differs" in bad.stderr or "refused" in bad.stderr
    assert "Traceback" not in bad.stderr
    rec.write_text("not json\n")
    junk = subprocess.run(run + ["replay", str(rec), "--verify"], capture_output=True, text=True)
    assert junk.returncode == 2 and "Traceback" not in junk.stderr and ":1:" in junk.stderr


def test_truncated_or_tampered_records_are_refused(tmp_path) -> None:
    rec = tmp_path / "g.jsonl"
    run = [sys.executable, "-m", "game"]
    subprocess.run(run + ["simulate", str(TINY), "--seed", "2", "--record", str(rec)], capture_output=True,
                   check=True)
    lines = rec.read_text().splitlines()
    cut = tmp_path / "cut.jsonl"
    cut.write_text("\n".join(lines[: len(lines) // 2]) + "\n")
    out = subprocess.run(run + ["replay", str(cut), "--verify"], capture_output=True, text=True)
    assert out.returncode == 2 and "incomplete" in out.stderr and "Traceback" not in out.stderr
    bad = tmp_path / "seed.jsonl"
    bad.write_text(rec.read_text().replace('"seed": 2', '"seed": "abc"'))
    out = subprocess.run(run + ["replay", str(bad), "--verify"], capture_output=True, text=True)
    assert out.returncode == 2 and "seed must be a whole number" in out.stderr
    out = subprocess.run(run + ["simulate", str(TINY), "--seed", "-1"], capture_output=True, text=True)
    assert out.returncode == 2 and "seed" in out.stderr and "Traceback" not in out.stderr
