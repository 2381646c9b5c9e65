"""The pygame client: a window, a pygame_gui manager and a stack-free screen switcher.

Screens implement :class:`Screen`; each handles events, updates and draws, and may return the next
screen. The client is a thin shell over ``game.play.Session``: every order becomes an engine Action.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pygame
import pygame_gui

from game.play.saves import save_dir
from game.ui import warmup

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
THEME = ASSETS / "theme.json"
UI_FONT = ASSETS / "fonts" / "DejaVuSans.ttf"  # has Armenian and Azerbaijani letters ("Շուշի", "ə")
DEFAULT_FONT_SCALE = 1.4  # pygame's bundled font runs small: scale it to about the same height
MIN_SIZE = (1024, 700)
DEFAULT_SIZE = (1280, 800)
FPS = 60
WARM_UP_FRAME = 3  # a screen's ``warm_up`` modules are imported from then on (the start screen is complete)


class Screen(Protocol):
    """One screen of the client (start, game, end ...)."""

    def handle(self, event: pygame.event.Event) -> Screen | None:
        """React to one event (after pygame_gui has seen it); return a screen to switch to, or None."""

    def update(self, dt: float) -> Screen | None:
        """Advance animations by ``dt`` seconds; return a screen to switch to, or None."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the screen (pygame_gui elements are drawn by the app afterwards)."""

    def resize(self, size: tuple[int, int]) -> None:
        """The window changed size: lay out again."""

    def close(self) -> None:
        """Leaving this screen: kill its pygame_gui elements."""


@dataclass
class Context:
    """What every screen shares: the window, the UI manager, fonts, scenario and save folders."""

    surface: pygame.Surface
    manager: pygame_gui.UIManager
    scenarios: Path = ROOT / "scenarios"
    saves: Path = field(default_factory=save_dir)
    fonts: dict[int, pygame.font.Font] = field(default_factory=dict)
    quit_requested: bool = False

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    def font(self, px: int) -> pygame.font.Font:
        """A cached font of ``px`` pixels: DejaVu Sans from ``assets/fonts`` (pygame's default if missing).

        Cached fonts die when ``pygame.font`` is quit; they are recreated after it is initialised again.
        """
        if not pygame.font.get_init():  # first use, or pygame was quit: every cached font is dead
            pygame.font.init()
            self.fonts.clear()
        font = self.fonts.get(px)
        if font is not None:
            try:
                font.get_height()
                return font
            except pygame.error:  # the font module was quit and re-initialised since this font was made
                self.fonts.clear()
        font = pygame.font.Font(UI_FONT, px) if UI_FONT.is_file() else \
            pygame.font.Font(None, round(px * DEFAULT_FONT_SCALE))
        self.fonts[px] = font
        return font


class App:
    """The window and its main loop. ``App().run()`` plays until the user quits."""

    def __init__(self, size: tuple[int, int] = DEFAULT_SIZE, *, scenario: str | None = None,
                 saves: Path | None = None) -> None:
        os.environ.setdefault("SDL_VIDEO_CENTERED", "1")
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))  # the layouts need at least this much
        pygame.display.init()  # no audio: the game has no sound, and a missing sound card must not matter
        pygame.font.init()
        pygame.display.set_caption("Shusha / Shushi 2020")
        surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        manager = pygame_gui.UIManager(size, str(THEME) if THEME.exists() else None)
        self.ctx = Context(surface=surface, manager=manager)  # a fresh font cache for this font module
        if saves is not None:
            self.ctx.saves = saves
        self.clock = pygame.time.Clock()
        from game.ui.screens.start import StartScreen

        self.screen: Screen = StartScreen(self.ctx, preselect=scenario)

    def switch(self, nxt: Screen | None) -> None:
        if nxt is not None and nxt is not self.screen:
            self.screen.close()
            self.screen = nxt

    def step(self, events: Iterable[pygame.event.Event], dt: float = 1 / FPS) -> None:
        """Process ``events``, advance by ``dt`` and draw one frame (the loop body; tests call it)."""
        for event in events:
            if event.type == pygame.QUIT:
                self.ctx.quit_requested = True
                continue
            if event.type == pygame.VIDEORESIZE:
                size = (max(event.w, MIN_SIZE[0]), max(event.h, MIN_SIZE[1]))
                self.ctx.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
                self.ctx.manager.set_window_resolution(size)
                self.screen.resize(size)
                continue
            self.ctx.manager.process_events(event)
            self.switch(self.screen.handle(event))
        self.ctx.manager.update(dt)
        self.switch(self.screen.update(dt))
        self.screen.draw(self.ctx.surface)
        self.ctx.manager.draw_ui(self.ctx.surface)
        pygame.display.flip()

    def run(self, max_frames: int | None = None) -> int:
        """Main loop; returns the process exit code."""
        frames = 0
        while not self.ctx.quit_requested:
            dt = self.clock.tick(FPS) / 1000.0
            self.step(pygame.event.get(), dt)
            frames += 1
            if frames == WARM_UP_FRAME:  # what the next screen needs, imported behind it (game.ui.warmup)
                warmup.start(*getattr(self.screen, "warm_up", ()))
            if max_frames is not None and frames >= max_frames:
                break
        pygame.quit()
        return 0


def play_main(scenario: str | None = None, *, frames: int | None = None) -> int:
    """``python -m game play``: open the window on the start screen."""
    try:
        return App(scenario=scenario).run(max_frames=frames)
    except pygame.error as e:
        print(f"cannot open a window: {e} (set SDL_VIDEODRIVER=dummy to run headless)")
        return 2
