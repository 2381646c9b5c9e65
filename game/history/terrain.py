"""Plain-language notes on the terrain of one cell, for the replay's hover: why a route goes where it goes.

Example: ``terrain_notes(grid, (62, 76))`` might give ``["Broadleaf mountain forest ... - 1,290 m", "forest:
cover 50%, concealment 70% ...", "cliff edge: ..."]``.
"""

from __future__ import annotations

import numpy as np

from game.core.grid import DIRS, ROAD_PAVED, Grid

Cell = tuple[int, int]
EXPLAIN = {
    "forest": "forest: hides a group from view and gives cover; slow on foot, closed to vehicles",
    "gorge": "gorge floor: hidden from afar but overlooked from the rims; slow on foot, closed to vehicles",
    "rock": "bare rock and scree: slow on foot, closed to vehicles",
    "alpine": "high open meadow: easy walking but seen from far away",
    "open": "open ground: easy walking but seen from far away",
    "village": "village: the roads of 2020 ran through villages held by the defenders",
    "urban": "town: stone buildings, strong cover for a defender",
}


def steepest_slope(grid: Grid, cell: Cell) -> float:
    """The steepest rise or fall to a neighbouring cell, as a fraction (0.3 = 30 %)."""
    r, c = cell
    best = 0.0
    for dr, dc in DIRS:
        rr, cc = r + dr, c + dc
        if grid.in_bounds(rr, cc):
            dist = grid.cell_m * (np.sqrt(2.0) if dr and dc else 1.0)
            best = max(best, abs(float(grid.elevation[rr, cc]) - float(grid.elevation[r, c])) / dist)
    return best


def terrain_notes(grid: Grid, cell: Cell) -> list[str]:
    """Lines describing ``cell``: terrain, elevation and slope, road, river, cliff edge, place; each with what
    it means for a group on foot."""
    if not grid.in_bounds(*cell):
        return []
    r, c = cell
    t = grid.table.types[int(grid.terrain[r, c])]
    foot = grid.table.speed.get("foot")
    lines = [f"{t.name} - {grid.elevation[r, c]:,.0f} m, slope up to {steepest_slope(grid, cell):.0%}"]
    note = EXPLAIN.get(t.id)
    speed = f" (walking x{foot[int(grid.terrain[r, c])]:.2f} of a path's speed)" if foot is not None else ""
    lines.append(f"{note}{speed}" if note else f"cover {grid.cover[r, c]:.0%}, concealment "
                                               f"{grid.concealment[r, c]:.0%}{speed}")
    if grid.road[r, c]:
        kind = "paved road" if grid.road[r, c] == ROAD_PAVED else "track"
        lines.append(f"{kind}: fast going, but open and watched")
    if grid.river[r, c]:
        lines.append("stream: wading slows a group on foot")
    if grid.cliff[r, c]:
        lines.append("cliff edge: only groups trained to climb can cross it, slowly and exposed")
    if grid.settlement[r, c] >= 0:
        p = grid.places[int(grid.settlement[r, c])]
        lines.append(p.name + (f" ({', '.join(n for n in p.names if n not in p.name)})" if p.names else ""))
    return lines
