"""The client's rough edges (issue 10), played as a user would: notices, Help, autosaves, the top bar,
hot-seat cameras, the tooltip, panning, the minimap, picking at low zoom, the briefing, the enemy's turn.

Runs headless (SDL dummy drivers) and renders real frames; some are kept in tests/ui/artifacts/.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.play.saves import read_save  # noqa: E402
from game.play.session import Session  # noqa: E402
from game.sim.record import read_record  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.banner import NOTICE_BG, TURN_BG, elide_path  # noqa: E402
from game.ui.briefing import briefing_html, mode_note_html  # noqa: E402
from game.ui.camera import EDGE_REST_S, Camera  # noqa: E402
from game.ui.screens.play import GameScreen  # noqa: E402
from game.ui.tooltip import BORDER, DETAIL_REST_S  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def start(app: App, setup, humans=("attacker",), seed: int = 3) -> GameScreen:
    screen = GameScreen(app.ctx, Session.new(setup, seed, list(humans), saves=app.ctx.saves))
    app.switch(screen)
    app.step([])
    return screen


def key(app: App, k: int, mod: int = 0, dt: float = 1 / 60) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)], dt)


def end_turn(app: App, screen: GameScreen) -> None:
    """Press E until the side on turn changes (the first press may only warn of units without orders)."""
    side = screen.eng.state.side
    for _ in range(3):
        key(app, pygame.K_e)
        if screen.eng.state.side != side or screen.ai_run is not None:
            return


def move_mouse(app: App, pos: tuple[int, int], dt: float = 1 / 60) -> None:
    pygame.mouse.set_pos(pos)
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))], dt)


def click_at(app: App, pos: tuple[int, int], button: int = 1) -> None:
    pygame.mouse.set_pos(pos)
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
              pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
              pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)])


def cell_pos(screen: GameScreen, cell: tuple[int, int]) -> tuple[int, int]:
    m = screen._map_rect()
    c = screen.camera.screen_rect(*cell).center
    return c[0] + m.x, c[1] + m.y


def shot(app: App, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pygame.image.save(app.ctx.surface, str(ARTIFACTS / name))


def share_of(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int]) -> float:
    """The share of pixels in ``rect`` that have ``colour``."""
    pts = [(x, y) for x in range(rect.left, rect.right, 2) for y in range(rect.top, rect.bottom, 2)]
    return sum(surface.get_at(p)[:3] == colour for p in pts) / max(1, len(pts))


# ---------------------------------------------------------------- 1. save and undo say so at once
def test_ctrl_s_shows_a_banner_in_the_same_frame(app: App, tiny) -> None:
    screen = start(app, tiny)
    pygame.mouse.set_pos((5, 5))
    key(app, pygame.K_s, pygame.KMOD_CTRL)  # no click after it
    saved = sorted(app.ctx.saves.glob(f"{tiny.scenario_id}-turn1-*.jsonl"))
    assert len(saved) == 1
    rect = screen.notices.rect
    assert rect is not None and screen._map_rect().contains(rect)
    assert share_of(app.ctx.surface, rect, NOTICE_BG) > 0.4  # drawn on the screen, not just remembered
    assert saved[0].name in screen.notices.text
    shot(app, "rough_saved_banner.png")
    for _ in range(300):  # it goes away by itself
        app.step([], 0.05)
    assert screen.notices.rect is None


def test_nothing_to_undo_is_said_on_the_map(app: App, tiny) -> None:
    screen = start(app, tiny)
    key(app, pygame.K_u)
    assert screen.notices.text.startswith("Nothing to undo")
    assert screen.notices.rect is not None and share_of(app.ctx.surface, screen.notices.rect, NOTICE_BG) > 0.4


def test_a_long_save_folder_is_cut_by_whole_folder_names(app: App) -> None:
    font = app.ctx.font(17)
    path = Path("/home/player/.local/share/shusha-wargame/saves/some-very-long-folder-name/game.jsonl")
    short = elide_path(font, path, 420)
    assert font.size(short)[0] <= 420
    assert short.endswith("/some-very-long-folder-name/game.jsonl") and short.startswith("…/")
    kept = short.split("/")[1:]
    assert kept == list(path.parts[-len(kept):])  # never a name cut mid-word


# ---------------------------------------------------------------- 2. Help: Esc closes it; the wheel does not zoom
def test_esc_closes_help_and_keeps_the_selection(app: App, tiny) -> None:
    screen = start(app, tiny)
    click_at(app, cell_pos(screen, (11, 8)))
    assert screen.selected == "a2"
    key(app, pygame.K_F1)
    assert screen.hud.help_open()
    key(app, pygame.K_ESCAPE)
    assert not screen.hud.help_open()
    assert screen.selected == "a2"  # the first Esc closed the help, not the selection
    key(app, pygame.K_ESCAPE)
    assert screen.selected is None


def test_wheel_and_clicks_over_help_do_not_reach_the_map(app: App, shusha) -> None:
    screen = start(app, shusha)
    key(app, pygame.K_F1)
    centre = screen.hud.help.rect.center
    assert screen._map_rect().collidepoint(centre)  # the help window lies over the map
    move_mouse(app, centre)
    zoom = screen.camera.zoom
    app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0)])
    assert screen.camera.zoom == zoom
    shot(app, "rough_help_open.png")
    pygame.mouse.set_pos((100, 400))  # off the help, on the map: the wheel zooms again
    app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0)])
    assert screen.camera.zoom == zoom + 1


# ---------------------------------------------------------------- 3. one autosave per game
def test_watching_never_overwrites_a_games_autosave(app: App, tiny, tmp_path) -> None:
    saves = tmp_path / "own"
    played = Session.new(tiny, 7, ["attacker"], saves=saves)
    assert played.end_turn().ok
    list(played.ai_steps())
    watched = Session.new(tiny, 7, [], saves=saves)
    for _ in range(2):
        list(watched.ai_steps())
    files = sorted(p.name for p in saves.glob("autosave-*.jsonl"))
    assert len(files) == 2, files
    assert played.autosave_path.name.startswith(f"autosave-{tiny.scenario_id}-attacker-seed7-")
    assert watched.autosave_path.name.startswith(f"autosave-{tiny.scenario_id}-watch-seed7-")
    _, humans, _ = read_save(played.autosave_path)
    assert humans == ["attacker"]  # the played game's autosave is still the played game
    resumed = Session.load(played.autosave_path, saves=saves)
    assert resumed.autosave_path == played.autosave_path  # a resumed game goes on in its own file
    assert read_record(played.autosave_path).header["save"]["turn"] == 1


# ---------------------------------------------------------------- 4. the top bar and the unit panel
@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_top_bar_text_is_never_cut(tmp_path, shusha, size) -> None:
    app = App(size=size, saves=tmp_path)
    try:
        screen = start(app, shusha, humans=("defender",))  # the computer's side (long name) is to move
        for _ in range(3):
            label = screen.hud.clock
            text = label.text
            assert label.font.size(text)[0] <= label.rect.width, (text, label.rect.width)
            assert f"{screen.eng.state.turn + 1}" in text and ("Azerbaijani" in text or "Armenian" in text)
            screen._skip_ai()
            screen.session.end_turn()
            screen._refresh()
        app.step([])
        shot(app, f"rough_top_bar_{size[0]}x{size[1]}.png")
    finally:
        pygame.quit()


def test_unit_panel_says_dug_in_once(app: App, shusha) -> None:
    screen = start(app, shusha, humans=("defender",))
    screen._skip_ai()
    dug = next(u for u in screen.eng.state.units_of("defender") if u.posture == "dug_in")
    screen._select(dug.id)
    assert screen.hud._unit_html.count("dug in") == 1


# ---------------------------------------------------------------- 5. hot-seat: each side keeps its camera
def test_each_hot_seat_side_keeps_its_own_camera(app: App, shusha) -> None:
    screen = start(app, shusha, humans=("attacker", "defender"))
    key(app, pygame.K_PLUS)
    key(app, pygame.K_PLUS)
    screen.camera.centre_on((40, 150))
    attacker_view = (screen.camera.zoom, screen.camera.x, screen.camera.y)
    end_turn(app, screen)
    assert screen.session.viewer == "defender"
    rows = [u.row for u in screen.eng.state.units_of("defender")]
    cols = [u.col for u in screen.eng.state.units_of("defender")]
    r, c = screen.camera.centre_cell()
    assert abs(r - sum(rows) / len(rows)) < 25 and abs(c - sum(cols) / len(cols)) < 25  # its own units
    screen.curtain.active = False
    screen.camera.centre_on((120, 60))
    defender_view = (screen.camera.zoom, screen.camera.x, screen.camera.y)
    end_turn(app, screen)
    assert screen.session.viewer == "attacker"
    assert (screen.camera.zoom, screen.camera.x, screen.camera.y) == attacker_view
    screen.curtain.active = False
    end_turn(app, screen)
    assert (screen.camera.zoom, screen.camera.x, screen.camera.y) == defender_view


# ---------------------------------------------------------------- 6. a compact tooltip, details on Alt or a pause, T
def tooltip_border(app: App, pos: tuple[int, int]) -> pygame.Rect | None:
    """The tooltip's box on the map found by its border colour (bounding box of those pixels), or None."""
    m = app.screen._map_rect()
    arr = pygame.surfarray.array3d(app.ctx.surface.subsurface(m))
    ys, xs = (arr == BORDER).all(axis=2).T.nonzero()
    if len(xs) < 40:
        return None
    return pygame.Rect(m.x + xs.min(), m.y + ys.min(), xs.max() - xs.min() + 1, ys.max() - ys.min() + 1)


