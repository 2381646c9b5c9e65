"""GUI tests of the start and end screens, driven through the real App with pygame events (headless)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
import pytest  # noqa: E402
from pygame_gui.elements import UIWindow  # noqa: E402

from game.play.session import Session  # noqa: E402
from game.scenario.load import load_scenario  # noqa: E402
from game.ui import app as app_mod  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.report import statline  # noqa: E402
from game.ui.screens.end import EndScreen  # noqa: E402
from game.ui.screens.start import StartScreen  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "tiny.yaml"
SHUSHA = ROOT / "scenarios" / "shusha_2020_approach.yaml"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"




def pump(app: App, events: list[pygame.event.Event] | None = None) -> None:
    """One frame with ``events``, then frames delivering the UI events pygame_gui posted (and theirs)."""
    app.step(events or [])
    for _ in range(5):
        posted = pygame.event.get()
        if not posted:
            break
        app.step(posted)


def click(app: App, element: pygame_gui.core.UIElement) -> None:
    pos = element.rect.center
    pygame.mouse.set_pos(pos)
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    pump(app, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])


def click_item(app: App, lst: pygame_gui.elements.UISelectionList, text: str) -> None:
    item = next(i for i in lst.item_list if i["text"].strip() == text.strip())
    assert item["button_element"] is not None, f"{text!r} is scrolled out of view"
    click(app, item["button_element"])


def key(app: App, k: int) -> None:
    pump(app, [pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)])


def windows(app: App) -> list[UIWindow]:
    stack = app.ctx.manager.get_window_stack()
    return [w for w in [*stack.stack, *stack.top_stack] if w.alive()]


def shot(app: App, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    pygame.image.save(app.ctx.surface, str(path))
    return path


def finished_session(setup, saves: Path, seed: int = 1) -> Session:
    s = Session.new(setup, seed, [], saves=saves)
    while not s.engine.state.game_over:
        for _ in s.ai_steps():
            pass
    return s


# ---------------------------------------------------------------------------------------- start screen
def test_start_screen_lists_the_shipped_scenario_with_its_briefing(app: App) -> None:
    scr = app.screen
    assert isinstance(scr, StartScreen)
    assert scr.entry is not None and scr.entry.path.name == "shusha_2020_approach.yaml"
    assert not scr.entry.broken
    assert app_mod.THEME.exists()
    app.step([])
    text = scr.briefing.html_text
    for needle in ("Shushi", "Constraints enforced by the game", "heavy armour", "No-fire zone",
                   "Vehicles stay on roads", "Objectives", "Historical milestones", "[disputed]", "Source:",
                   "Forces (assumptions)", "about 400 special forces in four groups of 100",
                   "not been independently confirmed", "Reinforcements (26 Oct 06:00"):
        assert needle in text, needle
    assert scr.start_button.is_enabled
    assert [i["text"] for i in scr.mode_list.item_list][:2] == [
        "Play Azerbaijani forces against the computer", "Play Armenian forces against the computer"]
    shot(app, "start.png")


def test_a_broken_scenario_is_listed_and_shows_its_problems(app: App, tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(TINY, folder / "tiny.yaml")
    (folder / "broken.yaml").write_text("format: 1\nid: broken\ntitle: [unclosed\n")
    (folder / "wrong.yaml").write_text(TINY.read_text().replace("kind: capture_zone", "kind: conquer_all"))
    app.ctx.scenarios = folder
    app.switch(StartScreen(app.ctx))
    app.step([])
    scr = app.screen
    assert isinstance(scr, StartScreen)
    assert [e.title for e in scr.entries] == ["Broken: broken.yaml", "Tiny test map", "Broken: wrong.yaml"]
    assert scr.entry is not None and scr.entry.title == "Tiny test map"  # no default file: first that loads
    click_item(app, scr.scenario_list, "Broken: wrong.yaml")
    assert scr.entry is not None and scr.entry.broken
    assert "wrong.yaml cannot be loaded" in scr.briefing.html_text
    assert "conquer_all" in scr.briefing.html_text or "kind" in scr.briefing.html_text
    assert not scr.start_button.is_enabled
    key(app, pygame.K_RETURN)  # Enter on a broken scenario explains instead of starting
    assert app.screen is scr and windows(app)
    shot(app, "start_broken.png")
    key(app, pygame.K_ESCAPE)  # Esc closes the message first
    assert not windows(app) and not app.ctx.quit_requested
    click_item(app, scr.scenario_list, "Broken: broken.yaml")
    assert "broken.yaml cannot be loaded" in scr.briefing.html_text
    click_item(app, scr.scenario_list, "Tiny test map")
    assert scr.start_button.is_enabled and "plateau town" in scr.briefing.html_text


@pytest.mark.parametrize(("mode", "humans"), [
    ("Play Attackers against the computer", ["attacker"]),
    ("Play Defenders against the computer", ["defender"]),
    ("Hot-seat: two players on this computer", ["attacker", "defender"]),
    ("Watch: computer against computer", []),
])
def test_the_side_choice_builds_the_right_session(app: App, game_cls: type, mode: str,
                                                    humans: list[str]) -> None:
    app.switch(StartScreen(app.ctx, preselect=str(TINY)))
    app.step([])
    scr = app.screen
    assert isinstance(scr, StartScreen) and scr.entry is not None and scr.entry.path == TINY
    click_item(app, scr.mode_list, mode)
    click(app, scr.seed_entry)
    pump(app, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="", scancode=0)])
    for ch in "42":
        pump(app, [pygame.event.Event(pygame.TEXTINPUT, text=ch)])
    session = scr.build_session()
    assert session is not None
    assert session.humans == humans
    assert session.engine.record.seed == 42
    assert session.saves == app.ctx.saves
    click(app, scr.start_button)
    assert isinstance(app.screen, game_cls)
    assert app.screen.session.humans == humans
    assert app.screen.session.engine.record.seed == 42


def test_enter_starts_and_escape_quits(app: App, game_cls: type) -> None:
    scr = app.screen
    assert isinstance(scr, StartScreen)
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, game_cls)
    assert app.screen.session.humans == ["attacker"] and app.screen.session.engine.record.seed == 1
    app.switch(StartScreen(app.ctx))
    key(app, pygame.K_ESCAPE)
    assert app.ctx.quit_requested


def test_start_opens_the_real_game_screen(app: App) -> None:
    play = pytest.importorskip("game.ui.screens.play", reason="the game screen has not landed yet",
                               exc_type=ImportError)
    app.switch(StartScreen(app.ctx, preselect=str(TINY)))
    app.step([])
    app.screen.select_mode("hotseat")
    click(app, app.screen.start_button)
    assert isinstance(app.screen, play.GameScreen)
    assert app.screen.session.humans == ["attacker", "defender"]


def test_quit_button_requests_quit(app: App) -> None:
    click(app, app.screen.quit_button)
    assert app.ctx.quit_requested


def test_load_a_damaged_save_shows_why_and_stays(app: App, tiny, game_cls: type) -> None:
    saves = app.ctx.saves
    good = Session.new(tiny, 5, ["defender"], saves=saves)
    list(good.ai_steps())  # the attacker (AI) plays its part of turn 1
    assert good.end_turn().ok  # the defender (human) ends turn 1
    good_path = good.save(saves / "good.jsonl")
    lines = good_path.read_text().splitlines()
    digest_line = next(i for i, line in enumerate(lines) if '"type": "digest"' in line and '"turn": 0' in line)
    lines[digest_line] = lines[digest_line].replace('"digest": "', '"digest": "0')
    (saves / "tampered.jsonl").write_text("\n".join(lines) + "\n")
    (saves / "garbage.jsonl").write_text("this is not json\n")
    os.utime(saves / "good.jsonl", (1_000_000, 1_000_000))  # oldest
    scr = app.screen
    click(app, scr.load_button)
    picker = scr.picker
    assert picker is not None
    names = [e.path.name for e in picker.entries]
    assert names[-1] == "good.jsonl"
    assert set(names) == {"good.jsonl", "tampered.jsonl", "garbage.jsonl", good.autosave_path.name}
    labels = {e.path.name: e.label for e in picker.entries}
    assert "header unreadable" in labels["garbage.jsonl"]
    assert "turn 2" in labels["tampered.jsonl"]
    shot(app, "start_load.png")
    for name, words in (("garbage.jsonl", "cannot be read"), ("tampered.jsonl", "damaged")):
        if scr.picker is None:
            click(app, scr.load_button)
        picker = scr.picker
        assert picker is not None
        label = next(lbl for lbl, e in picker._by_label.items() if e.path.name == name)
        click_item(app, picker.list, label)
        assert picker.selected is not None and picker.selected.name == name, (name, picker.selected)
        click(app, picker.load_button)
        assert app.screen is scr and scr.picker is None, name
        assert scr.message is not None and scr.message.alive()
        assert words in scr.message.text_block.html_text
        key(app, pygame.K_ESCAPE)
    click(app, scr.load_button)
    picker = scr.picker
    assert picker is not None
    label = next(lbl for lbl, e in picker._by_label.items() if e.path.name == "good.jsonl")
    click_item(app, picker.list, label)
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, game_cls)
    assert app.screen.session.humans == ["defender"]
    assert app.screen.session.engine.state.digest() == good.engine.state.digest()


def test_an_empty_save_folder_disables_load_and_escape_cancels(app: App) -> None:
    scr = app.screen
    click(app, scr.load_button)
    assert scr.picker is not None and not scr.picker.entries
    assert not scr.picker.load_button.is_enabled
    key(app, pygame.K_ESCAPE)
    assert scr.picker is None and not app.ctx.quit_requested and app.screen is scr


def test_start_screen_survives_a_resize(app: App) -> None:
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=700, size=(1024, 700))])
    app.step([])
    scr = app.screen
    assert scr.start_button.rect.bottom <= 700 and scr.briefing.rect.right <= 1024
    assert scr.seed() == 1


# ---------------------------------------------------------------------------------------- end screen
def test_end_screen_reports_a_finished_ai_game(app: App, tiny) -> None:
    session = finished_session(tiny, app.ctx.saves)
    summary = session.summary()
    end = EndScreen(app.ctx, session)
    app.switch(end)
    app.step([])
    assert end.outcome.text == summary["outcome"]["summary"]
    assert end.outcome.text.startswith("Attackers: ")
    records = list((app.ctx.saves / "records").glob("*.jsonl"))
    assert records == [end.record]
    report = end.report.html_text
    for obj in tiny.objectives:
        assert obj.name in report and f"{obj.points} points" in report
    assert report.count("not achieved") + report.count("✓ achieved") == len(tiny.objectives)
    for side, n in summary["casualties"].items():
        assert f"{tiny.side_names[side]}: {n}" in report
    assert f"{summary['city_damage']:.1%}" in statline(summary)
    names = [row[0] for row in end.cells]
    assert "Town entered" in names
    row = end.cells[names.index("Town entered")]
    got = summary["milestones"].get("city_entered")
    assert row[1].startswith(f"turn {got['turn']}, ") if got else row[1] == "not reached"
    assert row[2] == "1 Nov 12:00 – 2 Nov 12:00"
    sources = end.sources.html_text
    assert str(end.record) in sources and "test" in sources
    assert "figures are disputed" in sources
    shot(app, "end_tiny.png")
    click(app, end.new_button)
    nxt = app.screen
    assert isinstance(nxt, StartScreen) and nxt.entry is not None and nxt.entry.path.resolve() == TINY


def test_end_screen_for_the_shusha_scenario(app: App) -> None:
    session = finished_session(load_scenario(SHUSHA), app.ctx.saves)
    end = EndScreen(app.ctx, session)
    app.switch(end)
    app.step([])
    assert end.outcome.text.startswith("Azerbaijani forces: ")
    names = [row[0] for row in end.cells]
    assert names == [m.name for m in session.engine.setup.milestones]
    assert [row[4] for row in end.cells] == ["yes" if m.disputed else "–"
                                             for m in session.engine.setup.milestones]
    assert "[disputed]" in end.sources.html_text
    assert shot(app, "end.png").exists()
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=700, size=(1024, 700))])
    app.step([])
    key(app, pygame.K_ESCAPE)
    assert app.ctx.quit_requested
