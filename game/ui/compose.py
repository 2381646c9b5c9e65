"""Compose a whole-map picture (map, fog, zones, labels, units, legend) on one Surface, headless."""

from __future__ import annotations

import pygame

from game.core.setup import GameSetup
from game.core.units import Unit
from game.ui import glyphs, palette
from game.ui.camera import Camera
from game.ui.labels import text_sprite
from game.ui.maprender import contour_interval, render_base
from game.ui.mapview import MapView


def compose_map(setup: GameSetup, *, px: int = 8, units: bool = False, fog_side: str | None = None,
                legend: bool = True) -> pygame.Surface:
    """The whole map at ``px`` pixels per cell with labels and zones; optionally units, fog and a legend.

    With ``fog_side`` the fog of war is that side's view at the start of a game (``Engine(setup,
    seed=1)``) and only the enemy units it has spotted are drawn.
    """
    grid = setup.grid
    rows, cols = grid.shape
    base = render_base(grid, px)
    view = MapView(grid, base_px=px, base=base, grid_lines=False)
    view.prefetch = False
    view.tile_budget_ms = None
    cam = Camera((rows, cols), (cols * px, rows * px), zoom=0, levels=(px,))
    shown: list[Unit] = list(setup.units)
    if fog_side is not None:
        from game.core.engine import Engine

        eng = Engine(setup, seed=1)
        view.set_fog(eng.visible_cells(fog_side))
        spotted = set(eng.spotted_by(fog_side))
        shown = [u for u in eng.state.ordered_units() if u.side == fog_side or u.id in spotted]
    out = pygame.Surface(cam.size)
    view.draw(out, cam)
    if units:
        view.draw_units(out, cam, shown, setup.unit_types, setup.sides)
    if legend:
        draw_legend(out, setup, px, fog_side)
    return out


def draw_legend(target: pygame.Surface, setup: GameSetup, px: int, fog_side: str | None) -> None:
    """A cartouche in the bottom-left corner: title, sides, scale bar, north arrow (if there is room)."""
    size = 12 if px < 6 else 14
    lines = [text_sprite(setup.title, size + 2, True, palette.LABEL_TEXT)]
    for i, side in enumerate(setup.sides):
        lines.append(_side_line(setup.side_names.get(side, side), i, size))
    if fog_side is not None:
        lines.append(text_sprite(f"Fog of war as seen by: {setup.side_names.get(fog_side, fog_side)}", size,
                                 False, palette.LABEL_TEXT))
    km = _scale_km(px, setup.grid.cell_m)
    bar_px = round(km * 1000 / setup.grid.cell_m * px)
    lines.append(text_sprite(f"{km:g} km   (1 cell = {setup.grid.cell_m:.0f} m;  contours "
                             f"{contour_interval(px):.0f} m)", size, False, palette.LABEL_TEXT))
    w = max(max(s.get_width() for s in lines), bar_px) + 40
    h = sum(s.get_height() + 2 for s in lines) + 18
    if w > target.get_width() * 0.8 or h > target.get_height() * 0.4:
        return  # no room on a small map
    box = pygame.Rect(8, target.get_height() - h - 8, w, h)
    panel = pygame.Surface(box.size, pygame.SRCALPHA)
    panel.fill((*palette.LABEL_HALO, 215))
    target.blit(panel, box)
    pygame.draw.rect(target, (60, 60, 60), box, 1)
    y = box.y + 6
    for s in lines:
        target.blit(s, (box.x + 8, y))
        y += s.get_height() + 2
    pygame.draw.rect(target, (0, 0, 0), (box.x + 10, y + 2, bar_px, 5), 1)
    pygame.draw.rect(target, (0, 0, 0), (box.x + 10, y + 2, bar_px // 2, 5))
    _north(target, (box.right - 16, box.y + 22))


def _side_line(name: str, side_index: int, size: int) -> pygame.Surface:
    """A small frame in the side's colour and style, then the side's name."""
    line, fill, dashed = palette.side_colors(side_index)
    text = text_sprite(name, size, False, palette.LABEL_TEXT)
    out = pygame.Surface((text.get_width() + 26, max(text.get_height(), 14)), pygame.SRCALPHA)
    frame = pygame.Rect(0, (out.get_height() - 12) // 2, 20, 12)
    pygame.draw.rect(out, fill, frame)
    if dashed:
        glyphs.dashed_rect(out, frame, line, 2)
    else:
        pygame.draw.rect(out, line, frame, 2)
    out.blit(text, (26, (out.get_height() - text.get_height()) // 2))
    return out


def _scale_km(px: int, cell_m: float) -> float:
    """A round scale-bar length in km that is 60-200 pixels long."""
    for km in (0.5, 1, 2, 5, 10, 20):
        if km * 1000 / cell_m * px >= 60:
            return km
    return 20


def _north(target: pygame.Surface, at: tuple[int, int]) -> None:
    """A north arrow with an N."""
    x, y = at
    pygame.draw.polygon(target, (0, 0, 0), [(x, y - 12), (x - 6, y + 6), (x, y + 2), (x + 6, y + 6)])
    n = glyphs.font(14, True).render("N", True, (0, 0, 0))
    target.blit(n, n.get_rect(midbottom=(x, y - 12)))