def test_tooltip_is_compact_then_detailed_and_can_be_switched_off(app: App, tiny) -> None:
    screen = start(app, tiny)
    click_at(app, cell_pos(screen, (11, 8)))
    pos = cell_pos(screen, (11, 11))
    move_mouse(app, pos)
    full = len(screen.hover_text)
    compact = tooltip_border(app, pos)
    assert compact is not None and full > 4
    shot(app, "rough_tooltip_compact.png")
    font_h = app.ctx.font(14).get_linesize()
    assert compact.height < font_h * 5  # two or three lines, not the whole cell report
    for _ in range(int(DETAIL_REST_S / 0.1) + 2):  # the mouse rests: the details come
        app.step([], 0.1)
    detailed = tooltip_border(app, pos)
    assert detailed is not None and detailed.height > compact.height + 2 * font_h
    shot(app, "rough_tooltip_detailed.png")
    key(app, pygame.K_t)
    move_mouse(app, cell_pos(screen, (11, 12)))
    assert tooltip_border(app, cell_pos(screen, (11, 12))) is None  # off
    assert "Tooltip off" in screen.notices.text


# ---------------------------------------------------------------- 7. panning and the minimap
def zoomed_in(app: App, shusha) -> GameScreen:
    screen = start(app, shusha)
    for _ in range(3):
        key(app, pygame.K_PLUS)
    screen.camera.centre_on((100, 100))
    return screen


