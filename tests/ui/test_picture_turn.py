"""The picture of the battle over a turn: the summary after the enemy's turn, and fights on the map.

Driven like a player (posted keys and clicks, real frames); PNGs go to tests/ui/artifacts/.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.core import events as E  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.combat_fx import CombatFx  # noqa: E402
from tests.ui.test_play_screen import click, key, shot, start_game  # noqa: E402


def play_enemy_turn(app: App, screen) -> None:
    key(app, pygame.K_e)
    if screen.eng.state.side == "attacker":
        key(app, pygame.K_e)  # past the warning about units without orders
    assert screen.eng.state.side == "defender"
    for _ in range(600):
        app.step([], dt=0.2)
        if screen.session.human_turn and screen.ai_run is None:
            break
    app.step([], dt=0.05)
    assert screen.session.human_turn


def region(surface: pygame.Surface, rect: pygame.Rect) -> list[tuple[int, ...]]:
    return [tuple(surface.get_at((x, y))) for x in range(rect.left, rect.right, 2)
            for y in range(rect.top, rect.bottom, 2)]


def test_summary_after_the_enemy_turn_tells_only_what_the_side_saw(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    eng = screen.eng
    assert screen.picture.summary is None  # nothing to sum up before the first enemy turn
    click(app, screen, (9, 12))
    click(app, screen, (7, 12))  # the mortars see the road post
    click(app, screen, (5, 14))  # and fire on it
    start = len(eng.log)
    play_enemy_turn(app, screen)
    summary = screen.picture.summary
    assert summary is not None
    shot(app, "picture_summary.png")
    titles = [t for t, _ in summary.report.lines()]
    assert titles[0] == "Losses"
    seen = {e.text for e in eng.log[start:] if e.visible_to("attacker")}
    hidden = {e.text for e in eng.log[start:] if not e.visible_to("attacker")}
    shown = [line for _, lines in summary.report.lines()[1:] for line in lines]
    assert all(line in seen or "(full text in the log)" in line or "more fight" in line for line in shown), shown
    assert not any(line in hidden for line in shown)
    # its headline stays in the side's log (and only the side's)
    notice = eng.log[-1]
    assert isinstance(notice, E.Notice) and notice.text.startswith("While Defenders moved")
    assert notice.visible_to("attacker") and not notice.visible_to("defender")
    assert "While Defenders moved" in screen.hud.log_box.html_text
    # the box is drawn over the map: the frame differs from one without it
    box = summary.rect
    assert box is not None and screen._map_rect().contains(box)
    with_box = region(app.ctx.surface, box)
    # Enter closes the summary and does not end the turn
    turn, side = eng.state.turn, eng.state.side
    key(app, pygame.K_RETURN)
    assert screen.picture.summary is None
    assert (eng.state.turn, eng.state.side) == (turn, side)
    app.step([], dt=0.05)
    assert region(app.ctx.surface, box) != with_box
    assert screen.picture.summary is None  # it does not come back by itself


def test_escape_or_a_click_closes_the_summary(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    play_enemy_turn(app, screen)
    assert screen.picture.summary is not None
    key(app, pygame.K_ESCAPE)
    assert screen.picture.summary is None
    play_enemy_turn(app, screen)
    assert screen.picture.summary is not None
    selected = screen.selected
    click(app, screen, (11, 8))  # the click closes the summary, it does not select the unit under it
    assert screen.picture.summary is None and screen.selected == selected


def test_a_fight_flashes_and_shows_its_losses(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    eng = screen.eng
    click(app, screen, (9, 12))
    click(app, screen, (7, 12))
    click(app, screen, (5, 14))
    assert eng.state.units["a3"].fired, screen.message
    shot_ev = next(e for e in reversed(eng.log) if isinstance(e, E.ShotResolved))
    fx = [f for f in screen.picture.fx.items if f.cell == eng.state.units["d2"].pos]
    assert fx and fx[0].flash
    assert fx[0].text == (f"-{shot_ev.casualties}" if shot_ev.casualties else "no loss")
    app.step([], dt=0.1)
    shot(app, "picture_fight.png")
    m = screen._map_rect()
    near = screen.camera.screen_rect(*eng.state.units["d2"].pos).inflate(70, 90).move(m.x, m.y)
    with_fx = region(app.ctx.surface, near)
    for _ in range(30):  # the effect fades out by itself
        app.step([], dt=0.1)
    assert not screen.picture.fx.active
    assert region(app.ctx.surface, near) != with_fx


def test_routs_are_marked_and_fog_holds(tiny) -> None:
    from game.core.engine import Engine

    eng = Engine(tiny, 1)
    fx = CombatFx()
    d1 = eng.state.units["d1"]
    hidden = E.UnderFire(turn=0, text="Town garrison came under fire", seen_by=("defender",), target="d1",
                         casualties=4)
    fx.feed(eng, [hidden], "attacker")
    assert not fx.items  # the attacker did not see it: nothing on its map
    fx.feed(eng, [hidden, E.Routed(turn=0, text="Town garrison broke", unit="d1")], "defender")
    assert [(f.cell, f.text) for f in fx.items] == [(d1.pos, "-4"), (d1.pos, "routed")]
    assert fx.items[1].age < 0  # the second text waits behind the first at the same cell


def test_fights_at_one_cell_in_quick_succession_add_up_to_one_figure(tiny) -> None:
    from game.core.engine import Engine

    eng = Engine(tiny, 1)
    fx = CombatFx()
    d2 = eng.state.units["d2"]

    def fire(n: int) -> E.ShotResolved:
        return E.ShotResolved(turn=0, text="shot", unit="a3", target="d2", casualties=n)

    fx.feed(eng, [fire(0)], None)
    assert [(f.cell, f.text) for f in fx.items] == [(d2.pos, "no loss")]
    fx.update(0.3)
    fx.feed(eng, [fire(3)], None)  # the return fire a moment later: one figure, not two overlapping
    fx.feed(eng, [fire(2)], None)
    assert [(f.cell, f.text) for f in fx.items] == [(d2.pos, "-5")]
    fx.update(2.0)
    fx.feed(eng, [fire(1)], None)  # a later fight gets its own figure
    assert [f.text for f in fx.items] == ["-5", "-1"]
