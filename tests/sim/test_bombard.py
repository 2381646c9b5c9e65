"""The bombard counterfactual shells the town: its mortars and artillery come within range and fire on the
defenders the attacker spots in it, so the town is damaged far more than in the historical plan, whose games
(the no-fire zone in force) stay exactly as they were."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from game.ai.view import SideView
from game.core import actions as A
from game.core.engine import Engine
from game.core.plans import with_plans
from game.core.setup import GameSetup
from game.sim.run import make_policies

SEEDS = (1, 2, 3, 4)
GUNS = ("mortar_1", "artillery_1")
# town damage (mean of the town's cells) of the historical plan on SEEDS, recorded before the shell_zone task
HISTORICAL_DAMAGE = {1: 0.001903940225020051, 2: 0.0003895765694323927, 3: 0.006502015516161919,
                     4: 0.0003545565705280751}


@dataclass(frozen=True)
class Played:
    damage: float  # mean building damage of the town's cells
    shells: int  # accepted fire orders of the mortars and guns at enemies standing in the town
    tasks: dict[str, str]  # the attacker's task states at the end


def play(setup: GameSetup, seed: int) -> Played:
    """One game with the built-in AI, counting the guns' fire into the town as it is ordered."""
    eng = Engine(setup, seed, turn_digests=False)
    policies = make_policies(setup)
    town = setup.grid.zones["shusha_city"]
    shells = 0
    while not eng.state.game_over:
        side = eng.state.side
        policy = policies[side]
        for action in policy.phase(SideView(eng, side, policy.plan)):
            into_town = isinstance(action, A.Fire) and action.unit in GUNS and town[eng.state.units[action.target].pos]
            res = eng.submit(action)
            assert res.ok, (action, res.reason)
            shells += into_town
            if eng.state.side != side or eng.state.game_over:
                break
    return Played(float(eng.state.damage[town].mean()), shells, dict(eng.memory["attacker"]["tasks"]))


@pytest.fixture(scope="module")
def games(shusha: GameSetup) -> dict[str, list[Played]]:
    return {plan: [play(with_plans(shusha, {"attacker": plan}), s) for s in SEEDS] for plan in ("historical", "bombard")}


def test_the_historical_plan_never_shells_the_town_and_keeps_its_damage(games) -> None:
    hist = games["historical"]
    assert [g.shells for g in hist] == [0] * len(SEEDS)
    assert [g.damage for g in hist] == pytest.approx([HISTORICAL_DAMAGE[s] for s in SEEDS], rel=1e-9, abs=0)


def test_the_bombard_plan_brings_its_guns_into_range_and_shells_the_town(games) -> None:
    bomb = games["bombard"]
    assert all(g.tasks["mortars_shell"] == "achieved" and g.tasks["guns_forward"] == "achieved" for g in bomb)
    assert sum(g.shells > 0 for g in bomb) >= len(SEEDS) - 1, [g.shells for g in bomb]
    assert all(g.damage > 0 for g in bomb)
    assert sum(g.damage for g in bomb) > 3 * sum(g.damage for g in games["historical"])
