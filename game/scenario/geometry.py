"""Vectorised geometry on the grid's continuous (row, col) plane: cell (r, c) spans [r, r+1) x [c, c+1).

Distances are in cells (multiply by ``cell_m`` for metres: the frame has square cells). Example::

    poly = np.array([[0.0, 0.0], [0.0, 4.0], [4.0, 4.0], [4.0, 0.0]])   # (row, col) vertices
    points_in_polygon((6, 6), poly)[:, :5].sum() == 16   # the 4 x 4 cells whose centres lie inside
"""

from __future__ import annotations

import numpy as np
import tcod.los

from game.core.geo import M_PER_DEG_LAT, GeoFrame


def latlon_to_rc(frame: GeoFrame, latlon: np.ndarray) -> np.ndarray:
    """Convert an (n, 2) array of (lat, lon) into continuous (row, col) coordinates."""
    ll = np.asarray(latlon, dtype=np.float64).reshape(-1, 2)
    y = (frame.north - ll[:, 0]) * M_PER_DEG_LAT / frame.cell_m
    x = (ll[:, 1] - frame.west) * frame.m_per_deg_lon / frame.cell_m
    return np.stack([y, x], axis=1)


def points_in_polygon(shape: tuple[int, int], poly: np.ndarray) -> np.ndarray:
    """Bool mask of cells whose centres lie inside ``poly`` ((n, 2) row/col vertices, even-odd rule)."""
    rows, cols = shape
    mask = np.zeros(shape, dtype=bool)
    p = np.asarray(poly, dtype=np.float64)
    if len(p) < 3:
        return mask
    r0 = max(0, int(np.floor(p[:, 0].min())))
    r1 = min(rows, int(np.ceil(p[:, 0].max())) + 1)
    if r0 >= r1:
        return mask
    y1, x1 = p[:, 0], p[:, 1]
    y2, x2 = np.roll(y1, -1), np.roll(x1, -1)
    yc = np.arange(r0, r1, dtype=np.float64)[:, None] + 0.5  # (R, 1) row centres
    spans = (y1 <= yc) != (y2 <= yc)  # (R, E) edges crossing each row's centre line
    with np.errstate(divide="ignore", invalid="ignore"):
        xs = x1 + (yc - y1) * (x2 - x1) / (y2 - y1)
    xs = np.sort(np.where(spans, xs, np.inf), axis=1)
    xc = np.arange(cols, dtype=np.float64) + 0.5
    for i in range(r1 - r0):
        mask[r0 + i] = np.searchsorted(xs[i], xc) % 2 == 1
    return mask


