"""The base map renderer: size, terrain colours, gorges, roads, rivers and cliff edges (headless)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import dataclasses  # noqa: E402

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.core.grid import Grid  # noqa: E402
from game.scenario.load import load_scenario  # noqa: E402
from game.ui import relief  # noqa: E402
from game.ui.features import chains, cliff_edges, network, smooth  # noqa: E402
from game.ui.maprender import render_base  # noqa: E402
from tests.conftest import TINY  # noqa: E402

PX = 12


@pytest.fixture(scope="module")
def grid() -> Grid:
    return load_scenario(TINY).grid


@pytest.fixture(scope="module")
def base(grid: Grid) -> np.ndarray:
    """The tiny map at 12 px per cell as an ``[y, x, rgb]`` array."""
    return pygame.surfarray.array3d(render_base(grid, PX)).transpose(1, 0, 2).astype(int)


def cell_mean(img: np.ndarray, r: int, c: int) -> np.ndarray:
    return img[r * PX:(r + 1) * PX, c * PX:(c + 1) * PX].reshape(-1, 3).mean(axis=0)


def test_surface_has_px_per_cell(grid: Grid) -> None:
    rows, cols = grid.shape
    for px in (1, 3, 8):
        assert render_base(grid, px).get_size() == (cols * px, rows * px)
    with pytest.raises(ValueError):
        render_base(grid, 0)


def test_forest_and_open_cells_differ(grid: Grid, base: np.ndarray) -> None:
    assert grid.terrain_id(0, 0) == "forest" and grid.terrain_id(0, 5) == "open"
    forest, open_ = cell_mean(base, 0, 0), cell_mean(base, 0, 5)
    assert np.abs(forest - open_).sum() > 60
    assert forest.sum() < open_.sum()  # forest reads darker than fields
    assert forest[1] > forest[0] and forest[1] > forest[2]  # and green


def test_gorge_is_darker_than_forest(grid: Grid, base: np.ndarray) -> None:
    assert grid.terrain_id(4, 3) == "gorge" and grid.terrain_id(6, 3) == "forest"
    assert cell_mean(base, 4, 3).sum() < cell_mean(base, 6, 3).sum() * 0.85


def test_paved_road_is_drawn_yellow(grid: Grid, base: np.ndarray) -> None:
    assert grid.road[5, 12] == 2
    r, g, b = base[5 * PX + PX // 2, 12 * PX + PX // 2]
    assert r > 180 and g > 140 and b < 120


def test_river_cell_is_bluish(grid: Grid) -> None:
    river = np.zeros(grid.shape, dtype=bool)
    river[6, 0:9] = True
    wet = dataclasses.replace(grid, river=river)
    img = pygame.surfarray.array3d(render_base(wet, PX)).transpose(1, 0, 2).astype(int)
    r, g, b = img[6 * PX + PX // 2, 4 * PX + PX // 2]
    assert b > r + 40 and b > g + 20


def test_cliff_edges_are_drawn(grid: Grid, base: np.ndarray) -> None:
    """The tiny map drops 300 m between rows 3 and 4: the shared edge is drawn dark over the plain map."""
    assert any(a == (3, 6) and b == (4, 6) for a, b in cliff_edges(grid))
    plain = dataclasses.replace(grid, cliff=np.zeros_like(grid.cliff))
    flat = pygame.surfarray.array3d(render_base(plain, PX)).transpose(1, 0, 2).astype(int)
    edge_y = 4 * PX
    line = slice(6 * PX, 7 * PX)
    band = slice(edge_y - 3, edge_y + 3)
    diff = np.abs(base[band, line] - flat[band, line]).sum(axis=-1)
    assert (diff > 60).any(axis=0).all()  # every pixel column along the edge changed
    assert (base[band, line].sum(axis=-1).min(axis=0) < 150).all()  # through a dark line
    far = slice(9 * PX, 10 * PX)  # well away from the cliff nothing changes
    assert np.array_equal(base[far], flat[far])


def test_renders_are_deterministic(grid: Grid, base: np.ndarray) -> None:
    again = pygame.surfarray.array3d(render_base(grid, PX)).transpose(1, 0, 2).astype(int)
    assert np.array_equal(base, again)


def test_hillshade_lights_north_west_slopes() -> None:
    """A ridge running N-S: its west face (facing the NW light) is lighter than its east face."""
    x = np.arange(21, dtype=np.float32)
    elev = np.tile(1000 - 40 * np.abs(x - 10), (21, 1))
    shade = relief.hillshade(elev, 200.0)
    assert shade[10, 5] > 1.0 > shade[10, 15]
    assert relief.hillshade(np.zeros((5, 5)), 200.0) == pytest.approx(np.ones((5, 5)))


def test_contours_every_interval() -> None:
    elev = np.tile(np.linspace(0, 999, 100, dtype=np.float32), (10, 1))  # 0..999 m west to east
    minor, major = relief.contour_masks(elev, 100.0, 5)
    cols = np.nonzero(minor[5] | major[5])[0]
    assert len(set((cols // 2).tolist())) >= 9  # a line near every 100 m
    assert major[5].sum() >= 2  # the 500 m line is thick


def test_line_networks_follow_cells() -> None:
    m = np.zeros((5, 5), dtype=bool)
    m[0, 0] = m[1, 1] = m[2, 1] = m[2, 2] = m[2, 3] = m[4, 4] = True
    segs = network(m)
    assert ((0, 0), (1, 1)) in segs  # diagonal where no 4-neighbour path exists
    assert ((1, 1), (2, 2)) not in segs  # but not beside an L (no ladders)
    lines = chains(segs)
    assert sorted(c for line in lines for c in line) >= [(0, 0), (1, 1), (2, 1), (2, 2), (2, 3)]
    pts = smooth([(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)])
    assert pts[0] == (0.0, 0.0) and pts[-1] == (10.0, 10.0) and len(pts) > 3
