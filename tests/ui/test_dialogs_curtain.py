"""GUI tests of the message window, the save picker and the hot-seat curtain (headless)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
import pytest  # noqa: E402
from pygame_gui.elements import UIButton  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.dialogs import HEADER_LIMIT, SavePicker, list_saves, read_entry, show_message  # noqa: E402
from game.ui.screens.curtain import COVER, Curtain  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture
def app(tmp_path: Path):
    a = App(size=(1280, 800), saves=tmp_path / "saves")
    yield a
    pygame.quit()


def pump(app: App, events: list[pygame.event.Event]) -> list[pygame.event.Event]:
    """Step with ``events`` and then with what pygame_gui posted; returns the posted events."""
    app.step(events)
    seen: list[pygame.event.Event] = []
    for _ in range(5):
        posted = pygame.event.get()
        if not posted:
            break
        seen += posted
        app.step(posted)
    return seen


def header(turn: int | None = 3, **extra: object) -> str:
    head: dict[str, object] = {"type": "header", "format": "shusha-record", "scenario_id": "tiny_test", **extra}
    if turn is not None:
        head["save"] = {"humans": ["attacker"], "saved_at": "2020-11-05T10:30:00", "note": "", "turn": turn}
    return json.dumps(head) + "\n"


def test_list_saves_reads_only_the_header_and_lists_damaged_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(header(3) + "garbage after the header\n")
    (tmp_path / "b.jsonl").write_text("{not json\n")
    (tmp_path / "c.jsonl").write_text(header(None))  # a record, not a save
    (tmp_path / "d.jsonl").write_text("x" * (HEADER_LIMIT + 10) + "\n")
    (tmp_path / "notes.txt").write_text("ignored")
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "r.jsonl").write_text(header(1))  # sub-folders are not listed
    for i, name in enumerate(["d", "c", "b", "a"]):
        os.utime(tmp_path / f"{name}.jsonl", (1_000_000 + i, 1_000_000 + i))
    entries = list_saves(tmp_path)
    assert [e.path.name for e in entries] == ["a.jsonl", "b.jsonl", "c.jsonl", "d.jsonl"]
    a, b, c, d = entries
    assert a.readable and a.turn == 4 and a.scenario == "tiny_test"
    assert a.label == "a.jsonl  -  turn 4  -  saved 05 Nov 2020 10:30  -  tiny_test"
    assert not b.readable and "header unreadable" in b.label
    assert c.readable and c.turn is None and "no save information" in c.label
    assert not d.readable
    assert list_saves(tmp_path / "missing") == []
    assert not read_entry(tmp_path / "missing.jsonl").readable


def test_show_message_keeps_long_multiline_text_literal(app: App) -> None:
    text = "Line one <b>not markup</b> & more\n" + "\n".join(f"problem {i}: " + "x" * 90 for i in range(40))
    win = show_message(app.ctx.manager, "Cannot load this save", text)
    app.step([])
    assert win.alive() and win.window_display_title == "Cannot load this save"
    assert "&lt;b&gt;not markup&lt;/b&gt; &amp; more<br>problem 0" in win.text_block.html_text
    assert pygame.Rect(0, 0, 1280, 800).contains(win.rect) and win.rect.height > 600  # long text: tall window
    assert app.ctx.manager.get_window_stack().top_stack == [win]
    pump(app, [pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=win.dismiss_button)])
    assert not win.alive()


def test_save_picker_keys_callback_and_cancel(app: App, tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.mkdir(exist_ok=True)
    (folder / "one.jsonl").write_text(header(0))
    picked: list[Path] = []
    picker = SavePicker(app.ctx.manager, folder, on_pick=picked.append)
    app.step([])
    assert picker.selected == folder / "one.jsonl" and picker.load_button.is_enabled
    assert not picker.process_event(pygame.event.Event(pygame.MOUSEMOTION, pos=(1, 1), rel=(0, 0), buttons=(0, 0, 0)))
    assert picker.process_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"))
    assert picker.done and picker.chosen == folder / "one.jsonl" and picked == [folder / "one.jsonl"]
    assert not picker.window.alive()
    other = SavePicker(app.ctx.manager, folder)
    pump(app, [])
    assert not other.done
    other.window.on_close_window_button_pressed()  # the title bar's x
    for event in pygame.event.get():
        other.process_event(event)
    assert other.done and other.chosen is None


class CurtainHost:
    """A minimal screen that owns a curtain, as the game screen does in hot-seat games."""

    def __init__(self, app: App) -> None:
        self.ctx = app.ctx
        self.button = UIButton(pygame.Rect(100, 100, 200, 50), "Under the curtain", app.ctx.manager)
        self.curtain = Curtain(app.ctx, "Pass to Defenders")
        self.pressed = 0

    def handle(self, event: pygame.event.Event) -> None:
        if self.curtain.handle(event):
            return None
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.button:
            self.pressed += 1
        return None

    def update(self, dt: float) -> None:
        return None

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((200, 30, 30))  # the "map" the next player must not see
        self.curtain.draw(surface)

    def resize(self, size: tuple[int, int]) -> None: ...

    def close(self) -> None:
        self.button.kill()
        self.curtain.kill()


def test_curtain_covers_everything_and_a_key_lifts_it(app: App) -> None:
    host = CurtainHost(app)
    app.switch(host)
    app.step([])
    surf = app.ctx.surface
    assert host.curtain.active
    for pos in ((5, 5), (200, 125), (1275, 795)):  # the map and the button under it are hidden
        assert tuple(surf.get_at(pos))[:3] == COVER, pos
    ARTIFACTS.mkdir(exist_ok=True)
    pygame.image.save(surf, str(ARTIFACTS / "curtain.png"))
    move = pygame.event.Event(pygame.MOUSEMOTION, pos=(200, 125), rel=(0, 0), buttons=(0, 0, 0))
    assert host.curtain.handle(move) and host.curtain.active
    pump(app, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0)])
    assert not host.curtain.active and host.curtain.panel is None
    app.step([])
    assert tuple(surf.get_at((5, 5)))[:3] == (200, 30, 30)
    assert not host.curtain.handle(move)


def test_a_click_lifts_the_curtain_without_pressing_what_is_under_it(app: App) -> None:
    host = CurtainHost(app)
    app.switch(host)
    app.step([])
    pos = host.button.rect.center
    pygame.mouse.set_pos(pos)
    pump(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    pump(app, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
    assert not host.curtain.active and host.pressed == 0
    pump(app, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
    assert host.pressed == 1  # with the curtain gone, the button works again


def test_curtain_follows_a_resized_window(app: App) -> None:
    host = CurtainHost(app)
    app.switch(host)
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1100, h=720, size=(1100, 720))])
    app.step([])
    assert host.curtain.panel is not None and host.curtain.panel.rect.size == (1100, 720)
    assert tuple(app.ctx.surface.get_at((1090, 710)))[:3] == COVER


def test_a_window_asked_smaller_than_the_layouts_need_opens_at_the_minimum(tmp_path: Path) -> None:
    from game.ui.app import MIN_SIZE

    a = App(size=(600, 300), saves=tmp_path / "saves")
    try:
        assert a.ctx.size == MIN_SIZE
        a.step([])  # the start screen lays out and draws without looping
        a.step([])
    finally:
        pygame.quit()
