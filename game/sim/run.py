"""Run a whole game headless with a policy per side; the loop that plays one AI half-turn."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from game.ai.simple import SimplePolicy
from game.core import actions as A
from game.core.engine import Engine, Result
from game.core.setup import GameSetup

MAX_ACTIONS_PER_PHASE = 2000


def ai_phase(eng: Engine, policy: SimplePolicy) -> Iterator[tuple[A.Action, Result]]:
    """Play the side on move's part of the turn with ``policy``, one submitted action at a time.

    A refused order simply does nothing, as for a player; the phase always ends with an EndTurn.
    """
    side = eng.state.side
    if eng.state.game_over:
        return
    for n, action in enumerate(policy.phase(eng)):
        yield action, eng.submit(action)
        if n >= MAX_ACTIONS_PER_PHASE or eng.state.side != side or eng.state.game_over:
            break
    if eng.state.side == side and not eng.state.game_over:
        yield A.EndTurn(side), eng.submit(A.EndTurn(side))


def run_game(setup: GameSetup, seed: int, make_policy: Callable[[Engine, str], SimplePolicy] = SimplePolicy,
             ) -> Engine:
    """Play ``setup`` to the end with one policy per side; returns the finished engine."""
    eng = Engine(setup, seed)
    policies = {side: make_policy(eng, side) for side in setup.sides}
    while not eng.state.game_over:
        for _ in ai_phase(eng, policies[eng.state.side]):
            pass
    return eng
