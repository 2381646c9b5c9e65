"""Client benchmarks (headless, software renderer): time to first frame, frame times while panning and
zooming over the whole map with all units and fog drawn, and the AI turn as the player sees it.

Budgets: start screen first frame < 1.5 s (issue 3); p95 frame while panning < 4 ms at 1280x800 (issue 10; was 8 ms).
Run: ``python benchmarks/bench_client.py [SCENARIO]``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
T0 = time.perf_counter()

import pygame  # noqa: E402

from game.play.session import Session  # noqa: E402
from game.scenario.load import load_scenario  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.play import GameScreen  # noqa: E402

DEFAULT = ROOT / "scenarios" / "shusha_2020_approach.yaml"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main(path: Path) -> None:
    import tempfile

    saves = Path(tempfile.mkdtemp())
    app = App(size=(1280, 800), saves=saves)
    app.step([])
    t_start = time.perf_counter() - T0
    print(f"start screen, first frame (process start incl. imports): {t_start:6.2f} s  (budget 1.5 s)")

    t = time.perf_counter()
    setup = load_scenario(path)
    screen = GameScreen(app.ctx, Session.new(setup, 1, ["attacker"], saves=saves))
    app.switch(screen)
    app.step([])
    print(f"game screen, first frame (load + build):                 {time.perf_counter() - t:6.2f} s")

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
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
