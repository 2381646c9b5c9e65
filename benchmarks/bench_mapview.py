"""Map view benchmarks: prints figures (not a test). Run: ``python benchmarks/bench_mapview.py [SCENARIO]``.

Prints the base map render time, the time to scale each zoom level (all its tiles, and per tile), and
the per-frame ``MapView.draw`` + ``draw_units`` time at 1280x800 over a pan + zoom sweep across the
whole map with the attacker's fog of war on and every unit drawn. Budget (issue 3): p95 < 8 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from game.core.engine import Engine  # noqa: E402
from game.scenario.load import load_scenario  # noqa: E402
from game.ui.camera import ZOOM_LEVELS, Camera  # noqa: E402
from game.ui.maprender import render_base  # noqa: E402
from game.ui.mapview import MapView  # noqa: E402
from game.ui.tiles import Level  # noqa: E402

DEFAULT = ROOT / "scenarios" / "shusha_2020_approach.yaml"
SIZE = (1280, 800)


def pct(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def bench_base(grid, px: int, repeat: int = 3) -> tuple[float, pygame.Surface]:
    """Median time (s) to render the base map at ``px``, and the last surface."""
    times, surf = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        surf = render_base(grid, px)
        times.append(time.perf_counter() - t)
    return statistics.median(times), surf


def bench_levels(view: MapView) -> None:
    """Scale every tile of every zoom level once and print the totals."""
    for px in ZOOM_LEVELS:
        lv = Level(px, view.base, view.base_px, view.grid.shape, grid_lines=True)
        keys = [(i, j) for i in range(lv.n_rows) for j in range(lv.n_cols)]
        t = time.perf_counter()
        for k in keys:
            lv.tile(k)
        total = (time.perf_counter() - t) * 1000
        print(f"  zoom {px:2d} px/cell: whole level {total:7.1f} ms  ({len(keys):3d} tiles of "
              f"{lv.tile_px} px, {total / len(keys):5.2f} ms per tile)")


def sweep(cam: Camera) -> list[tuple[str, object]]:
    """Camera moves: at every zoom level a diagonal pan across the whole map, then back, zooming at
    the cursor between levels (the way a player drags and wheels)."""
    moves: list[tuple[str, object]] = []
    rows, cols = cam.shape
    for z in list(range(len(cam.levels))) + list(range(len(cam.levels) - 2, -1, -1)):
        moves.append(("zoom", z))
        steps = 40
        for i in range(steps + 1):
            t = i / steps
            if z % 2:
                t = 1 - t
            moves.append(("centre", (rows * (0.05 + 0.9 * t), cols * (0.05 + 0.9 * (t if z < 4 else 1 - t)))))
    return moves


def main(path: Path) -> None:
    screen = pygame.display.set_mode(SIZE)
    t = time.perf_counter()
    setup = load_scenario(path)
    print(f"scenario load: {time.perf_counter() - t:6.3f} s  ({setup.grid.shape[0]}x{setup.grid.shape[1]} cells)")
    for px in (8, 12):
        secs, _ = bench_base(setup.grid, px)
        print(f"render_base at {px:2d} px/cell: {secs * 1000:7.1f} ms")
    t = time.perf_counter()
    view = MapView(setup.grid)
    print(f"MapView() (base render at {view.base_px} px + convert): {(time.perf_counter() - t) * 1000:7.1f} ms")
    print("zoom level scaling (base map -> level, every tile):")
    bench_levels(view)

    eng = Engine(setup, seed=1)
    view.set_fog(eng.visible_cells(setup.sides[0]))
    units = eng.state.ordered_units()
    cam = Camera(setup.grid.shape, SIZE)
    frames: list[float] = []
    made_frames = 0
    for kind, arg in sweep(cam):
        if kind == "zoom":
            cur = cam.cell_at(cam.centre_px())
            cam.zoom_at(cam.centre_px(), int(arg) - cam.zoom)  # type: ignore[arg-type]
            assert cur is None or cam.cell_at(cam.centre_px()) is not None
            continue
        cam.centre_on(arg)  # type: ignore[arg-type]
        before = sum(lv.made for lv in view.levels.levels.values())
        t = time.perf_counter()
        view.draw(screen, cam)
        view.draw_units(screen, cam, units, setup.unit_types, setup.sides, selected=units[0].id)
        frames.append((time.perf_counter() - t) * 1000)
        made_frames += sum(lv.made for lv in view.levels.levels.values()) > before
    print(f"MapView.draw + draw_units at {SIZE[0]}x{SIZE[1]}, fog on, {len(units)} units, "
          f"{len(frames)} frames of a pan + zoom sweep over the whole map:")
    print(f"  p50 {statistics.median(frames):5.2f} ms   p95 {pct(frames, 95):5.2f} ms   "
          f"max {max(frames):6.2f} ms   (budget p95 < 8 ms; {made_frames} frames scaled new tiles)")
    pygame.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
