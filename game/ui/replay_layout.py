"""Where the replay viewer puts the map and its panels, so that no panel covers the map.

Wide enough (the map keeps at least ``MIN_MAP_W`` px beside a side column): the map fills the left, and a side
column on the right holds the clock, the captions, the turn's events and the legend. Narrower: the map takes
the whole width, a one-line key (legend) strip lies between it and the timeline bar (K hides it), and the one
caption shown goes to the corner of the map away from where the action is (``caption_corner``).

Example: at 1280x720 the map is ``Rect(0, 0, 920, 656)`` and the column ``Rect(920, 0, 360, 656)``; at
800x600 the map is ``Rect(0, 0, 800, 514)`` and the key strip ``Rect(0, 514, 800, 22)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.ui.timeline_bar import BAR_H

MIN_MAP_W = 560  # below this beside a column, the panels go over/under the map instead
COLUMN_SHARE = 0.28
COLUMN_W = (280, 400)  # min, max
KEY_H = 22  # the one-line key strip of the narrow layout


@dataclass(frozen=True)
class ViewerLayout:
    """The map rectangle, the side column (None when narrow) and the key strip (narrow, key shown)."""

    map: pygame.Rect
    column: pygame.Rect | None
    key: pygame.Rect | None

    @property
    def wide(self) -> bool:
        return self.column is not None


def viewer_layout(size: tuple[int, int], *, show_key: bool = True) -> ViewerLayout:
    """The layout for a viewer of ``size`` (see the module docstring)."""
    w, h = size
    body = max(1, h - BAR_H)
    col_w = max(COLUMN_W[0], min(COLUMN_W[1], round(w * COLUMN_SHARE)))
    if w - col_w >= MIN_MAP_W:
        return ViewerLayout(pygame.Rect(0, 0, w - col_w, body), pygame.Rect(w - col_w, 0, col_w, body), None)
    if not show_key:
        return ViewerLayout(pygame.Rect(0, 0, w, body), None, None)
    return ViewerLayout(pygame.Rect(0, 0, w, body - KEY_H), None, pygame.Rect(0, body - KEY_H, w, KEY_H))


def short_side(name: str) -> str:
    """A side's name short enough for a button: "Armenian forces (Artsakh Defence Army ...)" -> "Armenian"."""
    head = name.split(" (")[0].strip()
    for tail in (" forces", " units"):
        if head.lower().endswith(tail) and len(head) > len(tail):
            head = head[: -len(tail)]
    return head


def caption_corner(map_size: tuple[int, int], box: tuple[int, int], points: Sequence[tuple[int, int]],
                   *, margin: int = 10) -> pygame.Rect:
    """Where a caption box of ``box`` size goes on the map (map coordinates): the top-left corner unless more
    of ``points`` (the screen positions of the action) fall under it there than at the bottom left."""
    w, h = map_size
    top = pygame.Rect(margin, margin, *box)
    bottom = pygame.Rect(margin, max(margin, h - box[1] - margin), *box)

    def covered(r: pygame.Rect) -> int:
        return sum(1 for p in points if r.inflate(16, 16).collidepoint(p))

    return bottom if covered(bottom) < covered(top) else top
