"""NATO-style (APP-6-like) unit symbols, drawn procedurally and cached as sprites.

A symbol is a rectangular frame filled with the side's light colour (the same shape for both sides;
the second side's frame is dashed so the sides differ without colour), the branch glyph of
``UnitType.symbol`` inside, a strength bar and a morale bar underneath, state badges in the top
corners (S suppressed, D dug in, C climbing, R routed) and a stack count when units share a cell.

Example::

    rect = pygame.Rect(0, 0, *symbol_size(camera.px))
    rect.center = camera.screen_rect(u.row, u.col).center
    draw_unit(screen, rect, u, types[u.type_id], side_index=0, selected=True, stack=2)
"""

from __future__ import annotations

import pygame

from game.core.units import Unit, UnitType
from game.ui import glyphs, palette

SUPPRESSED_AT = 20.0  # suppression (0..100) from which the S badge shows
_CACHE_MAX = 4000
_cache: dict[tuple, pygame.Surface] = {}


def symbol_size(px: int) -> tuple[int, int]:
    """Sprite size ``(w, h)`` for a map drawn at ``px`` pixels per cell (frame 3:2 plus two bars)."""
    w = max(18, min(44, round(px * 1.6)))
    fh = round(w * 2 / 3)
    return w, fh + 2 * _bar_h(w) + 3


def draw_unit(surface: pygame.Surface, rect: pygame.Rect, unit: Unit, utype: UnitType, side_index: int,
              *, selected: bool = False, stack: int = 1) -> None:
    """Draw ``unit``'s symbol fitted into ``rect`` on ``surface`` (sprites are cached by appearance)."""
    key = _key(rect.size, unit, utype, side_index, selected, stack)
    sprite = _cache.get(key)
    if sprite is None:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        sprite = _cache[key] = _render(key)
    surface.blit(sprite, rect.topleft)


def _bar_h(w: int) -> int:
    return max(2, w // 12)


def _key(size: tuple[int, int], unit: Unit, utype: UnitType, side_index: int, selected: bool,
         stack: int) -> tuple:
    """Everything the sprite's look depends on, with bars quantised to 5 % steps."""
    strength = max(0.0, min(1.0, unit.strength / max(1, utype.headcount)))
    badges = "".join(flag for flag, on in (
        ("S", unit.suppression >= SUPPRESSED_AT), ("D", unit.posture == "dug_in"),
        ("C", unit.climbing), ("R", unit.routed)) if on)
    return (size, utype.symbol, side_index % 2, selected, min(stack, 99), badges,
            round(strength * 20), round(max(0.0, min(100.0, unit.morale)) / 5))


def _render(key: tuple) -> pygame.Surface:
    """Build one symbol sprite from its cache key."""
    (w, h), symbol, side, selected, stack, badges, strength, morale = key
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    line, fill, dashed = palette.side_colors(side)
    bh = _bar_h(w)
    fh = min(h - 2 * bh - 3, round(w * 2 / 3))
    frame = pygame.Rect(1, 1, w - 2, fh - 1)
    if selected:
        pygame.draw.rect(surf, palette.SELECTED, frame.inflate(2, 2), 2)
        frame = frame.inflate(-2, -2)
    pygame.draw.rect(surf, (15, 15, 15), frame.inflate(2, 2), 1)  # dark rim: reads on any terrain
    pygame.draw.rect(surf, fill, frame)
    glyphs.draw_glyph(surf, frame.inflate(-2, -2), symbol, line, fill)
    if dashed:
        glyphs.dashed_rect(surf, frame, line, max(2, w // 14))
    else:
        pygame.draw.rect(surf, line, frame, max(1, w // 16))
    top = fh + 1
    _bar(surf, pygame.Rect(1, top, w - 2, bh), strength / 20, (235, 235, 235))
    _bar(surf, pygame.Rect(1, top + bh + 1, w - 2, bh), morale / 20,
         palette.OI_YELLOW if morale >= 8 else palette.OI_VERMILLION)
    glyphs.badges(surf, frame, badges)
    if stack > 1:
        glyphs.stack_badge(surf, frame, stack)
    return surf


def _bar(surf: pygame.Surface, rect: pygame.Rect, frac: float, color: palette.RGB) -> None:
    """A horizontal bar: dark background, ``frac`` of it filled with ``color``."""
    pygame.draw.rect(surf, (30, 30, 30), rect)
    inner = rect.inflate(-2, -2) if rect.h > 3 else rect
    filled = inner.copy()
    filled.w = round(inner.w * frac)
    if filled.w > 0:
        pygame.draw.rect(surf, color, filled)


def clear_cache() -> None:
    """Forget all cached sprites (e.g. after a palette change)."""
    _cache.clear()
