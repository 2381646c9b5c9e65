"""Loading a malformed save from the start screen or the game screen shows why; the screen stays (headless)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.core.engine import Engine  # noqa: E402
from game.play.saves import write_save  # noqa: E402
from game.play.session import Session  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.play import GameScreen  # noqa: E402
from game.ui.screens.start import StartScreen  # noqa: E402
from tests.ui.test_start_end import click, key, windows  # noqa: E402

BAD_FIELDS = {
    "save_is_a_list": ({"save": [1, 2]}, "save: expected a mapping"),
    "humans_is_a_number": ({"humans": 5}, "save.humans: expected a list of sides"),
    "ai_memory_garbage": ({"ai": {"attacker": [1]}}, "save.ai.attacker: expected a mapping with tasks"),
    "nested_garbage": ({"ai": {"defender": {"tasks": [[[[[]]]]]}}}, "save.ai.defender.tasks: expected"),
}


@pytest.fixture
def app(tmp_path: Path):
    a = App(size=(1280, 800), saves=tmp_path / "saves")
    yield a
    pygame.quit()


def bad_save(setup, folder: Path, name: str) -> Path:
    """A save whose header's ``save`` field is broken as BAD_FIELDS[name] says."""
    path = folder / f"{name}.jsonl"
    write_save(Engine(setup, 3), path, humans=["attacker"])
    lines = path.read_text().splitlines()
    head = json.loads(lines[0])
    for field, value in BAD_FIELDS[name][0].items():
        if field == "save":
            head["save"] = value
        else:
            head["save"][field] = value
    path.write_text("\n".join([json.dumps(head), *lines[1:]]) + "\n")
    return path


def message_text(app: App) -> str:
    (win,) = windows(app)
    return win.text_block.html_text


@pytest.mark.parametrize("name", sorted(BAD_FIELDS))
def test_start_screen_shows_why_a_save_does_not_load(app: App, tiny, name: str) -> None:
    path = bad_save(tiny, app.ctx.saves, name)
    scr = app.screen
    assert isinstance(scr, StartScreen)
    click(app, scr.load_button)
    assert scr.picker is not None and scr.picker.selected == path
    key(app, pygame.K_RETURN)
    app.step([])
    assert app.screen is scr and scr.picker is None
    assert scr.message is not None and scr.message.alive()
    text = message_text(app)
    assert "This save cannot be loaded" in text and BAD_FIELDS[name][1] in text, text
    key(app, pygame.K_ESCAPE)  # closes the message, not the game
    assert not windows(app) and not app.ctx.quit_requested and app.screen is scr


@pytest.mark.parametrize("name", sorted(BAD_FIELDS))
def test_game_screen_shows_why_a_save_does_not_load(app: App, tiny, name: str) -> None:
    screen = GameScreen(app.ctx, Session.new(tiny, 3, ["attacker"], saves=app.ctx.saves))
    app.switch(screen)
    app.step([])
    bad_save(tiny, app.ctx.saves, name)
    key(app, pygame.K_l)  # plain L does nothing; Ctrl+L opens the picker
    assert screen.picker is None
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_l, mod=pygame.KMOD_CTRL, unicode="", scancode=0)])
    assert screen.picker is not None and screen.picker.selected is not None
    key(app, pygame.K_RETURN)
    app.step([])
    assert app.screen is screen and screen.picker is None
    text = message_text(app)
    assert "This save cannot be loaded" in text and BAD_FIELDS[name][1] in text, text
    app.step([], dt=0.1)  # the screen keeps running


def test_the_picker_lists_no_temp_files_and_survives_hostile_headers(tmp_path: Path) -> None:
    from game.ui.dialogs import list_saves

    (tmp_path / "deep.jsonl").write_text("[" * 60_000 + "\n")
    (tmp_path / ".deep.jsonl.abcd1234").write_text("{")  # a save being written: fresh, kept, not listed
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.jsonl")
    entries = list_saves(tmp_path)
    assert [(e.path.name, e.readable) for e in entries] == [("deep.jsonl", False)]
    assert (tmp_path / ".deep.jsonl.abcd1234").exists()
