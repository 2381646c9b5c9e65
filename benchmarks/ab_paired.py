"""Paired A/B of two source trees on a noisy machine: CPU seconds per headless game. Prints figures (not a test).

Run: ``python benchmarks/ab_paired.py BASE_ROOT NEW_ROOT [--seeds N] [--scenario PATH]``.

One persistent worker process per tree loads the scenario and plays a warm-up game; then each seed is played by
both workers back to back (which goes first alternates), timing ``process_time`` inside the worker. The machine's
speed drifts by tens of percent from minute to minute, so the ratio of each seed's two times (same game, same
minute) is far steadier than comparing separate runs: ``new/base`` is given as the ratio of the sums and the
median of the paired ratios (a tree against itself gave 1.000 over 25 seeds).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

WORKER = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
try:
    from game import native
    native.activate()  # a tree's compiled build, if it has one for its sources
except ImportError:  # a tree from before game.native
    pass
from game.sim.run import GameRunner
runner = GameRunner.from_path(sys.argv[2])
runner.result(2, {})
for line in sys.stdin:
    t = time.process_time()
    runner.result(int(line), {})
    print(time.process_time() - t, flush=True)
"""


def start(root: str, scenario: str) -> subprocess.Popen[str]:
    """A worker playing games of ``scenario`` with the ``game`` package of ``root``."""
    return subprocess.Popen([sys.executable, "-c", WORKER, root, scenario], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd="/")


def play(worker: subprocess.Popen[str], seed: int) -> float:
    """CPU seconds the worker took to play ``seed``."""
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdin.write(f"{seed}\n")
    worker.stdin.flush()
    return float(worker.stdout.readline())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base")
    ap.add_argument("new")
    ap.add_argument("--seeds", type=int, default=40)
    ap.add_argument("--scenario", default="scenarios/shusha_2020_approach.yaml", help="relative to each root")
    args = ap.parse_args()
    roots = (str(Path(args.base).resolve()), str(Path(args.new).resolve()))
    workers = {root: start(root, str(Path(root) / args.scenario)) for root in roots}
    times: dict[str, list[float]] = {root: [] for root in roots}
    for seed in range(3, 3 + args.seeds):
        for root in (roots if seed % 2 else roots[::-1]):
            times[root].append(play(workers[root], seed))
    for w in workers.values():
        assert w.stdin is not None
        w.stdin.close()
        w.wait()
    base, new = (times[r] for r in roots)
    for name, t in (("base", base), ("new", new)):
        print(f"{name}: mean {statistics.mean(t):.3f} s/game, median {statistics.median(t):.3f}")
    ratios = [n / b for b, n in zip(base, new, strict=True)]
    print(f"new/base: ratio of sums {sum(new) / sum(base):.3f}, median of paired ratios "
          f"{statistics.median(ratios):.3f} ({len(ratios)} seeds)")


if __name__ == "__main__":
    main()
