"""Latitude/longitude <-> grid cell conversion for a scenario frame (row 0 is the northern edge).

Example: a 40 km frame at 200 m cells has 200 rows; the cell of the SW corner is (199, 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

M_PER_DEG_LAT = 111_320.0


@dataclass(frozen=True)
class GeoFrame:
    """A lat/lon rectangle rasterised at ``cell_m`` metres per cell (equirectangular at mid-latitude)."""

    south: float
    west: float
    north: float
    east: float
    cell_m: float

    @property
    def m_per_deg_lon(self) -> float:
        return M_PER_DEG_LAT * math.cos(math.radians((self.south + self.north) / 2))

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, cols) of the grid covering the frame."""
        rows = math.ceil((self.north - self.south) * M_PER_DEG_LAT / self.cell_m - 1e-9)
        cols = math.ceil((self.east - self.west) * self.m_per_deg_lon / self.cell_m - 1e-9)
        return rows, cols

    def to_cell(self, lat: float, lon: float) -> tuple[int, int]:
        """Return the (row, col) of the cell containing ``lat, lon`` (may lie outside the grid)."""
        y, x = self.to_rc_float(lat, lon)
        return math.floor(y), math.floor(x)

    def to_rc_float(self, lat: float, lon: float) -> tuple[float, float]:
        """Continuous (row, col) coordinates: cell (r, c) spans [r, r+1) x [c, c+1)."""
        y = (self.north - lat) * M_PER_DEG_LAT / self.cell_m
        x = (lon - self.west) * self.m_per_deg_lon / self.cell_m
        return y, x

    def to_latlon(self, row: float, col: float) -> tuple[float, float]:
        """Lat/lon of a continuous grid position; use ``row + 0.5`` for a cell centre."""
        lat = self.north - row * self.cell_m / M_PER_DEG_LAT
        lon = self.west + col * self.cell_m / self.m_per_deg_lon
        return lat, lon

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east
