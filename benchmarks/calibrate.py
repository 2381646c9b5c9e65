"""Calibration report: a plan pair over many seeds against the documented windows (prints figures).

    python benchmarks/calibrate.py [SCENARIO] --plan attacker=historical --seeds 1-40 [--jobs 2]

For each milestone: the share of seeds whose turn (its span) overlaps the documented window widened by
12 h, and the dates; grade shares; losses by category; climbs; the AI's time per side-turn (p95).
tests/sim/test_calibration.py holds the historical plan to at least 70% per milestone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))



def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "shusha_2020_approach.yaml"))
    ap.add_argument("--plan", action="append", default=[])
    ap.add_argument("--seeds", default="1-40")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    lo, _, hi = a.seeds.partition("-")
    seeds = range(int(lo), int(hi or lo) + 1)
    plans = dict(p.split("=", 1) for p in a.plan)
    from game.scenario.load import load_scenario
    from game.sim.calibration import in_window, play_many

    setup = load_scenario(a.scenario)
    t0 = time.perf_counter()
    games = play_many(a.scenario, seeds, plans, jobs=a.jobs)
    print(f"{len(games)} games, plans {plans or 'default'}, {time.perf_counter() - t0:.1f} s")
    for m in setup.milestones:
        inside, dates = 0, []
        for g in games:
            span = g.spans.get(m.id)
            inside += in_window(span, m)
            dates.append(f"{span[1]:%d/%m %H}" if span else "-")
        print(f"{m.id:22s} in window (+-12 h): {inside}/{len(games)} = {inside / len(games):.0%}   "
              f"never: {dates.count('-')}   dates: {' '.join(dates)}")
    print("grades:", dict(Counter(g.grade for g in games)))
    for side in setup.sides:
        cats = {k: statistics.mean(g.losses[side][k] for g in games) for k in g.losses[side]}
        print(f"losses {side}: " + ", ".join(f"{k} {v:.0f}" for k, v in cats.items()))
    print(f"games with a climb: {sum(g.climbs > 0 for g in games)}/{len(games)}")
    times = sorted(t for g in games for t in g.ai_seconds)
    print(f"AI time per side-turn: median {statistics.median(times) * 1000:.0f} ms, "
          f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
