"""Group selection and standing orders on the play screen, driven like a player; frames kept as PNGs."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.play import standing  # noqa: E402
from game.ui.app import App  # noqa: E402
from tests.fixtures import arrange  # noqa: E402
from tests.ui.test_play_screen import click, key, shot, start_game  # noqa: E402


def drag(app: App, screen, a: tuple[int, int], b: tuple[int, int]) -> None:
    """Shift + drag a box between two cells' centres."""
    m = screen._map_rect()
    pa, pb = (screen.camera.screen_rect(*a).move(m.topleft).center, screen.camera.screen_rect(*b).move(m.topleft).center)
    pygame.key.set_mods(pygame.KMOD_SHIFT)
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pa, button=1),
              pygame.event.Event(pygame.MOUSEMOTION, pos=pb, rel=(0, 0), buttons=(1, 0, 0))])
    shot(app, "orders_box.png")
    app.step([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pb, button=1)])
    pygame.key.set_mods(0)


def test_box_select_group_move_standing_route_and_idle_units(app: App, tiny) -> None:
    screen = start_game(app, arrange(tiny, a1={"used_min": 200.0}))
    eng = screen.eng
    drag(app, screen, (9, 2), (12, 9))  # Group 1 and Group 2, not the mortars at (9, 12)
    assert screen.orders_in.ids == ["a1", "a2"]
    click(app, screen, (11, 15))  # a group move: Group 1 has little time, so both go part way
    orders = standing.orders_of(eng, "attacker")
    assert set(orders) == {"a1", "a2"} and eng.state.units["a2"].pos != (11, 8)
    assert eng.state.units["a2"].pos != orders["a2"].to  # kept to the slowest's pace
    app.step([])
    shot(app, "orders_group_route.png")
    # the mortars have done nothing: Tab picks them, and end turn warns once
    key(app, pygame.K_TAB)
    assert screen.selected == "a3"
    key(app, pygame.K_e)
    assert eng.state.side == "attacker" and "without orders" in screen.message and "Mortars" in screen.message
    key(app, pygame.K_e)
    for _ in range(200):
        if screen.session.human_turn:
            break
        app.step([], dt=0.5)
    app.step([])
    assert screen.session.human_turn and eng.state.turn == 1
    assert all(eng.state.units[u].pos == orders[u].to for u in ("a1", "a2")), screen.message  # arrived
    assert "arrived" in screen.message
    assert not standing.orders_of(eng, "attacker")


def test_idle_warning_can_be_switched_off_and_stays_off(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    key(app, pygame.K_w)
    assert "off" in screen.message
    key(app, pygame.K_e)
    assert screen.eng.state.side == "defender"  # no warning
    again = start_game(app, tiny)  # a new game in the same client: the setting was kept
    assert not again.orders_in.idle.enabled


def test_shift_click_adds_and_removes_and_c_cancels(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    click(app, screen, (11, 8))
    pygame.key.set_mods(pygame.KMOD_SHIFT)
    click(app, screen, (10, 3))
    pygame.key.set_mods(0)
    assert screen.orders_in.ids == ["a2", "a1"]
    key(app, pygame.K_b)  # by night: it is day, so the group waits with standing orders
    click(app, screen, (11, 15))
    orders = standing.orders_of(screen.eng, "attacker")
    assert set(orders) == {"a1", "a2"} and all(o.night for o in orders.values())
    assert screen.eng.state.units["a2"].pos == (11, 8)
    key(app, pygame.K_c)
    assert not standing.orders_of(screen.eng, "attacker") and "cancelled: 2" in screen.message
    pygame.key.set_mods(pygame.KMOD_SHIFT)
    click(app, screen, (10, 3))
    pygame.key.set_mods(0)
    assert screen.orders_in.ids == ["a2"]
