"""Record files from users: every malformed line is a RecordError ``FILE:LINE: ...``, never a traceback."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from game.core import actions as A
from game.core.engine import Engine
from game.sim.record import (
    MAX_LINE,
    RecordError,
    atomic_write_text,
    read_record,
    record_lines,
    remove_stale_temps,
    write_record,
)
from game.sim.replay import Divergence, replay


@pytest.fixture
def lines(tiny) -> list[dict]:
    """A short record (two turns of both sides ending theirs) as JSON objects."""
    eng = Engine(tiny, 3)
    for _ in range(4):
        assert eng.submit(A.EndTurn(eng.state.side)).ok
    return record_lines(eng)


def write(path: Path, objs: list[dict | str]) -> Path:
    path.write_text("".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objs))
    return path


def error(path: Path) -> str:
    with pytest.raises(RecordError) as e:
        read_record(path)
    return str(e.value)


def test_a_good_record_reads_and_replays(lines: list[dict], tiny, tmp_path: Path) -> None:
    rec = read_record(write(tmp_path / "r.jsonl", lines))
    assert len(rec.digests) == 3 and len(rec.actions) == 4
    assert replay(rec, tiny, verify=True).state.digest() == lines[-1]["digest"]


@pytest.mark.parametrize(("text", "says"), [
    ("[" * 100_000, "lists or objects nested too deeply"),
    ("[" * 50_000 + "]" * 50_000, "lists or objects nested too deeply"),
    ('{"type": "digest", "turn": ' + "9" * 5000 + "}", "a number with too many digits"),
    ('{"type": "digest", "turn": NaN}', "NaN is not a number a record can hold"),
    ('{"type": "digest", "turn": 0, "digest": "x" ', "not valid JSON (Expecting"),
], ids=["100000-open-brackets", "deep-but-closed", "5000-digit-int", "nan", "cut-off"])
def test_hostile_json_lines_name_file_and_line(lines: list[dict], tmp_path: Path, text: str, says: str) -> None:
    path = write(tmp_path / "r.jsonl", [lines[0], text, *lines[1:]])
    msg = error(path)
    assert msg.startswith(f"{path}:2: ") and says in msg, msg


def test_a_huge_line_is_refused(lines: list[dict], tmp_path: Path) -> None:
    path = write(tmp_path / "r.jsonl", [lines[0], json.dumps({"type": "x", "pad": "y" * MAX_LINE}), *lines[1:]])
    assert "the line is too long" in error(path)


def test_digest_turns_must_run_in_order(lines: list[dict], tmp_path: Path) -> None:
    digest_at = [i for i, o in enumerate(lines) if o["type"] == "digest"]
    for value, shown in ((5, "5"), ("0", "'0'"), (True, "True"), (None, "None")):
        bad = [dict(o) for o in lines]
        bad[digest_at[1]]["turn"] = value
        path = write(tmp_path / "r.jsonl", bad)
        assert error(path) == (f"{path}:{digest_at[1] + 1}: the digest line's turn is {shown}, expected 0 "
                               "(digest lines count turns -1, 0, 1, ... in order)")
    swapped = [dict(o) for o in lines]
    swapped[digest_at[0]]["turn"] = 0
    assert "expected -1" in error(write(tmp_path / "r.jsonl", swapped))


def test_digests_and_action_turns_are_checked(lines: list[dict], tmp_path: Path) -> None:
    bad = [dict(o) for o in lines]
    bad[1]["digest"] = "\x1b[31m" + "0" * 59
    msg = error(write(tmp_path / "r.jsonl", bad))
    assert msg.endswith("the digest must be a SHA-256 in hexadecimal (64 digits 0-9, a-f), got '\\x1b[31m"
                        + "0" * 59 + "'")
    bad = [dict(o) for o in lines]
    bad[2]["turn"] = 1
    assert "the action is for turn 1, but the digest lines so far put it in turn 0" in error(
        write(tmp_path / "r.jsonl", bad))


def test_divergence_shows_the_full_digests(lines: list[dict], tiny, tmp_path: Path) -> None:
    bad = [dict(o) for o in lines]
    i = [i for i, o in enumerate(lines) if o["type"] == "digest"][1]
    real = bad[i]["digest"]
    bad[i]["digest"] = real[:12] + ("0" if real[12] != "0" else "1") + real[13:]  # same first 12 digits
    with pytest.raises(Divergence) as e:
        replay(read_record(write(tmp_path / "r.jsonl", bad)), tiny, verify=True)
    assert str(e.value).endswith(f"turn 1 diverges: digest {real} != recorded {bad[i]['digest']}")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "r.jsonl"
    os.mkfifo(fifo)
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("reading a named pipe blocked"))
    signal.alarm(5)
    try:
        assert error(fifo) == f"{fifo}: not a regular file (it is a named pipe)"
        assert error(tmp_path) == f"{tmp_path}: not a regular file (it is a folder)"
    finally:
        signal.alarm(0)


def test_atomic_write_removes_stale_temp_files_of_the_same_name(tmp_path: Path) -> None:
    old = time.time() - 3600
    stale = tmp_path / ".game.jsonl.abc_1234"
    fresh = tmp_path / ".game.jsonl.zzzz9999"  # a write in progress right now: kept
    other = tmp_path / ".other.jsonl.abcd1234"  # another file's temp: not this write's business
    unrelated = tmp_path / ".game.jsonl.notes"
    for p in (stale, fresh, other, unrelated):
        p.write_text("partial")
    for p in (stale, other, unrelated):
        os.utime(p, (old, old))
    atomic_write_text(tmp_path / "game.jsonl", "done\n")
    assert (tmp_path / "game.jsonl").read_text() == "done\n"
    assert not stale.exists() and fresh.exists() and other.exists() and unrelated.exists()
    assert remove_stale_temps(tmp_path, suffix=".jsonl") == [other]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".game.jsonl.notes", ".game.jsonl.zzzz9999", "game.jsonl"]


def test_write_record_round_trip_leaves_no_temp_files(lines: list[dict], tiny, tmp_path: Path) -> None:
    eng = Engine(tiny, 3)
    write_record(eng, tmp_path / "r.jsonl")
    assert [p.name for p in tmp_path.iterdir()] == ["r.jsonl"]
