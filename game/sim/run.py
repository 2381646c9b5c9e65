"""Run a whole game headless with a policy per side."""

from __future__ import annotations

from collections.abc import Callable

from game.ai.simple import SimplePolicy
from game.core.engine import Engine
from game.core.setup import GameSetup

MAX_ACTIONS_PER_PHASE = 2000


def run_game(setup: GameSetup, seed: int, make_policy: Callable[[Engine, str], SimplePolicy] = SimplePolicy,
             ) -> Engine:
    """Play ``setup`` to the end with one policy per side; returns the finished engine."""
    eng = Engine(setup, seed)
    policies = {side: make_policy(eng, side) for side in setup.sides}
    while not eng.state.game_over:
        side = eng.state.side
        n = 0
        for action in policies[side].phase(eng):
            eng.submit(action)  # a refused order simply does nothing, as for a player
            n += 1
            if n > MAX_ACTIONS_PER_PHASE or eng.state.side != side or eng.state.game_over:
                break
        if eng.state.side == side and not eng.state.game_over:
            from game.core.actions import EndTurn

            eng.submit(EndTurn(side))
    return eng
