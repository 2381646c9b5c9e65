"""Colours for the map and the client.

Why these colours:

* **Terrain** colours are data: each terrain type's ``color`` in the rules YAML
  (``game/data/default.yaml``), so a scenario with new terrain needs no code change. Only the *texture*
  of a few well-known terrain ids (forest canopy, gorge hatching, town blocks) is chosen here.
* **Sides** use the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"): its blue and
  orange stay distinct under protanopia, deuteranopia and tritanopia and in greyscale (the orange is
  much lighter). The symbols add a second, colour-free cue: the first side's frames are solid, the
  second side's dashed.
* **Highlights** are the remaining Okabe-Ito hues, so reach, path, targets and objectives never look
  like a side colour: sky blue for reach, yellow for a path, vermillion for targets, reddish purple
  for objective zones.
* **Fog** multiplies unseen ground by a blue-grey: every pixel gets darker by the same ratio (so fog
  shows even over dark gorges), and keeping more blue than red and green greys out the greens and
  tans of the map, while the relief stays readable underneath.
"""

from __future__ import annotations

import numpy as np

from game.core.terrain import TerrainTable

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]

# Okabe-Ito palette.
OI_BLACK: RGB = (0, 0, 0)
OI_ORANGE: RGB = (230, 159, 0)
OI_SKY_BLUE: RGB = (86, 180, 233)
OI_BLUISH_GREEN: RGB = (0, 158, 115)
OI_YELLOW: RGB = (240, 228, 66)
OI_BLUE: RGB = (0, 114, 178)
OI_VERMILLION: RGB = (213, 94, 0)
OI_REDDISH_PURPLE: RGB = (204, 121, 167)

# Sides, by index in ``GameSetup.sides``: (frame outline, frame fill). The frame shape is the same for
# both sides; side 0 is drawn solid, side 1 dashed (``SIDE_DASHED``).
SIDE_LINE: tuple[RGB, ...] = ((0, 84, 140), (150, 90, 0))
SIDE_FILL: tuple[RGB, ...] = ((150, 205, 240), (250, 200, 110))
SIDE_DOT: tuple[RGB, ...] = (OI_BLUE, OI_ORANGE)  # minimap dots
SIDE_DASHED: tuple[bool, ...] = (False, True)

# Cell highlights (RGBA: alpha is the tint strength).
REACH: RGBA = (*OI_SKY_BLUE, 60)
PATH: RGBA = (*OI_YELLOW, 150)
TARGETS: RGBA = (*OI_VERMILLION, 140)
HIGHLIGHTS: dict[str, RGBA] = {"reach": REACH, "path": PATH, "targets": TARGETS}
ZONE_LINE: RGB = OI_REDDISH_PURPLE
ZONE_CASING: RGB = (60, 20, 50)
SELECTED: RGB = OI_YELLOW

# Fog of war: unseen cells are multiplied by this colour / 255.
FOG_MULT: RGB = (135, 140, 165)

# Map features drawn over the terrain.
CONTOUR: RGB = (105, 70, 40)
RIVER: RGB = (40, 110, 200)
RIVER_BANK: RGB = (200, 225, 245)
ROAD_PAVED_FILL: RGB = (250, 196, 70)
ROAD_PAVED_CASING: RGB = (70, 45, 30)
ROAD_TRACK: RGB = (95, 55, 30)
CLIFF: RGB = (30, 22, 20)
CLIFF_CASING: RGB = (235, 228, 210)
STREET: RGB = (226, 214, 196)
GARDEN: RGB = (205, 210, 160)

# Labels.
LABEL_TEXT: RGB = (20, 20, 20)
LABEL_HALO: RGB = (250, 248, 235)
LABEL_PEAK: RGB = (90, 50, 20)
LABEL_WATER: RGB = (20, 70, 150)

# Terrain ids that get a texture instead of a flat colour (the colour itself still comes from data).
TEXTURES: dict[str, str] = {
    "forest": "canopy",
    "gorge": "gorge",
    "urban": "town",
    "village": "village",
    "alpine": "meadow",
    "open": "fields",
    "rock": "scree",
}


def terrain_colors(table: TerrainTable) -> np.ndarray:
    """Return the terrain colours as a ``(n_types, 3)`` float32 array indexed by terrain id."""
    return np.array([t.color for t in table.types], dtype=np.float32).reshape(-1, 3)


def side_colors(side_index: int) -> tuple[RGB, RGB, bool]:
    """Return ``(line, fill, dashed)`` for a side index; sides beyond the second reuse the pair."""
    i = side_index % len(SIDE_LINE)
    return SIDE_LINE[i], SIDE_FILL[i], SIDE_DASHED[i]
