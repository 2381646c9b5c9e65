"""Replay export time per frame at 1280x720 (budget: 20 frames/s) and the viewer's step latency, drawing
included (budget: under 50 ms forward or back at any turn).

Export: the documented approach rendered with ``ReplayViewer.draw`` (controls hidden) and written to an MP4,
a GIF and PNGs; prints ms per frame for the drawing alone and for each format. Viewer: one full AI game of the
approach, written as a record, opened checked (``CheckedRecord``), then the viewer at 1280x720 steps one
action and one turn forward and back at turns spread over the game, for the full map and each side's view;
each figure is the seek, the scene and the whole frame drawn. ``bench_replay.py`` times the timeline alone.
Printed figures, not a timed test.

    python benchmarks/bench_export.py [--seed N] [--frames N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from game.history.timeline import HistoryTimeline  # noqa: E402
from game.scenario.load import load_scenario  # noqa: E402
from game.sim.record import write_record  # noqa: E402
from game.sim.run import run_game  # noqa: E402
from game.sim.timeline import CheckedRecord, RecordTimeline  # noqa: E402
from game.ui.export import export, frame_steps  # noqa: E402
from game.ui.replay_panels import RecordExtras  # noqa: E402
from game.ui.replay_record import turn_events  # noqa: E402
from game.ui.replay_viewer import ReplayViewer  # noqa: E402

SIZE = (1280, 720)
SCENARIO = ROOT / "scenarios" / "shusha_2020_approach.yaml"


def figures(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"{name:<34} n={len(ms):4d}  median {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  max {ms[-1]:6.1f} ms"


def bench_export(setup, frames: int) -> None:
    tl = HistoryTimeline(setup)
    steps = frame_steps(tl, hours_per_frame=1)[200:200 + frames]  # the busy part: groups moving, captions
    with tempfile.TemporaryDirectory() as tmp:
        for label, kw in (("draw only", {}), ("MP4 (H.264)", {"out": Path(tmp) / "a.mp4"}),
                          ("GIF", {"out": Path(tmp) / "a.gif"}), ("PNG frames", {"frames_dir": Path(tmp) / "f"})):
            viewer = ReplayViewer(tl, setup.grid, setup.unit_types, setup.sides, side_names=setup.side_names,
                                  controls=False, daylight=setup.daylight, follow=False)
            viewer.draw(pygame.Surface(SIZE))  # framing and the first tiles
            res = export(viewer, steps, kw.get("out"), fps=12, size=SIZE, frames_dir=kw.get("frames_dir"))
            per = res["per_frame"] * 1000
            print(f"export {label:<12} {res['frames']:.0f} frames at {SIZE[0]}x{SIZE[1]}: {per:6.1f} ms per frame "
                  f"= {1000 / per:5.1f} frames/s (budget 20 frames/s: {'ok' if per <= 50 else 'OVER'})")


CPU: list[float] = []  # the CPU time of each timed step (a busy machine inflates wall time, not this)


def timed(viewer: ReplayViewer, surface: pygame.Surface, step: int, side: str | None) -> float:
    t, c = time.perf_counter(), time.process_time()
    viewer.side = side
    viewer.seek(step)
    viewer.draw(surface)
    CPU.append((time.process_time() - c) * 1000.0)
    return (time.perf_counter() - t) * 1000.0


def bench_viewer(setup, seed: int) -> None:
    eng = run_game(setup, seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "game.jsonl"
        write_record(eng, path)
        t0 = time.perf_counter()
        rec = CheckedRecord(RecordTimeline.open(path))
        print(f"record seed {seed}: {rec.steps - 1} actions; opened and checked whole in "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms")
        viewer = ReplayViewer(rec, setup.grid, setup.unit_types, setup.sides, side_names=setup.side_names,
                              fog_sides=True, daylight=setup.daylight,
                              extras=RecordExtras(events=turn_events(rec), routes=rec.documented_routes()))
        surface = pygame.Surface(SIZE)
        viewer.draw(surface)
        turns = rec.turn_of(rec.steps - 1) + 1
        spread = sorted({round(i * (turns - 1) / 9) for i in range(10)})
        fwd, back, turn_fwd, turn_back = [], [], [], []
        sides = (None, *setup.sides)
        CPU.clear()
        for i, t in enumerate(spread):
            side = sides[i % len(sides)]
            start = rec.turn_start(t)
            end = rec.turn_start(t + 1) if t + 1 < turns else rec.steps - 1
            timed(viewer, surface, start, side)
            for step in range(start, end):
                fwd.append(timed(viewer, surface, step + 1, side))
            for step in range(end, start, -1):
                back.append(timed(viewer, surface, step - 1, side))
            if t + 1 < turns:
                turn_fwd.append(timed(viewer, surface, rec.turn_start(t + 1), side))
            if t > 0:
                timed(viewer, surface, start, side)
                turn_back.append(timed(viewer, surface, rec.turn_start(t - 1), side))
        print(f"viewer at {SIZE[0]}x{SIZE[1]}, turns sampled: {', '.join(str(t + 1) for t in spread)} "
              f"(full map and each side's view in turn); seek + scene + whole frame drawn:")
        for name, ms in (("one action forward", fwd), ("one action back", back), ("one turn forward", turn_fwd),
                         ("one turn back", turn_back)):
            print(figures(name, ms) + ("" if max(ms) < 50 else "   (over the 50 ms budget at least once)"))
        print(figures("CPU time of every step above", CPU) + f"   (load average now {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} cores)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--frames", type=int, default=60, help="frames per export format (default 60)")
    args = ap.parse_args()
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1, 1))
    setup = load_scenario(SCENARIO)
    bench_export(setup, args.frames)
    bench_viewer(setup, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
