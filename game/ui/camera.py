"""The map camera: which part of the map is on screen, at which discrete zoom level.

Geometry (example at 8 px per cell, ``origin=(0, 0)``, camera offset ``x=10.0, y=5.0`` cells): cell
``(row=5, col=10)`` is drawn at screen rect ``(0, 0, 8, 8)`` and ``cell_at((12, 3)) == (5, 11)``.
All screen maths uses the integer pixel offset ``(round(x * px), round(y * px))``, so
``cell_at(screen_rect(r, c).topleft) == (r, c)`` exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import pygame

from game.ui.symbols import symbol_size

ZOOM_LEVELS: tuple[int, ...] = (2, 3, 4, 6, 8, 12, 16, 24)  # pixels per cell
EDGE_PX = 12  # the band along the map's edges where a resting cursor pans
EDGE_REST_S = 0.5  # the cursor must rest in the band this long before the map pans
CLICK_QUIET_S = 1.0  # no edge panning this long after a click
KEY_TAP_PX = 64  # an arrow key tap pans this many pixels, and never less than a cell
KEY_HOLD_S = 0.25  # a held arrow key pans continuously after this long


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

    def follow(self, cell: tuple[int, int], margin: float = 0.15) -> bool:
        """Centre on ``cell`` when it lies outside the viewport less a ``margin`` (share of each side);
        returns True when the view moved. Watch mode uses it to follow the fighting."""
        inner = self.viewport.inflate(-round(self.size[0] * margin * 2), -round(self.size[1] * margin * 2))
        if inner.collidepoint(self.screen_rect(*cell).center):
            return False
        self.centre_on((cell[0] + 0.5, cell[1] + 0.5))
        return True

    def clamp(self) -> None:
        """Keep the map on screen: no panning past its edges; centre it when it is smaller."""
        vw, vh = self.size[0] / self.px, self.size[1] / self.px
        self.x = (self.cols - vw) / 2 if vw >= self.cols else min(max(self.x, 0.0), self.cols - vw)
        self.y = (self.rows - vh) / 2 if vh >= self.rows else min(max(self.y, 0.0), self.rows - vh)


View = tuple[int, float, float]  # zoom level, x, y


def view_of(camera: Camera) -> View:
    """What :func:`set_view` needs to bring this view back."""
    return camera.zoom, camera.x, camera.y


def set_view(camera: Camera, view: View) -> None:
    """Restore a view from :func:`view_of` (clamped to the current viewport)."""
    camera.zoom, camera.x, camera.y = view
    camera.clamp()


class SideViews:
    """Each hot-seat side keeps its own camera: ``swap`` stores the leaving side's view and brings back
    the arriving side's; it returns False when that side has none yet (the caller centres it)."""

    def __init__(self) -> None:
        self.saved: dict[str, View] = {}

    def swap(self, camera: Camera, leaving: str, arriving: str) -> bool:
        self.saved[leaving] = view_of(camera)
        view = self.saved.get(arriving)
        if view is not None:
            set_view(camera, view)
        return view is not None


@dataclass
class EdgePan:
    """Panning by the window edge that waits: the cursor must rest in the edge band for ``EDGE_REST_S``,
    and a click pauses it for ``CLICK_QUIET_S`` (a click near the edge must land where it was aimed).

    ``step(dt, local_xy, size)`` returns the direction ``(dx, dy)`` (each -1, 0 or 1) to pan this frame.
    """

    rest: float = 0.0
    quiet: float = 0.0

    def clicked(self) -> None:
        self.rest, self.quiet = 0.0, CLICK_QUIET_S

    def step(self, dt: float, local_xy: tuple[int, int] | None, size: tuple[int, int]) -> tuple[int, int]:
        self.quiet = max(0.0, self.quiet - dt)
        if local_xy is None:
            self.rest = 0.0
            return 0, 0
        x, y = local_xy
        dx = (x >= size[0] - EDGE_PX) - (x < EDGE_PX)
        dy = (y >= size[1] - EDGE_PX) - (y < EDGE_PX)
        if not (dx or dy) or self.quiet > 0:
            self.rest = 0.0
            return 0, 0
        self.rest += dt
        return (dx, dy) if self.rest >= EDGE_REST_S else (0, 0)


def key_tap_cells(camera: Camera) -> float:
    """How far one arrow key tap pans, in cells: ``KEY_TAP_PX`` on screen, at least one cell."""
    return max(1.0, KEY_TAP_PX / camera.px)


def pick_cell(camera: Camera, screen_xy: tuple[int, int], occupied: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    """The cell a click at ``screen_xy`` means: the cell of the unit icon under the point (icons are larger
    than cells at low zoom; the one drawn last, the southern-most, wins), else the cell under the point.

    Example: at 4 px per cell an icon is 18 px wide, so a click 6 px right of a unit's cell picks the unit.
    """
    hit = None
    for cell in sorted(set(occupied)):  # the order symbols are drawn in (see MapView.draw_units)
        if camera.unit_rect(*cell).collidepoint(screen_xy):
            hit = cell
    return hit if hit is not None else camera.cell_at(screen_xy)
