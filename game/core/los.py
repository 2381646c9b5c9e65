"""Elevation-aware line of sight and per-side visibility (fog of war), vectorised with numpy.

A sight line runs from an eye 2 m above the observer's ground to a point 2 m above the target's
ground; it is blocked where any cell in between rises (ground + canopy/buildings) above the line.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from game.core.grid import Grid
from game.native import extension

EYE_M = 2.0
Cell = tuple[int, int]


def line_of_sight(grid: Grid, a: Cell, b: Cell) -> bool:
    """True if a standing observer at ``a`` can see a man-height target at ``b`` (one ray, any direction).

    The ray is sampled as :func:`viewshed` samples it. Example: on flat open ground any two cells see
    each other; a 20 m forest cell between them blocks.
    """
    dr, dc = b[0] - a[0], b[1] - a[1]
    radius = max(abs(dr), abs(dc))
    if radius <= 1:
        return True
    steps = 2 * radius
    f = np.arange(1, steps) / steps
    sr = np.rint(f * dr).astype(np.intp)
    sc = np.rint(f * dc).astype(np.intp)
    keep = ~(((sr == 0) & (sc == 0)) | ((sr == dr) & (sc == dc)))
    eye = float(grid.elevation[a]) + EYE_M
    line = eye + f[keep] * (float(grid.elevation[b]) + EYE_M - eye)
    return not bool((grid.sight_height[a[0] + sr[keep], a[1] + sc[keep]] > line).any())


@lru_cache(maxsize=64)
def _rays(radius: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sample offsets along the rays from a centre to every cell of a (2r+1)^2 window (cached per radius).

    Returns (dr, dc, fractions, sample drow, sample dcol, own-cell mask) where the own mask marks
    samples that fall on the observer's or the target's own cell (those never block).
    """
    dr, dc = np.mgrid[-radius:radius + 1, -radius:radius + 1]
    steps = max(2 * radius, 1)
    f = (np.arange(1, steps) / steps)[None, None, :]
    sr = np.rint(f * dr[..., None]).astype(np.intp)
    sc = np.rint(f * dc[..., None]).astype(np.intp)
    own = ((sr == 0) & (sc == 0)) | ((sr == dr[..., None]) & (sc == dc[..., None]))
    return dr, dc, f, sr, sc, own


@lru_cache(maxsize=64)
def _ray_cells(radius: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                                      np.ndarray]:
    """:func:`_rays` with each ray's samples that fall on one cell merged (cached per radius): for every
    (target, blocking cell) pair of the targets within the circle, the least and the greatest fraction of the
    ray sampled in that cell. The sight line rises or falls monotonically along a ray, so a cell blocks at
    one of its samples exactly when it blocks at the lowest point of the line in it: at the least fraction
    if the line rises, at the greatest if it falls.

    Returns (target drow, target dcol, pair's target index, pair drow, pair dcol, least, greatest fraction).
    """
    dr, dc, f, sr, sc, own = _rays(radius)
    circle = (dr * dr + dc * dc <= radius * radius).ravel()
    steps = sr.shape[-1]
    targets = np.flatnonzero(circle)
    n = targets.size
    ti = np.repeat(np.arange(n), steps)
    fr = np.tile(f.ravel(), n)
    prs = sr.reshape(-1, steps)[targets].ravel()
    pcs = sc.reshape(-1, steps)[targets].ravel()
    keep = ~own.reshape(-1, steps)[targets].ravel()
    ti, fr, prs, pcs = ti[keep], fr[keep], prs[keep], pcs[keep]
    side = 2 * radius + 1
    key = (ti * side + (prs + radius)) * side + (pcs + radius)  # one key per (target, cell) pair
    uniq, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    least = np.full(uniq.size, np.inf)
    greatest = np.full(uniq.size, -np.inf)
    np.minimum.at(least, inverse, fr)
    np.maximum.at(greatest, inverse, fr)
    out = (dr.ravel()[targets], dc.ravel()[targets], ti[first], prs[first], pcs[first], least, greatest)
    for a in out:
        a.flags.writeable = False
    return out


