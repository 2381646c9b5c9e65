"""Drawing a scene's history over the map: trails, documented positions, expected axes, road cuts, control.

Shared by the replay viewer and the play screen's ghost overlay. Trails are side-coloured lines with a dark
casing; positions are side-coloured rings with a short label; axes are dashed side-coloured lines with an
arrowhead and a label; cut roads (near the cut) and zone control are cell tints on the MapView (cached tiles).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pygame

from game.core.grid import Grid
from game.history.scene import Cell, Scene
from game.ui import palette
from game.ui.camera import Camera
from game.ui.labels import text_sprite
from game.ui.mapview import MapView

CASING = (20, 20, 24)
CUT_ROAD: palette.RGBA = (*palette.OI_VERMILLION, 120)
CONTESTED: palette.RGBA = (*palette.OI_REDDISH_PURPLE, 70)
CUT_KM = 1.2  # a cut road is tinted this far either side of the units holding it
LABEL_CHARS = 44  # on-map labels are cut here (the hover shows them whole)
POSITION_CHARS = 28  # documented positions' labels, shorter: they sit among the units and place names


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """The part of a label before its first colon or parenthesis, cut to ``limit`` characters."""
    cut = min((i for i in (text.find(":"), text.find(" (")) if i > 0), default=len(text))
    head = text[:cut].strip()
    if len(head) <= limit:
        return head
    words = head[:limit].rsplit(" ", 1)[0] if " " in head[:limit] else head[:limit - 1]
    return words.rstrip(" ,;-") + "…"


def side_index(sides: Sequence[str], side: str) -> int:
    return sides.index(side) if side in sides else 0


def _centre(camera: Camera, cell: Cell) -> tuple[int, int]:
    return camera.screen_point(cell[0] + 0.5, cell[1] + 0.5)


def draw_trails(target: pygame.Surface, camera: Camera, scene: Scene, sides: Sequence[str],
                *, side_of: dict[str, str], alpha: int = 255) -> None:
    """Each group's trail (cells passed, in order) as a cased line in its side's colour."""
    layer = target if alpha >= 255 else pygame.Surface(target.get_size(), pygame.SRCALPHA)
    w = 4 if camera.px >= 6 else 3
    for gid, cells in sorted(scene.trails.items()):
        if len(cells) < 2:
            continue
        pts = [_centre(camera, c) for c in cells]
        colour = palette.SIDE_FILL[side_index(sides, side_of.get(gid, sides[0])) % len(palette.SIDE_FILL)]
        pygame.draw.lines(layer, CASING, False, pts, w + 2)
        pygame.draw.lines(layer, colour, False, pts, w)
    if layer is not target:
        layer.set_alpha(alpha)
        target.blit(layer, (0, 0))


def _dashed(target: pygame.Surface, colour: tuple[int, int, int], a: tuple[int, int], b: tuple[int, int],
            width: int, dash: int = 10) -> None:
    length = math.dist(a, b)
    n = max(1, int(length // dash))
    for i in range(0, n, 2):
        p = (a[0] + (b[0] - a[0]) * i / n, a[1] + (b[1] - a[1]) * i / n)
        q = (a[0] + (b[0] - a[0]) * min(i + 1, n) / n, a[1] + (b[1] - a[1]) * min(i + 1, n) / n)
        pygame.draw.line(target, colour, p, q, width)


def draw_axes(target: pygame.Surface, camera: Camera, scene: Scene, sides: Sequence[str]) -> None:
    """Expected axes: dashed lines ending in an arrowhead, labelled at their middle."""
    for side, cells, label in scene.axes:
        if len(cells) < 2:
            continue
        colour = palette.SIDE_LINE[side_index(sides, side) % len(palette.SIDE_LINE)]
        pts = [_centre(camera, c) for c in cells]
        for a, b in zip(pts, pts[1:], strict=False):
            _dashed(target, (250, 248, 235), a, b, 6)
            _dashed(target, colour, a, b, 3)
        (x0, y0), (x1, y1) = pts[-2], pts[-1]
        ang = math.atan2(y1 - y0, x1 - x0)
        head = [(x1, y1), (x1 - 14 * math.cos(ang - 0.45), y1 - 14 * math.sin(ang - 0.45)),
                (x1 - 14 * math.cos(ang + 0.45), y1 - 14 * math.sin(ang + 0.45))]
        pygame.draw.polygon(target, colour, head)
        mid = pts[len(pts) // 2 - 1] if len(pts) > 2 else ((x0 + x1) // 2, (y0 + y1) // 2)
        sprite = text_sprite(short_label(label), 13, True, colour, True)
        target.blit(sprite, sprite.get_rect(midbottom=(mid[0], mid[1] - 6)))


def draw_positions(target: pygame.Surface, camera: Camera, scene: Scene, sides: Sequence[str], *,
                   labels: bool = True) -> None:
    """Documented positions: a ring in the side's colour with a short label beside it (``labels=False``: the
    rings only; :func:`draw_position_labels` then draws the labels, e.g. above the units)."""
    r = max(6, camera.px)
    for side, cell, _ in scene.positions:
        colour = palette.SIDE_LINE[side_index(sides, side) % len(palette.SIDE_LINE)]
        at = _centre(camera, cell)
        pygame.draw.circle(target, (250, 248, 235), at, r + 2, 5)
        pygame.draw.circle(target, colour, at, r, 3)
    if labels:
        draw_position_labels(target, camera, scene)


def draw_position_labels(target: pygame.Surface, camera: Camera, scene: Scene) -> None:
    """The documented positions' labels, short (the hover shows them whole), beside their rings."""
    r = max(6, camera.px)
    for _, cell, label in scene.positions:
        at = _centre(camera, cell)
        sprite = text_sprite(short_label(label, POSITION_CHARS), 12, False, palette.LABEL_TEXT, True)
        target.blit(sprite, sprite.get_rect(midleft=(at[0] + r + 4, at[1] + r)))


