"""Shared look of the menu screens: the theme's font, text helpers and the map-table backdrop.

The theme (``assets/theme.json``) names the font ``shusha_ui`` (DejaVu Sans, shipped in
``assets/fonts``: unlike pygame_gui's default Noto Sans it has Armenian letters, so "Shushi (Շուշի)"
renders). :func:`preload_fonts` loads the sizes and styles the screens use, so pygame_gui does not warn.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pygame
import pygame_gui

from game.ui.app import ASSETS

FONT_NAME = "shusha_ui"  # not "dejavu_sans": pygame_gui maps that name to system fonts
FONT_FILE = ASSETS / "fonts" / "DejaVuSans.ttf"
TABLE_BG = (22, 28, 25)
GRID_MINOR = (30, 38, 33)
GRID_MAJOR = (38, 49, 42)

# Text colours for HTML text boxes (Okabe-Ito hues that stay distinct for colour-blind players, always
# paired with a word or a mark so that colour is never the only cue).
GOLD = "#e6c36a"  # headings
SKY = "#56b4e9"  # achieved / within the window
ORANGE = "#e69f00"  # not achieved / outside the window / problems
MUTED = "#b9c4bc"  # attributions and notes

_PRELOAD = [(13, "regular"), (14, "regular"), (14, "bold"), (15, "regular"), (15, "bold"), (15, "italic"),
            (16, "bold"), (16, "regular"), (18, "bold"), (22, "bold"), (24, "bold"), (28, "bold"),
            (13, "italic"), (14, "italic")]
_font_cache: dict[int, pygame.font.Font] = {}


def preload_fonts(manager: pygame_gui.UIManager) -> None:
    """Preload the theme font in the sizes/styles the screens use (only those not loaded yet)."""
    fd = manager.get_theme().get_font_dictionary()
    if FONT_NAME not in fd.known_font_paths:
        return  # no theme, or a theme without this font: pygame_gui's default font is used
    fonts = [{"name": FONT_NAME, "point_size": px, "style": style} for px, style in _PRELOAD
             if fd.create_font_id(px, FONT_NAME, "bold" in style, "italic" in style) not in fd.loaded_fonts]
    if fonts:
        manager.preload_fonts(fonts)


def esc(text: str) -> str:
    """Escape text for a pygame_gui HTML box; newlines become line breaks."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def short_name(name: str) -> str:
    """A side's name without its bracketed detail: "Armenian forces (Artsakh ...)" -> "Armenian forces"."""
    return name.split(" (")[0].strip() or name


def coloured(text: str, colour: str, *, bold: bool = False) -> str:
    """``text`` (escaped) in ``colour``, optionally bold, as pygame_gui HTML."""
    inner = f"<b>{esc(text)}</b>" if bold else esc(text)
    return f"<font color='{colour}'>{inner}</font>"


def measure_font(px: int) -> pygame.font.Font:
    """The theme font at ``px`` for measuring text (pygame's default font if the file is missing)."""
    font = _font_cache.get(px)
    if font is not None:
        try:
            font.size("x")
            return font
        except pygame.error:  # pygame.quit() was called since (tests, or the app restarted)
            pass
    path: Path | None = FONT_FILE if FONT_FILE.exists() else None
    _font_cache[px] = font = pygame.font.Font(path, px)
    return font


def elide(text: str, width: int, px: int = 15) -> str:
    """Shorten ``text`` with an ellipsis so that it fits ``width`` pixels at ``px``."""
    font = measure_font(px)
    if font.size(text)[0] <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid].rstrip() + "…")[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def draw_backdrop(surface: pygame.Surface) -> None:
    """Fill the window with the dark map-table look: a faint 1 km-style grid on slate green."""
    surface.fill(TABLE_BG)
    w, h = surface.get_size()
    for i, x in enumerate(range(0, w, 40)):
        pygame.draw.line(surface, GRID_MAJOR if i % 5 == 0 else GRID_MINOR, (x, 0), (x, h))
    for i, y in enumerate(range(0, h, 40)):
        pygame.draw.line(surface, GRID_MAJOR if i % 5 == 0 else GRID_MINOR, (0, y), (w, y))


def draw_notice(surface: pygame.Surface, title: str, detail: str,
                font: Callable[[int], pygame.font.Font] = measure_font) -> None:
    """The backdrop with ``title`` and a line of ``detail`` centred: the frame shown while something slow
    runs (checking a record, loading scenarios)."""
    draw_backdrop(surface)
    w, h = surface.get_size()
    big = font(26).render(title, True, (240, 238, 228))
    sub = font(15).render(detail, True, (190, 196, 190))
    surface.blit(big, big.get_rect(center=(w // 2, h // 2 - 16)))
    surface.blit(sub, sub.get_rect(center=(w // 2, h // 2 + 20)))
