"""Turn a scenario's MapSpec into a ``game.core.grid.Grid`` (geo or ASCII), with places and zones.

Example::

    grid = build_grid(spec.map, table, scenario_id="tiny_test", rep=reporter)
    grid.place("town").row, grid.zones["town_zone"].sum()
"""

from __future__ import annotations

from game.core.grid import Grid
from game.core.terrain import TerrainTable
from game.scenario.elevation import force_spot_height
from game.scenario.errors import Reporter
from game.scenario.places import build_places, build_zones, paint_places
from game.scenario.rasterise_ascii import build_ascii_grid
from game.scenario.schema import MapSpec


def build_grid(spec: MapSpec, table: TerrainTable, *, scenario_id: str, rep: Reporter) -> Grid | None:
    """Rasterise the map, its places and zones; None (problems in ``rep``) when the map is unusable."""
    if spec.ascii is not None:
        grid = build_ascii_grid(spec.ascii, table, rep)
        if grid is None:
            return None
        grid.places = build_places(spec.places, grid.frame)
        _force_place_heights(grid)
    else:
        from game.scenario.rasterise_geo import build_geo_grid

        assert spec.geo is not None
        grid = build_geo_grid(spec.geo, spec.places, table, scenario_id=scenario_id, rep=rep)
        if grid is None:
            return None
    paint_places(grid, spec.places)
    build_zones(grid, spec.zones, {p.id: p for p in spec.places}, rep)
    grid.refresh_derived()
    return grid


def _force_place_heights(grid: Grid) -> None:
    """Give each place with a documented elevation that value at its cell (neighbourhood blended)."""
    for p in grid.places:
        if p.elevation_m is not None:
            force_spot_height(grid.elevation, (p.row, p.col), p.elevation_m)
