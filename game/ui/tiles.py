"""Scaled copies of the base map per zoom level, cut into tiles that are made when first needed.

A zoom level's copy is never scaled whole: each tile (``tile_cells`` x ``tile_cells`` cells) is
smooth-scaled from the base map with a one-cell margin (so tile seams do not show) the first time it
is drawn, then kept in an LRU cache. The map view spends at most a small time budget per frame on
that; tiles it cannot afford yet are shown as a fast unsmoothed ``quick_tile`` for a frame or two. Only the last few zoom levels keep their tiles. At the base
map's own scale, tiles are subsurfaces of the base map (no copy). The cell layer (fog and overlays) is
tiled the same way (fog and tints separately), with nearest-neighbour scaling, re-cut after a change.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import pygame

from game.ui.layers import CellLayer

TILE_TARGET_PX = 384  # tiles are about this many pixels square
MAX_TILE_PIXELS = 8_000_000  # map tiles kept per zoom level (~32 MB at 32 bits per pixel)
MAX_LAYER_PIXELS = 4_000_000  # fog (and tint) tiles kept per zoom level (4x a 1280x800 view)

Key = tuple[int, int]


def tile_cells(px: int) -> int:
    """Cells per tile side at ``px`` pixels per cell (e.g. 16 at 24 px, 192 at 2 px)."""
    return max(8, -(-TILE_TARGET_PX // px))


@dataclass
class _LayerCache:
    """Scaled tiles of one cell-layer image, valid for one version of it."""

    version: int = -1
    tiles: OrderedDict[Key, pygame.Surface | None] = field(default_factory=OrderedDict)


class FoggedBase:
    """The base map with the fog multiplied in, made once per fog version and shared by the zoom levels: quick
    stand-in tiles are scaled from it in one step (no fog blend per tile in the frames that need many)."""

    def __init__(self, base: pygame.Surface, base_px: int) -> None:
        self.base, self.base_px = base, base_px
        self.version = -1
        self.image: pygame.Surface | None = None

    def get(self, layer: CellLayer) -> pygame.Surface:
        if self.image is None or self.version != layer.fog_version:
            fog = layer.fog_image()
            image = self.base.copy()
            image.blit(pygame.transform.scale(fog, (fog.get_width() * self.base_px, fog.get_height() * self.base_px)),
                       (0, 0), special_flags=pygame.BLEND_RGB_MULT)
            self.image, self.version = image, layer.fog_version
        return self.image


class Level:
    """The tiles of one zoom level: map tiles (LRU) and cell-layer tiles (valid for one layer version)."""

    def __init__(self, px: int, base: pygame.Surface, base_px: int, shape: tuple[int, int],
                 grid_lines: bool, fogged_base: FoggedBase | None = None) -> None:
        self.px, self.base, self.base_px, self.shape = px, base, base_px, shape
        self.tc = tile_cells(px)
        self.tile_px = self.tc * px
        self.n_rows, self.n_cols = -(-shape[0] // self.tc), -(-shape[1] // self.tc)
        self.max_tiles = max(16, MAX_TILE_PIXELS // (self.tile_px * self.tile_px))
        self.grid_lines = grid_lines and px >= 12
        self.tiles: OrderedDict[Key, pygame.Surface] = OrderedDict()
        self.fog_tiles = _LayerCache()
        self.tint_tiles = _LayerCache()
        self.fogged_tiles = _LayerCache()  # map tiles with the fog multiplied in, for one fog version
        self.max_layer_tiles = max(16, MAX_LAYER_PIXELS // (self.tile_px * self.tile_px))
        self.quick: dict[Key, pygame.Surface] = {}  # provisional tiles, shown until the real one is made
        self.fogged_base = fogged_base or FoggedBase(base, base_px)
        self.quick_fogged = _LayerCache()  # provisional tiles with the fog in, for one fog version
        self.made = 0  # tiles scaled so far (for benchmarks and tests)

    def cells(self, key: Key) -> tuple[int, int, int, int]:
        """Cell window ``(r0, c0, r1, c1)`` of a tile (exclusive ends)."""
        ti, tj = key
        r0, c0 = ti * self.tc, tj * self.tc
        return r0, c0, min(self.shape[0], r0 + self.tc), min(self.shape[1], c0 + self.tc)

    def has(self, key: Key) -> bool:
        return key in self.tiles

    def tile(self, key: Key) -> pygame.Surface:
        """The map tile ``key`` (scaled now if not cached)."""
        t = self.tiles.get(key)
        if t is not None:
            self.tiles.move_to_end(key)
            return t
        t = self.tiles[key] = self._make(key)
        self.quick.pop(key, None)
        self.made += 1
        while len(self.tiles) > self.max_tiles:
            self.tiles.popitem(last=False)
        return t

    def quick_tile(self, key: Key) -> pygame.Surface:
        """A provisional tile scaled without smoothing (about 0.1 ms), until ``tile`` makes the real one."""
        t = self.tiles.get(key) or self.quick.get(key)
        if t is None:
            r0, c0, r1, c1 = self.cells(key)
            bp = self.base_px
            src = self.base.subsurface(pygame.Rect(c0 * bp, r0 * bp, (c1 - c0) * bp, (r1 - r0) * bp))
            if len(self.quick) > 64:
                self.quick.clear()
            t = self.quick[key] = pygame.transform.scale(src, ((c1 - c0) * self.px, (r1 - r0) * self.px))
        return t

    def quick_fogged_tile(self, key: Key, layer: CellLayer) -> pygame.Surface:
        """A provisional tile with the fog in, scaled without smoothing from the fogged base map (one scale and
        no blend: frames panning fast over new tiles need many of these)."""
        cache = self.quick_fogged
        if cache.version != layer.fog_version or len(cache.tiles) > 64:
            cache.tiles.clear()
            cache.version = layer.fog_version
        t = cache.tiles.get(key)
        if t is None:
            r0, c0, r1, c1 = self.cells(key)
            bp = self.base_px
            src = self.fogged_base.get(layer).subsurface(
                pygame.Rect(c0 * bp, r0 * bp, (c1 - c0) * bp, (r1 - r0) * bp))
            t = cache.tiles[key] = pygame.transform.scale(src, ((c1 - c0) * self.px, (r1 - r0) * self.px))
        return t

    def _make(self, key: Key) -> pygame.Surface:
        r0, c0, r1, c1 = self.cells(key)
        bp, px = self.base_px, self.px
        if px == bp and not self.grid_lines:
            return self.base.subsurface(pygame.Rect(c0 * bp, r0 * bp, (c1 - c0) * bp, (r1 - r0) * bp))
        rows, cols = self.shape
        m0, n0, m1, n1 = max(0, r0 - 1), max(0, c0 - 1), min(rows, r1 + 1), min(cols, c1 + 1)
        src = self.base.subsurface(pygame.Rect(n0 * bp, m0 * bp, (n1 - n0) * bp, (m1 - m0) * bp))
        size = ((n1 - n0) * px, (m1 - m0) * px)
        if px == bp:
            scaled = src
        elif px % bp == 0:  # integer enlargement: crisp pixel copies, 6x faster than smoothing
            scaled = pygame.transform.scale(src, size)
        else:
            scaled = pygame.transform.smoothscale(src, size)
        out = scaled.subsurface(pygame.Rect((c0 - n0) * px, (r0 - m0) * px, (c1 - c0) * px, (r1 - r0) * px))
        out = out.convert() if pygame.display.get_surface() is not None else out.copy()
        if self.grid_lines:
            _draw_grid(out, px)
        return out

    def fog_tile(self, key: Key, layer: CellLayer) -> pygame.Surface | None:
        """The fog multiplier tile ``key`` at this zoom (None where nothing in it is fogged)."""
        return self._layer_tile(self.fog_tiles, key, layer.fog_version, layer.fog_in, layer.fog_image)

    def fogged_tile(self, key: Key, layer: CellLayer) -> pygame.Surface:
        """The map tile ``key`` with the fog multiplied in: one blit a frame instead of a copy and a multiply
        blend, made once per fog version (the fog changes when units move; panning reuses it)."""
        cache = self.fogged_tiles
        if cache.version != layer.fog_version:
            cache.tiles.clear()
            cache.version = layer.fog_version
        t = cache.tiles.get(key)
        if t is not None:
            cache.tiles.move_to_end(key)
            return t
        t = self.tile(key)
        fog = self.fog_tile(key, layer)
        if fog is not None:
            t = t.copy()
            t.blit(fog, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        cache.tiles[key] = t
        while len(cache.tiles) > self.max_layer_tiles:
            cache.tiles.popitem(last=False)
        return t

    def tint_tile(self, key: Key, layer: CellLayer) -> pygame.Surface | None:
        """The overlay tint tile ``key`` at this zoom (None where nothing in it is tinted)."""
        return self._layer_tile(self.tint_tiles, key, layer.tint_version, layer.tint_in, layer.tint_image)

    def _layer_tile(self, cache: _LayerCache, key: Key, version: int, any_in: Callable[..., bool],
                    image: Callable[[], pygame.Surface]) -> pygame.Surface | None:
        if cache.version != version:
            cache.tiles.clear()
            cache.version = version
        if key in cache.tiles:
            cache.tiles.move_to_end(key)
            return cache.tiles[key]
        r0, c0, r1, c1 = self.cells(key)
        t = None
        if any_in(r0, c0, r1, c1):
            sub = image().subsurface(pygame.Rect(c0, r0, c1 - c0, r1 - r0))
            t = pygame.transform.scale(sub, ((c1 - c0) * self.px, (r1 - r0) * self.px))
        cache.tiles[key] = t
        while len(cache.tiles) > self.max_layer_tiles:
            cache.tiles.popitem(last=False)
        return t

    def keys_for(self, ox: int, oy: int, w: int, h: int, ring: int = 0) -> list[Key]:
        """Tile keys overlapping the pixel window ``(ox, oy, w, h)`` of the level, widened by ``ring``."""
        tp = self.tile_px
        i0, j0 = max(0, oy // tp - ring), max(0, ox // tp - ring)
        i1 = min(self.n_rows - 1, (oy + h - 1) // tp + ring)
        j1 = min(self.n_cols - 1, (ox + w - 1) // tp + ring)
        return [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]


def _draw_grid(tile: pygame.Surface, px: int) -> None:
    """Faint cell grid lines (top and left edge of every cell) for close zoom levels."""
    tile.blit(_grid_lines(tile.get_width(), tile.get_height(), px), (0, 0))


@lru_cache(maxsize=8)
def _grid_lines(w: int, h: int, px: int) -> pygame.Surface:
    lines = pygame.Surface((w, h), pygame.SRCALPHA)
    color = (0, 0, 0, 34)
    for x in range(0, w, px):
        pygame.draw.line(lines, color, (x, 0), (x, h - 1))
    for y in range(0, h, px):
        pygame.draw.line(lines, color, (0, y), (w - 1, y))
    return lines


class LevelCache:
    """Zoom levels by px, least recently used first; keeps at most ``max_levels`` with their tiles."""

    def __init__(self, base: pygame.Surface, base_px: int, shape: tuple[int, int], *,
                 max_levels: int = 3, grid_lines: bool = True) -> None:
        self.base, self.base_px, self.shape = base, base_px, shape
        self.max_levels = max_levels
        self.grid_lines = grid_lines
        self.levels: OrderedDict[int, Level] = OrderedDict()
        self.fogged_base = FoggedBase(base, base_px)

    def get(self, px: int) -> Level:
        """The level for ``px`` pixels per cell (created empty if new; evicts the oldest level)."""
        lv = self.levels.get(px)
        if lv is None:
            lv = self.levels[px] = Level(px, self.base, self.base_px, self.shape, self.grid_lines, self.fogged_base)
            while len(self.levels) > self.max_levels:
                self.levels.popitem(last=False)
        self.levels.move_to_end(px)
        return lv
