"""Elevation surfaces: inverse-distance weighting of control points, noise, smoothing, forced spot heights.

Example: two control points at cells (0, 0) = 1000 m and (9, 9) = 2000 m on a 10 x 10 grid give
exactly those values in their cells and ~1500 m on the anti-diagonal.
"""

from __future__ import annotations

import hashlib

import numpy as np

CHUNK_ELEMS = 1_000_000  # cells x control points evaluated at once


def idw(shape: tuple[int, int], pts: np.ndarray, values: np.ndarray, power: float) -> np.ndarray:
    """Inverse-distance-weighted surface (float32) at cell centres from (n, 2) row/col points."""
    rows, cols = shape
    pts = np.asarray(pts, dtype=np.float64).reshape(-1, 2)
    vals = np.asarray(values, dtype=np.float64)
    if len(vals) == 0:
        return np.zeros(shape, dtype=np.float32)
    # squared distances separate into a row part and a column part: d2[r, c] = dy2[r] + dx2[c]
    dy2 = ((np.arange(rows) + 0.5)[:, None] - pts[:, 0]) ** 2
    dx2 = ((np.arange(cols) + 0.5)[:, None] - pts[:, 1]) ** 2
    dy2, dx2 = dy2.astype(np.float32), dx2.astype(np.float32)
    v = np.column_stack([vals, np.ones_like(vals)]).astype(np.float32)
    out = np.empty(shape, dtype=np.float32)
    step = max(1, CHUNK_ELEMS // (len(vals) * cols))
    for r0 in range(0, rows, step):
        w = dy2[r0 : r0 + step, None, :] + dx2[None, :, :]
        np.maximum(w, np.float32(1e-6), out=w)
        if power == 2.0:
            np.reciprocal(w, out=w)
        else:
            np.power(w, np.float32(-power / 2.0), out=w)
        nd = w @ v  # (R, cols, 2): weighted sum and sum of weights
        out[r0 : r0 + step] = nd[..., 0] / nd[..., 1]
    return out


def force_cells(elev: np.ndarray, pts: np.ndarray, values: np.ndarray) -> None:
    """Set each cell containing control points to the mean of their values (points off the grid ignored)."""
    rows, cols = elev.shape
    rc = np.floor(np.asarray(pts, dtype=np.float64).reshape(-1, 2)).astype(np.int64)
    ok = (rc[:, 0] >= 0) & (rc[:, 0] < rows) & (rc[:, 1] >= 0) & (rc[:, 1] < cols)
    if not ok.any():
        return
    flat = rc[ok, 0] * cols + rc[ok, 1]
    sums = np.bincount(flat, weights=np.asarray(values, dtype=np.float64)[ok], minlength=rows * cols)
    counts = np.bincount(flat, minlength=rows * cols)
    hit = counts > 0
    elev.reshape(-1)[hit] = (sums[hit] / counts[hit]).astype(elev.dtype)


def seeded_noise(shape: tuple[int, int], amplitude_m: float, seed_text: str) -> np.ndarray:
    """Deterministic smooth relief texture (float32, std ~ amplitude) seeded from a text such as the id."""
    seed = int.from_bytes(hashlib.sha256(seed_text.encode()).digest()[:8], "little")
    rng = np.random.default_rng(seed)
    noise = box_smooth(rng.standard_normal(shape), 2)
    std = float(noise.std()) or 1.0
    return (noise / std * amplitude_m).astype(np.float32)


def box_smooth(a: np.ndarray, radius: int) -> np.ndarray:
    """Mean over a (2r+1)^2 window (edges padded by repetition), vectorised with cumulative sums."""
    if radius <= 0:
        return a
    k = 2 * radius + 1
    p = np.pad(a.astype(np.float64), radius, mode="edge")
    c = np.cumsum(np.cumsum(p, axis=0), axis=1)
    c = np.pad(c, ((1, 0), (1, 0)))
    s = c[k:, k:] - c[:-k, k:] - c[k:, :-k] + c[:-k, :-k]
    return (s / (k * k)).astype(a.dtype)


def force_spot_height(elev: np.ndarray, cell: tuple[int, int], value: float, radius: int = 2) -> None:
    """Set ``elev[cell]`` to ``value`` and shift a tapered neighbourhood by the same amount (no spike)."""
    rows, cols = elev.shape
    r, c = cell
    if not (0 <= r < rows and 0 <= c < cols):
        return
    delta = value - float(elev[r, c])
    r0, r1, c0, c1 = max(0, r - radius), min(rows, r + radius + 1), max(0, c - radius), min(cols, c + radius + 1)
    yy, xx = np.meshgrid(np.arange(r0, r1) - r, np.arange(c0, c1) - c, indexing="ij")
    w = np.clip(1.0 - np.hypot(yy, xx) / (radius + 1), 0.0, 1.0)
    elev[r0:r1, c0:c1] += (delta * w).astype(elev.dtype)
    elev[r, c] = value
