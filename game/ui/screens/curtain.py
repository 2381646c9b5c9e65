"""Hot-seat curtain: an opaque cover between two players' turns so neither sees the other's view.

API::

    curtain = Curtain(ctx, "Pass to Armenian forces")   # active at once
    if curtain.active and curtain.handle(event): ...    # consumes every input event while active;
                                                        # a key press or a click lifts it
    curtain.draw(surface)                               # in the screen's draw(), covers the map
    curtain.kill()                                      # remove its widgets (e.g. when the screen closes)

The cover is drawn twice over: ``draw`` fills the whole surface (hiding the hand-drawn map), and a
full-window pygame_gui panel on a high layer hides the screen's own widgets (HUD panels, unit lists)
and swallows the clicks meant for them.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UILabel, UIPanel

from game.ui.app import Context
from game.ui.style import preload_fonts

COVER = (13, 18, 16)
LAYER = 900  # above every HUD element and dialog window
_INPUT = {pygame.KEYDOWN, pygame.KEYUP, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION,
          pygame.MOUSEWHEEL, pygame.TEXTINPUT, pygame.TEXTEDITING}
_LIFT = {pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN}


class Curtain:
    """A full-window opaque cover reading "<text> - press any key or click to continue"."""

    def __init__(self, ctx: Context, text: str) -> None:
        self.ctx = ctx
        self.text = text
        self.active = True
        self._size = ctx.size
        preload_fonts(ctx.manager)
        self.panel: UIPanel | None = None
        self._build()

    def _build(self) -> None:
        w, h = self._size
        m = self.ctx.manager
        self.panel = UIPanel(pygame.Rect(0, 0, w, h), starting_height=LAYER, manager=m, object_id="#curtain")
        mid = h // 2
        UILabel(pygame.Rect(20, mid - 50, w - 40, 44), self.text, m, container=self.panel,
                object_id="#curtain_label")
        UILabel(pygame.Rect(20, mid + 6, w - 40, 28), "Press any key or click to continue", m,
                container=self.panel, object_id="#curtain_hint")
        UILabel(pygame.Rect(20, mid + 40, w - 40, 24), "The other player should look away now.", m,
                container=self.panel, object_id="#curtain_hint")

    def handle(self, event: pygame.event.Event) -> bool:
        """While active, swallow input events (True); a key press or click lifts the curtain."""
        if not self.active:
            return False
        if event.type in _LIFT:
            self.lift()
            return True
        return event.type in _INPUT or event.type == pygame_gui.UI_BUTTON_PRESSED

    def lift(self) -> None:
        """Remove the cover (the player has taken over)."""
        self.kill()

    def kill(self) -> None:
        """Deactivate and remove the cover's widgets (idempotent)."""
        self.active = False
        self._remove()

    def _remove(self) -> None:
        if self.panel is not None:
            self.panel.kill()
            self.panel = None

    def draw(self, surface: pygame.Surface) -> None:
        """Cover the whole surface while active (and follow a resized window)."""
        if not self.active:
            return
        if surface.get_size() != self._size:
            self._size = surface.get_size()
            self._remove()
            self._build()
        surface.fill(COVER)
