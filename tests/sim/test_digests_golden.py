"""Golden games: the final state digest of a few seeded AI games of the default scenario, recorded from the
code before the speed-ups (commit 2eda9cd), re-recorded when the elevation and step costs stopped depending on
the CPU's BLAS kernel and SIMD level (the same seed now gives the same game on any x86-64 machine); the bombard
row re-recorded when that plan got its shell_zone tasks (the other rows unchanged). A change that alters any
game's result shows up here; if it is meant to, re-record the digests and say so in the commit."""

from __future__ import annotations

import pytest

from game.core.setup import GameSetup
from game.sim.run import GameRunner, run_game

GOLDEN: list[tuple[int, dict[str, str], str]] = [
    (1, {}, "9910546a2741688ad14411b7a1aaa2cf6ff12b6542b83bc8e31c6f3f3eaf81c3"),
    (12, {}, "91c0d799d11aedd18c4513b720cdc4ebf748aef65827c4796410e8dbad6e1895"),
    (2, {"attacker": "road"}, "56d2150b548b8264d0e37e48f68f9aff7295b00f886d8b8fbe29d5ba936f9a62"),
    (2, {"attacker": "lachin"}, "08526818ad52b1029ba11f088c8c37521906c5bb2eb0070ab3178448f737d312"),
    (2, {"attacker": "dash"}, "0c2e13779facf1941d9d97919e45f637ff6dd7910987d05961b6f913e8d73af3"),
    (1, {"attacker": "bombard"}, "63dbce39940ef896814fde631f43900dd99671d1c9599360b8d9336b3606d3ee"),
    (1, {"attacker": "armour"}, "4581348ab3f68f57c66cd1ec004ff3c59899ac5a705cb65afbf9a913d3771e53"),
    (3, {"defender": "mobile_reserve"}, "72f3add6bd47e75adf1898bffffc6001e8c49bf9cde90c5453d0071c4ba2a3b6"),
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


def test_a_game_without_turn_digests_is_the_same_game(runner: GameRunner) -> None:
    """Batches skip the per-turn digests (only records need them); the game itself must not change."""
    seed, plans, digest = GOLDEN[0]
    eng = runner.play(seed, plans, turn_digests=False)
    assert eng.state.digest() == digest
    assert len(eng.record.digests) == 1  # the start only
    assert len(runner.play(seed, plans).record.digests) == eng.state.turn + 2  # start and every turn's end
