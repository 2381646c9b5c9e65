"""Elevation surfaces: inverse-distance weighting of control points, noise, smoothing, forced spot heights.

Example: two control points at cells (0, 0) = 1000 m and (9, 9) = 2000 m on a 10 x 10 grid give
exactly those values in their cells and ~1500 m on the anti-diagonal.
"""

from __future__ import annotations

import hashlib

import numpy as np

CHUNK_ELEMS = 1_000_000  # cells x control points evaluated at once
EXACT_WORK = 12_000_000  # above this many cell x point pairs, evaluate every 2nd cell and interpolate


def idw(shape: tuple[int, int], pts: np.ndarray, values: np.ndarray, power: float) -> np.ndarray:
    """Inverse-distance-weighted surface (float32) at cell centres from (n, 2) row/col points.

    Large jobs are evaluated on every second row and column (plus the last) and bilinearly
    interpolated in between: IDW with power > 1 is smooth, and control cells are forced afterwards.
    """
    rows, cols = shape
    pts = np.asarray(pts, dtype=np.float64).reshape(-1, 2)
    vals = np.asarray(values, dtype=np.float64)
    if len(vals) == 0:
        return np.zeros(shape, dtype=np.float32)
    if rows * cols * len(vals) <= EXACT_WORK or power <= 1.0:
        return idw_at(np.arange(rows) + 0.5, np.arange(cols) + 0.5, pts, vals, power)
    rs, cs = _samples(rows), _samples(cols)
    coarse = idw_at(rs + 0.5, cs + 0.5, pts, vals, power).astype(np.float64)
    return _lerp(_lerp(coarse, rows, rs), cols, cs, axis=1).astype(np.float32)


def idw_at(yc: np.ndarray, xc: np.ndarray, pts: np.ndarray, vals: np.ndarray, power: float) -> np.ndarray:
    """IDW values (float32) at the points (yc[i], xc[j]) of a rectilinear lattice.

    Only element-wise arithmetic, summed point by point in a fixed order: no BLAS (a matrix product's rounding
    depends on the CPU's kernel, and a last-bit difference in one cell's height changes seeded games)."""
    # squared distances separate into a row part and a column part: d2[k, i, j] = dy2[k, i] + dx2[k, j]
    dy2 = ((yc[None, :] - pts[:, :1]) ** 2 + 1e-6).astype(np.float32)  # + 1e-6: never divide by zero
    dx2 = ((xc[None, :] - pts[:, 1:]) ** 2).astype(np.float32)
    v = vals.astype(np.float32)
    out = np.empty((len(yc), len(xc)), dtype=np.float32)
    step = max(1, CHUNK_ELEMS // (len(vals) * len(xc)))
    for r0 in range(0, len(yc), step):
        w = dy2[:, r0 : r0 + step, None] + dx2[:, None, :]  # (points, rows, cols): each point's weights contiguous
        _inverse_power(w, power / 2.0)
        # weighted sum and sum of weights over the points, added one point after another (an outer-axis reduction
        # adds whole slices in index order, whatever the SIMD width)
        num = np.add.reduce(w * v[:, None, None], axis=0)
        den = np.add.reduce(w, axis=0)
        out[r0 : r0 + step] = num / den
    return out


def _inverse_power(x: np.ndarray, e: float) -> None:
    """x <- x ** -e in place; quarter exponents use sqrt and products (several times faster than pow)."""
    q = e * 4
    if q != round(q) or not 0 < q <= 16:
        np.power(x, np.float32(-e), out=x)
        return
    whole, frac = divmod(int(round(q)), 4)  # x**e = x**whole * x**(frac / 4)
    root = None
    if frac:
        root = np.sqrt(x)
        if frac == 1:
            np.sqrt(root, out=root)
        elif frac == 3:
            root *= np.sqrt(root)
    if whole == 0:
        np.copyto(x, root)
    else:
        base = x.copy() if whole > 1 else None
        for _ in range(whole - 1):
            x *= base
        if root is not None:
            x *= root
    np.reciprocal(x, out=x)


def _samples(n: int) -> np.ndarray:
    """Every second index from 0, plus the last."""
    idx = np.arange(0, n, 2)
    return idx if idx[-1] == n - 1 else np.append(idx, n - 1)


def _lerp(a: np.ndarray, n: int, samples: np.ndarray, axis: int = 0) -> np.ndarray:
    """``a`` (values at ``samples`` along ``axis``) interpolated linearly onto 0..n-1 along that axis."""
    if len(samples) == 1:
        return np.repeat(a, n, axis=axis)
    k = np.clip(np.searchsorted(samples, np.arange(n), side="right") - 1, 0, len(samples) - 2)
    lo, hi = samples[k], samples[k + 1]
    t = (np.arange(n) - lo) / (hi - lo)
    shape = [1, 1]
    shape[axis] = n
    t = t.reshape(shape)
    return np.take(a, k, axis=axis) * (1.0 - t) + np.take(a, k + 1, axis=axis) * t


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
