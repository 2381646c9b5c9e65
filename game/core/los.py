"""Elevation-aware line of sight and per-side visibility (fog of war), vectorised with numpy.

A sight line runs from an eye 2 m above the observer's ground to a point 2 m above the target's
ground; it is blocked where any cell in between rises (ground + canopy/buildings) above the line.
"""

from __future__ import annotations

import numpy as np

from game.core.grid import Grid

EYE_M = 2.0
Cell = tuple[int, int]


def line_of_sight(grid: Grid, a: Cell, b: Cell) -> bool:
    """True if a standing observer at ``a`` can see a man-height target at ``b``.

    Example: on flat open ground any two cells see each other; a 20 m forest cell between them blocks.
    """
    vis = viewshed(grid, a, max(abs(a[0] - b[0]), abs(a[1] - b[1])))
    r0, c0 = a
    radius = max(abs(a[0] - b[0]), abs(a[1] - b[1]))
    top, left = max(r0 - radius, 0), max(c0 - radius, 0)
    return bool(vis[b[0] - top, b[1] - left])


def viewshed(grid: Grid, obs: Cell, radius: int) -> np.ndarray:
    """Visible cells within a square window of ``radius`` cells around ``obs`` (clipped to the map).

    Returns a bool array for rows ``[r0-radius, r0+radius]`` and cols likewise, clipped at the edges;
    use :func:`window_origin` for its top-left cell.
    """
    rows, cols = grid.shape
    r0, c0 = obs
    top, left = max(r0 - radius, 0), max(c0 - radius, 0)
    bottom, right = min(r0 + radius, rows - 1), min(c0 + radius, cols - 1)
    tr, tc = np.mgrid[top:bottom + 1, left:right + 1]
    dr, dc = tr - r0, tc - c0
    steps = max(2 * radius, 1)
    f = (np.arange(1, steps) / steps)[None, None, :]  # sample fractions between the two ends
    sr = np.rint(r0 + f * dr[..., None]).astype(np.intp)
    sc = np.rint(c0 + f * dc[..., None]).astype(np.intp)
    height = grid.elevation + grid.obstacle_m
    eye = float(grid.elevation[r0, c0]) + EYE_M
    target = grid.elevation[tr, tc] + EYE_M
    line = eye + f * (target - eye)[..., None]
    blocker = height[sr, sc]
    # the observer's own cell and the target's own cell never block
    own = ((sr == r0) & (sc == c0)) | ((sr == tr[..., None]) & (sc == tc[..., None]))
    blocked = ((blocker > line) & ~own).any(axis=-1)
    dist2 = dr * dr + dc * dc
    return ~blocked & (dist2 <= radius * radius)


def window_origin(grid: Grid, obs: Cell, radius: int) -> Cell:
    """Top-left cell of the window :func:`viewshed` returns."""
    return max(obs[0] - radius, 0), max(obs[1] - radius, 0)


def side_visibility(grid: Grid, observers: list[tuple[Cell, int]]) -> np.ndarray:
    """Union of the viewsheds of ``(cell, radius_cells)`` observers: a bool map of what a side sees."""
    seen = np.zeros(grid.shape, dtype=bool)
    for cell, radius in observers:
        vs = viewshed(grid, cell, radius)
        top, left = window_origin(grid, cell, radius)
        seen[top:top + vs.shape[0], left:left + vs.shape[1]] |= vs
    return seen
