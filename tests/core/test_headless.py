"""The core, AI and simulation packages never import pygame."""

from __future__ import annotations

import subprocess
import sys


def test_core_ai_sim_load_without_pygame() -> None:
    code = ("import sys, game.core.engine, game.ai.plan_policy, game.sim.run, game.sim.simulate, "
            "game.scenario.load; assert 'pygame' not in sys.modules, 'pygame imported'; "
            "assert 'yaml' not in [m.split('.')[0] for m in sys.modules if m.startswith('game.core')]")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_core_does_not_import_yaml_or_pygame() -> None:
    code = ("import sys, game.core.engine, game.core.los, game.core.pathing; "
            "bad = [m for m in ('pygame', 'yaml') if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)
