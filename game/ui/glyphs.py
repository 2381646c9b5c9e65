"""Branch glyphs and small marks for unit symbols (APP-6-like), drawn with ``pygame.draw``.

Glyphs by ``UnitType.symbol``: infantry X; special_forces X plus "SF"; recon a diagonal slash;
mechanised X plus an ellipse; armour an ellipse; artillery a filled dot; mortar a dot with an arrow;
hq a flag; anything else a question mark.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pygame

from game.ui import palette

_fonts: dict[tuple[int, bool, bool], pygame.font.Font] = {}


@lru_cache(maxsize=1)
def _font_dir() -> Path | None:
    """pygame_gui's bundled font folder (Noto Sans), found without importing pygame_gui."""
    spec = importlib.util.find_spec("pygame_gui")
    if spec is None or spec.origin is None:
        return None
    d = Path(spec.origin).parent / "data"
    return d if (d / "NotoSans-Regular.ttf").is_file() else None


def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    """Noto Sans (shipped with pygame_gui) at ``size`` px, else pygame's default font; cached."""
    if not pygame.font.get_init():  # first use, or pygame was quit and restarted: old fonts are dead
        pygame.font.init()
        _fonts.clear()
    key = (max(6, size), bold, italic)
    f = _fonts.get(key)
    if f is not None:
        try:
            f.get_height()
        except pygame.error:  # pygame was quit and re-initialised since: every cached font is dead
            _fonts.clear()
            f = None
    if f is None:
        d = _font_dir()
        style = "BoldItalic" if bold and italic else "Bold" if bold else "Italic" if italic else "Regular"
        path = d / f"NotoSans-{style}.ttf" if d is not None else None
        if path is not None and path.is_file():
            f = pygame.font.Font(str(path), key[0])
        else:
            f = pygame.font.Font(None, round(key[0] * 1.3))  # the default font runs small
            f.bold, f.italic = bold, italic
        _fonts[key] = f
    return f


def _x(s: pygame.Surface, r: pygame.Rect, c: palette.RGB, w: int) -> None:
    pygame.draw.line(s, c, r.topleft, (r.right - 1, r.bottom - 1), w)
    pygame.draw.line(s, c, (r.left, r.bottom - 1), (r.right - 1, r.top), w)


