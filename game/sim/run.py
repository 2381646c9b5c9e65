"""Run a whole game headless with a policy per side; the loop that plays one AI half-turn."""

from __future__ import annotations

from collections.abc import Iterator

from game.ai.plan_policy import PlanPolicy
from game.ai.view import Policy, SideView
from game.core import actions as A
from game.core.engine import Engine, Result
from game.core.plans import plan_for, with_plans
from game.core.setup import GameSetup

MAX_ACTIONS_PER_PHASE = 2000


class RefusedOrder(AssertionError):
    """An AI order the engine refused: a bug in the AI (it checks its orders with the rules first)."""


def ai_phase(eng: Engine, policy: Policy, *, strict: bool = False) -> Iterator[tuple[A.Action, Result]]:
    """Play the side on move's part of the turn with ``policy``, one submitted action at a time.

    A refused order does nothing, as for a player (``strict``: raise RefusedOrder); the phase always ends
    with an EndTurn.
    """
    side = eng.state.side
    if eng.state.game_over:
        return
    view = SideView(eng, side, getattr(policy, "plan", None))
    for n, action in enumerate(policy.phase(view)):
        res = eng.submit(action)
        if strict and not res.ok:
            raise RefusedOrder(f"turn {eng.state.turn + 1}: {action} refused: {res.reason}")
        yield action, res
        if n >= MAX_ACTIONS_PER_PHASE or eng.state.side != side or eng.state.game_over:
            break
    if eng.state.side == side and not eng.state.game_over:
        yield A.EndTurn(side), eng.submit(A.EndTurn(side))


def make_policies(setup: GameSetup) -> dict[str, PlanPolicy]:
    """The built-in AI for every side, each playing the plan chosen for it (or its default)."""
    return {side: PlanPolicy(setup, side, plan_for(setup, side)) for side in setup.sides}


def run_game(setup: GameSetup, seed: int, plans: dict[str, str] | None = None, *, strict: bool = False) -> Engine:
    """Play ``setup`` to the end with the built-in AI (each side's chosen or default plan)."""
    setup = with_plans(setup, plans or {})
    eng = Engine(setup, seed)
    policies = make_policies(setup)
    while not eng.state.game_over:
        for _ in ai_phase(eng, policies[eng.state.side], strict=strict):
            pass
    return eng