def test_edge_pan_waits_for_the_cursor_to_rest_and_not_after_a_click(app: App, shusha) -> None:
    screen = zoomed_in(app, shusha)
    m = screen._map_rect()
    edge = (m.right - 4, m.centery)
    x0 = screen.camera.x
    move_mouse(app, edge, dt=EDGE_REST_S / 3)
    app.step([], EDGE_REST_S / 3)
    assert screen.camera.x == x0  # passing by or just arriving at the edge does not pan
    for _ in range(4):
        app.step([], EDGE_REST_S / 3)
    assert screen.camera.x > x0  # resting there does
    x1 = screen.camera.x
    click_at(app, edge)
    for _ in range(3):
        app.step([], EDGE_REST_S / 3)
    assert screen.camera.x == x1  # a click near the edge holds the map still


def test_an_arrow_key_tap_pans_at_least_a_cell(app: App, shusha) -> None:
    screen = zoomed_in(app, shusha)
    pygame.mouse.set_pos((5, 5))
    for zoom in (screen.camera.zoom, len(screen.camera.levels) - 1):
        screen.camera.zoom = zoom
        screen.camera.centre_on((100, 100))
        x0 = screen.camera.x
        key(app, pygame.K_RIGHT)
        assert screen.camera.x - x0 >= 1.0


