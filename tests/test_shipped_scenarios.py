"""Every scenario shipped in scenarios/ validates, and the CLI says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.scenario.load import load_scenario

SCENARIOS = sorted((Path(__file__).resolve().parents[1] / "scenarios").glob("*.yaml"))


def test_the_default_scenario_is_shipped() -> None:
    assert any(p.name == "shusha_2020_approach.yaml" for p in SCENARIOS)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_shipped_scenario_loads(path: Path) -> None:
    setup = load_scenario(path)
    assert setup.units and setup.objectives


def test_validate_cli_accepts_all_shipped_scenarios() -> None:
    out = subprocess.run([sys.executable, "-m", "game", "validate", *map(str, SCENARIOS)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count(": ok") == len(SCENARIOS)
