"""The minimap: the whole map in a small box, the camera's viewport as a rectangle, units as dots.

Example::

    mini = Minimap(setup.grid, (220, 220))
    mini.draw(screen, (1040, 560), camera, units=[(u.row, u.col, side_index(u)) for u in shown])
    cell = mini.cell_at((mx - 1040, my - 560))   # None outside the map image
    if cell: camera.centre_on(cell)
"""

from __future__ import annotations

from collections.abc import Iterable

import pygame

from game.core.grid import Grid
from game.ui import palette
from game.ui.camera import Camera
from game.ui.maprender import render_base

FRAME = (20, 20, 24)
VIEW_LINE = (255, 255, 255)


class Minimap:
    """A whole-map thumbnail fitted (aspect kept, centred) into ``size`` pixels."""

    def __init__(self, grid: Grid, size: tuple[int, int], *, source: pygame.Surface | None = None) -> None:
        """``source``: an already rendered whole-map surface to shrink (else one is rendered at 2 px)."""
        self.rows, self.cols = grid.shape
        self.size = size
        self.scale = min(size[0] / self.cols, size[1] / self.rows)  # pixels per cell
        w, h = max(1, round(self.cols * self.scale)), max(1, round(self.rows * self.scale))
        self.image_rect = pygame.Rect((size[0] - w) // 2, (size[1] - h) // 2, w, h)
        src = source if source is not None else render_base(grid, 2)
        img = pygame.transform.smoothscale(src, (w, h))
        self.image = img.convert() if pygame.display.get_surface() is not None else img
        self._box: pygame.Surface | None = None  # frame, map and unit dots, for the dots below
        self._box_dots: tuple[tuple[tuple[int, int], int], ...] = ()

    def draw(self, target: pygame.Surface, pos: tuple[int, int] | pygame.Rect, camera: Camera | None = None,
             units: Iterable[tuple[int, int, int] | tuple[tuple[int, int], int]] = ()) -> pygame.Rect:
        """Draw at ``pos`` (top-left, or a Rect's top-left): map, unit dots, camera rectangle.

        ``units`` holds ``(row, col, side_index)`` or ``((row, col), side_index)`` items. Returns the
        screen rect of the whole minimap box.
        """
        if isinstance(pos, pygame.Rect):
            pos = pos.topleft
        box = pygame.Rect(pos, self.size)
        dots = tuple((item[0], item[1]) if len(item) == 2 else ((item[0], item[1]), item[2]) for item in units)
        target.blit(self._boxed(dots), box)
        img = self.image_rect.move(pos)
        if camera is not None:
            x0, y0 = self._to_local(camera.y, camera.x)
            x1, y1 = self._to_local(camera.y + camera.size[1] / camera.px, camera.x + camera.size[0] / camera.px)
            rect = pygame.Rect(round(x0), round(y0), max(2, round(x1 - x0)), max(2, round(y1 - y0)))
            rect = rect.move(pos).clip(img)
            pygame.draw.rect(target, (0, 0, 0), rect.inflate(2, 2), 1)  # black + white: visible anywhere
            pygame.draw.rect(target, VIEW_LINE, rect, 1)
        return box

    def _boxed(self, dots: tuple[tuple[tuple[int, int], int], ...]) -> pygame.Surface:
        """The framed map with the unit dots ``((row, col), side_index)``, remade only when they change (the
        camera rectangle goes on top each frame: panning redraws nothing else)."""
        if self._box is None or self._box_dots != dots:
            box = self._box or pygame.Surface(self.size)
            box.fill(FRAME)
            box.blit(self.image, self.image_rect)
            r = max(2, round(self.scale * 1.5))
            for (row, col), side in dots:
                x, y = self._to_local(row + 0.5, col + 0.5)
                at = (round(x), round(y))
                pygame.draw.circle(box, (0, 0, 0), at, r + 1)
                pygame.draw.circle(box, palette.SIDE_DOT[side % len(palette.SIDE_DOT)], at, r)
            self._box, self._box_dots = box, dots
        return self._box

    def cell_at(self, local_xy: tuple[float, float]) -> tuple[int, int] | None:
        """The ``(row, col)`` under a point relative to the minimap's top-left, or None off the map."""
        x = (local_xy[0] - self.image_rect.x) / self.scale
        y = (local_xy[1] - self.image_rect.y) / self.scale
        if 0 <= x < self.cols and 0 <= y < self.rows:
            return min(self.rows - 1, int(y)), min(self.cols - 1, int(x))
        return None

    def _to_local(self, row: float, col: float) -> tuple[float, float]:
        """Minimap-local pixel position of a map point in cells."""
        return self.image_rect.x + col * self.scale, self.image_rect.y + row * self.scale


CORNERS = ("bottomright", "bottomleft", "topleft", "topright")
MARGIN = 8


class MinimapPlace:
    """Where the minimap sits on the map: one of four corners, or hidden. ``cycle`` (key M) moves it to the
    next corner, then hides it, then shows it again at the first corner."""

    def __init__(self, corner: int = 0) -> None:
        self.corner = corner
        self.hidden = False

    def rect(self, area: pygame.Rect, size: tuple[int, int]) -> pygame.Rect | None:
        """The minimap's screen rect in ``area`` (the map), or None when hidden."""
        if self.hidden:
            return None
        return self.corner_rect(area, size, self.corner)

    @staticmethod
    def corner_rect(area: pygame.Rect, size: tuple[int, int], corner: int) -> pygame.Rect:
        rect = pygame.Rect((0, 0), size)
        name = CORNERS[corner]
        sx = -MARGIN if "right" in name else MARGIN
        sy = -MARGIN if name.startswith("bottom") else MARGIN
        setattr(rect, name, getattr(area, name))
        return rect.move(sx, sy)

    def cycle(self) -> str:
        """Next place; returns what happened, for a notice."""
        if self.hidden:
            self.hidden, self.corner = False, 0
        elif self.corner == len(CORNERS) - 1:
            self.hidden = True
            return "Minimap hidden (M shows it again)"
        else:
            self.corner += 1
        return f"Minimap moved to the {CORNERS[self.corner].replace('bottom', 'bottom ').replace('top', 'top ')} " \
               "corner (M moves or hides it)"

    def avoid(self, area: pygame.Rect, size: tuple[int, int], points: Iterable[tuple[int, int]]) -> None:
        """Put the minimap in the first corner where it covers none of ``points`` (screen positions of the
        player's units), or the one covering fewest."""
        pts = list(points)
        counts = [sum(self.corner_rect(area, size, i).collidepoint(p) for p in pts) for i in range(len(CORNERS))]
        self.corner = counts.index(min(counts))
