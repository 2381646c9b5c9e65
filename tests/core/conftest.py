"""A flat geo map with two named roads into a pocket, for rules that need named roads (ASCII maps have none).

The map is 15 x 25 open cells of 200 m at 1,000 m. ``west_road`` runs along row 7 from column 0 to 8 and
``east_road`` along row 7 from column 16 to 24; between them lies the zone ``pocket`` (radius 400 m around
cell (7, 12)), a settlement (so fire there damages buildings). Far corners are more than 6 cells from
every road, beyond the direct-fire reach of any foot unit.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from game.core.geo import M_PER_DEG_LAT, GeoFrame
from game.core.setup import GameSetup
from game.scenario.load import load_scenario

ROWS, COLS, CELL_M = 15, 25, 200.0
NORTH, WEST = 40.0, 45.0
WEST_ROAD = [(7, c) for c in range(0, 9)]
EAST_ROAD = [(7, c) for c in range(16, 25)]
POCKET = (7, 12)


def _frame() -> GeoFrame:
    south = NORTH - ROWS * CELL_M / M_PER_DEG_LAT
    east = WEST + COLS * CELL_M / (M_PER_DEG_LAT * math.cos(math.radians((south + NORTH) / 2)))
    return GeoFrame(south=south, west=WEST, north=NORTH, east=east, cell_m=CELL_M)


def _points(cells: list[tuple[int, int]]) -> str:
    """A road polyline from its first to its last cell centre, as YAML [[lat, lon], ...]."""
    f = _frame()
    pts = [f.to_latlon(r + 0.5, c + 0.5) for r, c in (cells[0], cells[-1])]
    return "[" + ", ".join(f"[{lat:.7f}, {lon:.7f}]" for lat, lon in pts) + "]"


def roads_map_text(units: str, extra: str = "") -> str:
    f = _frame()
    text = textwrap.dedent(f"""\
        format: 1
        id: two_roads
        title: Two roads into a pocket
        sides:
          - {{id: attacker, name: Attackers, role: attacker}}
          - {{id: defender, name: Defenders, role: defender}}
        time:
          start: 2020-11-01T06:00:00
          end: 2020-11-03T06:00:00
          sunrise_hour: 6
          sunset_hour: 18
          phases:
            - {{start: 2020-11-01T06:00:00, hours: 6}}
        weather:
          - {{start: 2020-11-01T06:00:00, kind: clear}}
        map:
          geo:
            bounds: {{south: {f.south:.9f}, west: {f.west}, north: {f.north}, east: {f.east:.9f}}}
            cell_size_m: {CELL_M:.0f}
            base_terrain: open
            elevation:
              points:
                - {{lat: {f.north - 0.001}, lon: {f.west + 0.001}, elevation_m: 1000}}
            roads:
              - {{id: west_road, name: West road, points: {_points(WEST_ROAD)}}}
              - {{id: east_road, name: East road, points: {_points(EAST_ROAD)}}}
          places:
            - {{id: hamlet, name: Hamlet, kind: village, cell: [{POCKET[0]}, {POCKET[1]}], radius_m: 400, settlement: true}}
          zones:
            - {{id: pocket, name: The pocket, place: hamlet, radius_m: 400}}
        """) + textwrap.dedent(units) + textwrap.dedent(extra)
    if "objectives:" not in extra:
        text += "objectives:\n  - {id: hold, name: Hold, kind: hold_zone, side: defender, points: 1, zone: pocket}\n"
    return text


@pytest.fixture
def make_roads_setup(tmp_path: Path) -> Callable[..., GameSetup]:
    """Build the two-roads scenario with ``units`` (a ``forces:`` block) and ``extra`` top-level sections."""

    def build(*, units: str, extra: str = "") -> GameSetup:
        p = tmp_path / "two_roads.yaml"
        p.write_text(roads_map_text(units, extra))
        setup = load_scenario(p)
        roads = setup.grid.roads
        assert sorted(zip(*roads["west_road"].nonzero(), strict=True)) == WEST_ROAD
        assert sorted(zip(*roads["east_road"].nonzero(), strict=True)) == EAST_ROAD
        return setup

    return build
