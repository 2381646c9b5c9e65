"""What a side knows of sight: the cells the selected unit sees (L), and where hidden enemies were last seen.

The line-of-sight mask is the engine's own viewshed for that unit (the rule spotting and direct fire use),
so the overlay never promises a sight line the rules would refuse. Last-known positions come from the
side's read-only view (``SideView.last_known``): enemies out of sight now, with the turns since.

Example::

    sight = SightOverlay()
    sight.los_mask(eng, unit)               # bool [row, col], or None
    sight.draw_last_known(target, camera, eng, viewer)
"""

from __future__ import annotations

import numpy as np
import pygame

from game.ai.view import SideView
from game.core.engine import Engine
from game.core.units import Unit
from game.ui import glyphs, palette
from game.ui.camera import Camera
from game.ui.labels import text_sprite

LOS_TINT: palette.RGBA = (*palette.OI_BLUISH_GREEN, 70)
LABEL_PX = 11


def draw_ghost(surface: pygame.Surface, rect: pygame.Rect, side_index: int) -> None:
    """The last-known marker in a unit's ``rect``: a dashed frame in the side's colour with "?" inside."""
    line, _, _ = palette.side_colors(side_index)
    frame = pygame.Rect(rect.x + 1, rect.y + 1, rect.w - 2, round(rect.w * 2 / 3))
    glyphs.dashed_rect(surface, frame.inflate(2, 2), (15, 15, 15), 1)
    glyphs.dashed_rect(surface, frame, line, max(2, rect.w // 14))
    q = text_sprite("?", max(10, frame.h - 2), True, palette.LABEL_TEXT)
    surface.blit(q, q.get_rect(center=frame.center))


def age_text(turns: int) -> str:
    """How long ago an enemy was seen: "seen this turn", "seen 1 turn ago", "seen 3 turns ago"."""
    if turns <= 0:
        return "seen this turn"
    return f"seen {turns} turn{'s' if turns != 1 else ''} ago"


def last_known(eng: Engine, viewer: str) -> list[tuple[Unit, tuple[int, int], int]]:
    """Enemy units ``viewer`` does not see now: the unit, where it was last seen and how many turns ago."""
    units = eng.state.units
    return [(units[uid], cell, age) for uid, (cell, age) in SideView(eng, viewer, None).last_known().items()]


class SightOverlay:
    """Line of sight of one unit (toggled with L) and the enemies' last-known positions."""

    def __init__(self) -> None:
        self.los_on = False
        self._known_key: object = None
        self._known: list[tuple[Unit, tuple[int, int], int]] = []

    def toggle_los(self) -> str:
        """Turn the selected unit's line-of-sight overlay on or off; returns a notice."""
        self.los_on = not self.los_on
        return "Line of sight on: the cells the selected unit sees are tinted green (L: off)" if self.los_on \
            else "Line of sight off (L: on)"

    def los_mask(self, eng: Engine, unit: Unit | None) -> np.ndarray | None:
        """The cells ``unit`` sees now (its viewshed at today's light), or None when off or no unit."""
        if not self.los_on or unit is None or not unit.alive:
            return None
        mask = eng.ctx.spotter.visible_cells([unit], eng.light_factor())
        r, c = unit.pos
        mask[max(r - 1, 0):r + 2, max(c - 1, 0):c + 2] = True  # adjacent cells are always seen
        return mask

    def known(self, eng: Engine, viewer: str) -> list[tuple[Unit, tuple[int, int], int]]:
        """:func:`last_known`, recomputed only when the game moved on."""
        key = (viewer, len(eng.log), eng.state.turn, len(eng.record.actions))
        if key != self._known_key:
            self._known_key, self._known = key, last_known(eng, viewer)
        return self._known

    def draw_last_known(self, target: pygame.Surface, camera: Camera, eng: Engine, viewer: str) -> None:
        """A dashed outline with "?" where each hidden enemy was last seen, and its age when zoomed in."""
        view = camera.viewport
        sides = eng.setup.sides
        shown: set[tuple[int, int]] = set()
        for u, cell, age in self.known(eng, viewer):
            if cell in shown:
                continue
            shown.add(cell)
            rect = camera.unit_rect(*cell)
            if not view.colliderect(rect):
                continue
            draw_ghost(target, rect, sides.index(u.side) if u.side in sides else 1)
            if camera.px >= 8:
                lab = text_sprite(age_text(age), LABEL_PX, False, palette.LABEL_TEXT)
                target.blit(lab, lab.get_rect(midtop=(rect.centerx, rect.top + round(rect.w * 2 / 3) + 2)))

