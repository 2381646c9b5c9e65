"""Bad input to ``python -m game compare SCENARIO``: one clear line on stderr, exit 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from tests.conftest import SHUSHA_PATH, TINY

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad" / "duplicate_id.yaml"


def refused(capsys: pytest.CaptureFixture, *argv: str | Path) -> str:
    """Run ``compare ARGV`` in-process; it must exit 2 with one stderr line and no output; returns the line."""
    code = main(["compare", *map(str, argv), "--no-progress"])
    captured = capsys.readouterr()
    assert code == 2, captured
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1, captured.err
    return captured.err.strip()


@pytest.mark.parametrize(("argv", "message"), [
    (["--plans", "nope"], "attacker has no plan 'nope' (plans: historical, road, lachin, dash, bombard, armour)"),
    (["--plans", "attacker=road,spectator=x"], "no side 'spectator' (sides: attacker, defender)"),
    (["--defender-plan", "nope"], "defender has no plan 'nope' (plans: doctrine, mobile_reserve)"),
    (["--plans", "road,attacker="], "--plans: expected ID or SIDE=ID, got 'attacker='"),
    (["--runs", "0"], "--runs must be at least 1, got 0"),
    (["--jobs", "0"], "--jobs must be at least 1, got 0"),
    (["--records"], "--records needs --out DIR"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --backend dask"),
])
def test_bad_options(capsys: pytest.CaptureFixture, argv: list[str], message: str) -> None:
    assert message in refused(capsys, SHUSHA_PATH, *argv)


def test_a_malformed_or_missing_scenario(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    assert refused(capsys, BAD).startswith(f"{BAD}:65:14: forces.0.units.2.id: duplicate unit id")
    missing = tmp_path / "gone.yaml"
    assert refused(capsys, missing) == f"{missing}: cannot read: No such file or directory"


def test_an_unwritable_output_folder(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    afile = tmp_path / "file"
    afile.write_text("x")
    line = refused(capsys, TINY, "--out", afile / "sub")
    assert line.startswith(f"{afile / 'sub'}: cannot write the results there")
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert "cannot write the results there" in refused(capsys, TINY, "--out", locked)


def test_the_command_line_exits_2_without_a_traceback(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "game", "compare", str(SHUSHA_PATH), "--plans", "nope"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1 and "attacker has no plan 'nope'" in out.stderr
