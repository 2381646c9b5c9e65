"""A batch of seeded headless games per plan pair, on a local process pool or a Dask cluster.

``run_batch(path, pairs, seeds)`` plays every pair on the same seeds and returns the rows in (pair, seed)
order whatever the backend or the number of workers, so the same inputs give the same results. A game
that raises is a row with its error; Ctrl+C stops the workers and returns what finished, marked
interrupted.

Seeds: ``derive_seeds(S, N)`` is ``numpy.random.SeedSequence(S).generate_state(N, uint64)`` with the top
bit cleared (0..2**63-1); the first k of N seeds are the seeds of a batch of k.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from game.compare.row import Columns, GameRow, record_name
from game.compare.worker import GameResult, GameTask, error_result, init_worker, load_once, play_task
from game.core.plans import with_plans
from game.core.setup import GameSetup
from game.sim.record import atomic_write_text

BACKENDS = ("local", "dask")
SEED_MASK = 2**63 - 1


class BackendError(Exception):
    """The backend cannot run (Dask not installed, scheduler unreachable); the message says what to do."""


def derive_seeds(seed: int, n: int) -> list[int]:
    """``n`` game seeds from the base ``seed``, reproducibly. Example: ``derive_seeds(1, 2)[:1] ==
    derive_seeds(1, 1)``."""
    state = np.random.SeedSequence(seed).generate_state(n, dtype=np.uint64)
    return [int(s) & SEED_MASK for s in state]


def resolve_pairs(setup: GameSetup, pairs: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each pair completed with the default plans of the sides it leaves out, duplicates dropped (order kept).

    Raises ValueError naming an unknown side or plan."""
    out: list[dict[str, str]] = []
    for pair in pairs:
        chosen = dict(with_plans(setup, pair).chosen_plans)
        if chosen not in out:
            out.append(chosen)
    return out


@dataclass
class BatchResult:
    """Rows in (pair order, seed order) -- only the games that finished when interrupted -- and, per pair,
    the cell visits of the attacker's units summed over its games."""

    scenario: str
    setup: GameSetup = field(repr=False)
    pairs: list[dict[str, str]]
    seeds: list[int]
    rows: list[GameRow]
    visits: list[np.ndarray] = field(repr=False)
    interrupted: bool = False
    wall_s: float = 0.0

    @property
    def columns(self) -> Columns:
        return Columns.of(self.setup)

    def rows_of(self, pair: dict[str, str]) -> list[GameRow]:
        return [r for r in self.rows if r.plans == pair]


OnGame = Callable[[GameRow], None]


