"""Run a whole game headless with a policy per side; the loop that plays one AI half-turn; a runner that plays
many seeds of one scenario in one process (batch workers)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass

from game.ai.fields import scipy_dijkstra
from game.ai.plan_policy import PlanPolicy
from game.ai.view import Policy, SideView
from game.core import actions as A
from game.core.engine import Engine, Result
from game.core.plans import plan_for, with_plans
from game.core.setup import GameSetup

MAX_ACTIONS_PER_PHASE = 2000
BATCH_GC_THRESHOLD = 50_000  # young objects between collections in a batch worker (Python's default: 700)


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
    return play_out(with_plans(setup, plans or {}), seed, strict=strict)


def play_out(setup: GameSetup, seed: int, *, strict: bool = False, turn_digests: bool = True) -> Engine:
    """Play a game of ``setup`` (plans already chosen) to the end with the built-in AI (``turn_digests``: see
    :class:`~game.core.engine.Engine`)."""
    eng = Engine(setup, seed, turn_digests=turn_digests)
    policies = make_policies(setup)
    while not eng.state.game_over:
        for _ in ai_phase(eng, policies[eng.state.side], strict=strict):
            pass
    return eng


@dataclass(frozen=True)
class PlayedGame:
    """What a batch needs of one finished game (small and picklable, unlike the engine)."""

    seed: int
    plans: dict[str, str]  # side -> plan id actually played
    digest: str  # the final state digest
    grade: str  # the attacker's grade
    milestones: dict[str, int]  # milestone id -> turn first reached
    turns: int
    losses: dict[str, dict[str, int]]
    actions: dict[str, int]  # accepted actions by kind, and the refused ones


class GameRunner:
    """Plays many seeded games of one scenario in one process, reusing what the games share.

    Load the scenario once per process, then ``play(seed, plans)`` for each seed. The setup of each plan
    choice is built once here; step costs, movement graphs, viewsheds and the AI's distance fields are kept
    per grid (``game.core.memo``), so later games skip them. Every game is exactly the game ``run_game``
    plays for the same seed and plans (same digests)::

        runner = GameRunner.from_path("scenarios/shusha_2020_approach.yaml")
        for seed in range(1, 41):
            eng = runner.play(seed, {"attacker": "road"})
            print(seed, eng.outcome().grade, eng.state.digest())

    For a process pool, ``worker_setup(path)`` as the initializer and ``play_seed(seed, plans)`` as the task.
    """

    def __init__(self, setup: GameSetup) -> None:
        self.setup = setup
        self._setups: dict[tuple[tuple[str, str], ...], GameSetup] = {}

    @classmethod
    def from_path(cls, path: str | os.PathLike[str]) -> GameRunner:
        from game.scenario.load import load_scenario  # the loader (pydantic, YAML) only where a file is read

        return cls(load_scenario(path))

    def setup_for(self, plans: dict[str, str] | None = None) -> GameSetup:
        """The setup in which each side plays its chosen plan (built once per choice)."""
        key = tuple(sorted((plans or {}).items()))
        if key not in self._setups:
            self._setups[key] = with_plans(self.setup, dict(key))
        return self._setups[key]

    def play(self, seed: int, plans: dict[str, str] | None = None, *, strict: bool = False,
             turn_digests: bool = True) -> Engine:
        """Play one game to the end with the built-in AI; returns the finished engine."""
        return play_out(self.setup_for(plans), seed, strict=strict, turn_digests=turn_digests)

    def result(self, seed: int, plans: dict[str, str] | None = None, *, strict: bool = False) -> PlayedGame:
        """Play one game and summarise it (no per-turn digests: the summary keeps only the final one)."""
        eng = self.play(seed, plans, strict=strict, turn_digests=False)
        st = eng.state
        return PlayedGame(seed=seed, plans=dict(eng.setup.chosen_plans), digest=st.digest(),
                          grade=eng.outcome().grade, milestones=dict(st.milestones), turns=st.turn + 1,
                          losses={s: dict(v) for s, v in st.losses.items()}, actions=eng.action_counts())


_WORKER: GameRunner | None = None


def worker_setup(path: str | os.PathLike[str]) -> None:
    """Process-pool initializer: load the scenario once for this worker process."""
    global _WORKER
    _WORKER = GameRunner.from_path(path)
    batch_gc()


def batch_gc() -> None:
    """For a batch worker once its scenario is loaded: import what the AI imports on first use, move what is loaded
    so far out of the garbage collector's sight (it lives as long as the worker) and collect young objects less
    often. A game makes few reference cycles, so the collector mostly re-scans live objects; this changes no game,
    only when memory is freed."""
    scipy_dijkstra()
    gc.collect()
    gc.freeze()
    gc.set_threshold(BATCH_GC_THRESHOLD, *gc.get_threshold()[1:])


def play_seed(seed: int, plans: dict[str, str] | None = None) -> PlayedGame:
    """Process-pool task: one game in a worker set up by :func:`worker_setup`."""
    if _WORKER is None:
        raise RuntimeError("play_seed needs worker_setup(path) first (the pool's initializer)")
    return _WORKER.result(seed, plans)
