"""The game screen driven like a player: select, move, fire, end turn, watch the AI, save, load.

Runs headless (SDL dummy drivers) and renders real frames; a few are kept in tests/ui/artifacts/.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402

import pygame  # noqa: E402

from game.play.session import Session  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.play import GameScreen  # noqa: E402
from tests.fixtures import arrange

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def start_game(app: App, setup, humans=("attacker",)) -> GameScreen:
    screen = GameScreen(app.ctx, Session.new(setup, 3, list(humans), saves=app.ctx.saves))
    app.switch(screen)
    app.step([])
    return screen


def click(app: App, screen: GameScreen, cell: tuple[int, int], button: int = 1) -> None:
    rect = screen.camera.screen_rect(*cell)
    m = screen._map_rect()
    pos = (rect.centerx + m.x, rect.centery + m.y)
    pygame.mouse.set_pos(pos)
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
              pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
              pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)])


def key(app: App, k: int, mod: int = 0) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)])


def shot(app: App, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pygame.image.save(app.ctx.surface, str(ARTIFACTS / name))


def test_select_move_fire_end_turn_save_load(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    eng = screen.eng
    click(app, screen, (11, 8))
    assert screen.selected == "a2"
    shot(app, "game_selected.png")
    click(app, screen, (10, 11))
    assert eng.state.units["a2"].pos != (11, 8), screen.message
    # the mortars fire on the road post they can see (outside the town: no bombardment rule applies)
    click(app, screen, (9, 12))
    assert screen.selected == "a3"
    assert "d2" not in eng.spotted_by("attacker")
    click(app, screen, (7, 12))  # up the slope: the road post comes into view
    assert eng.state.units["a3"].pos == (7, 12), screen.message
    assert "d2" in eng.spotted_by("attacker")
    assert not screen.session.can_undo  # the move revealed an enemy: no take-backs
    before = eng.state.units["d2"].suppression
    click(app, screen, (5, 14))
    assert eng.state.units["a3"].fired, screen.message
    assert eng.state.units["d2"].suppression > before
    shot(app, "game_fired.png")
    key(app, pygame.K_e)  # warns once of the units without orders
    assert eng.state.side == "attacker" and "without orders" in screen.message
    key(app, pygame.K_e)
    assert eng.state.side == "defender"
    for _ in range(400):  # the AI's turn is played back step by step
        app.step([], dt=0.2)
        if screen.session.human_turn:
            break
    assert eng.state.turn == 1 and screen.session.human_turn
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    saves = sorted(app.ctx.saves.glob("tiny_test-turn2-*.jsonl"))
    assert saves, screen.message
    loaded = Session.load(saves[-1], saves=app.ctx.saves)
    assert loaded.engine.state.digest() == eng.state.digest()
    again = GameScreen(app.ctx, loaded)
    app.switch(again)
    app.step([])
    shot(app, "game_loaded.png")


def test_refused_order_shows_the_engine_reason(app: App, tiny) -> None:
    screen = start_game(app, arrange(tiny, a1=(2, 9)))  # a1 next to the garrison
    click(app, screen, (9, 12))  # mortars
    town_garrison = screen.eng.state.units["d1"]
    assert "d1" in screen.eng.spotted_by("attacker")
    click(app, screen, town_garrison.pos)
    assert "no-fire zone" in screen.message
    assert not screen.eng.state.units["a3"].fired


def test_frames_show_the_map_and_fog(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    surf = app.ctx.surface
    colours = {tuple(surf.get_at((x, y)))[:3] for x in range(0, 900, 37) for y in range(50, 780, 37)}
    assert len(colours) > 20  # a real map, not a blank window
    shot(app, "game_start.png")
    unseen = ~screen.eng.visible_cells("attacker")
    assert unseen.any()
    r, c = (int(v[0]) for v in unseen.nonzero())
    m = screen._map_rect()
    pt = screen.camera.screen_rect(r, c).center
    pt = (pt[0] + m.x, pt[1] + m.y)
    fogged = sum(surf.get_at(pt)[:3])
    screen.fog_all = True
    screen._refresh()
    app.step([])
    assert sum(surf.get_at(pt)[:3]) > fogged  # the fog of war darkens what the side cannot see


def test_hot_seat_hides_the_map_between_players(app: App, tiny) -> None:
    screen = start_game(app, tiny, humans=("attacker", "defender"))
    key(app, pygame.K_e)
    key(app, pygame.K_e)  # past the idle-units warning
    app.step([], dt=0.05)
    assert screen.session.side == "defender" and screen.session.human_turn
    assert screen.curtain is not None and screen.curtain.active
    shot(app, "game_curtain.png")
    key(app, pygame.K_SPACE)
    assert not screen.curtain.active
    assert screen.session.viewer == "defender"


def test_enemy_moves_are_animated_and_skippable(app: App, tiny) -> None:
    screen = start_game(app, tiny, humans=())  # watch mode: every move is visible
    seen_anim = False
    for _ in range(100):
        app.step([], dt=0.05)
        seen_anim |= bool(screen.anims)
        if seen_anim:
            break
    assert seen_anim
    before = (screen.eng.state.turn, screen.eng.state.active)
    key(app, pygame.K_SPACE)  # skip the rest of this side's playback: that side's part ends at once
    assert (screen.eng.state.turn, screen.eng.state.active) != before


def test_window_resize_relays_out_the_game(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=1000, size=(1600, 1000))])
    assert app.ctx.size == (1600, 1000)
    assert screen._map_rect().width == 1600 - 340
    click(app, screen, (11, 8))
    assert screen.selected == "a2"
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=800, h=500, size=(800, 500))])
    assert app.ctx.size == (1024, 700)  # never smaller than the minimum layout
    shot(app, "game_small.png")