def _ellipse(s: pygame.Surface, r: pygame.Rect, c: palette.RGB, w: int) -> None:
    e = pygame.Rect(0, 0, max(6, r.w * 3 // 5), max(4, r.h * 2 // 5))
    e.center = r.center
    pygame.draw.ellipse(s, c, e, w)


def _infantry(s: pygame.Surface, r: pygame.Rect, c: palette.RGB, w: int, fill: palette.RGB) -> None:
    _x(s, r, c, w)


def _special_forces(s: pygame.Surface, r: pygame.Rect, c: palette.RGB, w: int, fill: palette.RGB) -> None:
    _x(s, r, c, max(1, w - 1))
    text = font(max(8, r.h * 7 // 10), bold=True).render("SF", True, c)
    box = text.get_rect(center=r.center)
    box.inflate_ip(2, -max(2, box.h // 4))
    pygame.draw.rect(s, fill, box)
    s.blit(text, text.get_rect(center=r.center))


def _recon(s: pygame.Surface, r: pygame.Rect, c: palette.RGB, w: int, fill: palette.RGB) -> None:
    pygame.draw.line(s, c, (r.left, r.bottom - 1), (r.right - 1, r.top), w)


def _mechanised(s: pygame.Surface, r: pygame.Rect, c: palette.RGB, w: int, fill: palette.RGB) -> None:
    _x(s, r, c, w)
    _ellipse(s, r, c, w)


def _armour(s: pygame.Surface, r: pygame.Rect, c: palette.RGB, w: int, fill: palette.RGB) -> None:
    _ellipse(s, r, c, w)


def _artillery(s: pygame.Surface, r: pygame.Rect, c: palette.RGB, w: int, fill: palette.RGB) -> None:
    pygame.draw.circle(s, c, r.center, max(2, min(r.w, r.h) // 4))


def _mortar(s: pygame.Surface, r: pygame.Rect, c: palette.RGB, w: int, fill: palette.RGB) -> None:
    rad = max(2, min(r.w, r.h) // 7)
    base = (r.centerx, r.bottom - rad - 1)
    top = r.top + 1
    pygame.draw.circle(s, c, base, rad, max(1, w - 1))
    pygame.draw.line(s, c, (base[0], base[1] - rad), (base[0], top), w)
    head = max(2, r.h // 5)
    pygame.draw.polygon(s, c, [(base[0], top), (base[0] - head, top + head), (base[0] + head, top + head)])


def _hq(s: pygame.Surface, r: pygame.Rect, c: palette.RGB, w: int, fill: palette.RGB) -> None:
    pole_x = r.left + r.w // 3
    pygame.draw.line(s, c, (pole_x, r.top + 1), (pole_x, r.bottom - 1), w)
    pygame.draw.polygon(s, c, [(pole_x, r.top + 1), (r.right - r.w // 5, r.top + r.h // 4),
                               (pole_x, r.top + r.h // 2)])


def _unknown(s: pygame.Surface, r: pygame.Rect, c: palette.RGB, w: int, fill: palette.RGB) -> None:
    text = font(max(8, r.h), bold=True).render("?", True, c)
    s.blit(text, text.get_rect(center=r.center))


GLYPHS: dict[str, Callable[[pygame.Surface, pygame.Rect, palette.RGB, int, palette.RGB], None]] = {
    "infantry": _infantry, "special_forces": _special_forces, "recon": _recon,
    "mechanised": _mechanised, "armour": _armour, "artillery": _artillery, "mortar": _mortar, "hq": _hq,
}


def draw_glyph(surf: pygame.Surface, rect: pygame.Rect, symbol: str, color: palette.RGB,
               fill: palette.RGB = (255, 255, 255)) -> None:
    """Draw the branch glyph for ``symbol`` in ``color`` inside ``rect`` on a frame filled with ``fill``."""
    GLYPHS.get(symbol, _unknown)(surf, rect, color, max(1, rect.w // 14), fill)


def dashed_rect(surf: pygame.Surface, rect: pygame.Rect, color: palette.RGB, width: int) -> None:
    """Outline ``rect`` with dashes (the second side's frame); corners are always drawn."""
    dash = max(3, rect.w // 6)
    x0, y0, x1, y1 = rect.left, rect.top, rect.right - width, rect.bottom - width
    for y in (y0, y1):
        for x in range(x0, x1 + 1, dash * 2):
            pygame.draw.rect(surf, color, (x, y, min(dash, x1 + width - x), width))
    for x in (x0, x1):
        for y in range(y0, y1 + 1, dash * 2):
            pygame.draw.rect(surf, color, (x, y, width, min(dash, y1 + width - y)))
    for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        pygame.draw.rect(surf, color, (x, y, width, width))


_BADGE_COLOURS = {"S": palette.OI_YELLOW, "D": (200, 200, 200), "C": palette.OI_SKY_BLUE,
                  "R": palette.OI_VERMILLION}


def badges(surf: pygame.Surface, frame: pygame.Rect, letters: str) -> None:
    """State badges along the frame's top edge, right to left: a letter box, or a pip when tiny."""
    size = max(5, frame.h * 9 // 20)
    x = frame.right - size
    for letter in letters:
        box = pygame.Rect(x, frame.top - 1, size, size)
        pygame.draw.rect(surf, (20, 20, 20), box)
        pygame.draw.rect(surf, _BADGE_COLOURS.get(letter, (255, 255, 255)), box.inflate(-2, -2))
        if size >= 9:
            t = font(size + 2, bold=True).render(letter, True, (0, 0, 0))
            surf.blit(t, t.get_rect(center=box.center))
        x -= size + 1


def stack_badge(surf: pygame.Surface, frame: pygame.Rect, count: int) -> None:
    """A count of units in the cell, white on black, at the frame's top-left corner."""
    t = font(max(9, frame.h * 3 // 5), bold=True).render(str(count), True, (255, 255, 255))
    box = t.get_rect(topleft=frame.topleft).inflate(2, 0)
    box.topleft = frame.topleft
    pygame.draw.rect(surf, (0, 0, 0), box)
    surf.blit(t, t.get_rect(center=box.center))
