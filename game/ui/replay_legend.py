"""The replay viewer's legend: what the lines, rings, tints and ticks on the map mean.

``legend_items`` lists what the scene shows; ``draw_legend`` draws them as a box (the wide layout's side
column) and ``draw_key_strip`` as one line under the map (the narrow layout), as many as fit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pygame

from game.history.scene import Scene
from game.ui import glyphs, palette
from game.ui.replay_layout import short_side
from game.ui.timeline_bar import DISPUTED

NIGHT_SWATCH = (60, 70, 110)
FG = (240, 238, 228)
PANEL_BG = (20, 22, 26, 225)
Item = tuple[str, tuple[int, int, int], str, str]  # kind, colour, text, short text


def legend_items(scene: Scene, sides: Sequence[str], side_names: Mapping[str, str], sides_seen: Iterable[str],
                 *, routes: bool, record: bool) -> list[Item]:
    """The legend's entries for what ``scene`` shows (``routes``: the documented routes are on; ``record``: a
    recorded game, whose cut roads are held by a side now rather than documented)."""
    seen = set(sides_seen)
    items: list[Item] = []
    for i, s in enumerate(sides):
        if s in seen:
            name = side_names.get(s, s)
            items.append(("line", palette.SIDE_FILL[i % 2], f"trail: {name}", f"trail: {short_side(name)}"))
    if scene.axes:
        items.append(("dash", palette.SIDE_LINE[1 % 2], "expected axis (attributed)", "expected axis"))
    if routes:
        items.append(("dash", palette.SIDE_LINE[0], "documented route (history section)", "documented route"))
    if scene.positions:
        items.append(("ring", palette.SIDE_LINE[1 % 2], "documented position", "position"))
    items += [("band", palette.OI_VERMILLION, "road cut (held by a side now)" if record else
               "road cut (documented date)", "road cut"),
              ("tick", DISPUTED, "disputed (sources disagree)", "disputed"),
              ("box", NIGHT_SWATCH, "night (shaded; dark band on the scrubber)", "night")]
    return items


def _swatch(target: pygame.Surface, kind: str, colour: tuple[int, int, int], x0: int, cy: int) -> None:
    if kind in ("line", "band"):
        pygame.draw.line(target, colour, (x0, cy), (x0 + 26, cy), 4 if kind == "line" else 6)
    elif kind == "dash":
        for dx in (0, 10, 20):
            pygame.draw.line(target, colour, (x0 + dx, cy), (x0 + dx + 5, cy), 3)
    elif kind == "ring":
        pygame.draw.circle(target, colour, (x0 + 13, cy), 6, 2)
    elif kind == "tick":
        pygame.draw.line(target, colour, (x0 + 13, cy - 7), (x0 + 13, cy + 7), 2)
    else:
        pygame.draw.rect(target, colour, (x0 + 4, cy - 6, 18, 12))


def legend_size(items: Sequence[Item], width: int) -> tuple[int, int]:
    return width, 18 * len(items) + 10


def draw_legend(target: pygame.Surface, items: Sequence[Item], rect: pygame.Rect) -> pygame.Rect:
    """The legend as a box in ``rect`` (long texts cut to its width)."""
    f = glyphs.font(12)
    panel = pygame.Surface(rect.size, pygame.SRCALPHA)
    panel.fill(PANEL_BG)
    target.blit(panel, rect.topleft)
    y = rect.y + 6
    for kind, colour, text, short in items:
        x0, cy = rect.x + 8, y + 8
        _swatch(target, kind, colour, x0, cy)
        room = rect.right - (x0 + 34) - 6
        shown = text if f.size(text)[0] <= room else short
        target.blit(f.render(shown, True, FG), (x0 + 34, y))
        y += 18
    return rect


def draw_key_strip(target: pygame.Surface, items: Sequence[Item], rect: pygame.Rect) -> int:
    """The legend as one line of short entries in ``rect`` (as many as fit); returns how many were drawn."""
    f = glyphs.font(12)
    pygame.draw.rect(target, PANEL_BG[:3], rect)
    x, cy, drawn = rect.x + 8, rect.centery, 0
    label = f.render("Key (K):", True, FG)
    target.blit(label, label.get_rect(midleft=(x, cy)))
    x += label.get_width() + 8
    for kind, colour, _, short in items:
        img = f.render(short, True, FG)
        if x + 32 + img.get_width() > rect.right - 6:
            break
        _swatch(target, kind, colour, x, cy)
        target.blit(img, img.get_rect(midleft=(x + 30, cy)))
        x += 30 + img.get_width() + 14
        drawn += 1
    return drawn
