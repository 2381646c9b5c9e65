"""Numpy raster helpers for the map: resampling, hill-shade, contours and procedural noise.

Everything works on ``[row, col]`` arrays; a map rendered at ``px`` pixels per cell has
``(rows * px, cols * px)`` pixels, and pixel ``(y, x)`` lies in cell ``(y // px, x // px)``.
"""

from __future__ import annotations

import math

import numpy as np


def nearest(a: np.ndarray, px: int) -> np.ndarray:
    """Blow up a cell array to pixels by repetition: ``nearest(a, 2)[3, 1] == a[1, 0]``."""
    return np.repeat(np.repeat(a, px, axis=0), px, axis=1)


def _axis_weights(n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indices and weights for linear resampling of ``n_in`` samples (at cell centres) to ``n_out``."""
    pos = (np.arange(n_out, dtype=np.float32) + 0.5) * (n_in / n_out) - 0.5
    pos = np.clip(pos, 0.0, n_in - 1.0)
    i0 = np.floor(pos).astype(np.intp)
    i1 = np.minimum(i0 + 1, n_in - 1)
    return i0, i1, (pos - i0).astype(np.float32)


def bilinear(a: np.ndarray, shape: tuple[int, int], rows: tuple[int, int] | None = None) -> np.ndarray:
    """Resample a 2-D array to ``shape`` by bilinear interpolation between cell centres (float32).

    ``rows=(y0, y1)`` computes only those output rows (for rendering in strips).
    """
    a = np.asarray(a, dtype=np.float32)
    r0, r1, wr = _axis_weights(a.shape[0], shape[0])
    c0, c1, wc = _axis_weights(a.shape[1], shape[1])
    if rows is not None:
        r0, r1, wr = r0[rows[0]:rows[1]], r1[rows[0]:rows[1]], wr[rows[0]:rows[1]]
    out = a[r0] * (1 - wr)[:, None] + a[r1] * wr[:, None]
    return out[:, c0] * (1 - wc)[None, :] + out[:, c1] * wc[None, :]


def hillshade(elevation: np.ndarray, cell_m: float, *, azimuth_deg: float = 315.0,
              altitude_deg: float = 45.0, z_factor: float = 1.0) -> np.ndarray:
    """Lambertian hill-shade of an elevation grid, 1.0 on flat ground (light from the NW by default).

    Returns float32 ``[row, col]``: > 1 on slopes facing the light, < 1 on slopes facing away. Example:
    a slope falling toward the south-east is darker than one falling toward the north-west.
    """
    z = np.asarray(elevation, dtype=np.float32) * z_factor
    dz_dy, dz_dx = np.gradient(z, cell_m)  # y grows southward (row), x eastward (col)
    az = math.radians(azimuth_deg)
    alt = math.radians(altitude_deg)
    # Unit vector toward the light: azimuth clockwise from north; north is -y.
    lx, ly, lz = math.cos(alt) * math.sin(az), -math.cos(alt) * math.cos(az), math.sin(alt)
    norm = np.sqrt(dz_dx * dz_dx + dz_dy * dz_dy + 1.0)
    shade = (-dz_dx * lx - dz_dy * ly + lz) / norm
    return np.clip(shade, 0.0, None) / lz


def contour_masks(elev_px: np.ndarray, interval: float, major_every: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixels on contour lines of a pixel elevation array: ``(minor, major)`` bool masks.

    A pixel is on a contour when the contour band (``floor(e / interval)``) differs from its right or
    lower neighbour's. Major lines (every ``major_every`` intervals) are two pixels thick.
    """
    band = np.floor(elev_px / interval).astype(np.int32)
    edge = np.zeros(band.shape, dtype=bool)
    level = np.zeros(band.shape, dtype=np.int32)
    dx = band[:, :-1] != band[:, 1:]
    dy = band[:-1, :] != band[1:, :]
    edge[:, :-1] |= dx
    edge[:-1, :] |= dy
    level[:, :-1] = np.maximum(band[:, :-1], band[:, 1:])
    level[:-1, :] = np.where(dy, np.maximum(band[:-1, :], band[1:, :]), level[:-1, :])
    major = edge & (level % major_every == 0)
    thick = major.copy()
    thick[1:, :] |= major[:-1, :]
    thick[:, 1:] |= major[:, :-1]
    return edge & ~thick, thick


def periodic_noise(size: int, period: float, seed: int) -> np.ndarray:
    """Smooth noise in [0, 1] on a ``size`` x ``size`` tile that wraps seamlessly, features ~``period`` px."""
    n = max(1, int(round(size / max(period, 1.0))))
    lattice = np.random.default_rng(seed).random((n, n), dtype=np.float32)
    pos = (np.arange(size, dtype=np.float32) + 0.5) * (n / size)
    i0 = np.floor(pos).astype(np.intp)
    w = pos - i0
    w = w * w * (3 - 2 * w)  # smoothstep: no visible lattice lines
    i0 %= n
    i1 = (i0 + 1) % n
    rows = lattice[i0] * (1 - w)[:, None] + lattice[i1] * w[:, None]
    return rows[:, i0] * (1 - w)[None, :] + rows[:, i1] * w[None, :]


def periodic_cells(size: int, spacing: float, seed: int, offset: tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
    """Distance (in units of ``spacing``) from each pixel of a wrapping tile to the nearest of a set of
    jittered points, one per ``spacing``-px grid cell (Worley noise): small near points, ~0.7 between.

    ``offset`` shifts the pixels (in px) before measuring, e.g. to place a highlight on one side.
    """
    n = max(1, int(round(size / max(spacing, 1.0))))
    g = size / n
    pts = np.random.default_rng(seed).random((n, n, 2), dtype=np.float32) * 0.8 + 0.1
    y = (np.arange(size, dtype=np.float32) + 0.5 + offset[0]) / g
    x = (np.arange(size, dtype=np.float32) + 0.5 + offset[1]) / g
    iy, ix = np.floor(y).astype(np.intp), np.floor(x).astype(np.intp)
    best = np.full((size, size), 9.0, dtype=np.float32)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            cy, cx = iy + dy, ix + dx
            p = pts[(cy % n)[:, None], (cx % n)[None, :]]
            ddy = (cy[:, None] + p[..., 0]) - y[:, None]
            ddx = (cx[None, :] + p[..., 1]) - x[None, :]
            np.minimum(best, np.sqrt(ddy * ddy + ddx * ddx), out=best)
    return best


def diagonal(size: int, period: int, width: int = 1) -> np.ndarray:
    """Bool ``size`` x ``size`` tile of diagonal hatching (top-left to bottom-right); tiles if period | size."""
    y = np.arange(size, dtype=np.int32)[:, None]
    x = np.arange(size, dtype=np.int32)[None, :]
    return ((x - y) % period) < width


def hash01(a: np.ndarray, b: np.ndarray, seed: int) -> np.ndarray:
    """Deterministic pseudo-random value in [0, 1) for each pair of integers (e.g. block coordinates)."""
    h = (a.astype(np.uint32) * np.uint32(73856093)) ^ (b.astype(np.uint32) * np.uint32(19349663))
    h ^= np.uint32(seed * 83492791 & 0xFFFFFFFF)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0x5BD1E995)
    h ^= h >> np.uint32(15)
    return (h & np.uint32(0xFFFF)).astype(np.float32) / 65536.0
