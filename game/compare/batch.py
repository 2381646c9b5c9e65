"""A batch of seeded headless games per plan pair, on a local process pool or a Dask cluster.

``run_batch(path, pairs, seeds)`` plays every pair on the same seeds and returns the rows in (pair, seed)
order whatever the backend or the number of workers, so the same inputs give the same results. A game
that raises is a row with its error; Ctrl+C stops the workers and returns what finished, marked
interrupted.

Seeds: ``derive_seeds(S, N)`` is ``numpy.random.SeedSequence(S).generate_state(N, uint64)`` with the top
bit cleared (0..2**63-1); the first k of N seeds are the seeds of a batch of k.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

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


def run_batch(scenario_path: str, pairs: list[dict[str, str]], seeds: list[int], *, jobs: int = 1,
              backend: str = "local", scheduler: str | None = None, records_dir: Path | None = None,
              progress: bool = False, on_game: OnGame | None = None) -> BatchResult:
    """Play every pair on every seed; ``on_game`` is called in the parent after each game, in finishing order.

    Raises ScenarioError (the scenario), ValueError (pairs, jobs, backend) or BackendError."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r} (backends: {', '.join(BACKENDS)})")
    setup = load_once(scenario_path)
    path = str(Path(scenario_path).resolve()) if backend == "dask" else scenario_path  # Dask workers: own cwd
    pairs = resolve_pairs(setup, pairs)
    tasks = [GameTask(index=i * len(seeds) + j, path=path, sha256=setup.sha256, plans=pair, seed=seed,
                      want_record=records_dir is not None)
             for i, pair in enumerate(pairs) for j, seed in enumerate(seeds)]
    t0 = time.perf_counter()
    run = _dask(tasks, jobs, scheduler) if backend == "dask" else _local(tasks, jobs)
    done, interrupted = _collect(run, tasks, Columns.of(setup), records_dir, progress, on_game)
    visits = [np.zeros(int(np.prod(setup.grid.shape)), dtype=np.int64) for _ in pairs]
    for res in done:
        np.add.at(visits[res.index // len(seeds)], res.visit_cells, res.visit_counts)
    return BatchResult(scenario=scenario_path, setup=setup, pairs=pairs, seeds=list(seeds),
                       rows=[r.row for r in done], visits=[v.reshape(setup.grid.shape) for v in visits],
                       interrupted=interrupted, wall_s=time.perf_counter() - t0)


def _collect(run: Iterator[GameResult], tasks: list[GameTask], cols: Columns, records_dir: Path | None,
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


def _local(tasks: list[GameTask], jobs: int) -> Iterator[GameResult]:
    """Games in this process (``jobs`` 1) or in a process pool whose workers load the scenario once."""
    if jobs == 1 or len(tasks) <= 1:
        for task in tasks:
            yield play_task(task)
        return
    pool = ProcessPoolExecutor(min(jobs, len(tasks)), initializer=init_worker, initargs=(tasks[0].path,))
    finished = False
    try:
        futures = {pool.submit(play_task, t): t for t in tasks}
        for f in as_completed(futures):
            yield _result(f, futures[f])
        finished = True
    finally:
        if finished:
            pool.shutdown()
        else:
            _stop(pool)


def _result(f: Future[GameResult], task: GameTask) -> GameResult:
    """The future's result; a worker that died (the pool broke) makes an error row."""
    try:
        return f.result()
    except Exception as e:  # BrokenProcessPool, a Dask KilledWorker, ...
        return error_result(task, GameRow(plans=dict(task.plans), seed=task.seed, error=f"{type(e).__name__}: {e}"))


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel the games not started and end the workers now (Ctrl+C): their games are abandoned."""
    procs = list((getattr(pool, "_processes", None) or {}).values())  # no public API before Python 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        p.terminate()
    for p in procs:
        p.join(timeout=5)


def _dask(tasks: list[GameTask], jobs: int, scheduler: str | None) -> Iterator[GameResult]:
    """Games on a Dask cluster (``scheduler`` address, or a LocalCluster of ``jobs`` worker processes), one
    task per game; each worker process loads the scenario once."""
    try:
        from dask.distributed import Client, LocalCluster
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise BackendError("--backend dask needs Dask: python -m pip install -e '.[cluster]'") from None
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(scheduler or cluster, timeout="20s")
    except (OSError, TimeoutError) as e:
        if cluster is not None:
            cluster.close()
        raise BackendError(f"cannot reach the Dask scheduler {scheduler or 'LocalCluster'}: {e}") from None
    futures = client.map(play_task, tasks, pure=False)
    by_key = {f.key: t for f, t in zip(futures, tasks, strict=True)}
    try:
        for f in dask_completed(futures):
            yield _result(f, by_key[f.key])
    finally:
        client.cancel(futures)
        client.close()
        if cluster is not None:
            cluster.close()
