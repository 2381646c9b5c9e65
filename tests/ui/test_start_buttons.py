"""The start screen's buttons show their text with room on both sides, at the smallest window (1024 px) and a
large one: measured on the rendered frame (the text's pixels), not on the layout numbers."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.screens.start import StartScreen  # noqa: E402
from tests.ui.test_start_end import shot  # noqa: E402

MIN_PAD = 10  # px of button between its text and either edge


def text_span(surface: pygame.Surface, rect: pygame.Rect) -> tuple[int, int]:
    """Leftmost and rightmost columns (relative to ``rect``) of the light text pixels inside a button,
    its 3 px frame left out."""
    inner = rect.inflate(-6, -6)
    px = pygame.surfarray.array3d(surface.subsurface(inner)).astype(int)  # (w, h, 3)
    cols = np.flatnonzero((px.min(axis=2) > 170).any(axis=1))  # the theme's text is near-white
    assert len(cols), f"no text drawn in {rect}"
    return int(cols[0]) + 3, int(cols[-1]) + 3


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_start_buttons_keep_a_margin_round_their_text(app: App, size: tuple[int, int]) -> None:
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)])
    app.step([])
    app.step([])
    scr = app.screen
    assert isinstance(scr, StartScreen)
    surface = app.ctx.surface
    for button in (scr.history_button, scr.start_button, scr.load_button, scr.quit_button):
        rect = button.rect
        assert surface.get_rect().contains(rect), (button.text, rect)
        left, right = text_span(surface, rect)
        assert left >= MIN_PAD and rect.width - 1 - right >= MIN_PAD, \
            f"{button.text!r}: text from {left} to {right} px in a {rect.width} px button"
    assert scr.history_button.text == "Watch the documented approach"
    shot(app, f"start_buttons_{size[0]}.png")
