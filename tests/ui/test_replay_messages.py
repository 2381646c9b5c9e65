"""What ``replay`` tells a user about a damaged record and about options that do not apply: a changed action
is named in words (unit and place, never a Python dict) with a message that says the file may have been
changed, a record cut mid-line says so, and every option the chosen mode would ignore is refused (exit 2)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.cli import main
from game.core.setup import GameSetup
from game.sim.record import RecordError, read_record
from game.sim.timeline import CheckedRecord, RecordTimeline
from tests.sim.test_timeline import recorded


@pytest.fixture
def tiny_record(tiny: GameSetup, tmp_path: Path) -> Path:
    return recorded(tiny, tmp_path / "g.jsonl")


def _moved_far(path: Path, out: Path) -> tuple[int, str]:
    """The middle recorded move sent to a far corner no unit can reach in a turn; (its turn, its unit)."""
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    moves = [i for i, x in enumerate(lines) if x["type"] == "action" and x["action"]["type"] == "move"]
    i = moves[len(moves) // 2]
    lines[i]["action"] = {"type": "move", "unit": lines[i]["action"]["unit"], "to": [0, 0]}
    out.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return lines[i]["turn"], lines[i]["action"]["unit"]


def test_a_changed_order_is_described_in_words(tiny_record: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    turn, _ = _moved_far(tiny_record, bad)
    rec = CheckedRecord(RecordTimeline.open(bad))
    msg = str(rec.divergence)
    assert f"does not match from turn {turn + 1}" in msg
    assert "the file was changed or made by another version of the game or scenario" in msg
    assert "{" not in msg and "'type'" not in msg  # no raw Python dict
    said = re.search(r'order "([^"]+): (move to|fire at|assault|climb to|dig in|hold|rally)\b', msg)
    assert said, msg  # "<unit name>: move to <place>"
    names = {u.name for u in rec.timeline.engine.state.units.values()}
    assert said.group(1) in names
    assert ".." not in msg and msg.endswith("The replay stops before that turn.")
    # the viewer opens up to the last good turn (exit 0) and prints the same message on stderr
    assert main(["replay", str(bad), "--frames", "2"]) == 0
    err = capsys.readouterr().err
    assert "does not match from turn" in err and said.group(0) in err and "Traceback" not in err


def test_a_record_cut_mid_line_says_it_was_cut_off(tiny_record: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    text = tiny_record.read_text()
    cut = tmp_path / "cut.jsonl"
    cut.write_text(text[:len(text) // 2])
    assert not cut.read_text().endswith("\n")
    with pytest.raises(RecordError, match="cut off in the middle of this line") as e:
        read_record(cut)
    assert "not valid JSON" not in str(e.value)
    assert main(["replay", str(cut), "--frames", "1"]) == 2
    err = capsys.readouterr().err
    assert "cut off" in err and "not valid JSON" not in err
    damaged = tmp_path / "damaged.jsonl"  # a broken line in the middle is still "not valid JSON"
    lines = text.splitlines(keepends=True)
    lines[3] = lines[3][:10] + "\n"
    damaged.write_text("".join(lines))
    with pytest.raises(RecordError, match="not valid JSON"):
        read_record(damaged)


@pytest.mark.parametrize("extra, flag", [
    (["--side", "defender"], "--side"),
    (["--verify", "--side", "both"], "--side"),
    (["--verify", "--frames", "3"], "--frames"),
    (["--size", "640x360"], "--size"),
    (["--fps", "8"], "--fps"),
    (["--hours-per-frame", "2"], "--hours-per-frame"),
    (["--actions-per-frame", "3"], "--actions-per-frame"),
    (["--max-frames", "3"], "--max-frames"),
    (["--continue-from", "2", "--verify"], "--verify"),
    (["--continue-from", "2", "--size", "640x360"], "--size"),
    (["--export", "x.gif", "--side", "attacker"], "--side"),
    (["--export", "x.gif", "--frames", "2"], "--frames"),
])
def test_record_options_that_do_not_apply_are_refused(tiny_record: Path, tmp_path: Path, extra: list[str],
                                                      flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    extra = [str(tmp_path / a) if a == "x.gif" else a for a in extra]
    assert main(["replay", str(tiny_record), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and flag in err and "does not apply" in err
    assert not (tmp_path / "x.gif").exists()


@pytest.mark.parametrize("extra, flag", [
    (["--actions-per-frame", "3"], "--actions-per-frame"),
    (["--side", "attacker"], "--side"),
    (["--continue-from", "2"], "--continue-from"),
    (["--scenario", "x.yaml"], "--scenario"),
    (["--fps", "8"], "--fps"),
    (["--export", "x.gif", "--actions-per-frame", "3"], "--actions-per-frame"),
    (["--export", "x.gif", "--scenario", "x.yaml"], "--scenario"),
])
def test_history_options_that_do_not_apply_are_refused(tmp_path: Path, extra: list[str], flag: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    extra = [str(tmp_path / a) if a == "x.gif" else a for a in extra]
    assert main(["replay", "--history", *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and flag in err and "does not apply to" in err and "--history" in err


def test_options_that_apply_still_work(tiny_record: Path, tmp_path: Path) -> None:
    gif = tmp_path / "a.gif"
    assert main(["replay", str(tiny_record), "--export", str(gif), "--actions-per-frame", "5", "--size", "320x180",
                 "--fps", "6", "--max-frames", "2"]) == 0
    assert gif.stat().st_size > 0
    assert main(["replay", str(tiny_record), "--verify"]) == 0
