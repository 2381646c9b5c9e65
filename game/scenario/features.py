"""Line features on a geo grid: gorges (carved, painted), rivers, roads and cliffs.

All geometry is given as (row, col) float polylines (see ``geometry.latlon_to_rc``). Example: a gorge
400 m wide and 200 m deep along a line turns the cells within 200 m of it into gorge terrain whose
floor lies ~200 m below the ground on either side.
"""

from __future__ import annotations

import numpy as np

from game.core.grid import ROAD_PAVED, ROAD_TRACK, Grid
from game.scenario.cliffs import cliffs_from_polyline
from game.scenario.geometry import densify, polyline_cells, polyline_distance

CHUNK = 2_000_000


def gorge_mask(shape: tuple[int, int], pts: np.ndarray, half_cells: float) -> tuple[np.ndarray, np.ndarray]:
    """Cells within ``half_cells`` of the line (and every cell it passes through); distances (inf outside)."""
    dist = polyline_distance(shape, pts, max(half_cells, 0.5))
    r, c = polyline_cells(pts, shape)
    dist[r, c] = np.minimum(dist[r, c], half_cells)
    return np.isfinite(dist), dist


def carve_gorge(elev: np.ndarray, pts: np.ndarray, half_cells: float, depth_m: float) -> np.ndarray:
    """Lower the ground along a gorge so its floor is ``depth_m`` below the rims; returns the gorge mask.

    The floor profile follows the rims' mean elevation minus the depth and is made monotone (never
    rising) in the direction in which the line descends overall; the walls rise quadratically to the rim.
    """
    mask, dist = gorge_mask(elev.shape, pts, half_cells)
    if not mask.any():
        return mask
    line, normal = _frame_of_line(pts, 1.0)
    off = half_cells + 1.5
    rims = [_sample(elev, line + sgn * off * normal) for sgn in (-1.0, 1.0)]
    floor = (rims[0] + rims[1]) / 2.0 - depth_m
    if floor[0] >= floor[-1]:
        floor = np.minimum.accumulate(floor)
    else:
        floor = np.minimum.accumulate(floor[::-1])[::-1]
    rr, cc = np.nonzero(mask)
    nearest = _nearest(rr, cc, line)
    frac = np.clip(dist[rr, cc] / max(half_cells, 0.5), 0.0, 1.0)
    carved = floor[nearest] + depth_m * frac**2
    elev[rr, cc] = np.minimum(elev[rr, cc], carved.astype(elev.dtype))
    return mask


def _frame_of_line(pts: np.ndarray, step: float) -> tuple[np.ndarray, np.ndarray]:
    """Points every ``step`` cells along a polyline and the unit normal (to the left) at each."""
    line, _ = densify(pts, step)
    tangent = np.gradient(line, axis=0)
    norm = np.hypot(tangent[:, 0], tangent[:, 1])
    norm[norm == 0] = 1.0
    return line, np.stack([-tangent[:, 1], tangent[:, 0]], axis=1) / norm[:, None]


def _nearest(rr: np.ndarray, cc: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Index of the nearest line point to each cell centre (chunked to bound memory)."""
    nearest = np.empty(len(rr), dtype=np.int64)
    step = max(1, CHUNK // len(line))
    for s in range(0, len(rr), step):
        dy = rr[s : s + step, None] + 0.5 - line[None, :, 0]
        dx = cc[s : s + step, None] + 0.5 - line[None, :, 1]
        nearest[s : s + step] = np.argmin(dy * dy + dx * dx, axis=1)
    return nearest


def cliff_relief(elev: np.ndarray, pts: np.ndarray, relief_m: float, width_cells: float = 3.0) -> None:
    """Lower the foot of a cliff so the ground drops by about ``relief_m`` across the line.

    The high side is the side whose ground beside the line is higher on average. Where the drop one
    cell either side of the line is less than ``relief_m``, low-side cells are lowered by the missing
    amount, fully next to the line and tapering to nothing ``width_cells`` away (a scree slope).
    """
    if relief_m <= 0:
        return
    line, normal = _frame_of_line(pts, 0.5)
    left = _sample(elev, line + normal)
    right = _sample(elev, line - normal)
    high_left = left.mean() >= right.mean()
    top, low = (left, right) if high_left else (right, left)
    deficit = np.clip(relief_m - (top - low), 0.0, None)
    if not deficit.any():
        return
    dist = polyline_distance(elev.shape, pts, width_cells)
    rr, cc = np.nonzero(np.isfinite(dist))
    if len(rr) == 0:
        return
    j = _nearest(rr, cc, line)
    side = (rr + 0.5 - line[j, 0]) * normal[j, 0] + (cc + 0.5 - line[j, 1]) * normal[j, 1]
    on_low = side < 0 if high_left else side > 0
    taper = np.clip(1.0 - (dist[rr, cc] - 0.5) / width_cells, 0.0, 1.0)
    drop = np.where(on_low, deficit[j] * taper, 0.0)
    elev[rr, cc] -= drop.astype(elev.dtype)


def _sample(elev: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """Elevation of the cells containing ``pts`` (clamped to the grid)."""
    r = np.clip(np.floor(pts[:, 0]).astype(np.int64), 0, elev.shape[0] - 1)
    c = np.clip(np.floor(pts[:, 1]).astype(np.int64), 0, elev.shape[1] - 1)
    return elev[r, c].astype(np.float64)


def draw_river(grid: Grid, pts: np.ndarray) -> None:
    """Mark the cells a river polyline passes through."""
    r, c = polyline_cells(pts, grid.shape)
    grid.river[r, c] = True


def draw_road(grid: Grid, pts: np.ndarray, *, road_id: str, kind: str, named: bool) -> None:
    """Draw an 8-connected road (paved or track; paved wins where roads meet) and keep its named mask."""
    r, c = polyline_cells(pts, grid.shape)
    level = ROAD_PAVED if kind == "paved" else ROAD_TRACK
    grid.road[r, c] = np.maximum(grid.road[r, c], level)
    if named:
        mask = np.zeros(grid.shape, dtype=bool)
        mask[r, c] = True
        grid.roads[road_id] = mask


def draw_cliff(grid: Grid, pts: np.ndarray) -> None:
    """Set cliff edges (both directions) between all adjacent cells whose step crosses the polyline."""
    cliffs_from_polyline(pts, grid.cliff)
