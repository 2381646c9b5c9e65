"""A base for screens made of pygame_gui elements that are rebuilt when the window is resized."""

from __future__ import annotations

import pygame_gui


class WidgetScreen:
    """Keeps the screen's pygame_gui elements in ``_elements``; ``_build(size)`` makes them."""

    _elements: list[pygame_gui.core.UIElement]

    def _build(self, size: tuple[int, int]) -> None:
        raise NotImplementedError

    def _kill(self) -> None:
        """Remove every element this screen made."""
        for el in self._elements:
            el.kill()
        self._elements = []

    def resize(self, size: tuple[int, int]) -> None:
        self._kill()
        self._build(size)

    def close(self) -> None:
        self._kill()
