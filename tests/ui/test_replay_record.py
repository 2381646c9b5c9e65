"""``replay RECORD`` in the viewer: stepping action by action and turn by turn gives the record's digests, side
views are fogged, a tampered record stops at its last good turn with the message, "Continue from here" opens
the play screen in the same state with the chosen humans, and the command line fails cleanly on bad files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pygame_gui
import pytest

from game.cli import main
from game.core.setup import GameSetup
from game.sim.record import RecordError
from game.ui.app import App
from game.ui.replay_panels import STOP_BG
from game.ui.replay_record import open_checked, record_screen
from game.ui.screens.play import GameScreen
from game.ui.screens.replay_view import ReplayScreen
from tests.sim.test_timeline import recorded, tamper

OUT = Path(__file__).resolve().parent / "out"


def _key(app: App, key: int, mod: int = 0) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)])


def _shot(screen: ReplayScreen, name: str) -> np.ndarray:
    surf = pygame.Surface((1280, 720))
    screen.viewer.draw(surf)
    OUT.mkdir(exist_ok=True)
    pygame.image.save(surf, str(OUT / f"replay_record_{name}.png"))
    return pygame.surfarray.array3d(surf).transpose(1, 0, 2)


@pytest.fixture
def tiny_record(tiny: GameSetup, tmp_path: Path) -> Path:
    return recorded(tiny, tmp_path / "g.jsonl")


@pytest.fixture
def screen(app: App, tiny_record: Path) -> ReplayScreen:
    scr = record_screen(app.ctx, open_checked(tiny_record))
    scr.viewer.view.tile_budget_ms = None
    app.switch(scr)
    return scr


def test_step_forward_and_back_by_action_and_by_turn_gives_the_recorded_digests(app: App,
                                                                                 screen: ReplayScreen) -> None:
    v, rec = screen.viewer, screen.viewer.timeline
    turns = rec.turn_of(rec.steps - 1) + 1
    seen_turns = set()
    while v.step < rec.steps - 1:  # every action forward (Right), drawing each frame
        before = v.step
        _key(app, pygame.K_RIGHT)
        assert v.step == before + 1
        if v.step == rec.turn_start(rec.turn_of(v.step)):
            t = rec.turn_of(v.step)
            assert rec.engine.state.digest() == rec.record.digests[t], f"turn {t + 1}"
            seen_turns.add(t)
        assert len(rec.engine.record.actions) == v.step  # the engine shows exactly the step
    assert seen_turns == set(range(1, turns))
    assert rec.engine.state.digest() == rec.record.end["digest"]
    for _ in range(5):  # and back (Left)
        before = v.step
        _key(app, pygame.K_LEFT)
        assert v.step == before - 1 and len(rec.engine.record.actions) == v.step
    _key(app, pygame.K_HOME)
    for t in range(1, turns):  # turn by turn (Down), each turn's start has the record's digest
        _key(app, pygame.K_DOWN)
        assert v.step == rec.turn_start(t)
        assert rec.engine.state.digest() == rec.record.digests[t]
    for t in range(turns - 2, -1, -1):  # and back (Up)
        _key(app, pygame.K_UP)
        assert v.step == rec.turn_start(t) and rec.engine.state.digest() == rec.record.digests[t]


def test_side_views_are_fogged_and_show_only_spotted_enemies(app: App, screen: ReplayScreen) -> None:
    v, rec = screen.viewer, screen.viewer.timeline
    v.follow = False
    v.seek(rec.turn_start(3) + 1)
    full = _shot(screen, "full").astype(int)
    shots = {}
    for side in rec.setup.sides:
        _key(app, pygame.K_v)
        assert v.side == side
        sc = v.scene()
        assert sc.fog is not None and not sc.fog.all()
        assert {u.id for u in sc.units if u.side != side} <= set(rec.engine.spotted_by(side))
        shots[side] = _shot(screen, side).astype(int)
        mrect = v.map_rect((1280, 720))
        assert np.abs(shots[side][:mrect.bottom] - full[:mrect.bottom]).sum(axis=2).astype(bool).mean() > 0.05
    _key(app, pygame.K_v)
    assert v.side is None


def test_events_of_the_turn_are_listed_and_routes_toggle(app: App, screen: ReplayScreen) -> None:
    v, rec = screen.viewer, screen.viewer.timeline
    t = next(t for t in range(1, 8) if rec.turn_events(rec.turn_start(t + 1) - 1))
    v.seek(rec.turn_start(t))
    items = v.extras.events(rec.turn_start(t + 1) - 1, None)
    assert [text for _, text in items] == [e.text for e in rec.turn_events(rec.turn_start(t + 1) - 1)]
    _key(app, pygame.K_g)
    assert v.show_routes == bool(v.extras.routes)


def test_a_tampered_record_stops_at_the_last_good_turn_with_the_message(app: App, tiny: GameSetup,
                                                                          tiny_record: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    turn = tamper(tiny_record, bad)
    rec = open_checked(bad)
    assert rec.divergence is not None and rec.divergence.turn == turn
    scr = record_screen(app.ctx, rec)
    app.switch(scr)
    v = scr.viewer
    _key(app, pygame.K_END)
    assert v.step == rec.steps - 1 and rec.turn_of(v.step) == turn - 1
    for _ in range(3):  # nothing past it: Right, Down, PgDn and the scrubber's end stay there
        for key in (pygame.K_RIGHT, pygame.K_DOWN, pygame.K_PAGEDOWN):
            _key(app, key)
    lay = v.bar(app.ctx.size)
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(lay.track.right + 5, lay.track.centery))])
    assert v.step == rec.steps - 1
    assert rec.engine.state.turn == turn - 1 and v.scene().time < rec.clock.start(turn)
    shot = _shot(scr, "stopped")
    mrect = v.map_rect((1280, 720))
    panel = shot[mrect.bottom - 60:mrect.bottom - 12, 14:300]
    assert (np.abs(panel - np.array(STOP_BG[:3])).sum(axis=2) < 40).mean() > 0.3  # the red stop panel
    assert v.extras.stop and f"from turn {turn + 1} " in v.extras.stop and str(bad) in v.extras.stop


def test_continue_from_here_opens_the_play_screen_in_the_same_state(app: App, screen: ReplayScreen,
                                                                    tiny_record: Path) -> None:
    v, rec = screen.viewer, screen.viewer.timeline
    v.seek(rec.turn_start(2) + 1)
    v.scene()  # the engine at the step shown
    digest = rec.engine.state.digest()
    _key(app, pygame.K_c)
    dlg = screen.dialog
    assert dlg is not None and dlg.window.alive()
    button = next(b for b, key in dlg.buttons.items() if key == "defender")
    nxt = screen.handle(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=button))
    assert isinstance(nxt, GameScreen)
    assert nxt.session.engine.state.digest() == digest
    assert nxt.session.humans == [rec.setup.side_with_role("defender")]
    assert nxt.session.parent["step"] == v.step and nxt.session.parent["turn"] == 2
    assert Path(nxt.session.parent["path"]).name == tiny_record.name
    nxt.close()


def test_continue_dialog_cancels_with_escape(app: App, screen: ReplayScreen) -> None:
    _key(app, pygame.K_c)
    assert screen.dialog is not None
    _key(app, pygame.K_ESCAPE)
    assert screen.dialog is None and app.screen is screen  # Esc closed the dialog, not the viewer


def test_cli_opens_a_record_and_rejects_bad_files(tiny_record: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", str(tiny_record), "--frames", "3"]) == 0
    missing = tmp_path / "nope.jsonl"
    assert main(["replay", str(missing)]) == 2
    notrec = tmp_path / "notes.txt"
    notrec.write_text("hello\n")
    assert main(["replay", str(notrec)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "nope.jsonl" in err[0] and "notes.txt" in err[1]
    assert "Traceback" not in "".join(err)


def test_a_record_whose_first_turn_differs_cannot_be_opened(tiny_record: Path, tmp_path: Path) -> None:
    import json

    lines = [json.loads(x) for x in tiny_record.read_text().splitlines()]
    first = next(i for i, x in enumerate(lines) if x["type"] == "action" and x["action"]["type"] != "end_turn")
    lines[first]["action"] = {"type": "hold", "unit": "nobody"}
    bad = tmp_path / "first.jsonl"
    bad.write_text("".join(json.dumps(x) + "\n" for x in lines))
    with pytest.raises(RecordError, match="first.jsonl"):
        open_checked(bad)
    assert main(["replay", str(bad), "--frames", "1"]) == 2


def test_the_start_screens_save_picker_replays_a_game(app: App, tiny: GameSetup) -> None:
    from game.ui.screens.start import StartScreen

    app.ctx.saves.mkdir(parents=True, exist_ok=True)
    recorded(tiny, app.ctx.saves / "game.jsonl")
    start = StartScreen(app.ctx)
    app.switch(start)
    start.open_loader()
    picker = start.picker
    assert picker is not None and picker.replay_button.visible
    app.step([pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=picker.replay_button)])
    assert isinstance(app.screen, ReplayScreen) and app.screen.viewer.fog_sides
    assert app.screen.viewer.timeline.record.header["seed"] == 3
    _key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, StartScreen)
