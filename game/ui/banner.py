"""Notices over the map: what a key or button just did (saved, nothing to undo) and whose turn it is.

A notice is drawn the frame it is posted (no click needed) at the top of the map, under the scenario
event banner, and fades after a few seconds. Example::

    notices = Notices()
    notices.post(saved_text(path, font, 600))
    notices.update(dt)                                  # every frame
    notices.draw(surface, font, map_rect, top=map_rect.top + 8, turn=enemy_turn_text("Armenian forces"))
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.style import short_name
from game.ui.tooltip import ELLIPSIS, draw_text_box

NOTICE_S = 4.0  # a notice stays this long
NOTICE_FG = (235, 240, 255)
NOTICE_BG = (30, 52, 84)
TURN_FG = (20, 20, 20)
TURN_BG = (230, 200, 110)
GAP = 6


class Notices:
    """The latest notice (a newer one replaces it) and where it was last drawn."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.left = 0.0
        self.rect: pygame.Rect | None = None  # the notice's box in the last frame (None when not shown)
        self.turn_rect: pygame.Rect | None = None  # the enemy-turn strip's box in the last frame

    def post(self, text: str, seconds: float = NOTICE_S) -> None:
        """Show ``text`` from the next frame drawn, for ``seconds``."""
        self.text, self.left = text, seconds

    def update(self, dt: float) -> None:
        if self.text is not None:
            self.left -= dt
            if self.left <= 0:
                self.text = None

    def draw(self, surface: pygame.Surface, font: pygame.font.Font, area: pygame.Rect, *, top: int,
             turn: str | None = None) -> int:
        """Draw the enemy-turn strip (``turn``, when given) and the notice from ``top`` down inside ``area``;
        returns the y below the last box drawn."""
        self.turn_rect = self.rect = None
        y = top
        if turn:
            self.turn_rect = draw_text_box(surface, font, turn, colour=TURN_FG, bg=TURN_BG, area=area,
                                           anchor="midtop", at=(area.centerx, y), max_lines=2)
            y = self.turn_rect.bottom + GAP
        if self.text:
            self.rect = draw_text_box(surface, font, self.text, colour=NOTICE_FG, bg=NOTICE_BG, area=area,
                                      anchor="midtop", at=(area.centerx, y), max_lines=3)
            y = self.rect.bottom + GAP
        return y


def elide_path(font: pygame.font.Font, path: Path | str, width: int) -> str:
    """``path`` as text no wider than ``width``: whole folder names are dropped from the front (never a
    name cut mid-word), e.g. ``…/shusha-wargame/saves/game.jsonl``; the file name is always kept."""
    parts = Path(path).parts
    text = str(Path(*parts))
    i = 1
    while font.size(text)[0] > width and i < len(parts) - 1:
        text = str(Path(ELLIPSIS, *parts[i + 1:]))
        i += 1
    return text


def saved_text(path: Path, font: pygame.font.Font, width: int) -> str:
    """Two lines: the file saved and its folder (elided by whole folder names to ``width``)."""
    return f"Game saved: {path.name}\nin {elide_path(font, path.parent, width - font.size('in ')[0])}"


def enemy_turn_text(side_name: str) -> str:
    """The strip shown while the computer plays: whose turn, and that Space skips it, e.g. ``Armenian
    forces' turn (computer): ...``."""
    name = short_name(side_name)
    owner = f"{name}'" if name.endswith("s") else f"{name}'s"
    return f"{owner} turn (computer): moves out of your sight are not shown. Space: skip to your turn"
