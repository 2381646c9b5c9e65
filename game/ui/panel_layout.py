"""Where the play screen's panels go so that none covers another: columns from the map's top-left corner,
and one floating panel (the turn summary) centred in the room the columns leave.

Panels are given oldest first. When they do not all fit, the oldest are left out (hidden, not closed) until
the newer ones close, so the newest panel is always shown whole. Pure geometry on :class:`pygame.Rect`.

Example (a 1260 x 956 map area: objectives, then the legend beside them; on a 940 x 756 area the legend
alone, the objectives hidden until it closes)::

    stack_panels(pygame.Rect(0, 44, 1260, 956), [(470, 340), (470, 700)])
    # ([Rect(8, 52, 470, 340), Rect(486, 52, 470, 700)], None)
    stack_panels(pygame.Rect(0, 44, 940, 756), [(470, 340), (470, 700)])
    # ([None, Rect(8, 52, 470, 700)], None)
"""

from __future__ import annotations

import pygame

MARGIN = 8  # pixels between panels and from the map's edges

Size = tuple[int, int]


def _columns(area: pygame.Rect, sizes: list[Size]) -> list[pygame.Rect] | None:
    """``sizes`` in columns from the top-left of ``area`` (top to bottom, then the next column to the right),
    or None when they do not fit."""
    inner = area.inflate(-2 * MARGIN, -2 * MARGIN)
    out: list[pygame.Rect] = []
    x, y, col_w = inner.x, inner.y, 0
    for w, h in sizes:
        h = min(h, inner.height)
        if y + h > inner.bottom and y > inner.y:  # next column
            x, y, col_w = x + col_w + MARGIN, inner.y, 0
        if x + w > inner.right:
            return None
        out.append(pygame.Rect(x, y, w, h))
        y += h + MARGIN
        col_w = max(col_w, w)
    return out


def _floating(area: pygame.Rect, placed: list[pygame.Rect], size: Size) -> pygame.Rect | None:
    """A panel of ``size`` centred in the room right of ``placed``, else below them, else None."""
    inner = area.inflate(-2 * MARGIN, -2 * MARGIN)
    w, h = size[0], min(size[1], inner.height)
    if not placed:
        return pygame.Rect(0, 0, w, h).move(inner.centerx - w // 2, inner.centery - h // 2)
    right = max(r.right for r in placed) + MARGIN
    bottom = max(r.bottom for r in placed) + MARGIN
    for room in (pygame.Rect(right, inner.y, inner.right - right, inner.height),
                 pygame.Rect(inner.x, bottom, inner.width, inner.bottom - bottom)):
        if room.width >= w and room.height >= h:
            return pygame.Rect(0, 0, w, h).move(room.centerx - w // 2, room.centery - h // 2)
    return None


def stack_panels(area: pygame.Rect, sizes: list[Size],
                 floating: Size | None = None) -> tuple[list[pygame.Rect | None], pygame.Rect | None]:
    """Rects for ``sizes`` (oldest first; None for a panel left out) and for the ``floating`` panel, none of
    them overlapping and all inside ``area`` (heights are cut to the area's)."""
    for drop in range(len(sizes) + 1):
        placed = _columns(area, sizes[drop:])
        if placed is None:
            continue
        spot = _floating(area, placed, floating) if floating is not None else None
        if floating is None or spot is not None:
            return [None] * drop + list(placed), spot
    return [None] * len(sizes), _floating(area, [], floating) if floating is not None else None
