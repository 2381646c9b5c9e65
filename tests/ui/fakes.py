"""Stand-ins for screens in GUI tests."""

from __future__ import annotations

import pygame

from game.play.session import Session


class DummyGame:
    """Stands in for the game screen: these tests check which Session the start screen hands over."""

    def __init__(self, ctx: object, session: Session) -> None:
        self.session = session

    def handle(self, event: pygame.event.Event) -> None:
        return None

    def update(self, dt: float) -> None:
        return None

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((0, 0, 0))

    def resize(self, size: tuple[int, int]) -> None: ...

    def close(self) -> None: ...