def test_minimap_starts_clear_of_your_units_and_moves_or_hides(app: App, shusha) -> None:
    screen = start(app, shusha)
    m = screen._map_rect()
    mm = screen._minimap_rect()
    own = [screen.camera.screen_rect(*u.pos).move(m.topleft).center for u in screen.eng.state.units_of("attacker")]
    assert not any(mm.collidepoint(p) for p in own)
    seen = {mm.topleft}
    for _ in range(3):
        key(app, pygame.K_m)
        seen.add(screen._minimap_rect().topleft)
        assert "Minimap" in screen.notices.text
    assert len(seen) == 4  # four corners
    key(app, pygame.K_m)
    assert screen._minimap_rect() is None
    shot(app, "rough_minimap_hidden.png")
    key(app, pygame.K_m)
    assert screen._minimap_rect() is not None


# ---------------------------------------------------------------- 8. picking a unit by its icon at low zoom
def test_clicking_an_icon_at_low_zoom_picks_its_unit(app: App, shusha) -> None:
    screen = start(app, shusha)
    screen.camera.zoom = 0  # 2 px per cell, icons 18 px wide
    u = next(x for x in screen.eng.state.units_of("attacker") if x.alive)
    screen.camera.centre_on((u.row, u.col))
    app.step([])
    icon = screen.camera.unit_rect(*u.pos).move(screen._map_rect().topleft)
    pos = (icon.right - 3, icon.centery)  # on the icon, several cells east of the unit's own cell
    m = screen._map_rect()
    assert screen.camera.cell_at((pos[0] - m.x, pos[1] - m.y)) != u.pos
    click_at(app, pos)
    assert screen.selected is not None and screen.eng.state.units[screen.selected].pos == u.pos


def test_camera_follow_centres_a_far_cell_only() -> None:
    cam = Camera((200, 200), (400, 400), zoom=4)
    cam.centre_on((100, 100))
    assert not cam.follow((100, 102))
    assert cam.follow((50, 60))
    r, c = cam.centre_cell()
    assert abs(r - 50.5) < 1 and abs(c - 60.5) < 1


# ---------------------------------------------------------------- 10. the briefing
def test_briefing_states_altitude_constraints_once_and_grades(shusha) -> None:
    text = briefing_html(shusha)
    assert "above sea level" in text and "1,300-1,800 m above the" not in text
    assert "200-250 m" in text  # the gorge: the cliffs' height above the river (HISTORY.md s.2)
    assert text.count("Constraints enforced by the game") == 1
    assert text.count("heavy armour") == 1
    g = shusha.grading
    for share in (g.decisive, g.marginal, g.draw):
        assert f"{share:.0%}" in text
    assert "decisive victory" in text and "defeat" in text


def test_how_you_play_names_your_objective_and_nothing_of_the_enemys(shusha) -> None:
    defender = mode_note_html(shusha, "side1")
    assert "Your objectives" in defender and "Hold Shusha / Shushi" in defender
    attacker = mode_note_html(shusha, "side0")
    assert "Your objectives" in attacker and "Cut the Shusha-Lachin road" in attacker
    assert "your reinforcements" not in attacker.lower() and "Hold Shusha" not in attacker


# ---------------------------------------------------------------- the enemy's turn under fog
def test_enemy_turn_is_announced_and_hidden_moves_do_not_freeze_the_screen(app: App, shusha) -> None:
    screen = start(app, shusha)
    rebuilds = []
    real = screen.hud.log_box.set_text
    screen.hud.log_box.set_text = lambda html: (rebuilds.append(1), real(html))[1]
    pygame.mouse.set_pos((5, 5))
    end_turn(app, screen)
    actions = len(screen.eng.record.actions)
    assert screen.ai_run is not None or not screen.session.human_turn
    rect = screen.notices.turn_rect
    assert rect is not None and share_of(app.ctx.surface, rect, TURN_BG) > 0.3
    shot(app, "rough_enemy_turn.png")
    frames = 0
    while not screen.session.human_turn and frames < 600:
        app.step([], 1 / 60)
        frames += 1
    hidden = len(screen.eng.record.actions) - actions
    assert screen.session.human_turn and hidden > 10
    assert len(rebuilds) <= 3  # the log was rebuilt per action: ~90 ms each on this map
    assert screen.notices.turn_rect is None  # back to the player: the strip is gone
