"""Cliff edges on the grid: from cliff polylines (geo maps) or elevation steps (ASCII maps).

Bit k of ``Grid.cliff`` at a cell means the step ``DIRS[k]`` out of it crosses a cliff; every edge is
set in both directions. Example: a vertical cliff line at col 5.0 from row 2.2 to 7.8 blocks the steps
between columns 4 and 5 in rows 2..7, including the diagonal ones that cross it.
"""

from __future__ import annotations

import numpy as np

from game.core.grid import DIRS, OPPOSITE
from game.scenario.geometry import crossing_pairs

FORWARD: tuple[tuple[int, int], ...] = ((0, 1), (1, -1), (1, 0), (1, 1))  # each undirected pair once


def _shifted(a: np.ndarray, d: tuple[int, int]) -> tuple[slice, slice, slice, slice]:
    """Slices (src rows, src cols, dst rows, dst cols) so that a[dst] are the neighbours d of a[src]."""
    rows, cols = a.shape
    dr, dc = d
    sr = slice(max(0, -dr), rows - max(0, dr))
    sc = slice(max(0, -dc), cols - max(0, dc))
    tr = slice(max(0, dr), rows - max(0, -dr))
    tc = slice(max(0, dc), cols - max(0, -dc))
    return sr, sc, tr, tc


def mark_pairs(cliff: np.ndarray, mask: np.ndarray, d: tuple[int, int]) -> None:
    """Set cliff bits for every cell X in ``mask`` and its neighbour X + d (both directions)."""
    k = DIRS.index(d)
    sr, sc, tr, tc = _shifted(cliff, d)
    m = mask[sr, sc]
    cliff[sr, sc] |= np.where(m, np.uint8(1 << k), np.uint8(0))
    cliff[tr, tc] |= np.where(m, np.uint8(1 << OPPOSITE[k]), np.uint8(0))


def cliffs_from_steps(elevation: np.ndarray, threshold_m: float, cliff: np.ndarray) -> None:
    """Mark a cliff between 8-adjacent cells whose elevations differ by at least ``threshold_m``."""
    for d in FORWARD:
        sr, sc, tr, tc = _shifted(elevation, d)
        mask = np.zeros(elevation.shape, dtype=bool)
        mask[sr, sc] = np.abs(elevation[sr, sc] - elevation[tr, tc]) >= threshold_m
        mark_pairs(cliff, mask, d)


def cliffs_from_polyline(pts_rc: np.ndarray, cliff: np.ndarray) -> np.ndarray:
    """Mark every adjacent pair whose centre-to-centre step crosses the polyline; returns the cells touched."""
    touched = np.zeros(cliff.shape, dtype=bool)
    for a, b in zip(pts_rc[:-1], pts_rc[1:], strict=True):
        for d in FORWARD:
            mask = crossing_pairs(cliff.shape, a, b, d)
            if mask.any():
                mark_pairs(cliff, mask, d)
                touched |= mask
                sr, sc, tr, tc = _shifted(cliff, d)
                touched[tr, tc] |= mask[sr, sc]
    return touched