def run_batch(scenario_path: str | os.PathLike[str], pairs: list[dict[str, str]], seeds: list[int], *, jobs: int = 1,
              backend: str = "local", scheduler: str | None = None, records_dir: Path | None = None,
              progress: bool = False, on_game: OnGame | None = None) -> BatchResult:
    """Play every pair on every seed; ``on_game`` is called in the parent after each game, in finishing order.

    Raises ScenarioError (the scenario), ValueError (pairs, jobs, backend) or BackendError."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r} (backends: {', '.join(BACKENDS)})")
    scenario_path = os.fspath(scenario_path)
    setup = load_once(scenario_path)
    path = str(Path(scenario_path).resolve()) if backend == "dask" else scenario_path  # Dask workers: own cwd
    pairs = resolve_pairs(setup, pairs)
    tasks = [GameTask(index=i * len(seeds) + j, path=path, sha256=setup.sha256, plans=pair, seed=seed,
                      want_record=records_dir is not None)
             for i, pair in enumerate(pairs) for j, seed in enumerate(seeds)]
    t0 = time.perf_counter()
    run = DaskGames(tasks, jobs, scheduler) if backend == "dask" else _local(tasks, jobs)
    done, interrupted = _collect(run, tasks, Columns.of(setup), records_dir, progress, on_game)
    visits = [np.zeros(int(np.prod(setup.grid.shape)), dtype=np.int64) for _ in pairs]
    for res in done:
        np.add.at(visits[res.index // len(seeds)], res.visit_cells, res.visit_counts)
    return BatchResult(scenario=scenario_path, setup=setup, pairs=pairs, seeds=list(seeds),
                       rows=[r.row for r in done], visits=[v.reshape(setup.grid.shape) for v in visits],
                       interrupted=interrupted, wall_s=time.perf_counter() - t0)


def _collect(run: Games, tasks: list[GameTask], cols: Columns, records_dir: Path | None,
             progress: bool, on_game: OnGame | None) -> tuple[list[GameResult], bool]:
    """Take the results as they come (progress bar, records, callback) until done or Ctrl+C; sorted by index."""
    from tqdm import tqdm

    results: list[GameResult] = []
    errors = 0
    bar = tqdm(total=len(tasks), unit="game", file=sys.stderr, disable=not progress, dynamic_ncols=True)
    try:
        for res in run:
            results.append(res)
            if res.record is not None and records_dir is not None:
                atomic_write_text(records_dir / record_name(res.row, cols), res.record)
            errors += not res.row.ok
            bar.update(1)
            if errors:
                bar.set_postfix(errors=errors)
            if on_game is not None:
                on_game(res.row)
        interrupted = False
    except KeyboardInterrupt:
        interrupted = True
    finally:
        run.close()  # stops the workers when interrupted
        bar.close()
    return sorted(results, key=lambda r: r.index), interrupted


class Games(Protocol):
    """A backend's games under way: their results as they finish; ``close`` ends the backend (at once, the
    games not finished abandoned, unless every result was taken)."""

    def __iter__(self) -> Iterator[GameResult]: ...

    def close(self) -> None: ...


class InProcess:
    """Games one after the other in this process (``--jobs 1``)."""

    def __init__(self, tasks: list[GameTask]) -> None:
        self.tasks = tasks

    def __iter__(self) -> Iterator[GameResult]:
        return map(play_task, self.tasks)

    def close(self) -> None:
        pass


class Pool:
    """Games on a process pool whose workers load the scenario once; started (and every game submitted) at
    once, before any progress bar thread exists."""

    def __init__(self, tasks: list[GameTask], jobs: int) -> None:
        self.pool = ProcessPoolExecutor(jobs, initializer=init_worker, initargs=(tasks[0].path,))
        self.futures = {self.pool.submit(play_task, t): t for t in tasks}
        self.finished = False

    def __iter__(self) -> Iterator[GameResult]:
        for f in as_completed(self.futures):
            yield _result(f, self.futures[f])
        self.finished = True

    def close(self) -> None:
        if self.finished:
            self.pool.shutdown()
            return
        procs = list((getattr(self.pool, "_processes", None) or {}).values())  # no public API before 3.14
        self.pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:
            proc.terminate()
        deadline = time.monotonic() + 5.0
        for proc in procs:
            proc.join(timeout=5.0)
            # the pool's own thread may reap the process while join polls it, and join then returns with the exit
            # code not yet set: ask again until it is (else the caller would still see a live child)
            while proc.is_alive() and time.monotonic() < deadline:
                time.sleep(0.01)


def _local(tasks: list[GameTask], jobs: int) -> Games:
    return InProcess(tasks) if jobs == 1 or len(tasks) <= 1 else Pool(tasks, min(jobs, len(tasks)))


def _result(f: Any, task: GameTask) -> GameResult:
    """The future's result; a worker that died (a broken pool, a Dask KilledWorker) makes an error row."""
    try:
        return f.result()
    except Exception as e:
        return error_result(task, GameRow(plans=dict(task.plans), seed=task.seed, error=f"{type(e).__name__}: {e}"))


class DaskGames:
    """Games on a Dask cluster (``scheduler`` address, or a LocalCluster of ``jobs`` worker processes), one
    task per game; each worker process loads the scenario once."""

    def __init__(self, tasks: list[GameTask], jobs: int, scheduler: str | None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise BackendError("--backend dask needs Dask: python -m pip install -e '.[cluster]'") from None
        self.cluster = None
        try:
            if scheduler is None:
                self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                            dashboard_address=None, preload=["game.compare.dask_worker"],
                                            silence_logs=logging.ERROR)
            self.client = Client(scheduler or self.cluster, timeout="20s")
        except (OSError, TimeoutError) as e:
            if self.cluster is not None:
                self.cluster.close()
            raise BackendError(f"cannot reach the Dask scheduler {scheduler or '(LocalCluster)'}: {e}") from None
        self.futures = self.client.map(play_task, tasks, pure=False)
        self.tasks = {f.key: t for f, t in zip(self.futures, tasks, strict=True)}

    def __iter__(self) -> Iterator[GameResult]:
        from dask.distributed import as_completed as dask_completed

        for f in dask_completed(self.futures):
            yield _result(f, self.tasks[f.key])

    def close(self) -> None:
        self.client.cancel(self.futures)
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
