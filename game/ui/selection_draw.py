"""Drawing for orders that last: standing routes with the turn each part is walked in, the selection, idle units.

A route is a line from the unit along its path; a small disc with a turn number marks where each turn's
walking ends (the number is the turn as the top bar counts it). Routes of the selected units are bright,
the others faint. Units without orders this turn get an amber "?" tag at their icon's corner.
"""

from __future__ import annotations

import pygame

from game.core.engine import Engine
from game.play import standing
from game.ui.camera import Camera
from game.ui.selection import idle_units

Cell = tuple[int, int]
ROUTE = (120, 200, 255)  # standing routes of selected units
ROUTE_FAINT = (90, 130, 170)
PREVIEW_MARK = (255, 240, 120)  # marks on the yellow preview path
IDLE = (255, 190, 40)
RING = (255, 255, 255)
BOX = (255, 255, 255)


class RouteLayer:
    """The side's standing routes, worked out again only when the game changes."""

    def __init__(self) -> None:
        self._key: object = None
        self._routes: dict[str, standing.Route] = {}
        self._preview_key: object = None
        self._preview_marks: list[tuple[int, int]] = []

    def forget(self) -> None:
        """Orders changed: work the routes out again before the next frame."""
        self._key = None

    def routes(self, eng: Engine, side: str) -> dict[str, standing.Route]:
        orders = standing.orders_of(eng, side)  # the routes change when the orders or their units do
        key = (side, eng.state.turn, tuple((o, eng.state.units[k].pos) for k, o in orders.items()))
        if key != self._key:
            self._routes = standing.routes(eng, side)
            self._key = key
        return self._routes

    def draw(self, target: pygame.Surface, camera: Camera, eng: Engine, side: str, selected: list[str],
             font: pygame.font.Font) -> None:
        """Every standing route of the side; the selected units' bright with their turn marks."""
        routes = self.routes(eng, side)
        for uid in sorted(routes, key=lambda k: k in selected):
            route, bright = routes[uid], uid in selected
            pts = [camera.screen_rect(r, c).center for r, c in route.path]
            if len(pts) > 1:
                pygame.draw.lines(target, ROUTE if bright else ROUTE_FAINT, False, pts, 3 if bright else 1)
            if bright:
                draw_marks(target, camera, route.path, route.marks, font, ROUTE)
            else:
                end = camera.screen_rect(*route.path[-1]).center
                pygame.draw.circle(target, ROUTE_FAINT, end, 3)

    def draw_preview(self, target: pygame.Surface, camera: Camera, eng: Engine, unit_id: str, path: list[Cell],
                     night: bool, font: pygame.font.Font) -> None:
        """Turn marks on the move preview path (the screen draws the path itself)."""
        key = (unit_id, tuple(path), night, eng.state.turn, len(eng.record.actions))
        if key != self._preview_key:
            u = eng.state.units[unit_id]
            cum = standing.path_seconds(eng, u, path)
            ends = standing.turn_ends(cum[-1], standing.capacities(eng, u, night=night))
            self._preview_marks = [(standing.cell_at(path, cum, s), t) for t, s in ends]
            self._preview_key = key
        if len(self._preview_marks) > 1 or night:
            draw_marks(target, camera, path, self._preview_marks, font, PREVIEW_MARK)


def draw_marks(target: pygame.Surface, camera: Camera, path: list[Cell], marks: list[tuple[int, int]],
               font: pygame.font.Font, colour: tuple[int, int, int]) -> None:
    """A numbered disc where each turn's walking ends (several turns ending in one cell share a disc)."""
    seen: dict[int, list[int]] = {}
    for i, turn in marks:
        seen.setdefault(i, []).append(turn + 1)
    for i, turns in seen.items():
        x, y = camera.screen_rect(*path[i]).center
        label = str(turns[0]) if len(turns) == 1 else f"{turns[0]}-{turns[-1]}"
        img = font.render(label, True, (10, 10, 10))
        r = max(7, img.get_width() // 2 + 3)
        pygame.draw.circle(target, colour, (x, y), r)
        pygame.draw.circle(target, (10, 10, 10), (x, y), r, 1)
        target.blit(img, img.get_rect(center=(x, y)))


def draw_idle_marks(target: pygame.Surface, camera: Camera, eng: Engine, side: str) -> None:
    """An amber '?' tag at the top-right corner of each unit without orders this turn."""
    view = camera.viewport
    for u in idle_units(eng, side):
        rect = camera.unit_rect(*u.pos)
        if not view.colliderect(rect):
            continue
        c = (rect.right - 1, rect.top + 1)
        pygame.draw.circle(target, IDLE, c, 5)
        pygame.draw.circle(target, (20, 20, 20), c, 5, 1)
        pygame.draw.line(target, (20, 20, 20), (c[0], c[1] - 2), (c[0], c[1] + 1), 2)


def draw_selection_rings(target: pygame.Surface, camera: Camera, eng: Engine, ids: list[str]) -> None:
    """A white frame round each selected unit other than the primary one (the screen frames that one)."""
    for uid in ids:
        u = eng.state.units.get(uid)
        if u is not None and u.alive:
            pygame.draw.rect(target, RING, camera.unit_rect(*u.pos).inflate(4, 4), 2)


def draw_box(target: pygame.Surface, box: pygame.Rect) -> None:
    """The selection box being dragged."""
    pygame.draw.rect(target, BOX, box, 1)


def preview_rects(camera: Camera, path: list[Cell], unit_cell: Cell | None,
                  origin: tuple[int, int]) -> tuple[list[pygame.Rect], list[pygame.Rect]]:
    """What the tooltip must leave in sight while a move is planned, in screen pixels (the map at
    ``origin``): the path's end cell and the selected unit's symbol, then every cell of the path."""
    keep = [camera.screen_rect(*path[-1]).move(origin)] if path else []
    if unit_cell is not None:
        keep.append(camera.unit_rect(*unit_cell).move(origin))
    return keep, [camera.screen_rect(*c).move(origin) for c in path]