def positions_near(camera: Camera, scene: Scene, pos: tuple[int, int], radius: int = 12) -> list[str]:
    """Full labels of the documented positions drawn within ``radius`` px of a screen point."""
    return [label for _, cell, label in scene.positions if math.dist(_centre(camera, cell), pos) <= radius]


class HistoryTints:
    """Keeps a MapView's cut-road and zone-control tints in step with the scenes shown (changes only).

    A cut road is tinted only near the cut: its cells within ``CUT_KM`` of the units standing that close to it
    when the viewer first sees it cut (the groups cutting it), outside the zones (a road is cut outside the
    town). The cells stay while the road stays cut, so the tint marks the cut point after the groups move on;
    a road seen cut with no unit near it (a jump far past the cut) is tinted whole until one comes near.
    """

    def __init__(self, grid: Grid, view: MapView, sides: Sequence[str]) -> None:
        self.grid, self.view, self.sides = grid, view, list(sides)
        self._key: object = None
        self._cut_mask: np.ndarray | None = None
        self._near: dict[str, np.ndarray] = {}  # road -> the cells tinted for its cut while it stays cut
        self._outside = ~np.logical_or.reduce([z for _, z in sorted(grid.zones.items())]) if grid.zones else None

    def cut_cells(self, scene: Scene) -> np.ndarray:
        """Bool [row, col]: the cells of the scene's cut roads near the cut (see the class docstring)."""
        mask = np.zeros(self.grid.shape, dtype=bool)
        k = max(1, round(CUT_KM * 1000 / self.grid.cell_m))
        for road in [r for r in sorted(self._near) if r not in scene.roads_cut]:
            del self._near[road]  # open again: a later cut is found afresh
        for road in sorted(scene.roads_cut):
            cells = self.grid.roads.get(road)
            if cells is None:
                continue
            if self._outside is not None:
                cells = cells & self._outside
            if road not in self._near:
                near = np.zeros_like(mask)
                for u in scene.units:
                    r0, c0 = max(0, u.row - k), max(0, u.col - k)
                    near[r0:u.row + k + 1, c0:u.col + k + 1] |= cells[r0:u.row + k + 1, c0:u.col + k + 1]
                if near.any():
                    self._near[road] = near
            mask |= self._near.get(road, cells)
        return mask

    def apply(self, scene: Scene | None) -> None:
        cut = self.cut_cells(scene) if scene is not None and scene.roads_cut else None
        if cut is not None and not cut.any():
            cut = None
        key = None if scene is None else tuple(sorted(scene.control.items(), key=str))
        same_cut = (cut is None and self._cut_mask is None) or \
            (cut is not None and self._cut_mask is not None and np.array_equal(cut, self._cut_mask))
        if not same_cut:
            self._cut_mask = cut
            self.view.set_overlay("history_cut", cut, CUT_ROAD)
        if key == self._key:
            return
        self._key = key
        for zone in sorted(self.grid.zones):
            holder = scene.control.get(zone, "") if scene is not None else ""
            if scene is None or zone not in scene.control:
                self.view.set_overlay(f"history_zone:{zone}", None)
                continue
            colour = CONTESTED if holder is None else \
                (*palette.SIDE_FILL[side_index(self.sides, holder) % len(palette.SIDE_FILL)], 70)
            self.view.set_overlay(f"history_zone:{zone}", self.grid.zones[zone], colour)
