"""The terrain grid: ``[row, col]`` numpy layers plus cliff edges between 8-connected cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.core.geo import GeoFrame
from game.core.steps import DIR_INDEX, DIRS, OPPOSITE, crosses_cliff, not_a_step, step_index
from game.core.terrain import TerrainTable

ROAD_NONE, ROAD_TRACK, ROAD_PAVED = 0, 1, 2

# the step tables live in game.core.steps (compiled in the native build); the grid's users find them here too
__all__ = ["DIRS", "DIR_INDEX", "OPPOSITE", "ROAD_NONE", "ROAD_PAVED", "ROAD_TRACK", "Grid", "Place",
           "dir_index"]


def dir_index(dr: int, dc: int) -> int:
    """Index in DIRS of a unit step; raises ValueError if it is not a neighbour step."""
    k = step_index(int(dr), int(dc))
    if k < 0:
        raise not_a_step(dr, dc)
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
    # plain attributes rather than properties: the compiled rules read them thousands of times a game
    shape: tuple[int, int] = field(init=False, repr=False, compare=False)  # (rows, cols) of every layer
    cell_m: float = field(init=False, repr=False, compare=False)  # metres per cell: ``frame.cell_m``
    # what the terrain fixes for good, computed once per grid (game.core.memo; a fresh one for a copy)
    memo: dict[str, dict[Any, Any]] = field(init=False, default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.cell_m = self.frame.cell_m
        self.refresh_derived()

    def refresh_derived(self) -> None:
        """Recompute the shape, cover, concealment and sight obstacles from the terrain ids."""
        self.shape = self.terrain.shape  # type: ignore[assignment]
        self.cover = self.table.cover[self.terrain]
        self.concealment = self.table.concealment[self.terrain]
        self.obstacle_m = self.table.obstacle_m[self.terrain]
        self.sight_height = self.elevation + self.obstacle_m  # ground plus canopy/buildings

    def in_bounds(self, r: int, c: int) -> bool:
        rows, cols = self.shape
        return 0 <= r < rows and 0 <= c < cols

    def is_cliff_between(self, a: tuple[int, int], b: tuple[int, int]) -> bool:
        """True when the step from cell ``a`` to the adjacent cell ``b`` crosses a cliff."""
        return crosses_cliff(self.cliff, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])))

    def place(self, place_id: str) -> Place:
        for p in self.places:
            if p.id == place_id:
                return p
        raise KeyError(place_id)

    def terrain_id(self, r: int, c: int) -> str:
        return self.table.types[int(self.terrain[r, c])].id
