"""Terrain and movement-class tables: data turned into numpy arrays indexed by terrain id."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

MOVE_CLASSES: tuple[str, ...] = ("foot", "wheeled", "tracked")


@dataclass(frozen=True)
class TerrainType:
    """One terrain type as read from data. Speed factors of ``None`` mean impassable for that class."""

    id: str
    name: str
    cover: float  # 0..1, fraction of fire effect absorbed
    concealment: float  # 0..1, how hard a unit here is to spot
    obstacle_m: float  # height of canopy/buildings above ground that blocks line of sight
    speed: dict[str, float | None]  # movement class -> factor on the class's off-road speed
    color: tuple[int, int, int] = (128, 128, 128)
    dupuy_terrain: float = 1.0  # defence multiplier for close assault (Dupuy QJM terrain factor)
    source: str = ""


@dataclass(frozen=True)
class MoveClass:
    """Speeds of a movement class (km/h): on roads, off-road base, slope limit, night/road rules."""

    id: str
    road_kmh: float
    offroad_kmh: float
    tobler: bool  # foot movement follows Tobler's hiking function
    max_slope: float  # |dh/dx| above which a non-road step is impossible
    night_factor: float
    road_only: bool = False  # confined to road cells
    source: str = ""


@dataclass
class TerrainTable:
    """All terrain types with per-id numpy lookup arrays (index = terrain id in the grid)."""

    types: list[TerrainType]
    move_classes: dict[str, MoveClass]
    cover: np.ndarray = field(init=False)
    concealment: np.ndarray = field(init=False)
    obstacle_m: np.ndarray = field(init=False)
    dupuy_terrain: np.ndarray = field(init=False)
    speed: dict[str, np.ndarray] = field(init=False)  # class -> factor per id, 0.0 = impassable

    def __post_init__(self) -> None:
        self.cover = np.array([t.cover for t in self.types], dtype=np.float32)
        self.concealment = np.array([t.concealment for t in self.types], dtype=np.float32)
        self.obstacle_m = np.array([t.obstacle_m for t in self.types], dtype=np.float32)
        self.dupuy_terrain = np.array([t.dupuy_terrain for t in self.types], dtype=np.float32)
        self.speed = {
            mc: np.array([(t.speed.get(mc) or 0.0) for t in self.types], dtype=np.float32)
            for mc in self.move_classes
        }

    def index(self, terrain_id: str) -> int:
        """Return the numeric id of a terrain type name; raises KeyError if unknown."""
        for i, t in enumerate(self.types):
            if t.id == terrain_id:
                return i
        raise KeyError(terrain_id)

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.types]
