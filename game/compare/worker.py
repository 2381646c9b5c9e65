"""The worker side of a batch: the scenario loaded once per process, one seeded game played and summarised.

A game plays exactly as ``game.sim.run.run_game`` plays it (the setup of the plan choice from the process's
``GameRunner``, ``make_policies``, ``ai_phase`` until the game is over), with a watcher that reads, never
changes, the game between phases: the unit-turns each side spends in enemy sight and the cells the
attacker's units stand on.
"""

from __future__ import annotations

import functools
import signal
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from game.compare.row import GameRow, capture_milestone
from game.core.engine import Engine
from game.core.setup import GameSetup
from game.scenario.load import load_scenario
from game.sim.record import write_record
from game.sim.run import GameRunner, ai_phase, batch_gc, make_policies
from game.sim.simulate import summary


@dataclass(frozen=True)
class GameTask:
    """One game to play: its place in the batch, the scenario (path and sha256), the plans and the seed."""

    index: int
    path: str
    sha256: str
    plans: dict[str, str]
    seed: int
    want_record: bool = False


@dataclass(frozen=True)
class GameResult:
    """What a worker sends back: the row, the attacker's cell visits (flat indices, counts), the record."""

    index: int
    row: GameRow
    visit_cells: np.ndarray
    visit_counts: np.ndarray
    record: str | None = None


@functools.cache
def load_once(path: str) -> GameSetup:
    """The scenario at ``path``, loaded once per process (games never change a GameSetup)."""
    return load_scenario(path)


@functools.cache
def runner_for(path: str) -> GameRunner:
    """This process's runner for the scenario at ``path`` (builds each plan choice's setup once)."""
    return GameRunner(load_once(path))


def init_worker(path: str) -> None:
    """Process-pool initializer: leave Ctrl+C to the parent (it stops the pool), load the scenario and tune the
    garbage collector for a batch (``batch_gc``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    runner_for(path)
    batch_gc()


class Watch:
    """Reads the game between phases: exposure per side, and the attacker's cell visits."""

    def __init__(self, setup: GameSetup) -> None:
        self.attacker = setup.side_with_role("attacker")
        self.exposure = dict.fromkeys(setup.sides, 0)
        self.visits = np.zeros(setup.grid.shape, dtype=np.int32)

    def phase_start(self, eng: Engine) -> None:
        """Count the enemy units the side on move has spotted as its phase starts (what it can strike)."""
        units = eng.state.units
        for uid in eng.spotted_by(eng.state.side, before_action=True):
            self.exposure[units[uid].side] += 1

    def phase_end(self, eng: Engine, side: str) -> None:
        """After the attacker's phase, add one visit to each cell a living attacker unit stands on."""
        if side == self.attacker:
            for u in eng.state.units_of(side):
                self.visits[u.row, u.col] += 1


def play_task(task: GameTask) -> GameResult:
    """Play one game; an exception becomes a row carrying the error (the batch goes on)."""
    t0 = time.perf_counter()
    try:
        return _play(task, t0)
    except Exception as e:  # any failure of one game is that game's result
        row = GameRow(plans=dict(task.plans), seed=task.seed, wall_s=time.perf_counter() - t0,
                      error=f"{type(e).__name__}: {e}")
        return error_result(task, row)


def error_result(task: GameTask, row: GameRow) -> GameResult:
    empty = np.zeros(0, dtype=np.int64)
    return GameResult(task.index, row, empty, empty.astype(np.int32))


def _play(task: GameTask, t0: float) -> GameResult:
    runner = runner_for(task.path)
    if task.sha256 and runner.setup.sha256 != task.sha256:
        raise RuntimeError(f"{task.path}: this worker's scenario file differs (sha256 {runner.setup.sha256[:12]}, "
                           f"expected {task.sha256[:12]})")
    setup = runner.setup_for(task.plans)
    eng = Engine(setup, task.seed, turn_digests=task.want_record)  # only a record needs each turn's digest
    policies = make_policies(setup)
    watch = Watch(setup)
    while not eng.state.game_over:
        side = eng.state.side
        watch.phase_start(eng)
        for _ in ai_phase(eng, policies[side]):
            pass
        watch.phase_end(eng, side)
    row = _row(eng, task, watch, time.perf_counter() - t0)
    cells = np.flatnonzero(watch.visits)
    return GameResult(task.index, row, cells, watch.visits.ravel()[cells],
                      record_text(eng) if task.want_record else None)


def _row(eng: Engine, task: GameTask, watch: Watch, wall_s: float) -> GameRow:
    """The row from ``game.sim.simulate.summary`` plus what the watcher saw."""
    s = summary(eng)
    out = s["outcome"]
    milestones = {mid: (m["turn"], m["start"], m["end"]) for mid, m in s["milestones"].items()}
    capture = milestones.get(capture_milestone(eng.setup) or "")
    hours = None
    if capture:
        hours = (datetime.fromisoformat(capture[2]) - eng.clock.start(0)).total_seconds() / 3600.0
    lifts = "; ".join(f"{side}: {p['lifts']}" for side, p in s["plans"].items() if p["lifts"])
    return GameRow(plans=dict(task.plans), seed=task.seed, grade=out["grade"], grades=dict(out["grades"]),
                   scores={k: float(v) for k, v in out["scores"].items()}, turns=s["turns"],
                   milestones=milestones, capture_hours=hours, losses=s["losses"], damage=s["city_damage"],
                   exposure=dict(watch.exposure), climbs=s["actions"]["climb"], refused=s["actions"]["refused"],
                   lifts=lifts, digest=s["digest"], wall_s=wall_s)


def record_text(eng: Engine) -> str:
    """The game's record exactly as ``write_record`` writes it (sent back, so workers need no shared disk)."""
    with tempfile.TemporaryDirectory(prefix="shusha-record-") as d:
        path = Path(d) / "game.jsonl"
        write_record(eng, path)
        return path.read_text(encoding="utf-8")
