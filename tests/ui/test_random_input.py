"""Hundreds of random clicks, drags, wheel turns and key presses never crash the client or break the rules."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from game.play.session import Session  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.play import GameScreen  # noqa: E402

KEYS = [pygame.K_e, pygame.K_u, pygame.K_d, pygame.K_h, pygame.K_r, pygame.K_SPACE, pygame.K_ESCAPE,
        pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_PLUS, pygame.K_MINUS, pygame.K_F1,
        pygame.K_a, pygame.K_z]


def random_event(rng: np.random.Generator, size: tuple[int, int]) -> list[pygame.event.Event]:
    w, h = size
    pos = (int(rng.integers(0, w)), int(rng.integers(0, h)))
    kind = int(rng.integers(0, 6))
    if kind == 0:
        b = int(rng.choice([1, 1, 1, 2, 3]))
        return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=b),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=b)]
    if kind == 1:
        end = (pos[0] + int(rng.integers(-200, 200)), pos[1] + int(rng.integers(-200, 200)))
        return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                pygame.event.Event(pygame.MOUSEMOTION, pos=end, rel=(end[0] - pos[0], end[1] - pos[1]),
                                   buttons=(1, 0, 0)),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1)]
    if kind == 2:
        pygame.mouse.set_pos(pos)
        return [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=int(rng.choice([-2, -1, 1, 2])), flipped=False)]
    if kind == 3:
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))]
    k = int(rng.choice(KEYS))
    mod = pygame.KMOD_CTRL if rng.random() < 0.1 else 0
    if k == pygame.K_z and not mod:
        k = pygame.K_u
    return [pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0)]


def test_random_input_never_breaks_the_game(tiny, tmp_path) -> None:
    app = App(size=(1280, 800), saves=tmp_path)
    try:
        screen = GameScreen(app.ctx, Session.new(tiny, 5, ["attacker"], saves=tmp_path))
        app.switch(screen)
        rng = np.random.default_rng(1234)
        grid = tiny.grid
        for i in range(400):
            app.step(random_event(rng, app.ctx.size), dt=0.05)
            eng = screen.session.engine
            for u in eng.state.units.values():
                assert u.strength >= 0
                if u.alive:
                    ut = tiny.unit_types[u.type_id]
                    assert grid.in_bounds(*u.pos)
                    assert grid.table.speed[ut.move_class][grid.terrain[u.pos]] > 0 or grid.road[u.pos] > 0
            if i == 200 and app.screen is not screen:
                break
    finally:
        pygame.quit()
