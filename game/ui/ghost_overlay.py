"""The play screen's ghost overlay: the documented routes and positions up to the current game date.

It draws only the scenario's ``history:`` (the documented groups' trails so far, a hollow ring where each
stood at that date, the documented positions and the expected axes), never a unit of the game, so it cannot
reveal an enemy the player's side has not spotted. Off by default; the play screen toggles it (G).
"""

from __future__ import annotations

from datetime import datetime

import pygame

from game.core.setup import GameSetup
from game.history.timeline import HistoryTimeline
from game.ui import palette
from game.ui.camera import Camera
from game.ui.history_layers import draw_axes, draw_positions, draw_trails, side_index
from game.ui.labels import text_sprite

GHOST_ALPHA = 150
LABEL_PX = 12


class GhostOverlay:
    """History drawn faintly over the game map (see the module docstring)."""

    def __init__(self, setup: GameSetup) -> None:
        self.setup = setup
        self.on = False
        self._timeline: HistoryTimeline | None = None

    @property
    def available(self) -> bool:
        return bool(self.setup.history)

    def toggle(self) -> str:
        """Switch the overlay; returns what to tell the player."""
        if not self.available:
            return "This scenario has no documented history to show."
        self.on = not self.on
        return ("Documented history shown (routes and positions up to this date; G hides it)." if self.on
                else "Documented history hidden.")

    def draw(self, target: pygame.Surface, camera: Camera, now: datetime) -> None:
        """Draw the documented history as it stood at ``now`` (the game's current time)."""
        if not self.on or not self.available:
            return
        if self._timeline is None:
            self._timeline = HistoryTimeline(self.setup)
        tl = self._timeline
        sc = tl.scene(tl.step_of(now) if now >= tl.start else 0)
        if now < tl.start:
            sc.trails, sc.units = {}, []
        sides = self.setup.sides
        draw_axes(target, camera, sc, sides)
        draw_trails(target, camera, sc, sides, side_of={u.id: u.side for u in sc.units}, alpha=GHOST_ALPHA)
        draw_positions(target, camera, sc, sides)
        ring = max(7, camera.px)
        labels: list[tuple[pygame.Surface, tuple[int, int]]] = []
        for u in sc.units:  # where the documented group stood: a hollow ring, not a unit symbol
            at = camera.screen_point(u.row + 0.5, u.col + 0.5)
            colour = palette.SIDE_FILL[side_index(sides, u.side) % len(palette.SIDE_FILL)]
            pygame.draw.circle(target, (20, 20, 24), at, ring + 1, 4)
            pygame.draw.circle(target, colour, at, ring, 2)
            labels.append((text_sprite(f"documented: {u.name}", LABEL_PX, False, palette.LABEL_TEXT, True),
                           (at[0], at[1] + ring + 2)))
        for (sprite, _), rect in zip(labels, place_labels([(s.get_size(), at) for s, at in labels]), strict=True):
            target.blit(sprite, rect)


def place_labels(labels: list[tuple[tuple[int, int], tuple[int, int]]]) -> list[pygame.Rect]:
    """Rects for labels of (size, mid-top point), in order, none overlapping an earlier one: a label that
    would is moved down a line at a time (labels of groups that stood close together form a column).

    Example: two 200 x 14 labels wanted at (100, 50) and (110, 54) give Rect(0, 50, 200, 14) and
    Rect(10, 65, 200, 14).
    """
    taken: list[pygame.Rect] = []
    for (w, h), (x, y) in labels:
        rect = pygame.Rect(0, 0, w, h)
        rect.midtop = (x, y)
        while rect.collidelist(taken) >= 0:
            rect.top = taken[rect.collidelist(taken)].bottom + 1
        taken.append(rect)
    return taken
