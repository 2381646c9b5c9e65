"""The map view: base map, fog, cell overlays, objective zones, place labels and unit symbols.

Example::

    view = MapView(setup.grid)                  # renders the base map once (about 0.6 s at 12 px)
    cam = Camera(setup.grid.shape, (1280, 800))
    view.set_fog(engine.visible_cells("attacker"))
    view.set_overlay("reach", reach_mask, palette.REACH)
    view.draw(screen, cam)
    view.draw_units(screen, cam, engine.state.ordered_units(), setup.unit_types, setup.sides)

Per frame nothing is rendered per cell: ``draw`` blits cached tiles of the current zoom level with the fog
already in them (made on first use within a per-frame time budget, see ``game.ui.tiles``; until then the
cells in view are drawn as a quick stand-in) and cached overlay tiles (alpha), then draws the zone outlines
and the labels' cached sprites; unit sprites are cached by ``symbols``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pygame

from game.core.grid import Grid
from game.core.units import Unit, UnitType
from game.ui import palette
from game.ui.camera import ZOOM_LEVELS, Camera
from game.ui.labels import LabelLayer
from game.ui.layers import CellLayer, zone_outline
from game.ui.maprender import render_base
from game.ui.symbols import draw_unit
from game.ui.tiles import Level, LevelCache

BACKGROUND = (28, 30, 34)  # around the map when it is smaller than the viewport
TILE_BUDGET_MS = 1.5  # per frame, for scaling new map tiles; the rest show a quick stand-in first


class MapView:
    """Draws the map for a Camera; see the module docstring."""

    def __init__(self, grid: Grid, *, base_px: int = 12, max_levels: int = 3, grid_lines: bool = True,
                 base: pygame.Surface | None = None) -> None:
        self.grid = grid
        self.base_px = base_px
        base = base if base is not None else render_base(grid, base_px)
        self.base = base.convert() if pygame.display.get_surface() is not None else base
        self.layer = CellLayer(grid.shape)
        self.labels = LabelLayer(grid.places, grid.shape)
        for px in ZOOM_LEVELS:  # lay the labels out now rather than on a frame (~40 ms)
            self.labels.layout(px)
        self.zones = {z: zone_outline(m) for z, m in sorted(grid.zones.items())}
        self.levels = LevelCache(self.base, base_px, grid.shape, max_levels=max_levels, grid_lines=grid_lines)
        self.show_labels = True
        self.show_zones = True
        self.prefetch = True  # spend left-over tile budget on the tiles around the view (ahead, when panning)
        self._last_view = (0, 0, 0)  # px and offset of the last frame drawn
        self.tile_budget_ms: float | None = TILE_BUDGET_MS  # None: make every needed tile at once

    # ------------------------------------------------------------------ layers
    def set_fog(self, visible: np.ndarray | None) -> bool:
        """Darken and desaturate cells outside ``visible`` (bool [row, col]); None turns fog off."""
        return self.layer.set_fog(visible)

    def set_overlay(self, name: str, mask: np.ndarray | None,
                    colour: palette.RGBA | palette.RGB | str = palette.REACH) -> bool:
        """Tint cells where ``mask`` is True (or by a 0..1 float mask); None removes the overlay.

        ``colour`` is RGB(A) or a highlight name from the palette: "reach", "path", "targets".
        """
        if isinstance(colour, str):
            colour = palette.HIGHLIGHTS[colour]
        return self.layer.set_overlay(name, mask, colour)

    def clear_overlay(self, name: str) -> bool:
        """Remove the overlay ``name``; returns True if it existed."""
        return self.layer.clear_overlay(name)

    # ------------------------------------------------------------------ drawing
    def draw(self, target: pygame.Surface, camera: Camera) -> None:
        """Draw the map, fog, overlays, zone outlines and labels into the camera's viewport."""
        view = camera.viewport
        old_clip = target.get_clip()
        target.set_clip(view.clip(old_clip) if old_clip else view)
        try:
            lv = self.levels.get(camera.px)
            ox, oy = camera.offset_px
            w, h = camera.size
            if ox < 0 or oy < 0 or ox + w > self.grid.shape[1] * camera.px or oy + h > self.grid.shape[0] * camera.px:
                target.fill(BACKGROUND, view)
            budget = self.tile_budget_ms
            deadline = None if budget is None else time.perf_counter() + budget / 1000
            keys = lv.keys_for(ox, oy, w, h)
            dx, dy = view.x - ox, view.y - oy
            tp, px = lv.tile_px, camera.px
            fog = self.layer if self.layer.has_fog else None
            cells = (oy // px, ox // px, -(-(oy + h) // px), -(-(ox + w) // px))  # in view, at least partly
            made = lv.made
            for key in keys:
                at = (key[1] * tp + dx, key[0] * tp + dy)
                if deadline is None or lv.ready(key, fog) or _affords(lv, deadline, first=lv.made == made):
                    target.blit(lv.shown_tile(key, fog), at)
                else:  # the real tile is made in a later frame
                    lv.draw_quick(target, key, at, cells, fog)
            if self.layer.has_tint:
                for key in keys:
                    t = lv.tint_tile(key, self.layer)
                    if t is not None:
                        target.blit(t, (key[1] * tp + dx, key[0] * tp + dy))
            if self.show_zones:
                self._draw_zones(target, camera)
            if self.show_labels:
                self.labels.draw(target, camera)
            last, self._last_view = self._last_view, (px, ox, oy)
            if self.prefetch and deadline is not None:
                ring = lv.keys_for(ox, oy, w, h, ring=1)
                if last[0] == px and last[1:] != (ox, oy):  # panning: only the tiles ahead
                    ring = _ahead(ring, tp, (ox + w / 2, oy + h / 2), (ox - last[1], oy - last[2]))
                self._prefetch(lv, keys + ring, deadline, fog)
        finally:
            target.set_clip(old_clip)

    def _prefetch(self, lv: Level, keys: list[tuple[int, int]], deadline: float, fog: CellLayer | None) -> None:
        """Make missing tiles as they are drawn (those in view first, then the ring around it) until the deadline."""
        for key in keys:
            if not _affords(lv, deadline):
                return
            if not lv.ready(key, fog):
                lv.shown_tile(key, fog)

    def _draw_zones(self, target: pygame.Surface, camera: Camera) -> None:
        """Outline each objective zone: a dark casing under a reddish-purple line."""
        px = camera.px
        ox, oy = camera.offset_px
        x0, y0 = camera.origin[0] - ox, camera.origin[1] - oy
        view = camera.viewport.inflate(8, 8)
        w = 3 if px >= 6 else 2
        for runs in self.zones.values():
            segs = [((x0 + a[0] * px, y0 + a[1] * px), (x0 + b[0] * px, y0 + b[1] * px)) for a, b in runs]
            segs = [s for s in segs if view.clipline(s[0], s[1])]
            for a, b in segs:
                pygame.draw.line(target, palette.ZONE_CASING, a, b, w + 2)
            for a, b in segs:
                pygame.draw.line(target, palette.ZONE_LINE, a, b, w)

    def draw_units(self, target: pygame.Surface, camera: Camera, units: Iterable[Unit],
                   unit_types: Mapping[str, UnitType], sides: Sequence[str], *,
                   selected: str | None = None) -> list[tuple[pygame.Rect, list[Unit]]]:
        """Draw one symbol per occupied cell (the selected unit on top of its stack, else the first by id)
        with a stack count, southern cells last. Returns ``(screen rect, units there)`` per symbol drawn.
        """
        stacks: dict[tuple[int, int], list[Unit]] = {}
        for u in sorted(units, key=lambda u: u.id):
            if u.strength > 0:
                stacks.setdefault(u.pos, []).append(u)
        view = camera.viewport
        drawn: list[tuple[pygame.Rect, list[Unit]]] = []
        old_clip = target.get_clip()
        target.set_clip(view.clip(old_clip) if old_clip else view)
        try:
            for cell in sorted(stacks):
                group = stacks[cell]
                rect = camera.unit_rect(*cell)
                if not view.colliderect(rect):
                    continue
                top = next((u for u in group if u.id == selected), group[0])
                side = sides.index(top.side) if top.side in sides else 0
                draw_unit(target, rect, top, unit_types[top.type_id], side, selected=top.id == selected,
                          stack=len(group))
                drawn.append((rect, group))
        finally:
            target.set_clip(old_clip)
        return drawn


def _affords(lv: Level, deadline: float, *, first: bool = False) -> bool:
    """True if a tile of ``lv`` can still be made before ``deadline`` (a frame's first one: if any time is left)."""
    now = time.perf_counter()
    return now + (0.0 if first else lv.make_s) < deadline


def _ahead(keys: list[tuple[int, int]], tile_px: int, centre: tuple[float, float],
           motion: tuple[int, int]) -> list[tuple[int, int]]:
    """The tiles whose centre lies ahead of the view's ``centre`` in the direction of ``motion`` (pixels)."""
    return [k for k in keys
            if ((k[1] + 0.5) * tile_px - centre[0]) * motion[0] + ((k[0] + 0.5) * tile_px - centre[1]) * motion[1] > 0]
