"""Map tiles per zoom level: seamless smooth scaling, stand-ins, fogged tiles kept across fog changes (headless)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui.layers import CellLayer  # noqa: E402
from game.ui.tiles import Level  # noqa: E402

BP = 12  # base map pixels per cell, as in the game
SHAPE = (100, 110)  # cells: several tiles at the zooms tested


@pytest.fixture(scope="module")
def base() -> pygame.Surface:
    """A base map of random pixels: any seam or shift at a tile edge changes pixels."""
    rgb = np.random.default_rng(3).integers(0, 256, (SHAPE[1] * BP, SHAPE[0] * BP, 3), dtype=np.uint8)
    return pygame.surfarray.make_surface(rgb)


def pixels(surf: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(surf).transpose(1, 0, 2).astype(int)


def tiled(lv: Level, make) -> np.ndarray:
    """The whole level drawn from its tiles side by side (``make(key)`` gives a tile)."""
    out = pygame.Surface((SHAPE[1] * lv.px, SHAPE[0] * lv.px))
    for i in range(lv.n_rows):
        for j in range(lv.n_cols):
            out.blit(make((i, j)), (j * lv.tile_px, i * lv.tile_px))
    return pixels(out)


@pytest.mark.parametrize("px", [6, 8, 16])
def test_smooth_zoom_tiles_are_the_whole_map_smooth_scaled_at_once(base: pygame.Surface, px: int) -> None:
    """Each tile is smooth-scaled on its own, yet side by side they must be exactly the map scaled in one piece:
    no seam and no shift at any tile edge (the last column and row of tiles, at the map edge, excepted)."""
    lv = Level(px, base, BP, SHAPE, grid_lines=False)
    assert not lv.exact and lv.n_rows > 1 and lv.n_cols > 1
    src = base
    if px > BP:  # enlarging: the whole map with its last pixel repeated once, as the tiles see it
        w, h = base.get_size()
        src = pygame.Surface((w + 1, h + 1))
        for at in ((1, 1), (1, 0), (0, 1), (0, 0)):  # the map last, on top
            src.blit(base, at)
    whole = pixels(pygame.transform.smoothscale(src, (SHAPE[1] * px, SHAPE[0] * px)))
    inner = ((lv.n_rows - 1) * lv.tile_px, (lv.n_cols - 1) * lv.tile_px)
    assert np.array_equal(tiled(lv, lv.tile)[:inner[0], :inner[1]], whole[:inner[0], :inner[1]])


def fog_layer(seen: np.ndarray) -> CellLayer:
    layer = CellLayer(SHAPE)
    layer.set_fog(seen)
    return layer


@pytest.mark.parametrize("px", [16, 24])
def test_fogged_tiles_kept_across_a_fog_change_match_a_fresh_view(base: pygame.Surface, px: int) -> None:
    """After the fog changes around one place, the kept fogged tiles and the remade ones together must be
    exactly what a view that never saw the old fog draws."""
    seen = np.zeros(SHAPE, dtype=bool)
    seen[5:30, 10:40] = True
    layer = fog_layer(seen)
    lv = Level(px, base, BP, SHAPE, grid_lines=True)
    first = tiled(lv, lambda k: lv.fogged_tile(k, layer))
    moved = seen.copy()
    moved[28:36, 30:45] = True  # a unit moved: more is seen there
    layer.set_fog(moved)
    made = lv.made
    second = tiled(lv, lambda k: lv.fogged_tile(k, layer))
    assert 0 < lv.made - made < lv.n_rows * lv.n_cols  # only the tiles where the fog changed were made again
    fresh = Level(px, base, BP, SHAPE, grid_lines=True)
    assert np.array_equal(second, tiled(fresh, lambda k: fresh.fogged_tile(k, fog_layer(moved))))
    assert not np.array_equal(first, second)


def test_stand_ins_at_an_exact_zoom_are_the_real_picture(base: pygame.Surface) -> None:
    """At 24 px (twice the base map) a stand-in drawn for the cells in view is the real fogged tile there,
    grid lines included: panning fast shows no change when the real tile replaces it."""
    seen = np.zeros(SHAPE, dtype=bool)
    seen[10:20, 5:50] = True
    layer = fog_layer(seen)
    lv = Level(24, base, BP, SHAPE, grid_lines=True)
    assert lv.exact
    window = (3, 4, 27, 30)  # cells in view: parts of several tiles (16 cells each)
    quick, real = (pygame.Surface((SHAPE[1] * 24, SHAPE[0] * 24)) for _ in range(2))
    r0, c0, r1, c1 = (v * 24 for v in window)
    view = pygame.Rect(c0 + 5, r0 + 7, c1 - c0 - 9, r1 - r0 - 11)  # the viewport cuts cells at its edges
    quick.set_clip(view)
    for i in range(lv.n_rows):
        for j in range(lv.n_cols):
            at = (j * lv.tile_px, i * lv.tile_px)
            lv.draw_quick(quick, (i, j), at, window, layer)
            real.blit(lv.fogged_tile((i, j), layer), at)
    inside = (slice(view.top, view.bottom), slice(view.left, view.right))
    assert np.array_equal(pixels(quick)[inside], pixels(real)[inside])
    quick.set_clip(None)
    quick.fill((0, 0, 0), view)
    assert not pixels(quick).any()  # nothing drawn outside the viewport
