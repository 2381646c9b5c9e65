"""Client benchmarks (headless, software renderer): time to the start screen's first and second frames, the
game screen's first frame after Start, frame times while panning and zooming over the whole map with all units
and fog drawn, and the AI turn as the player sees it.

Budgets: start screen first frame < 1.5 s from process start (issue 3); p95 frame while panning < 4 ms at
1280x800 (issue 10; was 8 ms).
Run: ``python benchmarks/bench_client.py [SCENARIO] [--runs N] [--root DIR] [--start-only]`` (``--root``: time
the start screen of another checkout too, interleaved run by run with this one, e.g. an export of main).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT / "scenarios" / "shusha_2020_approach.yaml"

# Runs ``python -m game play --frames 2`` with every display flip reporting its time: perf_counter is
# CLOCK_MONOTONIC (one clock for every process), so the parent's clock before the launch and the child's at
# a flip give the time from process start to that frame presented.
FLIPS = """
import runpy, sys, time
import pygame
_flip = pygame.display.flip
def _timed_flip():
    _flip()
    print(f"FLIP {time.perf_counter():.6f} {time.process_time():.6f}", file=sys.stderr, flush=True)
pygame.display.flip = _timed_flip
sys.argv = ["game", "play", "--frames", "2"]
runpy.run_module("game", run_name="__main__", alter_sys=True)
"""


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def launch(root: Path, cache: Path) -> tuple[float, float, float]:
    """Launch ``python -m game play`` in ``root``: (wall s to the first frame presented, its cpu s, wall s to
    the start screen's second frame). The briefing box comes in the second frame (before the change that
    deferred it, already in the first); with an empty cache a "Loading the scenarios" frame comes first."""
    env = {**os.environ, "SHUSHA_CACHE_DIR": str(cache)}
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", FLIPS], cwd=root, env=env, capture_output=True, text=True)
    flips = [line.split() for line in done.stderr.splitlines() if line.startswith("FLIP ")]
    if done.returncode != 0 or not flips:
        raise SystemExit(f"python -m game play failed in {root}:\n{done.stderr}")
    return float(flips[0][1]) - t, float(flips[0][2]), float(flips[-1][1]) - t


def start_screen(roots: list[Path], runs: int) -> None:
    """The start screen's first frames: once with an empty scenario cache, then ``runs`` times with it
    filled, each root's runs interleaved with the others' so that a slow minute of the machine hits all."""
    caches = {root: Path(tempfile.mkdtemp()) for root in roots}
    try:
        cold = {root: launch(root, caches[root]) for root in roots}
        warm: dict[Path, list[tuple[float, float, float]]] = {root: [] for root in roots}
        for _ in range(runs):
            for root in roots:
                warm[root].append(launch(root, caches[root]))
    finally:
        for cache in caches.values():
            shutil.rmtree(cache, ignore_errors=True)
    for root in roots:
        first, cpu, full = (list(x) for x in zip(*warm[root], strict=True))
        print(f"start screen (python -m game play, from process start) in {root}:\n"
              f"  empty cache: first frame {cold[root][0]:5.2f} s (cpu {cold[root][1]:.2f} s), "
              f"second frame {cold[root][2]:5.2f} s\n"
              f"  {runs} runs: first frame median {statistics.median(first):5.2f} s, max {max(first):5.2f} s "
              f"(budget 1.5 s; cpu median {statistics.median(cpu):.2f} s); second frame median "
              f"{statistics.median(full):5.2f} s, max {max(full):5.2f} s\n"
              f"  first frames: {' '.join(f'{w:.2f}' for w in first)}\n"
              f"  second frames: {' '.join(f'{w:.2f}' for w in full)}")


def main(path: Path) -> None:
    import pygame

    from game.scenario.load import load_scenario
    from game.ui.app import App

    saves = Path(tempfile.mkdtemp())
    os.environ["SHUSHA_CACHE_DIR"] = tempfile.mkdtemp()
    t = time.perf_counter()
    app = App(size=(1280, 800), saves=saves)  # in this process: the client's imports are not counted
    app.step([])
    print(f"start screen, first frame in-process (build + draw):  {time.perf_counter() - t:6.2f} s")

    t = time.perf_counter()
    app.switch(app.screen.start())  # what pressing Start does: the session, the game screen and its imports
    app.step([])
    print(f"game screen after Start, first frame (incl. imports): {time.perf_counter() - t:6.2f} s")

    from game.play.session import Session
    from game.ui.screens.play import GameScreen

    t = time.perf_counter()
    setup = load_scenario(path)
    screen = GameScreen(app.ctx, Session.new(setup, 1, ["attacker"], saves=saves))
    app.switch(screen)
    app.step([])
    print(f"game screen, first frame (load + build):              {time.perf_counter() - t:6.2f} s")

    cam = screen.camera
    frames: list[float] = []
    cpu: list[float] = []  # the same frames in CPU time: steadier than wall time on a shared machine
    rows, cols = setup.grid.shape
    for zoom_steps in (0, 2, 4, -2):
        cam.zoom_at(cam.centre_px(), zoom_steps)
        for i in range(60):
            cam.centre_on((rows * (i % 30) / 30, cols * (i // 2 % 30) / 30))
            c, t = time.thread_time(), time.perf_counter()
            screen.draw(app.ctx.surface)
            app.ctx.manager.draw_ui(app.ctx.surface)
            frames.append((time.perf_counter() - t) * 1000)
            cpu.append((time.thread_time() - c) * 1000)
    print(f"frame while panning/zooming, fog + units ({len(frames)} frames): "
          f"p50 {statistics.median(frames):5.2f} ms  p95 {pct(frames, 95):5.2f} ms  (budget p95 4 ms; "
          f"cpu time p50 {statistics.median(cpu):.2f} ms, p95 {pct(cpu, 95):.2f} ms)")

    times = []
    for humans in (["attacker"], ["defender"]):
        session = Session.new(setup, 1, humans, saves=saves)
        for _ in range(6):  # a few turns in, both sides' AI halves
            if session.human_turn:
                session.end_turn()
            t = time.perf_counter()
            for _ in session.ai_steps():
                pass
            times.append(time.perf_counter() - t)
    print(f"AI half-turn as the player waits for it (animation skipped): median {statistics.median(times):.2f} s, "
          f"max {max(times):.2f} s over {len(times)} half-turns")
    pygame.quit()


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--runs", type=int, default=5, help="warm start-screen launches per checkout (default 5)")
    ap.add_argument("--root", type=Path, action="append", default=[], help="another checkout to time too")
    ap.add_argument("--start-only", action="store_true", help="only the start screen launches")
    args = ap.parse_args()
    start_screen([ROOT, *args.root], args.runs)
    if not args.start_only:
        main(args.scenario)
