"""Frame times with the picture-of-the-battle overlays (issue 10): the game screen's first frame, then
panning and zooming over the whole map with all units and fog, as ``bench_client.py`` does, once plain and
once with the objectives panel (O), the legend (K), the selected unit's line of sight (L), last-known
enemy positions and a fight's effects on screen.

Budget (issue 10): p95 frame 4 ms at 1280x800 (software renderer, headless).
Run: ``python benchmarks/bench_picture.py [SCENARIO] [--turns N]`` (N AI turns first, so enemies have
been seen and lost again; default 6).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from game.core import events as E  # noqa: E402
from game.play.session import Session  # noqa: E402
from game.scenario.load import load_scenario  # noqa: E402
from game.sim.run import ai_phase, make_policies  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.play import GameScreen  # noqa: E402

DEFAULT = ROOT / "scenarios" / "shusha_2020_approach.yaml"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def pan(app: App, screen: GameScreen, refight: bool, per_zoom: int = 60) -> list[float]:
    """Frame times (ms) over ``4 * per_zoom`` frames of panning and zooming across the map."""
    cam = screen.camera
    rows, cols = screen.eng.setup.grid.shape
    fights = [e for e in screen.eng.log if isinstance(e, (E.ShotResolved, E.AssaultResolved))][-6:]
    frames: list[float] = []
    for zoom_steps in (0, 2, 4, -2):
        cam.zoom_at(cam.centre_px(), zoom_steps)
        for i in range(per_zoom):
            if refight and not screen.picture.fx.active:
                screen.picture.fx.feed(screen.eng, fights, None)
            cam.centre_on((rows * (i % 30) / 30, cols * (i // 2 % 30) / 30))
            t = time.perf_counter()
            screen.picture.fx.update(1 / 60)
            screen.draw(app.ctx.surface)
            app.ctx.manager.draw_ui(app.ctx.surface)
            frames.append((time.perf_counter() - t) * 1000)
    return frames


def main(path: Path, turns: int) -> None:
    saves = Path(tempfile.mkdtemp())
    app = App(size=(1280, 800), saves=saves)
    app.step([])
    setup = load_scenario(path)
    t = time.perf_counter()
    session = Session.new(setup, 1, ["attacker"], saves=saves)
    screen = GameScreen(app.ctx, session)
    app.switch(screen)
    app.step([])
    print(f"game screen, first frame (load excluded; screen build + first draw): {time.perf_counter() - t:5.2f} s")
    eng = session.engine
    attacker = make_policies(eng.setup)["attacker"]
    for _ in range(turns):
        for _ in ai_phase(eng, attacker):
            pass
        for _ in session.ai_steps():
            pass
    app.step([], dt=0.05)
    screen.picture.summary = None
    plain = pan(app, screen, refight=False)
    print(f"plain (fog, units, last-known marks): p50 {statistics.median(plain):5.2f} ms  p95 {pct(plain, 95):5.2f} ms")
    own = eng.state.units_of("attacker")[0]
    screen._select(own.id)
    for k in (pygame.K_o, pygame.K_k, pygame.K_l):
        app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)])
    known = len(screen.picture.sight.known(eng, "attacker"))
    over = pan(app, screen, refight=True)
    print(f"with O + K + L, {known} last-known marks, fights: p50 {statistics.median(over):5.2f} ms  "
          f"p95 {pct(over, 95):5.2f} ms  (budget p95 4 ms)")
    ab(app, screen)
    pygame.quit()


def ab(app: App, screen: GameScreen) -> None:
    """The overlays' own cost on a busy machine: blocks of frames with the picture's draw hooks on and off,
    interleaved, so that load from other processes hits both alike."""
    pic = type(screen.picture)
    on_map, on_over = pic.draw_map, pic.draw_over
    times: dict[bool, list[float]] = {True: [], False: []}
    for block in range(24):
        enabled = block % 2 == 0
        pic.draw_map = on_map if enabled else (lambda self, target: None)  # type: ignore[method-assign]
        pic.draw_over = on_over if enabled else (lambda self, surface, area: None)  # type: ignore[method-assign]
        times[enabled] += pan(app, screen, refight=enabled, per_zoom=10)
    pic.draw_map, pic.draw_over = on_map, on_over  # type: ignore[method-assign]
    on, off = times[True], times[False]
    print(f"A/B, overlays on vs off (interleaved): p50 {statistics.median(on):5.2f} vs "
          f"{statistics.median(off):5.2f} ms, p95 {pct(on, 95):5.2f} vs {pct(off, 95):5.2f} ms")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default=str(DEFAULT))
    ap.add_argument("--turns", type=int, default=6)
    a = ap.parse_args()
    main(Path(a.scenario), a.turns)
