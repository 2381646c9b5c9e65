"""Game screen polish: wrapped text bars, a font with Armenian letters, fresh tooltips, climb previews,
message windows closed with the screen, a help window without scrolling, Ctrl+click to stack.

Runs headless (SDL dummy drivers); the wrapped bars are kept as frames in tests/ui/artifacts/.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.core.engine import Result  # noqa: E402
from game.ui import app as app_module  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.hud import HELP  # noqa: E402
from game.ui.screens.play import BAR_LINES  # noqa: E402
from game.ui.screens.start import StartScreen  # noqa: E402
from game.ui.tooltip import fit_lines, wrap_text  # noqa: E402
from tests.fixtures import arrange
from tests.ui.test_play_screen import click, key, shot, start_game  # noqa: E402

LONG_REFUSAL = ("Group 2 cannot reach cell (2, 9) this turn: the climb up the Dashalti gorge to Shushi (Շուշի) "
                "takes 6.4 h and Group 2 has 1.5 h of movement left; the road through Bina (Binə) is held by "
                "the enemy and vehicles may only use roads on this ground.")
LONG_EVENT = ("8 Nov 2020, 10:00 - Azerbaijani special forces groups reach the southern edge of Shusha / Shushi "
              "(Şuşa / Շուշի) after climbing the cliffs from the Dashalti side; the defenders withdraw towards "
              "the northern road. (Attribution: President of Azerbaijan, address of 8 November 2020; "
              "disputed by the Armenian side, which reported fighting in the town until 9 November.)")


def hover(app: App, screen, cell: tuple[int, int]) -> None:
    """Move the mouse over ``cell`` (a real motion event)."""
    rect = screen.camera.screen_rect(*cell)
    m = screen._map_rect()
    pos = (rect.centerx + m.x, rect.centery + m.y)
    pygame.mouse.set_pos(pos)
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])


def words_of(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


# ---------------------------------------------------------------- 1. wrapping
def test_wrap_text_keeps_every_word_and_fits_the_width(app: App) -> None:
    font = app.ctx.font(16)
    lines = wrap_text(font, LONG_REFUSAL, 400)
    assert len(lines) > 2
    assert all(font.size(line)[0] <= 400 for line in lines)
    assert words_of(lines) == LONG_REFUSAL.split()  # nothing cut, no word broken
    huge = "x" * 300
    parts = wrap_text(font, f"a {huge} b", 200)
    assert parts[0] == "a" and "".join(parts[1:]) == huge + " b"  # only the too-long word is broken
    assert all(font.size(p)[0] <= 200 for p in parts)
    assert wrap_text(font, "one\n\ntwo", 500) == ["one", "", "two"]
    cut = fit_lines(font, LONG_EVENT * 3, 400, 4)
    assert len(cut) == 4 and cut[-1].endswith("…") and all(font.size(line)[0] <= 400 for line in cut)


def test_refusal_and_banner_wrap_inside_the_map(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    pygame.mouse.set_pos((5, 5))  # off the map: no tooltip over the bars
    screen._after(Result(False, LONG_REFUSAL))
    screen.banner = (LONG_EVENT, 6.0)
    app.step([])
    shot(app, "game_wrapped_bars.png")
    m = screen._map_rect()
    for rect, text, px in ((screen.alert_rect, LONG_REFUSAL, 16), (screen.banner_rect, LONG_EVENT, 17)):
        assert rect is not None and m.contains(rect), (rect, m)
        lines = wrap_text(app.ctx.font(px), text, m.width - 44)
        assert 1 < len(lines) <= BAR_LINES
        assert rect.height >= len(lines) * app.ctx.font(px).get_linesize()
    assert screen.message.startswith("Refused: Group 2")
    # the attribution at the end of the event is drawn: the banner's last text line has bright pixels
    surf = app.ctx.surface
    r = screen.banner_rect
    bottom_row = [surf.get_at((x, y))[:3] for x in range(r.left, r.right) for y in range(r.bottom - 18, r.bottom - 4)]
    assert any(c[0] > 200 and c[1] > 180 for c in bottom_row)


def test_tooltip_lines_wrap(app: App, tiny) -> None:
    from game.ui.tooltip import TOOLTIP_WIDTH, draw_tooltip

    font = app.ctx.font(14)
    surf = pygame.Surface((1000, 700))
    box = draw_tooltip(surf, font, ["short", LONG_EVENT], (10, 10), surf.get_rect())
    assert box.width <= TOOLTIP_WIDTH + 12
    assert box.height > 5 * font.get_linesize()  # the long line became several lines, not one cut at 120


# ---------------------------------------------------------------- 2. font
def test_context_font_has_armenian_and_azerbaijani_letters(app: App) -> None:
    font = app.ctx.font(14)
    assert all(font.metrics(ch)[0] is not None for ch in "ՇուշիəŞ")
    assert font.size("Շուշի")[0] > 0


def test_context_font_survives_pygame_quit(app: App) -> None:
    ctx = app.ctx
    before = ctx.font(15)
    pygame.quit()
    pygame.display.init()
    pygame.font.init()
    after = ctx.font(15)
    assert after is not before
    assert after.render("Շուշի", True, (255, 255, 255)).get_width() > 0
    pygame.font.quit()  # quit alone, not re-initialised: font() initialises it again
    assert ctx.font(15).size("Bina")[0] > 0


def test_context_font_falls_back_without_the_file(app: App, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(app_module, "UI_FONT", tmp_path / "missing.ttf")
    app.ctx.fonts.clear()
    assert app.ctx.font(14).size("Shusha")[0] > 0


# ---------------------------------------------------------------- 3. fresh tooltips
def test_tooltip_and_path_follow_the_state(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    eng = screen.eng
    click(app, screen, (11, 8))
    assert screen.selected == "a2"
    click(app, screen, (10, 11))  # the mouse stays on the target cell
    a2 = eng.state.units["a2"]
    assert a2.pos != (11, 8), screen.message
    assert screen.hover == (10, 11)
    assert not screen.path or screen.path[0] == a2.pos  # no stale path from the old position
    if a2.pos == (10, 11):
        assert not any(line.startswith("Move:") for line in screen.hover_text)
    assert screen.session.can_undo
    key(app, pygame.K_u)
    a2 = eng.state.units["a2"]  # undo restores an earlier state
    assert a2.pos == (11, 8)
    assert screen.path and screen.path[0] == (11, 8)
    assert screen.hover_text[0].startswith("Move:")
    key(app, pygame.K_e)  # the first E warns of units without orders (once per turn)
    assert "without orders" in screen.message
    key(app, pygame.K_e)  # end turn: nothing selected, not our turn - no order preview
    assert not screen.path
    assert not any(line.startswith(("Move:", "Ctrl+click")) for line in screen.hover_text)
    assert screen.hover_text  # still the cell's description


# ---------------------------------------------------------------- 4. climb preview
def test_hovering_across_a_cliff_previews_the_climb(app: App, tiny) -> None:
    screen = start_game(app, arrange(tiny, a1=(4, 3), a2=(4, 6)))  # in the gorge below the plateau's cliff
    eng = screen.eng
    assert eng.setup.grid.is_cliff_between((4, 3), (3, 3))
    screen._refresh()
    click(app, screen, (4, 6))
    click(app, screen, (4, 3))
    assert screen.selected == "a1"
    hover(app, screen, (3, 3))
    assert screen.hover_text[0].startswith("Climb the cliff:"), screen.hover_text
    assert "exposed on the face" in screen.hover_text[0]
    assert screen.path == []
    app.step([])
    shot(app, "game_climb_tooltip.png")
    click(app, screen, (4, 6))
    assert screen.selected == "a2"
    hover(app, screen, (3, 6))
    assert screen.hover_text[0].startswith("Cannot climb:") and "climbing capability" in screen.hover_text[0]
    assert screen.path == []
    click(app, screen, (4, 3))
    assert screen.selected == "a1"
    click(app, screen, (3, 3))  # the click does what the tooltip said
    a1 = eng.state.units["a1"]
    assert a1.climbing and (a1.pos == (3, 3) or a1.climb_to == (3, 3)), screen.message  # a long climb goes on


# ---------------------------------------------------------------- 5. message windows
def test_message_windows_close_with_the_screen(app: App, tiny, monkeypatch) -> None:
    screen = start_game(app, tiny)

    def fail(path):
        raise OSError("disk full")

    monkeypatch.setattr(screen.session, "save", fail)
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    assert len(screen.windows) == 1 and screen.windows[0].alive()
    win = screen.windows[0]
    app.switch(StartScreen(app.ctx))
    app.step([])
    assert not win.alive()


# ---------------------------------------------------------------- 6. help
def test_help_window_shows_every_line_without_scrolling(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    assert "<br>\n" not in HELP and "\n" not in HELP
    key(app, pygame.K_F1)
    hud = screen.hud
    assert hud.help is not None and hud.help.alive()
    app.step([])
    shot(app, "game_help.png")
    assert pygame.Rect((0, 0), app.ctx.size).contains(hud.help.get_abs_rect())
    assert hud.help_box is not None and hud.help_box.scroll_bar is None
    assert "Ctrl + left click" in HELP


# ---------------------------------------------------------------- 7. stacking
def test_ctrl_click_moves_onto_a_friendly_cell(app: App, tiny) -> None:
    screen = start_game(app, arrange(tiny, a3=(11, 9)))
    eng = screen.eng
    click(app, screen, (11, 8))
    assert screen.selected == "a2"
    hover(app, screen, (11, 9))
    assert screen.hover_text[0].startswith("Ctrl+click: Move:")
    assert screen.path and screen.path[-1] == (11, 9)
    click(app, screen, (11, 9))  # a plain click selects the unit there
    assert screen.selected == "a3" and eng.state.units["a2"].pos == (11, 8)
    click(app, screen, (11, 8))
    assert screen.selected == "a2"
    pygame.key.set_mods(pygame.KMOD_LCTRL)
    try:
        click(app, screen, (11, 9))
    finally:
        pygame.key.set_mods(pygame.KMOD_NONE)
    assert eng.state.units["a2"].pos == (11, 9), screen.message
    assert screen.selected == "a2"

