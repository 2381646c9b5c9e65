"""Line of sight: flat ground, forest canopy, ridges, gorges overlooked from the rim."""

from __future__ import annotations

import numpy as np

from game.core.grid import Grid
from game.core.los import EYE_M, _rays, line_of_sight, viewshed

UNITS = """
forces:
  - side: attacker
    units:
      - {id: a1, name: A, type: special_forces_group, at: {cell: [0, 0]}}
  - side: defender
    units:
      - {id: d1, name: D, type: garrison_company, at: {cell: [0, 9]}}
"""


def test_flat_open_ground_sees_far(make_setup) -> None:
    s = make_setup([".........."], units=UNITS)
    assert line_of_sight(s.grid, (0, 0), (0, 9))


def test_forest_between_blocks_but_the_edge_cell_is_seen(make_setup) -> None:
    s = make_setup(["....FF...."], units=UNITS)
    g = s.grid
    assert not line_of_sight(g, (0, 0), (0, 9))
    assert line_of_sight(g, (0, 0), (0, 4))  # the first forest cell itself is visible
    assert not line_of_sight(g, (0, 0), (0, 5))


def test_a_ridge_hides_the_far_slope(make_setup) -> None:
    s = make_setup([".........."], ["0000500000"], units=UNITS, cliff=None)
    assert line_of_sight(s.grid, (0, 0), (0, 4))
    assert not line_of_sight(s.grid, (0, 0), (0, 8))


def test_gorge_is_hidden_from_afar_but_overlooked_from_the_rim(make_setup) -> None:
    rows = ["..........", "..........", ".........."]
    elev = ["5555555555", "5555500555", "5555555555"]
    s = make_setup(rows, elev, units=UNITS, cliff=None, step=100)
    g = s.grid
    assert line_of_sight(g, (0, 5), (1, 5))  # from the rim straight down
    assert not line_of_sight(g, (1, 0), (1, 6))  # along the plateau, the gorge floor is below the line


def test_side_visibility_is_the_union_of_its_units_views(make_setup) -> None:
    from game.core.engine import Engine

    units = """
forces:
  - side: attacker
    units:
      - {id: a1, name: A, type: special_forces_group, at: {cell: [0, 0]}}
      - {id: a2, name: B, type: special_forces_group, at: {cell: [0, 9]}}
  - side: defender
    units:
      - {id: d1, name: D, type: garrison_company, at: {cell: [0, 5]}}
"""
    s = make_setup(["....FF...."], units=units)
    seen = Engine(s, 1).visible_cells("attacker")
    assert seen[0, 0] and seen[0, 9] and seen[0, 3] and seen[0, 6]  # each sees up to the forest edge


def sampled_viewshed(grid: Grid, obs: tuple[int, int], radius: int) -> np.ndarray:
    """The viewshed by its definition, every sample of every ray tested (the window uncropped, edges clamped)."""
    rows, cols = grid.shape
    dr, dc, f, sr, sc, own = _rays(radius)
    eye = float(grid.elevation[obs]) + EYE_M
    target = grid.elevation[np.clip(obs[0] + dr, 0, rows - 1), np.clip(obs[1] + dc, 0, cols - 1)] + EYE_M
    line = eye + f * (target - eye)[..., None]
    blocker = grid.sight_height[np.clip(obs[0] + sr, 0, rows - 1), np.clip(obs[1] + sc, 0, cols - 1)]
    return ~((blocker > line) & ~own).any(axis=-1) & (dr * dr + dc * dc <= radius * radius)


def test_viewshed_tests_every_sample_of_every_ray(shusha) -> None:
    """On the real map's cliffs and forests, at the edges too, the viewshed (which tests each cell a ray
    crosses once) is exactly the one that tests every sample: no cell seen or hidden wrongly."""
    grid = shusha.grid
    rng = np.random.default_rng(7)
    cells = [(0, 0), (grid.shape[0] - 1, grid.shape[1] - 1), (3, grid.shape[1] - 2)]
    cells += [(int(r), int(c)) for r, c in zip(rng.integers(0, grid.shape[0], 40), rng.integers(0, grid.shape[1], 40),
                                                strict=True)]
    for radius in (1, 2, 5, 12, 22):
        for r0, c0 in cells:
            full = sampled_viewshed(grid, (r0, c0), radius)
            top, left = max(r0 - radius, 0) - (r0 - radius), max(c0 - radius, 0) - (c0 - radius)
            got = viewshed(grid, (r0, c0), radius)
            assert (got == full[top:top + got.shape[0], left:left + got.shape[1]]).all(), ((r0, c0), radius)
