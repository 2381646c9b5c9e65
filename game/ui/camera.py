"""The map camera: which part of the map is on screen, at which discrete zoom level.

Geometry (example at 8 px per cell, ``origin=(0, 0)``, camera offset ``x=10.0, y=5.0`` cells): cell
``(row=5, col=10)`` is drawn at screen rect ``(0, 0, 8, 8)`` and ``cell_at((12, 3)) == (5, 11)``.
All screen maths uses the integer pixel offset ``(round(x * px), round(y * px))``, so
``cell_at(screen_rect(r, c).topleft) == (r, c)`` exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pygame

from game.ui.symbols import symbol_size

ZOOM_LEVELS: tuple[int, ...] = (2, 3, 4, 6, 8, 12, 16, 24)  # pixels per cell


@dataclass
class Camera:
    """A view of a map of ``shape`` = (rows, cols) in a ``size`` viewport whose top-left is at ``origin``.

    ``x``, ``y`` are the map coordinates (in cells, float: column, row) of the viewport's top-left
    corner; ``zoom`` indexes ``levels``. When the map is smaller than the viewport it is centred.
    Example: ``Camera(grid.shape, (1280, 800))``.
    """

    shape: tuple[int, int]
    size: tuple[int, int]
    zoom: int = 4
    x: float = 0.0
    y: float = 0.0
    origin: tuple[int, int] = (0, 0)
    levels: tuple[int, ...] = field(default=ZOOM_LEVELS)
    rows: int = field(init=False)
    cols: int = field(init=False)

    def __post_init__(self) -> None:
        self.rows, self.cols = int(self.shape[0]), int(self.shape[1])
        self.zoom = max(0, min(self.zoom, len(self.levels) - 1))
        self.clamp()

    @property
    def px(self) -> int:
        """Pixels per cell at the current zoom level."""
        return self.levels[self.zoom]

    @property
    def offset_px(self) -> tuple[int, int]:
        """Integer pixel offset of the viewport's top-left corner in the full map image at this zoom."""
        return round(self.x * self.px), round(self.y * self.px)

    @property
    def viewport(self) -> pygame.Rect:
        """The viewport's screen rectangle."""
        return pygame.Rect(self.origin, self.size)

    def resize(self, size: tuple[int, int], origin: tuple[int, int] | None = None) -> None:
        """Change the viewport size (and screen origin), keeping the centre cell in view."""
        centre = self.centre_cell()
        self.size = size
        if origin is not None:
            self.origin = origin
        self.centre_on(centre)

    def cell_at(self, screen_xy: tuple[float, float]) -> tuple[int, int] | None:
        """The ``(row, col)`` under a screen point, or None outside the viewport or the map."""
        sx, sy = screen_xy[0] - self.origin[0], screen_xy[1] - self.origin[1]
        if not (0 <= sx < self.size[0] and 0 <= sy < self.size[1]):
            return None
        ox, oy = self.offset_px
        col, row = math.floor((sx + ox) / self.px), math.floor((sy + oy) / self.px)
        if 0 <= row < self.rows and 0 <= col < self.cols:
            return row, col
        return None

    def screen_rect(self, row: int, col: int) -> pygame.Rect:
        """The screen rectangle of cell ``(row, col)`` (it may lie outside the viewport)."""
        ox, oy = self.offset_px
        px = self.px
        return pygame.Rect(self.origin[0] + col * px - ox, self.origin[1] + row * px - oy, px, px)

    def screen_point(self, row: float, col: float) -> tuple[int, int]:
        """Screen position of a map point given in (fractional) cells, e.g. ``(r + 0.5, c + 0.5)``."""
        ox, oy = self.offset_px
        return (self.origin[0] + round(col * self.px) - ox, self.origin[1] + round(row * self.px) - oy)

    def visible_cells(self) -> tuple[int, int, int, int]:
        """The cell window ``(row0, col0, row1, col1)`` (exclusive ends) that touches the viewport."""
        ox, oy = self.offset_px
        px = self.px
        r0, c0 = max(0, oy // px), max(0, ox // px)
        r1 = min(self.rows, -(-(oy + self.size[1]) // px))
        c1 = min(self.cols, -(-(ox + self.size[0]) // px))
        return r0, c0, r1, c1

    def unit_rect(self, row: int, col: int) -> pygame.Rect:
        """The screen rectangle of a unit symbol on cell ``(row, col)`` (centred, ``symbol_size``)."""
        rect = pygame.Rect((0, 0), symbol_size(self.px))
        rect.center = self.screen_rect(row, col).center
        return rect

    def centre_px(self) -> tuple[int, int]:
        """The screen point at the centre of the viewport."""
        return self.origin[0] + self.size[0] // 2, self.origin[1] + self.size[1] // 2

    def centre_cell(self) -> tuple[float, float]:
        """The map point ``(row, col)`` in cells (fractional) at the centre of the viewport."""
        return self.y + self.size[1] / self.px / 2, self.x + self.size[0] / self.px / 2

    def pan(self, dx: float, dy: float) -> None:
        """Move the view by ``dx`` columns and ``dy`` rows (cells, fractional; positive: east / south)."""
        self.x += dx
        self.y += dy
        self.clamp()

    def pan_pixels(self, dx: float, dy: float) -> None:
        """Move the view by ``dx``, ``dy`` screen pixels (a mouse drag of -dx, -dy)."""
        self.pan(dx / self.px, dy / self.px)

    def centre_on(self, cell: tuple[float, float]) -> None:
        """Put map point ``cell`` = (row, col) (cells, fractional allowed) at the viewport centre."""
        self.x = cell[1] - self.size[0] / self.px / 2
        self.y = cell[0] - self.size[1] / self.px / 2
        self.clamp()

    def zoom_at(self, screen_xy: tuple[float, float], steps: int) -> bool:
        """Zoom ``steps`` levels in (positive) or out, keeping the map point under ``screen_xy`` fixed.

        Returns True when the zoom level changed.
        """
        new = max(0, min(self.zoom + steps, len(self.levels) - 1))
        if new == self.zoom:
            return False
        sx, sy = screen_xy[0] - self.origin[0], screen_xy[1] - self.origin[1]
        ox, oy = self.offset_px
        wx, wy = (sx + ox) / self.px, (sy + oy) / self.px  # map point under the cursor, in cells
        self.zoom = new
        self.x, self.y = wx - sx / self.px, wy - sy / self.px
        self.clamp()
        return True

    def clamp(self) -> None:
        """Keep the map on screen: no panning past its edges; centre it when it is smaller."""
        vw, vh = self.size[0] / self.px, self.size[1] / self.px
        self.x = (self.cols - vw) / 2 if vw >= self.cols else min(max(self.x, 0.0), self.cols - vw)
        self.y = (self.rows - vh) / 2 if vh >= self.rows else min(max(self.y, 0.0), self.rows - vh)
