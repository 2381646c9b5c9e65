"""The validate command: exit codes and output, in-process and through ``python -m game``."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from game.scenario.report import validate_main

ROOT = Path(__file__).resolve().parents[2]
TINY = "tests/data/tiny.yaml"
BAD = "tests/data/bad/heavy_armour.yaml"


def test_validate_main_in_process() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert validate_main([str(ROOT / TINY)], out=out, err=err) == 0
    assert out.getvalue() == f"{ROOT / TINY}: ok\n" and err.getvalue() == ""
    out, err = io.StringIO(), io.StringIO()
    assert validate_main([str(ROOT / TINY), str(ROOT / BAD)], out=out, err=err) == 2
    assert "forbids heavy_armour for side attacker" in err.getvalue()


def test_cli_subprocess() -> None:
    ok = subprocess.run([sys.executable, "-m", "game", "validate", TINY], cwd=ROOT, capture_output=True,
                        text=True, timeout=60)
    assert ok.returncode == 0 and ok.stdout == f"{TINY}: ok\n"
    bad = subprocess.run([sys.executable, "-m", "game", "validate", BAD, "tests/data/bad/alias_bomb.yaml"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    lines = bad.stderr.splitlines()
    assert lines[0].startswith(f"{BAD}:65:37: forces.0.units.2.type: unit 'a3' is a heavy_armour unit")
    assert lines[1].startswith("tests/data/bad/alias_bomb.yaml:6:20: too many values")
