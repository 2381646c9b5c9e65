"""The replay viewer on the documented approach: frames rendered (start, night on the approach, the climb,
the end), keyboard and scrubber seeking, and ``replay --history`` from the command line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pygame
import pygame_gui
import pytest

from game.cli import main
from game.core.setup import GameSetup
from game.history.timeline import HistoryTimeline
from game.ui.app import App
from game.ui.replay_viewer import ReplayViewer
from game.ui.screens.replay_view import ReplayScreen
from game.ui.timeline_bar import DISPUTED

OUT = Path(__file__).resolve().parents[2] / "tests" / "ui" / "out"


@pytest.fixture
def screen(app: App, shusha: GameSetup) -> ReplayScreen:
    scr = ReplayScreen(app.ctx, HistoryTimeline(shusha), shusha)
    scr.viewer.view.tile_budget_ms = None  # whole tiles in every test frame
    app.switch(scr)
    return scr


def _frame(viewer: ReplayViewer, name: str, size: tuple[int, int] = (1280, 720)) -> pygame.Surface:
    surf = pygame.Surface(size)
    viewer.draw(surf)
    OUT.mkdir(exist_ok=True)
    pygame.image.save(surf, str(OUT / f"replay_{name}.png"))
    return surf


def _key(app: App, key: int, mod: int = 0) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)])


def test_frames_start_night_climb_end(screen: ReplayScreen) -> None:
    v, tl = screen.viewer, screen.viewer.timeline
    v.seek(0)
    start = _frame(v, "start")
    v.seek(tl.step_of(datetime(2020, 10, 31, 12)))
    day = pygame.surfarray.array3d(_frame(v, "day")).astype(float)
    v.seek(tl.step_of(datetime(2020, 10, 31, 22)))
    night = pygame.surfarray.array3d(_frame(v, "night")).astype(float)
    # night shading: the map (below the captions, left of the legend) is clearly darker at night
    assert night[300:800, 200:600].mean() < 0.8 * day[300:800, 200:600].mean()
    v.seek(tl.step_of(datetime(2020, 11, 6, 3)))
    v.follow = False  # the camera set by hand (as a pan would turn follow off)
    v.camera.zoom = 6  # 16 px per cell around the cliffs below the town
    v.camera.centre_on((60, 76))
    v.hover = (640, 330)
    climb = _frame(v, "climb")
    v.seek(tl.steps - 1)
    end = _frame(v, "end", (960, 600))  # any size
    assert end.get_size() == (960, 600)
    assert pygame.surfarray.array3d(start).std() > 20 and pygame.surfarray.array3d(climb).std() > 20


def test_disputed_caption_is_marked(screen: ReplayScreen) -> None:
    v = screen.viewer
    entry = next(m for m in v.marks if m.key == "milestone:city_entered:0")
    v.seek(entry.step)
    assert v.scene().captions[0].disputed
    surf = _frame(v, "disputed")
    col = v.layout(surf.get_size()).column
    assert col is not None  # the captions sit in the side column, beside the map
    border = pygame.surfarray.array3d(surf)[col.x + 10:col.x + 14, 10:300]  # the first caption's left border
    assert (np.abs(border - np.array(DISPUTED)).sum(axis=2) < 30).any()


def test_keys_step_and_jump_between_marks(app: App, screen: ReplayScreen) -> None:
    v = screen.viewer
    _key(app, pygame.K_RIGHT)
    assert v.step == 1
    _key(app, pygame.K_RIGHT, pygame.KMOD_SHIFT)
    first_after = min(m.step for m in v.marks if m.step > 1)
    assert v.step == first_after
    _key(app, pygame.K_PAGEDOWN)
    assert v.step == min(m.step for m in v.marks if m.step > first_after)
    _key(app, pygame.K_PAGEUP)
    assert v.step == first_after
    _key(app, pygame.K_LEFT)
    assert v.step == first_after - 1
    _key(app, pygame.K_END)
    assert v.step == v.timeline.steps - 1
    _key(app, pygame.K_HOME)
    assert v.step == 0
    speed = v.speed
    _key(app, pygame.K_PLUS)
    assert v.speed == speed + 1
    _key(app, pygame.K_SPACE)
    assert v.playing
    app.step([], dt=1.0)
    assert v.step > 0  # played on
    _key(app, pygame.K_SPACE)
    assert not v.playing


def test_every_mark_is_reached_by_next_mark(screen: ReplayScreen) -> None:
    v = screen.viewer
    seen = set()
    v.seek(0)
    seen |= {c.key for c in v.scene().captions}
    while v.step < v.timeline.steps - 1:
        v.seek(v.next_mark())
        seen |= {c.key for c in v.scene().captions}
    assert seen >= {m.key for m in v.marks}


def test_scrubber_click_and_drag_seek(app: App, screen: ReplayScreen) -> None:
    v = screen.viewer
    lay = v.bar(app.ctx.size)
    x = lay.track.x + lay.track.width // 2
    y = lay.track.centery
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x, y))])
    assert abs(v.step - (v.timeline.steps - 1) // 2) <= 1
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=(lay.track.right, y), rel=(0, 0), buttons=(1, 0, 0))])
    assert v.step == v.timeline.steps - 1
    app.step([pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=(lay.track.right, y))])
    play = lay.buttons["next_mark"]
    v.seek(0)
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=play.center)])
    assert v.step == min(m.step for m in v.marks if m.step > 0)


def test_escape_goes_back_to_the_start_screen(app: App, shusha: GameSetup) -> None:
    from game.ui.screens.start import StartScreen

    app.switch(ReplayScreen(app.ctx, HistoryTimeline(shusha), shusha, back=lambda: StartScreen(app.ctx)))
    _key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, StartScreen)


def test_cli_history_runs_headless_and_rejects_a_bad_scenario(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", "--history", "--frames", "3"]) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\n", encoding="utf-8")
    assert main(["replay", "--history", str(bad), "--frames", "1"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:1:1: title: missing required key 'title'" in err and "Traceback" not in err
    assert main(["replay", "--history", str(tmp_path / "missing.yaml")]) == 2
    assert "no such scenario file" in capsys.readouterr().err


def test_start_screen_button_opens_the_documented_approach(app: App) -> None:
    from game.ui.screens.start import StartScreen

    start = app.screen
    assert isinstance(start, StartScreen)
    shusha_i = next(i for i, e in enumerate(start.entries) if e.path.name == "shusha_2020_approach.yaml")
    start.select_scenario(shusha_i)
    app.step([pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=start.history_button)])
    assert isinstance(app.screen, ReplayScreen)
    assert app.screen.viewer.timeline.title.endswith("the documented approach")
    app.step([])  # draws a frame
    _key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, StartScreen)