def segment_distance(py: np.ndarray, px: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance from points (py, px) to the segment a-b (row, col pairs)."""
    dy, dx = b[0] - a[0], b[1] - a[1]
    len2 = dy * dy + dx * dx
    t = np.zeros_like(py) if len2 == 0 else np.clip(((py - a[0]) * dy + (px - a[1]) * dx) / len2, 0.0, 1.0)
    return np.hypot(py - (a[0] + t * dy), px - (a[1] + t * dx))


def polyline_distance(shape: tuple[int, int], pts: np.ndarray, max_dist: float) -> np.ndarray:
    """Distance (cells) from each cell centre to the polyline; ``inf`` where farther than ``max_dist``."""
    rows, cols = shape
    out = np.full(shape, np.inf)
    for a, b in zip(pts[:-1], pts[1:], strict=True):
        r0 = max(0, int(np.floor(min(a[0], b[0]) - max_dist)))
        r1 = min(rows, int(np.ceil(max(a[0], b[0]) + max_dist)) + 1)
        c0 = max(0, int(np.floor(min(a[1], b[1]) - max_dist)))
        c1 = min(cols, int(np.ceil(max(a[1], b[1]) + max_dist)) + 1)
        if r0 >= r1 or c0 >= c1:
            continue
        py, px = np.meshgrid(np.arange(r0, r1) + 0.5, np.arange(c0, c1) + 0.5, indexing="ij")
        d = segment_distance(py, px, a, b)
        win = out[r0:r1, c0:c1]
        np.minimum(win, np.where(d <= max_dist, d, np.inf), out=win)
    return out


def circle_mask(shape: tuple[int, int], centre: tuple[float, float], radius: float) -> np.ndarray:
    """Cells whose centres lie within ``radius`` cells of the continuous point ``centre``."""
    rows, cols = shape
    ry = np.arange(rows)[:, None] + 0.5 - centre[0]
    cx = np.arange(cols)[None, :] + 0.5 - centre[1]
    return ry * ry + cx * cx <= radius * radius


def polyline_cells(pts: np.ndarray, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols) of the 8-connected cells a polyline passes through (Bresenham), clipped to the grid."""
    cells = np.floor(np.asarray(pts, dtype=np.float64)).astype(np.int64)
    parts = [tcod.los.bresenham(tuple(a), tuple(b)) for a, b in zip(cells[:-1], cells[1:], strict=True)]
    allc = np.concatenate(parts) if parts else cells[:1]
    ok = (allc[:, 0] >= 0) & (allc[:, 0] < shape[0]) & (allc[:, 1] >= 0) & (allc[:, 1] < shape[1])
    return allc[ok, 0], allc[ok, 1]


def densify(pts: np.ndarray, step: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Points every ~``step`` along a polyline, and for each its fraction (0..1) along the whole line."""
    p = np.asarray(pts, dtype=np.float64)
    seg = np.hypot(*np.diff(p[:, :2], axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    total = cum[-1]
    n = max(2, int(np.ceil(total / step)) + 1)
    s = np.linspace(0.0, total, n)
    out = np.stack([np.interp(s, cum, p[:, k]) for k in range(p.shape[1])], axis=1)
    return out, (s / total if total > 0 else np.zeros(n))


def _orient(ay, ax, by, bx, py, px):  # type: ignore[no-untyped-def]
    return (by - ay) * (px - ax) - (bx - ax) * (py - ay)


def crossing_pairs(shape: tuple[int, int], a: np.ndarray, b: np.ndarray, d: tuple[int, int]) -> np.ndarray:
    """Bool mask over cells X: the centre-to-centre step X -> X + d crosses segment a-b (endpoints count)."""
    rows, cols = shape
    mask = np.zeros(shape, dtype=bool)
    r0 = max(0, int(np.floor(min(a[0], b[0]))) - 2)
    r1 = min(rows, int(np.ceil(max(a[0], b[0]))) + 2)
    c0 = max(0, int(np.floor(min(a[1], b[1]))) - 2)
    c1 = min(cols, int(np.ceil(max(a[1], b[1]))) + 2)
    if r0 >= r1 or c0 >= c1:
        return mask
    py, px = np.meshgrid(np.arange(r0, r1) + 0.5, np.arange(c0, c1) + 0.5, indexing="ij")
    qy, qx = py + d[0], px + d[1]
    eps = 1e-12
    d1 = _orient(a[0], a[1], b[0], b[1], py, px)
    d2 = _orient(a[0], a[1], b[0], b[1], qy, qx)
    d3 = _orient(py, px, qy, qx, a[0], a[1])
    d4 = _orient(py, px, qy, qx, b[0], b[1])
    hit = (d1 * d2 <= eps) & (d3 * d4 <= eps)
    collinear = (np.abs(d1) <= eps) & (np.abs(d2) <= eps)
    if collinear.any():  # collinear: only when the two segments overlap
        lo_y, hi_y = min(a[0], b[0]), max(a[0], b[0])
        lo_x, hi_x = min(a[1], b[1]), max(a[1], b[1])
        overlap = ((np.maximum(py, qy) >= lo_y) & (np.minimum(py, qy) <= hi_y)
                   & (np.maximum(px, qx) >= lo_x) & (np.minimum(px, qx) <= hi_x))
        hit &= ~collinear | overlap
    ok = (qy >= 0) & (qy < rows) & (qx >= 0) & (qx < cols)
    mask[r0:r1, c0:c1] = hit & ok
    return mask
