"""Play-screen overlays a new user tripped over: panels that covered each other, a cut legend, Esc that
deselected instead of closing a panel, a tooltip under the panels or over the planned move, documented
labels printed on top of each other, and a README key list that drifted from the help.

Driven like a player (posted keys, mouse moves, real frames); PNGs go to tests/ui/artifacts/.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import re  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.core.engine import Engine  # noqa: E402
from game.ui import ghost_overlay as ghost_mod  # noqa: E402
from game.ui import legend as legend_mod  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.camera import Camera  # noqa: E402
from game.ui.ghost_overlay import GhostOverlay, place_labels  # noqa: E402
from game.ui.hud import HELP  # noqa: E402
from game.ui.play_keys import PLAY_KEYS, markdown_table  # noqa: E402
from game.ui.screens import play as play_mod  # noqa: E402
from game.ui.text_panel import bold_font  # noqa: E402
from game.ui.tooltip import BORDER, place_box  # noqa: E402
from tests.ui.test_picture_turn import play_enemy_turn  # noqa: E402
from tests.ui.test_rough_edges import cell_pos, click_at, key, move_mouse, shot, start  # noqa: E402

README = Path(__file__).resolve().parents[2] / "README.md"


def big_app(tmp_path: Path) -> App:
    return App(size=(1600, 1000), saves=tmp_path)


def shown_rects(screen) -> list[pygame.Rect]:
    pic = screen.picture
    rects = [pic.objectives.rect, pic.legend.rect, pic.summary.rect if pic.summary else None]
    return [r for r in rects if r is not None]


def assert_apart(rects: list[pygame.Rect], area: pygame.Rect) -> None:
    for i, a in enumerate(rects):
        assert area.contains(a)
        for b in rects[i + 1:]:
            assert not a.colliderect(b), (a, b)


# ---------------------------------------------------------------- 1. panels share the map
def test_objectives_and_legend_side_by_side_on_a_large_window(tmp_path, shusha) -> None:
    app = big_app(tmp_path)
    try:
        screen = start(app, shusha)
        key(app, pygame.K_o)
        key(app, pygame.K_k)
        app.step([])
        shot(app, "overlays_objectives_legend.png")
        pic = screen.picture
        assert pic.objectives.rect is not None and pic.legend.rect is not None  # both shown, neither covered
        assert_apart(shown_rects(screen), screen._map_rect())
        # the objectives show whole: their last line (the grades) is inside the panel drawn
        full = pic.objectives.image(screen.eng, "attacker", app.ctx.font(14), bold_font(14), 10_000)
        assert pic.objectives.rect.size == full.get_size()
    finally:
        pygame.quit()


def test_a_small_window_shows_the_newest_panel_and_the_older_waits(app: App, shusha) -> None:
    screen = start(app, shusha)
    pic = screen.picture
    key(app, pygame.K_o)
    key(app, pygame.K_k)
    app.step([])
    shot(app, "overlays_small_window.png")
    assert pic.legend.rect is not None and pic.objectives.visible
    assert_apart(shown_rects(screen), screen._map_rect())
    key(app, pygame.K_k)  # the legend closes: the objectives are back in their place
    app.step([])
    assert pic.legend.rect is None and pic.objectives.rect is not None


def test_the_summary_never_covers_an_open_panel(app: App, tiny) -> None:
    screen = start(app, tiny)
    key(app, pygame.K_o)
    play_enemy_turn(app, screen)
    assert screen.picture.summary is not None and screen.picture.summary.rect is not None
    shot(app, "overlays_summary_and_objectives.png")
    assert_apart(shown_rects(screen), screen._map_rect())


class _Recorder:
    """A font that remembers what it rendered."""

    def __init__(self, font: pygame.font.Font) -> None:
        self.font, self.texts = font, []

    def __getattr__(self, name: str):
        return getattr(self.font, name)

    def render(self, text: str, *args):
        self.texts.append(text)
        return self.font.render(text, *args)


def test_legend_texts_are_whole(app: App, shusha) -> None:
    font = _Recorder(app.ctx.font(14))
    img = legend_mod.render_legend(shusha, font, bold_font(14))
    text = " ".join(font.texts)
    assert "…" not in text
    names = " and ".join(shusha.side_names[s] for s in shusha.sides[:2])
    assert f"{names}: the second side's frame is dashed" in text  # the long first line, every word
    assert "R: routed (will not fight; rally it with R)" in text
    assert img.get_height() <= screen_height_for(app) - 16


def screen_height_for(app: App) -> int:
    return app.ctx.size[1] - 44


# ---------------------------------------------------------------- 2. Esc closes the newest panel first
def test_esc_closes_panels_newest_first_then_deselects(app: App, tiny) -> None:
    screen = start(app, tiny)
    click_at(app, cell_pos(screen, (11, 8)))
    assert screen.selected == "a2"
    key(app, pygame.K_o)
    key(app, pygame.K_k)
    key(app, pygame.K_F1)
    pic = screen.picture
    key(app, pygame.K_ESCAPE)
    assert not screen.hud.help_open() and pic.legend.visible and pic.objectives.visible
    key(app, pygame.K_ESCAPE)
    assert not pic.legend.visible and pic.objectives.visible and screen.selected == "a2"
    key(app, pygame.K_ESCAPE)
    assert not pic.objectives.visible and screen.selected == "a2"
    key(app, pygame.K_ESCAPE)
    assert screen.selected is None


def test_esc_closes_the_summary_before_a_panel_opened_earlier(app: App, tiny) -> None:
    screen = start(app, tiny)
    key(app, pygame.K_k)
    play_enemy_turn(app, screen)
    assert screen.picture.summary is not None
    key(app, pygame.K_ESCAPE)
    assert screen.picture.summary is None and screen.picture.legend.visible


# ---------------------------------------------------------------- 3. the tooltip: on top, clear of the move
def _tooltip_boxes(monkeypatch: pytest.MonkeyPatch) -> list[pygame.Rect]:
    boxes: list[pygame.Rect] = []
    real = play_mod.draw_tooltip

    def spy(*args, **kw):
        boxes.append(real(*args, **kw))
        return boxes[-1]

    monkeypatch.setattr(play_mod, "draw_tooltip", spy)
    return boxes


def test_tooltip_is_drawn_over_the_panels(app: App, shusha, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = start(app, shusha)
    key(app, pygame.K_o)
    app.step([])
    panel = screen.picture.objectives.rect
    boxes = _tooltip_boxes(monkeypatch)
    move_mouse(app, (panel.centerx, panel.centery))  # a map cell under the panel
    app.step([])
    assert boxes and boxes[-1].colliderect(panel)
    box = boxes[-1]
    surf = app.ctx.surface
    assert tuple(surf.get_at(box.topleft))[:3] == BORDER  # its frame is not under the panel
    assert tuple(surf.get_at((box.right - 1, box.centery)))[:3] == BORDER


def test_move_tooltip_leaves_the_path_and_the_unit_in_sight(app: App, shusha,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    screen = start(app, shusha)
    eng = screen.eng
    u = next(x for x in eng.state.units_of("attacker") if x.name == "Special-forces group 1")
    click_at(app, cell_pos(screen, u.pos))
    assert screen.selected == u.id
    boxes = _tooltip_boxes(monkeypatch)
    m = screen._map_rect()
    for cell in ((u.row - 5, u.col - 5), (u.row - 4, u.col + 6), (u.row + 3, u.col - 6)):
        move_mouse(app, cell_pos(screen, cell))
        assert screen.path and screen.path[-1] == cell, cell
        box = boxes[-1]
        assert not box.colliderect(screen.camera.screen_rect(*cell).move(m.topleft))  # the end cell
        assert not box.colliderect(screen.camera.unit_rect(*u.pos).move(m.topleft))  # the unit
        covered = [c for c in screen.path if box.colliderect(screen.camera.screen_rect(*c).move(m.topleft))]
        assert not covered, (cell, covered)
    shot(app, "overlays_move_tooltip.png")


def test_place_box_prefers_below_right_and_moves_off_a_path() -> None:
    area = pygame.Rect(0, 0, 1000, 800)
    assert place_box((300, 60), (400, 400), area).topleft == (416, 416)
    # a path running down-right from the cursor to the unit: the box goes elsewhere, never on the path
    path = [pygame.Rect(400 + 10 * i, 400 + 10 * i, 10, 10) for i in range(20)]
    box = place_box((300, 60), (405, 405), area, keep_clear=[path[0], path[-1]], avoid=path)
    assert box.collidelist(path) < 0 and not box.collidepoint((405, 405))


# ---------------------------------------------------------------- 4. documented labels do not overlap
def test_documented_labels_never_overlap(shusha, monkeypatch: pytest.MonkeyPatch) -> None:
    rects = place_labels([((200, 14), (100, 50)), ((200, 14), (110, 54)), ((200, 14), (105, 52))])
    assert all(not a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    pygame.init()
    try:
        overlay = GhostOverlay(shusha)
        overlay.toggle()
        blits: list[pygame.Rect] = []
        labels: list[pygame.Surface] = []
        real = ghost_mod.text_sprite

        def sprite(text: str, *args):
            labels.append(real(text, *args))
            return labels[-1]

        monkeypatch.setattr(ghost_mod, "text_sprite", sprite)

        class Target(pygame.Surface):
            def blit(self, source, dest, *args, **kw):  # type: ignore[override]
                if any(source is s for s in labels):  # the "documented: ..." labels
                    blits.append(pygame.Rect(dest))
                return super().blit(source, dest, *args, **kw)

        target = Target((1260, 956))
        camera = Camera(shusha.grid.shape, target.get_size())
        eng = Engine(shusha, 1)
        now = eng.clock.start(1)  # 25 Oct 06:00: two documented groups stand close together
        overlay.draw(target, camera, now)  # builds the timeline
        first = next(iter(overlay._timeline.scene(overlay._timeline.step_of(now)).units))
        camera.centre_on((first.row, first.col))
        blits.clear()
        overlay.draw(target, camera, now)
        assert len(blits) >= 2
        assert all(not a.colliderect(b) for i, a in enumerate(blits) for b in blits[i + 1:]), blits
    finally:
        pygame.quit()


# ---------------------------------------------------------------- 5. one list of keys
def test_readme_key_table_is_the_help_list() -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- play-keys[^>]*-->\n(.*?)\n<!-- /play-keys -->", text, re.S)
    assert found, "README lost its play-keys table"
    assert found.group(1) == markdown_table(), "README's keys differ: paste `python -m game.ui.play_keys`"
    for _, keys, what in PLAY_KEYS:
        assert keys.replace("&", "&amp;") in HELP and what.replace("'", "&#x27;") in HELP
    listed = " ".join(k for _, k, _ in PLAY_KEYS)
    for k in ("E or Enter", "F10", "M", "T", "O", "L", "K", "G", "Tab or N", "B", "H", "C or Delete", "W",
              "Shift + click", "Shift + drag", "Alt + click", "Esc", "Ctrl+S", "Ctrl+L", "F1"):
        assert k in listed, k
    assert "E again ends the turn" in markdown_table()
