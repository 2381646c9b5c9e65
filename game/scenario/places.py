"""Places, zones and positions: put named places on the grid, paint their extent, build zone masks."""

from __future__ import annotations

import numpy as np

from game.core.geo import GeoFrame
from game.core.grid import Grid, Place
from game.scenario.errors import Reporter
from game.scenario.geometry import circle_mask, latlon_to_rc, points_in_polygon
from game.scenario.schema import CellRef, PlaceSpec, ZoneSpec


def place_point(spec: PlaceSpec, frame: GeoFrame) -> tuple[float, float] | None:
    """Continuous (row, col) of a place: its lat/lon, or the centre of its ``cell``; None if neither."""
    if spec.lat is not None and spec.lon is not None:
        return frame.to_rc_float(spec.lat, spec.lon)
    if spec.cell is not None:
        return spec.cell[0] + 0.5, spec.cell[1] + 0.5
    return None


def build_places(specs: list[PlaceSpec], frame: GeoFrame) -> list[Place]:
    """Core Place objects (row/col from lat/lon or cell; lat/lon from the cell centre when not given)."""
    out = []
    for s in specs:
        pt = place_point(s, frame) or (-1.0, -1.0)
        row, col = int(np.floor(pt[0])), int(np.floor(pt[1]))
        if s.lat is not None and s.lon is not None:
            lat, lon = s.lat, s.lon
        else:
            lat, lon = frame.to_latlon(row + 0.5, col + 0.5)
        out.append(Place(id=s.id, name=s.name, names=tuple(s.names) or (s.name,), kind=s.kind,
                         lat=lat, lon=lon, row=row, col=col, elevation_m=s.elevation_m))
    return out


def extent_mask(shape: tuple[int, int], point: tuple[float, float], radius_cells: float) -> np.ndarray:
    """Cells within ``radius_cells`` of ``point``, always including the cell containing it."""
    mask = circle_mask(shape, point, radius_cells)
    r, c = int(np.floor(point[0])), int(np.floor(point[1]))
    if 0 <= r < shape[0] and 0 <= c < shape[1]:
        mask[r, c] = True
    return mask


def paint_places(grid: Grid, specs: list[PlaceSpec]) -> None:
    """Paint place terrain over their extent and mark settlement cells with the place index."""
    for i, s in enumerate(specs):
        if s.terrain is None and not s.settlement:
            continue
        pt = place_point(s, grid.frame)
        if pt is None or s.terrain is not None and s.terrain not in grid.table.ids:
            continue
        mask = extent_mask(grid.shape, pt, s.radius_m / grid.cell_m)
        if s.terrain is not None:
            grid.terrain[mask] = grid.table.index(s.terrain)
        if s.settlement:
            grid.settlement[mask] = i


def build_zones(grid: Grid, specs: list[ZoneSpec], places: dict[str, PlaceSpec], rep: Reporter) -> None:
    """Fill ``grid.zones`` with a bool mask per zone (circle around a place, or a lat/lon polygon)."""
    for i, z in enumerate(specs):
        path = ("map", "zones", i)
        mask = np.zeros(grid.shape, dtype=bool)
        if z.polygon is not None:
            mask |= points_in_polygon(grid.shape, latlon_to_rc(grid.frame, np.array(z.polygon)))
        if z.place is not None:
            spec = places.get(z.place)
            pt = place_point(spec, grid.frame) if spec else None
            if pt is not None:
                mask |= extent_mask(grid.shape, pt, z.radius_m / grid.cell_m)
        if z.polygon is None and z.place is None:
            rep.add(path, "a zone needs a place (with radius_m) or a polygon")
        elif not mask.any():
            rep.add(path, f"zone {z.id!r} covers no cell of the map")
        grid.zones[z.id] = mask
        grid.zone_names[z.id] = z.name


def resolve_ref(ref: CellRef, frame: GeoFrame, places: dict[str, Place]) -> tuple[int, int] | None:
    """The (row, col) a CellRef names, or None when it names an unknown place."""
    if ref.place is not None:
        p = places.get(ref.place)
        return (p.row, p.col) if p else None
    if ref.cell is not None:
        return ref.cell[0], ref.cell[1]
    assert ref.lat is not None and ref.lon is not None
    return frame.to_cell(ref.lat, ref.lon)


def ref_latlon(ref: CellRef, frame: GeoFrame, places: dict[str, Place]) -> tuple[float, float]:
    """Lat/lon a CellRef names (a cell's centre for ``cell``); (nan, nan) for an unknown place."""
    if ref.place is not None:
        p = places.get(ref.place)
        return (p.lat, p.lon) if p else (float("nan"), float("nan"))
    if ref.cell is not None:
        return frame.to_latlon(ref.cell[0] + 0.5, ref.cell[1] + 0.5)
    assert ref.lat is not None and ref.lon is not None
    return ref.lat, ref.lon
