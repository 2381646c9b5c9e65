"""Camera geometry: cell <-> screen round trips, zoom about the cursor, clamping (headless)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from game.ui.camera import ZOOM_LEVELS, Camera  # noqa: E402

SHAPE = (201, 202)


def test_round_trip_at_every_zoom() -> None:
    for z in range(len(ZOOM_LEVELS)):
        cam = Camera(SHAPE, (1280, 800), zoom=z, origin=(10, 40))
        cam.centre_on((100.3, 80.7))
        r0, c0, r1, c1 = cam.visible_cells()
        for r in range(r0, r1, max(1, (r1 - r0) // 7)):
            for c in range(c0, c1, max(1, (c1 - c0) // 7)):
                rect = cam.screen_rect(r, c)
                assert rect.size == (cam.px, cam.px)
                for pt in (rect.topleft, rect.center, (rect.right - 1, rect.bottom - 1)):
                    if cam.viewport.collidepoint(pt):
                        assert cam.cell_at(pt) == (r, c)


@settings(max_examples=150, deadline=None)
@given(z=st.integers(0, len(ZOOM_LEVELS) - 1), steps=st.integers(-8, 8),
       sx=st.integers(0, 1279), sy=st.integers(0, 799),
       row=st.floats(0, 200), col=st.floats(0, 201))
def test_zoom_at_keeps_the_cell_under_the_cursor(z: int, steps: int, sx: int, sy: int, row: float,
                                                 col: float) -> None:
    cam = Camera(SHAPE, (1280, 800), zoom=z)
    cam.centre_on((row, col))
    before = cam.cell_at((sx, sy))
    x0, y0 = cam.x, cam.y
    changed = cam.zoom_at((sx, sy), steps)
    assert changed == (cam.zoom != z)
    if not changed:
        assert (cam.x, cam.y) == (x0, y0)
        return
    vw, vh = 1280 / cam.px, 800 / cam.px
    clamped = not (0 < cam.x < SHAPE[1] - vw and 0 < cam.y < SHAPE[0] - vh)
    after = cam.cell_at((sx, sy))
    if before is not None and not clamped:
        assert after is not None
        assert abs(after[0] - before[0]) <= 1 and abs(after[1] - before[1]) <= 1


def test_zoom_at_cell_centre_is_exact() -> None:
    cam = Camera(SHAPE, (1280, 800), zoom=4)
    cam.centre_on((100, 100))
    target = (103, 97)
    pt = cam.screen_rect(*target).center
    for steps in (1, 1, 1, -2, -1, -1):
        cam.zoom_at(pt, steps)
        assert cam.cell_at(pt) == target


def test_clamp_and_centring() -> None:
    cam = Camera(SHAPE, (1280, 800), zoom=len(ZOOM_LEVELS) - 1)
    cam.pan(-1000, -1000)
    assert (cam.x, cam.y) == (0.0, 0.0)
    assert cam.cell_at((0, 0)) == (0, 0)
    cam.pan_pixels(10**6, 10**6)
    assert cam.cell_at((1279, 799)) == (SHAPE[0] - 1, SHAPE[1] - 1)
    small = Camera(SHAPE, (1280, 800), zoom=0)  # 2 px per cell: the map (404 x 402) is centred
    rect = small.screen_rect(0, 0)
    assert rect.x == (1280 - 404) // 2 and rect.y == (800 - 402) // 2
    assert small.cell_at((0, 0)) is None  # outside the map
    assert small.cell_at((-5, 10)) is None  # outside the viewport


def test_unit_rect_and_resize() -> None:
    cam = Camera(SHAPE, (1280, 800), zoom=6)
    cam.centre_on((50.5, 60.5))
    assert cam.unit_rect(50, 60).center == cam.screen_rect(50, 60).center
    centre = cam.centre_cell()
    cam.resize((800, 600))
    assert abs(cam.centre_cell()[0] - centre[0]) < 0.1 and abs(cam.centre_cell()[1] - centre[1]) < 0.1
    assert cam.cell_at(cam.centre_px()) == (50, 60)
