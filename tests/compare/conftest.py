"""Compare fixtures: the tiny test map with plans (fast games), and the argparse namespace of a compare."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from game.cli import build_parser
from tests.conftest import TINY

PLANS = """
plans:
  - id: assault
    side: attacker
    name: Straight at the town
    description: Both groups attack the town by the fastest way.
    basis: alternative
    default: true
    tasks:
      - {id: go, name: Attack, group: [a1, a2], do: attack_zone, zone: town_zone, route: fastest}
  - id: shell
    side: attacker
    name: Shell the town, then attack
    description: The no-fire zone is lifted; the groups attack the town.
    basis: counterfactual
    lifts: [no_fire_zones]
    tasks:
      - {id: go, name: Attack, group: [a1, a2, a3], do: attack_zone, zone: town_zone, route: fastest}
  - id: stand
    side: defender
    name: Stand fast
    description: Everyone holds where they stand.
    basis: doctrine
    attribution: test
    default: true
    tasks:
      - {id: hold, name: Hold, group: [d1, d2], do: hold, route: fastest}
  - id: gather
    side: defender
    name: Gather in the town
    description: The road post falls back into the town.
    basis: alternative
    tasks:
      - {id: hold, name: Hold the town, group: [d1, d2], do: hold, zone: town_zone, at: {place: town}, route: fastest}
"""


@pytest.fixture(scope="session")
def tiny_plans(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The tiny test map with two plans per side (a game takes a fraction of a second)."""
    path = tmp_path_factory.mktemp("scenario") / "tiny_plans.yaml"
    path.write_text(TINY.read_text() + PLANS)
    return str(path)


def compare_args(*argv: str | Path) -> argparse.Namespace:
    """``python -m game compare ARGV`` parsed."""
    return build_parser().parse_args(["compare", *map(str, argv)])
