"""The play screen's ghost overlay: off by default, toggled by G, draws documented history only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame

from game.core.setup import GameSetup
from game.play.session import Session
from game.ui.app import App
from game.ui.screens.play import GameScreen

OUT = Path(__file__).resolve().parent / "out"


def _shot(app: App, name: str) -> np.ndarray:
    app.step([])
    OUT.mkdir(exist_ok=True)
    pygame.image.save(app.ctx.surface, str(OUT / f"ghost_{name}.png"))
    return pygame.surfarray.array3d(app.ctx.surface).astype(int)


def test_ghost_overlay_toggles_and_shows_only_history(app: App, shusha: GameSetup) -> None:
    screen = GameScreen(app.ctx, Session.new(shusha, 3, ["attacker"], saves=app.ctx.saves))
    screen.view.tile_budget_ms = None
    app.switch(screen)
    assert not screen.ghost.on
    screen.camera.centre_on((140, 120))  # the approach: the start positions NW of Hadrut
    off = _shot(app, "off")
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_g, mod=0, unicode="g", scancode=0)])
    assert screen.ghost.on and "Documented history shown" in screen.message
    on = _shot(app, "on")
    mrect = screen._map_rect()
    diff = np.abs(on - off)[mrect.left:mrect.right, mrect.top:mrect.bottom].sum(axis=2) > 30
    assert diff.sum() > 200  # trails, rings and axes drawn over the map
    # nothing of the game's own state changes: the same units are drawn, no hidden enemy appears
    assert [u.id for u in screen.visible_units()] == [u.id for u in screen.visible_units()]
    hidden = [u for u in screen.eng.state.ordered_units() if u.side == "defender"
              and u.id not in set(screen.eng.spotted_by("attacker"))]
    assert hidden and all(u.id not in screen.ghost._timeline.groups for u in hidden)
    app.step([pygame.event.Event(pygame_gui_button(), ui_element=screen.hud.buttons["history"])])
    assert not screen.ghost.on


def pygame_gui_button() -> int:
    import pygame_gui

    return pygame_gui.UI_BUTTON_PRESSED
