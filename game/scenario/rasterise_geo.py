"""Rasterise a lat/lon map (bounds, cell size, control points, polygons, polylines) into a Grid.

Order: elevation (IDW of points and densified lines, noise, smoothing, control cells exact) -> gorges
carved -> cliff feet lowered to their relief -> documented place heights -> terrain (base, areas in order, gorges) -> rivers, roads, cliffs.
"""

from __future__ import annotations

import numpy as np

from game.core.geo import GeoFrame
from game.core.grid import Grid
from game.core.terrain import TerrainTable
from game.scenario.elevation import box_smooth, force_cells, force_spot_height, idw, seeded_noise
from game.scenario.errors import Reporter
from game.scenario.features import carve_gorge, cliff_relief, draw_cliff, draw_river, draw_road
from game.scenario.geometry import densify, latlon_to_rc, points_in_polygon
from game.scenario.places import build_places
from game.scenario.schema import ElevationSpec, GeoMapSpec, PlaceSpec

MAX_CELLS = 4_000_000
BASE = ("map", "geo")


def geo_frame(spec: GeoMapSpec, rep: Reporter) -> GeoFrame | None:
    """The frame of the map, or None (with a problem) if the bounds are empty or the grid too big."""
    b = spec.bounds
    if b.south >= b.north or b.west >= b.east:
        rep.add((*BASE, "bounds"), "expected south < north and west < east")
        return None
    frame = GeoFrame(south=b.south, west=b.west, north=b.north, east=b.east, cell_m=spec.cell_size_m)
    rows, cols = frame.shape
    if rows * cols > MAX_CELLS:
        rep.add((*BASE, "cell_size_m"),
                f"the map would be {rows:,} x {cols:,} = {rows * cols:,} cells (the limit is {MAX_CELLS:,}); "
                "use a larger cell_size_m or smaller bounds")
        return None
    return frame


def build_elevation(spec: ElevationSpec, frame: GeoFrame, shape: tuple[int, int], seed_text: str) -> np.ndarray:
    """Elevation grid (float32 m) from control points and lines, with optional noise and smoothing."""
    pts = latlon_to_rc(frame, np.array([[p.lat, p.lon] for p in spec.points]))
    vals = np.array([p.elevation_m for p in spec.points], dtype=np.float64)
    line_pts, line_vals = [], []
    for ln in spec.lines:
        raw = np.array(ln.points, dtype=np.float64)
        rc = np.column_stack([latlon_to_rc(frame, raw[:, :2]), raw[:, 2]])
        dense, _ = densify(rc, 1.0)
        line_pts.append(dense[:, :2])
        line_vals.append(dense[:, 2])
    all_pts = np.concatenate([pts, *line_pts]) if line_pts else pts
    all_vals = np.concatenate([vals, *line_vals]) if line_vals else vals
    elev = idw(shape, all_pts, all_vals, spec.power)
    if spec.noise_m > 0:
        elev += seeded_noise(shape, spec.noise_m, seed_text)
    if spec.smooth_cells > 0:
        elev = box_smooth(elev, spec.smooth_cells)
    if line_pts:
        force_cells(elev, np.concatenate(line_pts), np.concatenate(line_vals))
    force_cells(elev, pts, vals)
    return elev


def build_geo_grid(spec: GeoMapSpec, places: list[PlaceSpec], table: TerrainTable, *, scenario_id: str,
                   rep: Reporter) -> Grid | None:
    """Build the Grid of a geo map with its places; None (problems in ``rep``) when it cannot."""
    frame = geo_frame(spec, rep)
    if frame is None:
        return None
    ids = table.ids
    used = [spec.base_terrain, *(a.terrain for a in spec.terrain_areas), *(g.terrain for g in spec.gorges)]
    if any(t not in ids for t in used):
        return None  # reported by checks.check_terrain
    shape = frame.shape
    elev = build_elevation(spec.elevation, frame, shape, scenario_id)
    gorges = []
    for g in spec.gorges:
        pts = latlon_to_rc(frame, np.array(g.points))
        gorges.append((g, carve_gorge(elev, pts, g.width_m / 2 / frame.cell_m, g.depth_m)))
    cliffs = [latlon_to_rc(frame, np.array(c.points)) for c in spec.cliffs]
    for c, pts in zip(spec.cliffs, cliffs, strict=True):
        cliff_relief(elev, pts, c.relief_m)
    grid = Grid(frame=frame, table=table, terrain=np.full(shape, table.index(spec.base_terrain), dtype=np.uint8),
                elevation=elev, road=np.zeros(shape, dtype=np.uint8), river=np.zeros(shape, dtype=bool),
                cliff=np.zeros(shape, dtype=np.uint8), settlement=np.full(shape, -1, dtype=np.int16))
    grid.places = build_places(places, frame)
    for p in grid.places:
        if p.elevation_m is not None:
            force_spot_height(grid.elevation, (p.row, p.col), p.elevation_m)
    for a in spec.terrain_areas:
        mask = (points_in_polygon(shape, latlon_to_rc(frame, np.array(a.polygon)))
                if a.polygon is not None else np.ones(shape, dtype=bool))
        if a.min_elevation_m is not None:
            mask &= grid.elevation >= a.min_elevation_m
        if a.max_elevation_m is not None:
            mask &= grid.elevation <= a.max_elevation_m
        grid.terrain[mask] = table.index(a.terrain)
    for g, mask in gorges:
        grid.terrain[mask] = table.index(g.terrain)
    for r in spec.rivers:
        draw_river(grid, latlon_to_rc(frame, np.array(r.points)))
    for rd in spec.roads:
        draw_road(grid, latlon_to_rc(frame, np.array(rd.points)), road_id=rd.id, kind=rd.kind, named=rd.named)
        if rd.named:
            grid.road_names[rd.id] = rd.name
    for pts in cliffs:
        draw_cliff(grid, pts)
    return grid
