"""The terrain grid: ``[row, col]`` numpy layers plus cliff edges between 8-connected cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.core.geo import GeoFrame
from game.core.terrain import TerrainTable

# The 8 neighbour offsets (drow, dcol); bit k of ``Grid.cliff`` refers to DIRS[k].
DIRS: tuple[tuple[int, int], ...] = (
    (-1, -1), (-1, 0), (-1, 1),
    (0, -1), (0, 1),
    (1, -1), (1, 0), (1, 1),
)
OPPOSITE: tuple[int, ...] = tuple(DIRS.index((-dr, -dc)) for dr, dc in DIRS)
DIR_INDEX: dict[tuple[int, int], int] = {d: k for k, d in enumerate(DIRS)}

ROAD_NONE, ROAD_TRACK, ROAD_PAVED = 0, 1, 2


def dir_index(dr: int, dc: int) -> int:
    """Index in DIRS of a unit step; raises ValueError if it is not a neighbour step."""
    k = DIR_INDEX.get((dr, dc))
    if k is None:
        raise ValueError(f"({dr}, {dc}) is not a step to a neighbouring cell")
    return k


@dataclass(frozen=True)
class Place:
    """A named place rasterised onto the grid."""

    id: str
    name: str
    names: tuple[str, ...]
    kind: str  # city, town, village, peak, junction, landmark ...
    lat: float
    lon: float
    row: int
    col: int
    elevation_m: float | None = None  # documented elevation (the grid cell's may differ slightly)


@dataclass
class Grid:
    """All map layers. Arrays are indexed ``[row, col]``; row 0 is north.

    ``terrain`` holds ids into ``table``; ``cliff`` is a uint8 bitmask, bit k set when the step
    ``DIRS[k]`` out of that cell crosses a cliff (always symmetric).
    """

    frame: GeoFrame
    table: TerrainTable
    terrain: np.ndarray  # uint8
    elevation: np.ndarray  # float32, metres
    road: np.ndarray  # uint8: ROAD_NONE / ROAD_TRACK / ROAD_PAVED
    river: np.ndarray  # bool
    cliff: np.ndarray  # uint8 bitmask
    settlement: np.ndarray  # int16: index into ``places`` for settlement cells, -1 elsewhere
    places: list[Place] = field(default_factory=list)
    zones: dict[str, np.ndarray] = field(default_factory=dict)  # zone id -> bool mask
    zone_names: dict[str, str] = field(default_factory=dict)  # zone id -> name shown to players
    roads: dict[str, np.ndarray] = field(default_factory=dict)  # named road id -> bool mask
    road_names: dict[str, str] = field(default_factory=dict)  # named road id -> name shown to players
    cover: np.ndarray = field(init=False)
    concealment: np.ndarray = field(init=False)
    obstacle_m: np.ndarray = field(init=False)
    sight_height: np.ndarray = field(init=False)
    # what the terrain fixes for good, computed once per grid (game.core.memo; a fresh one for a copy)
    memo: dict[str, dict[Any, Any]] = field(init=False, default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.refresh_derived()

    def refresh_derived(self) -> None:
        """Recompute cover, concealment and sight obstacles from the terrain ids."""
        self.cover = self.table.cover[self.terrain]
        self.concealment = self.table.concealment[self.terrain]
        self.obstacle_m = self.table.obstacle_m[self.terrain]
        self.sight_height = self.elevation + self.obstacle_m  # ground plus canopy/buildings

    @property
    def shape(self) -> tuple[int, int]:
        return self.terrain.shape  # type: ignore[return-value]

    @property
    def cell_m(self) -> float:
        return self.frame.cell_m

    def in_bounds(self, r: int, c: int) -> bool:
        rows, cols = self.shape
        return 0 <= r < rows and 0 <= c < cols

    def is_cliff_between(self, a: tuple[int, int], b: tuple[int, int]) -> bool:
        """True when the step from cell ``a`` to the adjacent cell ``b`` crosses a cliff."""
        k = dir_index(b[0] - a[0], b[1] - a[1])
        return bool(self.cliff.item(a[0], a[1]) & (1 << k))

    def place(self, place_id: str) -> Place:
        for p in self.places:
            if p.id == place_id:
                return p
        raise KeyError(place_id)

    def terrain_id(self, r: int, c: int) -> str:
        return self.table.types[int(self.terrain[r, c])].id