@lru_cache(maxsize=64)
def _flat_offsets(radius: int, cols: int) -> tuple[np.ndarray, np.ndarray]:
    """Offsets in a map ``cols`` wide of :func:`_ray_cells`' targets and blocking cells from the centre."""
    dr, dc, _, sr, sc, _, _ = _ray_cells(radius)
    return dr * cols + dc, sr * cols + sc


def viewshed(grid: Grid, obs: Cell, radius: int) -> np.ndarray:
    """Visible cells within a square window of ``radius`` cells around ``obs`` (clipped to the map).

    A cell within the circle of ``radius`` is visible when no cell sampled along the ray to it (2 x radius
    samples, :func:`_rays`) rises above the sight line there; each blocking cell is tested once per ray
    (:func:`_ray_cells`). Returns a bool array for rows ``[r0-radius, r0+radius]`` and cols likewise, clipped
    at the edges; use :func:`window_origin` for its top-left cell. With the native build the C version
    (``game/core/_viewshed.c``, the same values bit for bit, about 10x as fast) computes the window.
    """
    rows, cols = grid.shape
    r0, c0 = int(obs[0]), int(obs[1])
    native = native_viewshed()
    if native is not None and grid.elevation.dtype == np.float32 and grid.sight_height.dtype == np.float32:
        side = 2 * radius + 1
        vis = np.empty((side, side), dtype=bool)
        native.viewshed(grid.elevation, grid.sight_height, rows, cols, r0, c0, radius, *_ray_cells(radius), vis)
    else:
        vis = numpy_viewshed(grid, (r0, c0), radius)
    top, left = max(r0 - radius, 0), max(c0 - radius, 0)
    bottom, right = min(r0 + radius, rows - 1), min(c0 + radius, cols - 1)
    return vis[top - (r0 - radius):bottom - (r0 - radius) + 1, left - (c0 - radius):right - (c0 - radius) + 1]


def numpy_viewshed(grid: Grid, obs: Cell, radius: int) -> np.ndarray:
    """:func:`viewshed`'s whole (2 radius + 1)^2 window, not clipped to the map, computed with numpy."""
    rows, cols = grid.shape
    r0, c0 = obs
    dr, dc, ti, sr, sc, least, greatest = _ray_cells(radius)
    inside = r0 - radius >= 0 and c0 - radius >= 0 and r0 + radius < rows and c0 + radius < cols
    if inside:  # flat indices into the map (away from its edges)
        target_at, block_at = _flat_offsets(radius, cols)
        origin = r0 * cols + c0
        target = grid.elevation.ravel().take(target_at + origin)
        blocker = grid.sight_height.ravel().take(block_at + origin)
    else:  # near the edge: clamp indices (cells off the map are cropped away by the caller)
        target = grid.elevation[np.clip(r0 + dr, 0, rows - 1), np.clip(c0 + dc, 0, cols - 1)]
        blocker = grid.sight_height[np.clip(r0 + sr, 0, rows - 1), np.clip(c0 + sc, 0, cols - 1)]
    eye = float(grid.elevation[r0, c0]) + EYE_M
    rise = (target + EYE_M - eye).astype(np.float64)[ti]  # the sight line's rise to each pair's target
    line = eye + np.where(rise >= 0, least, greatest) * rise  # its lowest point in the pair's cell
    blocked_pair = blocker > line
    vis = np.zeros((2 * radius + 1, 2 * radius + 1), dtype=bool)
    seen = np.ones(dr.size, dtype=bool)
    seen[ti[blocked_pair]] = False
    vis[dr + radius, dc + radius] = seen
    return vis


def native_viewshed() -> Any:
    """The native build's C viewshed module (``game.core._viewshed``), or None without an active build."""
    return extension("game.core._viewshed")


def window_origin(grid: Grid, obs: Cell, radius: int) -> Cell:
    """Top-left cell of the window :func:`viewshed` returns."""
    return max(obs[0] - radius, 0), max(obs[1] - radius, 0)
