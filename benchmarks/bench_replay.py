"""Step latency of the recorded-game timeline (budget: under 50 ms forward or back at any turn).

Plays one full AI game of the approach scenario, writes its record, opens it as a RecordTimeline and times
a viewer's steps (the seek plus the scene for a side or the full map) at turns spread over the game:
one action forward and back, one turn forward and back, and the first time a turn is reached (the turn is
walked and its digest checked). Prints median, p95 and max per kind; a printed figure, not a timed test.

    python benchmarks/bench_replay.py [--seed N] [--scenario FILE]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.scenario.load import load_scenario  # noqa: E402
from game.sim.record import write_record  # noqa: E402
from game.sim.run import run_game  # noqa: E402
from game.sim.timeline import RecordTimeline  # noqa: E402

SIDES = (None, "attacker", "defender")


def timed(tl: RecordTimeline, step: int, side: str | None) -> float:
    """Milliseconds a viewer waits for ``step``: the seek and the scene."""
    t = time.perf_counter()
    tl.scene(step, side)
    return (time.perf_counter() - t) * 1000.0


def figures(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"{name:<28} n={len(ms):4d}  median {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  max {ms[-1]:6.1f} ms"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scenario", default=str(ROOT / "scenarios" / "shusha_2020_approach.yaml"))
    args = ap.parse_args()
    setup = load_scenario(args.scenario)
    eng = run_game(setup, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "game.jsonl"
        write_record(eng, path)
        t0 = time.perf_counter()
        tl = RecordTimeline.open(path)
        open_ms = (time.perf_counter() - t0) * 1000.0
        turns = tl.turn_of(tl.steps - 1) + 1
        print(f"{setup.scenario_id} seed {args.seed}: {tl.steps - 1} actions, {turns} turns; open {open_ms:.0f} ms "
              f"(record + scenario)")
        first: list[float] = []
        for t in range(turns):  # the first walk, turn by turn, as a viewer stepping forward would
            first.append(timed(tl, tl.turn_start(t), None))
        spread = sorted(set(round(i * (turns - 1) / 9) for i in range(10)))
        fwd, back, turn_fwd, turn_back = [], [], [], []
        for i, t in enumerate(spread):
            side = SIDES[i % len(SIDES)]
            start = tl.turn_start(t)
            end = tl.turn_start(t + 1) if t + 1 < turns else tl.steps - 1
            for step in range(start, min(end, tl.steps - 1)):  # every action of the turn forward, then back
                fwd.append(timed(tl, step + 1, side))
            for step in range(min(end, tl.steps - 1), start, -1):
                back.append(timed(tl, step - 1, side))
            if t + 1 < turns:
                tl.scene(start, side)
                turn_fwd.append(timed(tl, tl.turn_start(t + 1), side))
            if t > 0:
                tl.scene(start, side)
                turn_back.append(timed(tl, tl.turn_start(t - 1), side))
        print(f"turns sampled: {', '.join(str(t + 1) for t in spread)}; snapshots kept: {len(tl._snap_steps)}")
        for name, ms in (("first reach of a turn", first), ("one action forward", fwd), ("one action back", back),
                         ("one turn forward", turn_fwd), ("one turn back", turn_back)):
            print(figures(name, ms))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
