"""The map legend (K): what a unit symbol's bars and badges mean, the last-known marker and the tints.

Drawn with the real symbol renderer (``symbols.draw_unit``) on sample units, so the legend shows exactly
what the map shows.
"""

from __future__ import annotations

import pygame

from game.core.setup import GameSetup
from game.core.units import Unit
from game.ui import palette
from game.ui.combat_fx import LOSS_COLOUR, ROUTED_COLOUR
from game.ui.sight_overlay import LOS_TINT, draw_ghost
from game.ui.symbols import draw_unit, symbol_size
from game.ui.text_panel import BG, BORDER, DIM, FG

WIDTH = 470
SYMBOL_PX = 28  # the map zoom the sample symbols are drawn at (the largest symbols)
TEXT_X = 104  # where the legend's texts start
MORALE_LOW = 40  # the morale bar turns red below about this (symbols quantise to 5 % steps)


def _sample(setup: GameSetup, side: str, **state: object) -> tuple[Unit, int]:
    """A sample unit of ``side`` (its first unit's type) in the given state, and the side's index."""
    proto = next((u for u in setup.units if u.side == side), setup.units[0])
    ut = setup.unit_types[proto.type_id]
    u = Unit(id="legend", side=proto.side, type_id=proto.type_id, name="", row=0, col=0,
             strength=round(ut.headcount * float(state.pop("share", 1.0))))  # type: ignore[arg-type]
    for k, v in state.items():
        setattr(u, k, v)
    return u, setup.sides.index(proto.side)


def render_legend(setup: GameSetup, font: pygame.font.Font, bold: pygame.font.Font) -> pygame.Surface:
    """The legend as one image."""
    w, h = symbol_size(SYMBOL_PX)
    line_h = max(h + 6, font.get_linesize() * 2 + 4)
    tints = (("Reach this turn", palette.REACH), ("Targets you may fire on or assault", palette.TARGETS),
             ("Seen by the selected unit (L)", LOS_TINT))
    rows = 2 + 5 + 1 + len(tints)
    surf = pygame.Surface((WIDTH, 40 + rows * line_h + 30))
    surf.fill(BG)
    pygame.draw.rect(surf, BORDER, surf.get_rect(), 1)
    surf.blit(bold.render("Map legend (K to close)", True, FG), (10, 8))
    y = 34
    setup_sides = setup.sides
    for i, side in enumerate(setup_sides[:2]):
        unit, idx = _sample(setup, side)
        draw_unit(surf, pygame.Rect(10 + i * (w + 4), y + (line_h - h) // 2, w, h), unit,
                  setup.unit_types[unit.type_id], idx)
    names = " and ".join(setup.side_names.get(s, s) for s in setup_sides[:2])
    _text(surf, font, f"{names}: the second side's frame is dashed", (TEXT_X, y), line_h)
    y += line_h
    entries: list[tuple[object, str]] = [
        (_sample(setup, setup_sides[0], share=0.45, morale=30.0),
         f"Bars: white = men left of full strength; yellow = morale (red below about {MORALE_LOW})"),
        (_sample(setup, setup_sides[0], suppression=60.0), "S: suppressed (pinned by fire)"),
        (_sample(setup, setup_sides[0], posture="dug_in"), "D: dug in (harder to hit and to assault)"),
        (_sample(setup, setup_sides[0], climbing=True), "C: on a cliff face (exposed)"),
        (_sample(setup, setup_sides[0], routed=True, morale=10.0),
         "R: routed (will not fight; rally it with R)"),
    ]
    for (unit, side), text in entries:  # type: ignore[misc]
        rect = pygame.Rect(10, y + (line_h - h) // 2, w, h)
        draw_unit(surf, rect, unit, setup.unit_types[unit.type_id], side)
        _text(surf, font, text, (TEXT_X, y), line_h)
        y += line_h
    draw_ghost(surf, pygame.Rect(10, y + (line_h - h) // 2, w, h), 1)
    _text(surf, font, "An enemy out of sight: where it was last seen, and when", (TEXT_X, y), line_h)
    y += line_h
    for text, rgba in tints:
        sw = pygame.Surface((w, h - 8), pygame.SRCALPHA)
        sw.fill((120, 120, 110))
        tint = pygame.Surface(sw.get_size(), pygame.SRCALPHA)
        tint.fill(rgba if len(rgba) == 4 else (*rgba, 120))
        sw.blit(tint, (0, 0))
        surf.blit(sw, (10, y + 4))
        _text(surf, font, text, (TEXT_X, y), line_h)
        y += line_h
    loss = font.render("-12", True, LOSS_COLOUR)
    surf.blit(loss, (10, y + 2))
    routed = font.render("routed", True, ROUTED_COLOUR)
    surf.blit(routed, (10 + loss.get_width() + 8, y + 2))
    surf.blit(font.render("a fight's losses and a unit that broke, rising", True, DIM),
              (20 + loss.get_width() + routed.get_width() + 8, y + 2))
    return surf.subsurface(pygame.Rect(0, 0, WIDTH, y + font.get_linesize() + 10)).copy()


def _text(surf: pygame.Surface, font: pygame.font.Font, text: str, at: tuple[int, int], line_h: int) -> None:
    """Up to two wrapped lines of ``text`` centred vertically in a legend row."""
    from game.ui.tooltip import fit_lines

    lines = fit_lines(font, text, WIDTH - at[0] - 8, 2)
    y = at[1] + (line_h - font.get_linesize() * len(lines)) // 2
    for ln in lines:
        surf.blit(font.render(ln, True, FG), (at[0], y))
        y += font.get_linesize()


class Legend:
    """The legend panel, in the map's bottom-left corner while shown."""

    def __init__(self) -> None:
        self.visible = False
        self._img: pygame.Surface | None = None
        self.rect: pygame.Rect | None = None

    def toggle(self) -> None:
        self.visible = not self.visible

    def draw(self, surface: pygame.Surface, area: pygame.Rect, setup: GameSetup, font: pygame.font.Font,
             bold: pygame.font.Font) -> None:
        self.rect = None
        if not self.visible:
            return
        if self._img is None:
            self._img = render_legend(setup, font, bold)
        self.rect = self._img.get_rect(bottomleft=(area.x + 8, area.bottom - 8))
        self.rect.clamp_ip(area)
        surface.blit(self._img, self.rect)
