"""Batch throughput: full AI-vs-AI games per second with 1 and 2 worker processes. Prints figures (not a test).

Run: ``python benchmarks/bench_throughput.py [SCENARIO] [--games N] [--jobs 1,2] [--repeat R] [--plan SIDE=ID ...]``.

With ``--repeat R`` the job counts are timed in turn R times (1, 2, 1, 2, ...) and the median, least and greatest
rates are printed, with the median of each round's scaling: this VM's speed drifts by tens of percent from one
minute to the next, so one run says little.

Each worker loads the scenario once (``game.sim.run.worker_setup``, the pool's initializer) and plays its
share of the seeds with ``play_seed``, which reuses what the games share (the setup per plan choice; step
costs, graphs, viewsheds and the AI's distance fields per grid). Then one game is profiled (cProfile, by
tottime) in this process, after a warm-up game, as a batch worker would play it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game import native  # noqa: E402

native.activate()  # the compiled modules if built (python -m game build-native)

from game.sim.run import GameRunner, PlayedGame, play_seed, worker_setup  # noqa: E402

DEFAULT = ROOT / "scenarios" / "shusha_2020_approach.yaml"


def play_batch(path: Path, seeds: list[int], plans: dict[str, str], jobs: int) -> tuple[float, float, float,
                                                                                       list[PlayedGame]]:
    """Play ``seeds`` in ``jobs`` worker processes: (wall seconds in all, with worker start-up and scenario load;
    wall seconds from the first game's start to the last game's end; mean CPU seconds per game in the workers;
    results in seed order)."""
    start = time.time()
    with ProcessPoolExecutor(jobs, initializer=worker_setup, initargs=(str(path),)) as pool:
        timed = list(pool.map(timed_game, seeds, [plans] * len(seeds)))
    end = time.time()
    first, last = min(t[1] for t in timed), max(t[2] for t in timed)
    cpu = sum(t[3] for t in timed) / len(timed)
    return end - start, last - first, cpu, [t[0] for t in timed]


def timed_game(seed: int, plans: dict[str, str]) -> tuple[PlayedGame, float, float, float]:
    """``play_seed`` with its start and end (wall clock, comparable across processes) and its CPU seconds (what
    other load on the machine changes least)."""
    t0, c0 = time.time(), time.process_time()
    result = play_seed(seed, plans)
    return result, t0, time.time(), time.process_time() - c0


def profile_one(path: Path, seed: int, plans: dict[str, str], top: int = 15) -> str:
    """The top entries (tottime) of a cProfile of one game, after a warm-up game in the same runner."""
    runner = GameRunner.from_path(path)
    runner.play(seed + 1, plans)
    prof = cProfile.Profile()
    prof.enable()
    runner.play(seed, plans)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--games", type=int, default=40, help="seeds 1..N (default 40)")
    ap.add_argument("--jobs", default="1,2", help="worker counts to time, comma separated (default 1,2)")
    ap.add_argument("--plan", action="append", default=[], metavar="SIDE=ID")
    ap.add_argument("--repeat", type=int, default=1, help="time the job counts in turn this many times (default 1)")
    ap.add_argument("--no-profile", action="store_true")
    args = ap.parse_args(argv)
    plans = dict(p.split("=", 1) for p in args.plan)
    seeds = list(range(1, args.games + 1))
    print(f"scenario {args.scenario.name}, {len(seeds)} games, plans {plans or 'default'}, "
          f"{os.cpu_count()} CPUs; {native.status()}")
    counts = [int(j) for j in args.jobs.split(",")]
    runs: dict[int, list[float]] = {j: [] for j in counts}
    digests: dict[int, list[str]] = {}
    for _ in range(args.repeat):
        for jobs in counts:
            total, games, cpu, results = play_batch(args.scenario, seeds, plans, jobs)
            runs[jobs].append(len(seeds) / games)
            digests[jobs] = [r.digest for r in results]
            print(f"{jobs} job(s): {runs[jobs][-1]:6.2f} games/s ({games / len(seeds) * jobs:.3f} s per game per "
                  f"worker, {cpu:.3f} s of CPU; {total:.1f} s in all with start-up and load)", flush=True)
    if args.repeat > 1:
        for jobs, rates in runs.items():
            print(f"{jobs} job(s) over {len(rates)} runs: median {statistics.median(rates):.2f} games/s "
                  f"(least {min(rates):.2f}, greatest {max(rates):.2f})")
    if 1 in runs and len(runs) > 1:
        for jobs, rates in runs.items():
            if jobs != 1:
                ratios = [r / one for r, one in zip(rates, runs[1], strict=True)]
                print(f"scaling {jobs} jobs / 1 job: x{statistics.median(ratios):.2f}"
                      + (f" (median of {len(ratios)} rounds; least x{min(ratios):.2f})" if len(ratios) > 1 else ""))
    if len({tuple(d) for d in digests.values()}) > 1:
        print("WARNING: the final digests differ between job counts")
    if not args.no_profile:
        print(f"\ncProfile of one game (seed {seeds[0]}, after a warm-up game), top 15 by tottime:")
        print(profile_one(args.scenario, seeds[0], plans))


if __name__ == "__main__":
    main()
