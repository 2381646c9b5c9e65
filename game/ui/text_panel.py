"""A boxed panel of wrapped, left-aligned lines over the map (objectives, turn summary, legend).

Example::

    rows = [Row("Objectives", bold=True), Row("50 pts  Take the town", indent=0), Row("not yet", DIM, indent=28)]
    img = render_panel(font, bold, rows, width=460, max_height=map_rect.height)  # placed by panel_layout
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.tooltip import wrap_text

BG = (22, 24, 28)
BORDER = (150, 150, 135)
FG = (235, 235, 225)
DIM = (165, 170, 160)
PAD = 10
_bold: dict[int, pygame.font.Font] = {}


def bold_font(px: int) -> pygame.font.Font:
    """DejaVu Sans Bold at ``px`` pixels (pygame's default font in bold if missing); cached."""
    from game.ui.app import DEFAULT_FONT_SCALE, UI_FONT

    f = _bold.get(px)
    if f is not None:
        try:
            f.get_height()
            return f
        except pygame.error:  # pygame.font was quit and started again: the cached font is dead
            _bold.clear()
    path = UI_FONT.with_name("DejaVuSans-Bold.ttf")
    if path.is_file():
        f = pygame.font.Font(path, px)
    else:
        f = pygame.font.Font(None, round(px * DEFAULT_FONT_SCALE))
        f.set_bold(True)
    _bold[px] = f
    return f


@dataclass(frozen=True)
class Row:
    """One paragraph of a panel: wrapped to the panel's width."""

    text: str
    colour: tuple[int, int, int] = FG
    bold: bool = False
    indent: int = 0  # pixels
    gap: int = 0  # extra pixels above


def layout(font: pygame.font.Font, bold: pygame.font.Font, rows: list[Row],
           width: int) -> list[tuple[pygame.Surface, int, int]]:
    """Render ``rows`` wrapped to ``width``: (image, x offset, y offset) per line, and nothing else."""
    out: list[tuple[pygame.Surface, int, int]] = []
    y = 0
    for row in rows:
        f = bold if row.bold else font
        y += row.gap
        for line in wrap_text(f, row.text, width - row.indent):
            out.append((f.render(line, True, row.colour), row.indent, y))
            y += f.get_linesize()
    return out


_cache: dict[tuple, pygame.Surface] = {}
CACHE_MAX = 32


def render_panel(font: pygame.font.Font, bold: pygame.font.Font, rows: list[Row], width: int,
                 max_height: int) -> pygame.Surface:
    """The panel as one image (cached by content): border, background and the lines that fit."""
    key = (id(font), id(bold), tuple(rows), width, max_height)
    img = _cache.get(key)
    if img is not None:
        return img
    lines = layout(font, bold, rows, width - 2 * PAD)
    limit = max_height - 2 * PAD
    lines = [ln for ln in lines if ln[2] + ln[0].get_height() <= limit]
    height = max((y + im.get_height() for im, _, y in lines), default=0) + 2 * PAD
    img = pygame.Surface((width, height))
    img.fill(BG)
    pygame.draw.rect(img, BORDER, img.get_rect(), 1)
    for im, x, y in lines:
        img.blit(im, (PAD + x, PAD + y))
    if len(_cache) >= CACHE_MAX:
        _cache.clear()
    _cache[key] = img
    return img
