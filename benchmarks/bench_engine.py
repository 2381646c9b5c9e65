"""Engine benchmarks: prints figures (not a test). Run: ``python benchmarks/bench_engine.py [SCENARIO]``.

Budgets (issue 2, on a 2-core machine): scenario load < 0.5 s; a full headless game < 2 s and 200 MiB.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.core.actions import action_from_dict  # noqa: E402
from game.core.engine import Engine  # noqa: E402
from game.scenario.load import load_scenario  # noqa: E402

DEFAULT = ROOT / "scenarios" / "shusha_2020_approach.yaml"


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    """Median wall time (s) of ``fn()`` over ``repeat`` runs, and its last result."""
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main(path: Path) -> None:
    t_load, setup = timed(lambda: load_scenario(path))
    rows, cols = setup.grid.shape
    print(f"scenario: {path.name}  grid {rows}x{cols} at {setup.grid.cell_m:.0f} m, {len(setup.units)} units")
    print(f"load + rasterise:        {t_load * 1000:8.1f} ms   (budget 500 ms)")

    eng = Engine(setup, seed=1)
    first = next(u for u in eng.state.units_of(setup.sides[0])
                 if setup.unit_types[u.type_id].move_class == "foot")
    graph = eng.graph_for(first)
    places = sorted(setup.grid.places, key=lambda p: -((p.row - first.row) ** 2 + (p.col - first.col) ** 2))
    far = next((p.row, p.col) for p in places
               if setup.grid.in_bounds(p.row, p.col) and graph.path(first.pos, (p.row, p.col)))
    t_path, route = timed(lambda: graph.path(first.pos, far))
    print(f"long path query:         {t_path * 1000:8.1f} ms   ({len(route or [])} cells, {first.pos} -> {far})")
    t_reach, _ = timed(lambda: eng.reach_map(first.id))
    print(f"reach map (one unit):    {t_reach * 1000:8.1f} ms")

    def visibility() -> None:
        eng.ctx.spotter.clear_viewsheds()
        eng.ctx.reset_sight()
        for s in setup.sides:
            eng.spotted_by(s)

    t_vis, _ = timed(visibility)
    print(f"per-side visibility:     {t_vis * 1000:8.1f} ms   (both sides, cold viewshed cache)")

    runs = []
    for seed in (1, 2, 3):
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "game", "simulate", str(path), "--seed", str(seed), "--json"],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        runs.append(time.perf_counter() - t)
        assert '"digest"' in proc.stdout
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"full simulate (process): {statistics.median(runs):8.2f} s    median of 3 seeds "
          f"(budget 2 s incl. interpreter start)")
    print(f"peak memory (process):   {peak_mib:8.1f} MiB  (budget 200 MiB)")

    from game.sim.run import run_game

    t = time.perf_counter()
    done = run_game(setup, 1)
    t_first = time.perf_counter() - t
    seeds = iter(range(2, 5))
    t_game, _ = timed(lambda: run_game(setup, next(seeds)), repeat=3)  # new seeds: no game is replayed
    print(f"full game in-process:    {t_first:8.2f} s    (engine + AI only, scenario already loaded; the first game "
          f"fills the per-grid caches)")
    print(f"next games (seeds 2-4):  {t_game:8.2f} s    (median; what a batch worker pays per game; "
          f"benchmarks/bench_throughput.py for games/s)")
    mid = Engine(setup, seed=1)
    for item in done.record.actions[: len(done.record.actions) // 2]:
        mid.submit(action_from_dict(item["action"]))
    t_snap, snap = timed(mid.snapshot, repeat=20)
    t_restore, _ = timed(lambda: mid.restore(snap), repeat=20)
    print(f"snapshot / restore:      {t_snap * 1000:8.2f} / {t_restore * 1000:.2f} ms  (mid-game, "
          f"{len(mid.log)} log events; budget 5 ms)")
    tactical = load_scenario(ROOT / "tests" / "data" / "tactical.yaml")
    t_tac, tac = timed(lambda: run_game(tactical, 1))
    counts = tac.action_counts()
    print(f"tactical AI game:        {t_tac:8.2f} s    (1-hour turns, 50 m cells: {counts['fire']} fires, "
          f"{counts['assault']} assaults, {counts['move']} moves in {tac.state.turn + 1} turns)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
