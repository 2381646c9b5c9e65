"""Scaled copies of the base map per zoom level, cut into tiles that are made when first needed.

A zoom level's copy is never scaled whole: each tile (``tile_cells`` x ``tile_cells`` cells) is
smooth-scaled from the base map the first time it is drawn, exactly as that part of the whole map scaled
at once would be (no seams), then kept in an LRU cache. At whole multiples of the base map's scale (``Level.exact``) a tile
is a plain pixel enlargement, and with fog on it is enlarged straight from the fogged base map (one scale,
no fog blend). The map view spends at most a small time budget per frame on new tiles; the parts of
tiles it cannot afford yet are drawn by ``Level.draw_quick`` (unsmoothed, only the cells in view) for a
frame or two. Only the last few zoom levels keep their tiles. The cell layer (fog and overlays) is tiled
the same way (fog and tints separately), with nearest-neighbour scaling, re-cut after a change.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pygame

from game.ui import palette
from game.ui.layers import CellLayer

TILE_TARGET_PX = 384  # tiles are about this many pixels square
MAX_TILE_PIXELS = 8_000_000  # map tiles kept per zoom level, plain and fogged each (~32 MB at 32 bpp)
MAX_LAYER_PIXELS = 4_000_000  # fog (and tint) tiles kept per zoom level (4x a 1280x800 view)

Key = tuple[int, int]


def tile_cells(px: int) -> int:
    """Cells per tile side at ``px`` pixels per cell (e.g. 16 at 24 px, 192 at 2 px)."""
    return max(8, -(-TILE_TARGET_PX // px))


def changed_window(old: np.ndarray, new: np.ndarray) -> tuple[int, int, int, int] | None:
    """The smallest cell window ``(r0, c0, r1, c1)`` holding every cell where two masks differ (None: equal)."""
    rows, cols = np.nonzero(old != new)
    if not rows.size:
        return None
    return int(rows.min()), int(cols.min()), int(rows.max()) + 1, int(cols.max()) + 1


@dataclass
class _LayerCache:
    """Scaled tiles of one cell-layer image, valid for one version of it."""

    version: int = -1
    tiles: OrderedDict[Key, pygame.Surface | None] = field(default_factory=OrderedDict)


class FoggedBase:
    """The base map with the fog multiplied in, shared by the zoom levels: exact-zoom tiles and quick stand-ins
    are scaled from it in one step (no fog blend per tile). Made once; after a fog change only the window of
    cells whose fog changed is redone (a move changes the fog around one unit, not over the whole map)."""

    def __init__(self, base: pygame.Surface, base_px: int) -> None:
        self.base, self.base_px = base, base_px
        self.version = -1
        self.image: pygame.Surface | None = None
        self._seen: np.ndarray | None = None  # the fog mask the image was made for

    def get(self, layer: CellLayer) -> pygame.Surface:
        """The fogged base map for ``layer``'s current fog."""
        if self.image is not None and self.version == layer.fog_version:
            return self.image
        seen = layer.seen_mask()
        if self.image is None or self._seen is None:
            self.image = self.base.copy()
            self._refog(layer, (0, 0, *seen.shape))
        elif (window := changed_window(self._seen, seen)) is not None:
            self._refog(layer, window)
        self._seen, self.version = seen, layer.fog_version
        return self.image

    def _refog(self, layer: CellLayer, cells: tuple[int, int, int, int]) -> None:
        """Redo the cell window ``(r0, c0, r1, c1)``: the base map's pixels times the fog."""
        assert self.image is not None
        r0, c0, r1, c1 = cells
        bp = self.base_px
        rect = pygame.Rect(c0 * bp, r0 * bp, (c1 - c0) * bp, (r1 - r0) * bp)
        self.image.blit(self.base, rect, area=rect)
        fog = layer.fog_image().subsurface(pygame.Rect(c0, r0, c1 - c0, r1 - r0))
        self.image.blit(pygame.transform.scale(fog, rect.size), rect, special_flags=pygame.BLEND_RGB_MULT)


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
        self.exact = px >= base_px and px % base_px == 0  # a pixel enlargement is the real tile: no smoothing
        self.tiles: OrderedDict[Key, pygame.Surface] = OrderedDict()
        self.fog_tiles = _LayerCache()
        self.tint_tiles = _LayerCache()
        self.fogged_tiles = _LayerCache()  # map tiles with the fog multiplied in, for the fog mask below
        self._fogged_seen: np.ndarray | None = None
        self.max_layer_tiles = max(16, MAX_LAYER_PIXELS // (self.tile_px * self.tile_px))
        self.fogged_base = fogged_base or FoggedBase(base, base_px)
        self.made = 0  # tiles scaled so far (for benchmarks and tests)
        self.make_s = 0.0  # about how long making one tile takes here (s), for the map view's time budget

    def cells(self, key: Key) -> tuple[int, int, int, int]:
        """Cell window ``(r0, c0, r1, c1)`` of a tile (exclusive ends)."""
        ti, tj = key
        r0, c0 = ti * self.tc, tj * self.tc
        return r0, c0, min(self.shape[0], r0 + self.tc), min(self.shape[1], c0 + self.tc)

    def ready(self, key: Key, layer: CellLayer | None) -> bool:
        """True if drawing tile ``key`` (fogged by ``layer``, or not) needs no scaling."""
        if layer is None:
            return key in self.tiles
        return key in self._fogged_cache(layer).tiles or (not self.exact and key in self.tiles)

    def shown_tile(self, key: Key, layer: CellLayer | None) -> pygame.Surface:
        """The tile ``key`` as drawn: fogged by ``layer``, or plain without fog (made now if not cached)."""
        return self.tile(key) if layer is None else self.fogged_tile(key, layer)

    def tile(self, key: Key) -> pygame.Surface:
        """The map tile ``key`` (scaled now if not cached)."""
        t = self.tiles.get(key)
        if t is not None:
            self.tiles.move_to_end(key)
            return t
        start = time.perf_counter()
        t = self.tiles[key] = self._make(key)
        self._made(start)
        while len(self.tiles) > self.max_tiles:
            self.tiles.popitem(last=False)
        return t

    def _made(self, start: float) -> None:
        """Count a tile made since ``start`` (perf_counter) and update ``make_s``."""
        self.made += 1
        took = time.perf_counter() - start
        self.make_s = took if self.made == 1 else 0.7 * self.make_s + 0.3 * took

    def draw_quick(self, target: pygame.Surface, key: Key, at: tuple[int, int], window: tuple[int, int, int, int],
                   layer: CellLayer | None) -> None:
        """Draw the cells of tile ``key`` (at screen ``at``) inside the cell window ``window`` without making the
        tile: scaled unsmoothed from the base map (fogged by ``layer``, if given), grid lines on top. A stand-in
        for a frame or two, its cost in proportion to the cells shown; at exact zooms the same picture.

        Cells wholly inside the target's clip are scaled straight into it; only the cells cut by the clip's
        edges go through a copy that is blitted (clipped)."""
        r0, c0, r1, c1 = self.cells(key)
        q0, p0 = max(r0, window[0]), max(c0, window[1])
        q1, p1 = min(r1, window[2]), min(c1, window[3])
        if q0 >= q1 or p0 >= p1:
            return
        src = self.base if layer is None else self.fogged_base.get(layer)
        px = self.px

        def rect(cells: tuple[int, int, int, int]) -> pygame.Rect:
            return pygame.Rect(at[0] + (cells[1] - c0) * px, at[1] + (cells[0] - r0) * px,
                               (cells[3] - cells[1]) * px, (cells[2] - cells[0]) * px)

        clip = target.get_clip()
        i0, i1 = max(q0, r0 - (at[1] - clip.top) // px), min(q1, r0 + (clip.bottom - at[1]) // px)
        j0, j1 = max(p0, c0 - (at[0] - clip.left) // px), min(p1, c0 + (clip.right - at[0]) // px)
        cut = [(q0, p0, q1, p1)]
        if i0 < i1 and j0 < j1 and target.get_masks() == src.get_masks():
            self._nearest(src, (i0, j0, i1, j1), target.subsurface(rect((i0, j0, i1, j1))))
            cut = [(q0, p0, i0, p1), (i1, p0, q1, p1), (i0, p0, i1, j0), (i0, j1, i1, p1)]
        for cells in cut:
            if cells[0] < cells[2] and cells[1] < cells[3]:
                target.blit(self._nearest(src, cells), rect(cells))

    def _nearest(self, src: pygame.Surface, cells: tuple[int, int, int, int],
                 out: pygame.Surface | None = None) -> pygame.Surface:
        """The cell window ``cells`` of ``src`` (a base-scale map) enlarged without smoothing, with grid lines
        (into ``out``, of that size and ``src``'s pixel format, if given)."""
        r0, c0, r1, c1 = cells
        bp, px = self.base_px, self.px
        part = src.subsurface(pygame.Rect(c0 * bp, r0 * bp, (c1 - c0) * bp, (r1 - r0) * bp))
        size = ((c1 - c0) * px, (r1 - r0) * px)
        out = pygame.transform.scale(part, size) if out is None else pygame.transform.scale(part, size, out)
        if self.grid_lines:
            _draw_grid(out, px)
        return out

    def _make(self, key: Key) -> pygame.Surface:
        r0, c0, r1, c1 = self.cells(key)
        bp, px = self.base_px, self.px
        if px == bp and not self.grid_lines:
            return self.base.subsurface(pygame.Rect(c0 * bp, r0 * bp, (c1 - c0) * bp, (r1 - r0) * bp))
        if self.exact:  # crisp pixel copies, 6x faster than smoothing
            return self._nearest(self.base, (r0, c0, r1, c1))
        w, h = (c1 - c0) * bp, (r1 - r0) * bp
        if px > bp:  # bilinear output pixel x samples x * (w - 1) / width: one more source pixel right and below
            w += c1 < self.shape[1]  # makes that x * bp / px, as when the whole map is scaled: no seams
            h += r1 < self.shape[0]
        out = pygame.transform.smoothscale(self.base.subsurface(pygame.Rect(c0 * bp, r0 * bp, w, h)),
                                           ((c1 - c0) * px, (r1 - r0) * px))
        if self.grid_lines:
            _draw_grid(out, px)
        return out

    def fog_tile(self, key: Key, layer: CellLayer) -> pygame.Surface | None:
        """The fog multiplier tile ``key`` at this zoom (None where nothing in it is fogged)."""
        return self._layer_tile(self.fog_tiles, key, layer.fog_version, layer.fog_in, layer.fog_image)

    def fogged_tile(self, key: Key, layer: CellLayer) -> pygame.Surface:
        """The map tile ``key`` with the fog multiplied in: one blit a frame instead of a copy and a multiply
        blend. Kept until the fog changes in its cells (a move changes the fog around one unit; panning and
        the other tiles reuse theirs). Exact zooms enlarge the fogged base map; the others smooth-scale the
        map and multiply the fog in (a uniform fill where all the tile's cells are fogged)."""
        cache = self._fogged_cache(layer)
        t = cache.tiles.get(key)
        if t is not None:
            cache.tiles.move_to_end(key)
            return t
        fogged_base = self.fogged_base.get(layer) if self.exact else None  # (redone after a fog change: not timed)
        start = time.perf_counter()
        if fogged_base is not None:  # straight from the fogged base map; these are the level's only tiles when fogged
            t = self._nearest(fogged_base, self.cells(key))
        else:
            t = self.tiles[key].copy() if key in self.tiles else self._make(key)
            r0, c0, r1, c1 = self.cells(key)
            if not layer.seen_mask()[r0:r1, c0:c1].any():
                t.fill(palette.FOG_MULT, special_flags=pygame.BLEND_RGB_MULT)
            elif (fog := self.fog_tile(key, layer)) is not None:
                t.blit(fog, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        self._made(start)
        cache.tiles[key] = t
        while len(cache.tiles) > self.max_tiles:  # with fog on, the level's only map tiles
            cache.tiles.popitem(last=False)
        return t

    def _fogged_cache(self, layer: CellLayer) -> _LayerCache:
        """The fogged tiles, with those whose cells' fog changed since they were made dropped."""
        cache = self.fogged_tiles
        if cache.version != layer.fog_version:
            seen = layer.seen_mask()
            window = None if self._fogged_seen is None else changed_window(self._fogged_seen, seen)
            if self._fogged_seen is None:
                cache.tiles.clear()
            elif window is not None:
                for key in [k for k in cache.tiles if _overlap(self.cells(k), window)]:
                    del cache.tiles[key]
            self._fogged_seen, cache.version = seen, layer.fog_version
        return cache

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


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """True if two cell windows ``(r0, c0, r1, c1)`` share a cell."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _draw_grid(tile: pygame.Surface, px: int) -> None:
    """Faint cell grid lines (top and left edge of every cell) for close zoom levels."""
    w, h = tile.get_size()
    lines = _grid_lines(px)
    if w > lines.get_width() or h > lines.get_height():
        lines = _grid_lines(px, max(w, h))
    tile.blit(lines, (0, 0), pygame.Rect(0, 0, w, h))


@lru_cache(maxsize=8)
def _grid_lines(px: int, size: int = 0) -> pygame.Surface:
    """Grid lines for a square of ``size`` pixels (a tile at least); parts of it serve smaller surfaces."""
    w = h = max(size, tile_cells(px) * px)
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
