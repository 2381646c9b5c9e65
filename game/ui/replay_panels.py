"""What the replay viewer adds for a recorded game: the events of the current turn, the documented routes to
compare with, "Continue from here", and the message when the record stops matching the game.

``RecordExtras`` is what the viewer is given (plain callables and data, so the viewer still reads no
record type); ``draw_events`` and ``draw_stop`` draw its two panels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from game.history.scene import Cell
from game.ui import glyphs
from game.ui.tooltip import fit_lines

EVENTS_W = 380
EVENTS_SHOWN = 12
PANEL_BG = (20, 22, 26, 225)
FG = (240, 238, 228)
MUTED = (180, 186, 180)
NEW = (250, 214, 120)  # the events of the step just taken
STOP_BG = (120, 28, 22, 235)


@dataclass
class RecordExtras:
    """What a recorded game's viewer shows beyond the Timeline protocol.

    ``events(step, side)`` gives the events of the turn up to ``step`` that ``side`` saw (None: all), oldest
    first, as ``(step, text)``; ``routes`` the documented routes as ``(side, cells, label)``; ``stop`` says why
    the replay ends before the record does (None when it all matched); ``on_continue`` is set when "Continue
    from here" is offered."""

    events: Callable[[int, str | None], list[tuple[int, str]]]
    routes: list[tuple[str, list[Cell], str]] = field(default_factory=list)
    stop: str | None = None
    can_continue: bool = True


def _panel(target: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int, int] = PANEL_BG) -> None:
    panel = pygame.Surface(rect.size, pygame.SRCALPHA)
    panel.fill(colour)
    target.blit(panel, rect.topleft)


_WRAPPED: dict[tuple[str, int, int], list[str]] = {}


def _wrapped(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """``text`` in at most two lines of ``width`` px (remembered: a turn's events are drawn every frame)."""
    key = (text, width, font.get_height())
    if key not in _WRAPPED:
        if len(_WRAPPED) > 4000:
            _WRAPPED.clear()
        _WRAPPED[key] = fit_lines(font, text, width, 2)
    return _WRAPPED[key]


def draw_events(target: pygame.Surface, items: list[tuple[int, str]], *, step: int, title: str, top: int,
                bottom: int, right: int | None = None, width: int | None = None) -> pygame.Rect | None:
    """From ``top`` down to at most ``bottom``, right-aligned at ``right`` (default: 10 px from the target's
    edge): the turn's events, the latest ``EVENTS_SHOWN`` lines, those of ``step`` itself highlighted.
    Returns the panel's rectangle (None when nothing fits)."""
    f, head_f = glyphs.font(12), glyphs.font(13, bold=True)
    width = width if width is not None else min(EVENTS_W, target.get_width() // 3)
    right = right if right is not None else target.get_width() - 10
    room = min(EVENTS_SHOWN, (bottom - top - 30) // f.get_linesize())
    if room < 2:
        return None
    lines: list[tuple[str, tuple[int, int, int]]] = []
    for st, text in reversed(items):  # the latest events that fit whole
        block = [(part, NEW if st == step else FG) for part in _wrapped(f, text, width - 20)]
        if len(lines) + len(block) > room:
            break
        lines[:0] = block
    if not lines:
        lines = [("(no events yet this turn)", MUTED)]
    h = 30 + f.get_linesize() * len(lines)
    rect = pygame.Rect(right - width, top, width, h)
    _panel(target, rect)
    target.blit(head_f.render(title, True, FG), (rect.x + 10, rect.y + 6))
    y = rect.y + 26
    for text, colour in lines:
        target.blit(f.render(text, True, colour), (rect.x + 10, y))
        y += f.get_linesize()
    return rect


def draw_stop(target: pygame.Surface, message: str, *, right: int) -> pygame.Rect:
    """Bottom left of the map: why the replay stops here (a red panel, up to four lines)."""
    f, head_f = glyphs.font(13), glyphs.font(14, bold=True)
    width = max(200, min(760, right - 20))
    lines = fit_lines(f, message, width - 20, 4)
    h = 34 + f.get_linesize() * len(lines)
    rect = pygame.Rect(10, target.get_height() - h - 10, width, h)
    _panel(target, rect, STOP_BG)
    target.blit(head_f.render("The replay stops here", True, FG), (rect.x + 10, rect.y + 6))
    y = rect.y + 28
    for part in lines:
        target.blit(f.render(part, True, FG), (rect.x + 10, y))
        y += f.get_linesize()
    return rect
