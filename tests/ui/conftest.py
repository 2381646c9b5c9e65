"""Fixtures shared by the GUI tests: the App at 1280x800 and a stand-in for the game screen."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.screens import start as start_mod  # noqa: E402
from tests.ui.fakes import DummyGame  # noqa: E402


@pytest.fixture
def game_cls(monkeypatch: pytest.MonkeyPatch) -> type:
    """A dummy game screen patched into the start screen's factory: tests check the Session it is handed."""
    monkeypatch.setattr(start_mod, "game_screen", DummyGame)
    return DummyGame


@pytest.fixture
def app(tmp_path: Path):
    a = App(size=(1280, 800), saves=tmp_path)
    yield a
    pygame.quit()
