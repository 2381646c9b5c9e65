"""Golden games: the final state digest of a few seeded AI games of the default scenario, recorded from the
code before the speed-ups (commit 2eda9cd). A change that alters any game's result shows up here; if it is
meant to, re-record the digests and say so in the commit."""

from __future__ import annotations

import pytest

from game.core.setup import GameSetup
from game.sim.run import GameRunner, run_game

GOLDEN: list[tuple[int, dict[str, str], str]] = [
    (1, {}, "5f8eb98c2c36eb41c897f293e85fed79022d023bde7a663aa63bc74cd458c303"),
    (12, {}, "72221e6da2bae21d0f51f96536a71c3138504917a1e97a89256e58fa3f07cac9"),
    (2, {"attacker": "road"}, "cbd08865a4a14a8062f0c4812bf8c0bf18b1a23857a89c4e00375df057c0d58a"),
    (2, {"attacker": "lachin"}, "09cf5e972e3538b67218f93396bfe3b29cfc482137d75eb60ad131495b2ccb28"),
    (2, {"attacker": "dash"}, "0360869d96b9721984af3a729d743edd49787016d7af8b88c2df93a495d0ea7f"),
    (1, {"attacker": "bombard"}, "c19ce136f4e62c680d474e29057c5a4c8f098af43fc521f5696ea8c8ac547b75"),
    (1, {"attacker": "armour"}, "cffcf75305a4ed89068ae06607851634941c63b875d13c9a3159ff1c525a30e2"),
    (3, {"defender": "mobile_reserve"}, "8e5a2301807d14ef97b98da6c5ad8483352dc80079a470054819004a10e81539"),
]


@pytest.fixture(scope="module")
def runner(shusha: GameSetup) -> GameRunner:
    return GameRunner(shusha)


@pytest.mark.parametrize(("seed", "plans", "digest"), GOLDEN, ids=[f"{s}-{'-'.join(p.values()) or 'default'}"
                                                                    for s, p, _ in GOLDEN])
def test_a_seeded_game_ends_in_its_recorded_state(runner: GameRunner, seed: int, plans: dict[str, str],
                                                   digest: str) -> None:
    assert runner.play(seed, plans).state.digest() == digest


def test_run_game_and_the_runner_agree(shusha: GameSetup) -> None:
    """``run_game`` (a fresh setup each call) and a runner reusing its caches play the same game."""
    seed, plans, digest = GOLDEN[2]
    assert run_game(shusha, seed, plans).state.digest() == digest
