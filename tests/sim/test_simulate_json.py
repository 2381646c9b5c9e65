"""``simulate --json`` reports what compare and the replay viewer will read: actions, losses by category,
milestones with the span of the turn they happened in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from game.core.state import LOSS_KINDS

ROOT = Path(__file__).resolve().parents[2]


def test_simulate_json_reports_actions_losses_and_milestones() -> None:
    out = subprocess.run([sys.executable, "-m", "game", "simulate", "tests/data/tiny.yaml", "--seed", "3", "--json"],
                         cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    s = json.loads(out.stdout)
    assert set(s["actions"]) == {"move", "climb", "fire", "assault", "dig_in", "hold", "rally", "end_turn",
                                 "refused"}
    assert s["actions"]["end_turn"] == 2 * s["turns"]  # both sides end every turn
    assert sum(s["actions_by_side"][side]["move"] for side in s["roles"]) == s["actions"]["move"]
    for side, total in s["casualties"].items():
        assert set(s["losses"][side]) == set(LOSS_KINDS)
        assert sum(s["losses"][side].values()) == total
    for mid, m in s["milestones"].items():
        assert m["start"] < m["end"] and mid in s["milestone_order"]
    assert s["roles"] == {"attacker": "attacker", "defender": "defender"}
    assert s["outcome"]["grades"]["attacker"] == s["outcome"]["grade"]
