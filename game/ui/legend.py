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


def _row_height(font: pygame.font.Font, text: str, symbol_h: int) -> int:
    """A legend row's height: its symbol's, or its wrapped text's when that is taller."""
    return max(symbol_h + 6, font.get_linesize() * len(_lines(font, text)) + 6)


def _lines(font: pygame.font.Font, text: str) -> list[str]:
    """``text`` wrapped to the room right of the symbols (nothing is cut)."""
    from game.ui.tooltip import wrap_text

    return wrap_text(font, text, WIDTH - TEXT_X - 10)


def render_legend(setup: GameSetup, font: pygame.font.Font, bold: pygame.font.Font) -> pygame.Surface:
    """The legend as one image; every text is wrapped whole inside it."""
    w, h = symbol_size(SYMBOL_PX)
    sides = setup.sides
    names = " and ".join(setup.side_names.get(s, s) for s in sides[:2])
    rows: list[tuple[object, str]] = [
        ("sides", f"{names}: the second side's frame is dashed"),
        (_sample(setup, sides[0], share=0.45, morale=30.0),
         f"Bars: white = men left of full strength; yellow = morale (red below about {MORALE_LOW})"),
        (_sample(setup, sides[0], suppression=60.0), "S: suppressed (pinned by fire)"),
        (_sample(setup, sides[0], posture="dug_in"), "D: dug in (harder to hit and to assault)"),
        (_sample(setup, sides[0], climbing=True), "C: on a cliff face (exposed)"),
        (_sample(setup, sides[0], routed=True, morale=10.0), "R: routed (will not fight; rally it with R)"),
        ("ghost", "An enemy out of sight: where it was last seen, and when"),
        (palette.REACH, "Reach this turn"),
        (palette.TARGETS, "Targets you may fire on or assault"),
        (LOS_TINT, "Seen by the selected unit (L)"),
    ]
    heights = [_row_height(font, text, h) for _, text in rows]
    surf = pygame.Surface((WIDTH, 34 + sum(heights) + font.get_linesize() + 12))
    surf.fill(BG)
    pygame.draw.rect(surf, BORDER, surf.get_rect(), 1)
    surf.blit(bold.render("Map legend (K to close)", True, FG), (10, 8))
    y = 34
    for (what, text), line_h in zip(rows, heights, strict=True):
        sym = pygame.Rect(10, y + (line_h - h) // 2, w, h)
        if what == "sides":
            for i, side in enumerate(sides[:2]):
                unit, idx = _sample(setup, side)
                draw_unit(surf, sym.move(i * (w + 4), 0), unit, setup.unit_types[unit.type_id], idx)
        elif what == "ghost":
            draw_ghost(surf, sym, 1)
        elif isinstance(what, tuple) and isinstance(what[0], Unit):
            unit, idx = what
            draw_unit(surf, sym, unit, setup.unit_types[unit.type_id], idx)
        else:
            _swatch(surf, sym, what)  # type: ignore[arg-type]
        _text(surf, font, text, (TEXT_X, y), line_h)
        y += line_h
    loss = font.render("-12", True, LOSS_COLOUR)
    surf.blit(loss, (10, y + 2))
    routed = font.render("routed", True, ROUTED_COLOUR)
    surf.blit(routed, (10 + loss.get_width() + 8, y + 2))
    surf.blit(font.render("a fight's losses and a unit that broke, rising", True, DIM),
              (20 + loss.get_width() + routed.get_width() + 8, y + 2))
    return surf


def _swatch(surf: pygame.Surface, rect: pygame.Rect, rgba: tuple[int, ...]) -> None:
    """A sample of a map tint over a grey ground, in ``rect`` (a little lower than a symbol)."""
    sw = pygame.Surface((rect.w, rect.h - 8), pygame.SRCALPHA)
    sw.fill((120, 120, 110))
    tint = pygame.Surface(sw.get_size(), pygame.SRCALPHA)
    tint.fill(rgba if len(rgba) == 4 else (*rgba, 120))
    sw.blit(tint, (0, 0))
    surf.blit(sw, (rect.x, rect.y + 4))


def _text(surf: pygame.Surface, font: pygame.font.Font, text: str, at: tuple[int, int], line_h: int) -> None:
    """``text`` wrapped, centred vertically in a legend row."""
    lines = _lines(font, text)
    y = at[1] + (line_h - font.get_linesize() * len(lines)) // 2
    for ln in lines:
        surf.blit(font.render(ln, True, FG), (at[0], y))
        y += font.get_linesize()


class Legend:
    """The legend panel (K); the play screen's :class:`BattlePicture` places it beside the other panels."""

    def __init__(self) -> None:
        self.visible = False
        self._img: pygame.Surface | None = None
        self.rect: pygame.Rect | None = None  # where it was last drawn (None: not shown)

    def toggle(self) -> None:
        self.visible = not self.visible

    def image(self, setup: GameSetup, font: pygame.font.Font, bold: pygame.font.Font) -> pygame.Surface:
        """The legend's image (made once)."""
        if self._img is None:
            self._img = render_legend(setup, font, bold)
        return self._img
