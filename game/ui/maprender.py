"""Render the whole terrain map to a pygame Surface, headless, with numpy and ``pygame.surfarray``.

Example::

    surf = render_base(setup.grid, 8)   # (cols * 8) x (rows * 8) pixels; cell (r, c) at (c * 8, r * 8)

Layers, bottom to top: terrain colour (from the rules data) with a texture per terrain kind, hill-shade
from the elevation (light from the north-west), contour lines (every 100 m, thicker every 500 m), then
vector features drawn with ``pygame.draw``: rivers, roads (paved and track), cliff edges.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.core.grid import Grid
from game.ui import palette, relief
from game.ui.features import draw_cliffs, draw_rivers, draw_roads

SHADE_STRENGTH = 1.0  # 0: no relief shading, 1: full Lambertian contrast
SHADE_Z = 2.0  # vertical exaggeration for the hill-shade only
CONTOUR_ALPHA = (0.4, 0.65)  # minor, major contour line opacity
STRIP_ROWS = 16  # cell rows rendered at a time


def render_base(grid: Grid, px: int) -> pygame.Surface:
    """Draw the whole map at ``px`` pixels per cell and return it as a new (unconverted) Surface."""
    if px < 1:
        raise ValueError(f"px must be >= 1, got {px}")
    rows, cols = grid.shape
    surf = pygame.Surface((cols * px, rows * px))
    ctx = _Context(grid, px)
    pixels = pygame.surfarray.pixels3d(surf)
    for r0 in range(0, rows, STRIP_ROWS):  # strips keep the float arrays small (peak memory)
        r1 = min(rows, r0 + STRIP_ROWS)
        pixels[:, r0 * px:r1 * px, :] = render_strip(ctx, r0, r1).transpose(1, 0, 2)
    del pixels  # unlock the surface
    draw_rivers(surf, grid, px)
    draw_roads(surf, grid, px)
    draw_cliffs(surf, grid, px)
    return surf


def contour_interval(px: int) -> float:
    """Metres between contour lines at ``px`` pixels per cell (sparser when zoomed far out)."""
    return 100.0 if px >= 4 else 250.0


class _Context:
    """What every strip of one render shares: textures, colours, the hill-shade at cell resolution."""

    def __init__(self, grid: Grid, px: int) -> None:
        self.grid, self.px = grid, px
        self.shape = (grid.shape[0] * px, grid.shape[1] * px)
        self.colors = palette.terrain_colors(grid.table)
        self.styles = [palette.TEXTURES.get(t.id, "") for t in grid.table.types]
        self.tile_size, tiles = texture_tiles(px)
        names = list(tiles)
        self.lut = np.array([names.index(s) if s in tiles else 0 for s in self.styles], dtype=np.uint8)
        self.stack = np.stack([tiles[n] for n in names])
        self.shade = relief.hillshade(grid.elevation, grid.cell_m, z_factor=SHADE_Z)


def render_strip(ctx: _Context, r0: int, r1: int) -> np.ndarray:
    """Pixels of cell rows ``r0:r1``: textured terrain, hill-shade and contours, uint8 ``[y, x, rgb]``."""
    grid, px = ctx.grid, ctx.px
    y0, y1 = r0 * px, r1 * px
    tid = relief.nearest(grid.terrain[r0:r1], px)
    ys = (np.arange(y0, y1) % ctx.tile_size)[:, None]
    xs = (np.arange(ctx.shape[1]) % ctx.tile_size)[None, :]
    rgb = ctx.colors[tid] * ctx.stack[ctx.lut[tid], ys, xs][..., None]
    for i, style in enumerate(ctx.styles):
        if style in _CELL_STYLES:
            mask = grid.terrain[r0:r1] == i
            if mask.any():
                _CELL_STYLES[style](rgb, mask, px, y0, np.array(grid.table.types[i].color, np.float32))
    factor = np.clip(1.0 + SHADE_STRENGTH * (relief.bilinear(ctx.shade, ctx.shape, (y0, y1)) - 1.0), 0.35, 1.3)
    y_end = min(ctx.shape[0], y1 + 1)  # one row more: contours compare each pixel with the one below
    elev = relief.bilinear(grid.elevation, ctx.shape, (y0, y_end))
    interval = contour_interval(px)
    minor, major = relief.contour_masks(elev, interval, int(round(500 / interval)) if px >= 4 else 2)
    minor, major = minor[: y1 - y0], major[: y1 - y0]
    alpha = np.where(major, np.float32(CONTOUR_ALPHA[1]), np.where(minor, np.float32(CONTOUR_ALPHA[0]), 0))
    factor *= 1 - alpha
    rgb *= factor[..., None]
    rgb += alpha[..., None] * np.array(palette.CONTOUR, dtype=np.float32)
    return np.clip(rgb, 0, 255).astype(np.uint8)


def texture_tiles(px: int) -> tuple[int, dict[str, np.ndarray]]:
    """Seamless multiplicative texture tiles per style: ``(size, {style: float32 size x size})``."""
    hatch = max(3, px // 2)
    size = math.lcm(16 * px, hatch)
    spacing = max(2.0, px / 2.2)
    crowns = np.clip(1.0 - relief.periodic_cells(size, spacing, 11), 0.0, 1.0)
    lit = np.clip(1.0 - relief.periodic_cells(size, spacing, 11, (spacing * 0.2, spacing * 0.2)), 0.0, 1.0)
    stands = relief.periodic_noise(size, px * 2.5, 12)
    speck = relief.periodic_noise(size, 1.0, 13)
    canopy = 0.7 + 0.25 * crowns + 0.15 * lit ** 2 + 0.16 * (stands - 0.5)
    gorge = np.where(relief.diagonal(size, hatch, max(1, px // 8)), canopy * 0.5, canopy * 0.85)
    cells = np.arange(size) // max(4, px)
    fields = 0.95 + 0.08 * relief.hash01(cells[:, None], cells[None, :], 23)
    tiles = {"": np.ones((size, size), np.float32), "canopy": canopy, "gorge": gorge, "fields": fields,
             "meadow": 0.96 + 0.08 * stands, "scree": 0.85 + 0.3 * speck}
    return size, {k: v.astype(np.float32) for k, v in tiles.items()}


def _cell_pixels(mask: np.ndarray, px: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixel index arrays ``(ys, xs)`` of shape ``(n, px, px)`` for the True cells of ``mask``."""
    r, c = np.nonzero(mask)
    a = np.arange(px)
    return r[:, None, None] * px + a[None, :, None], c[:, None, None] * px + a[None, None, :]


def _town(rgb: np.ndarray, mask: np.ndarray, px: int, y0: int, color: np.ndarray) -> None:
    """Town: dense building blocks in the terrain colour, pale streets (``y0``: the strip's first pixel row)."""
    ys, xs = _cell_pixels(mask, px)
    gy = ys + y0
    b = max(3, px // 3)
    inside = ((gy % b) < b - 1) & ((xs % b) < b - 1)
    roofs = color * (0.75 + 0.4 * relief.hash01(gy // b, xs // b, 21))[..., None]
    rgb[ys, xs] = np.where(inside[..., None], roofs, np.array(palette.STREET, np.float32))


def _village(rgb: np.ndarray, mask: np.ndarray, px: int, y0: int, color: np.ndarray) -> None:
    """Village: scattered houses in the terrain colour over pale gardens."""
    ys, xs = _cell_pixels(mask, px)
    gy = ys + y0
    b = max(3, px // 3)
    tone = relief.hash01(gy // b, xs // b, 22)
    house = ((gy % b) < b - 1) & ((xs % b) < b - 1) & (tone < 0.45)
    garden = color * 0.45 + np.array(palette.GARDEN, np.float32) * 0.55
    roofs = color * (0.7 + 0.3 * tone)[..., None]
    rgb[ys, xs] = np.where(house[..., None], roofs, garden)


_CELL_STYLES = {"town": _town, "village": _village}
