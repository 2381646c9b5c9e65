"""The replay viewer's layout as a user sees it: no panel covers the map (captions, clock, events and legend sit
in a side column when the window is wide enough; a narrow one has a key strip under the map and its caption in
the corner away from the action), the town's name stays readable over its units, captions say their title
once and the view button fits its text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest

from game.core.setup import GameSetup
from game.history.timeline import HistoryTimeline
from game.ui.replay_layout import caption_corner, short_side, viewer_layout
from game.ui.replay_panels import RecordExtras
from game.ui.replay_record import open_checked, turn_events
from game.ui.replay_viewer import ReplayViewer, said_in
from tests.sim.test_timeline import recorded

OUT = Path(__file__).resolve().parent / "out"
SIZES = [(1280, 720), (960, 540), (800, 600)]


@pytest.fixture(scope="module")
def history(shusha: GameSetup) -> ReplayViewer:
    return ReplayViewer(HistoryTimeline(shusha), shusha.grid, shusha.unit_types, shusha.sides,
                        side_names=shusha.side_names, daylight=shusha.daylight)


def _draw(v: ReplayViewer, size: tuple[int, int], name: str) -> np.ndarray:
    v.view.tile_budget_ms = None
    surf = pygame.Surface(size)
    v.draw(surf)
    OUT.mkdir(exist_ok=True)
    pygame.image.save(surf, str(OUT / f"replay_layout_{name}.png"))
    return pygame.surfarray.array3d(surf).transpose(1, 0, 2)


def test_layouts_keep_the_panels_off_the_map() -> None:
    for size in [(1280, 720), (960, 540)]:
        lay = viewer_layout(size)
        assert lay.column is not None and not lay.map.colliderect(lay.column)
        assert lay.map.width >= 560 and lay.map.right == lay.column.x
    narrow = viewer_layout((800, 600))
    assert narrow.column is None and narrow.key is not None and not narrow.map.colliderect(narrow.key)
    assert viewer_layout((800, 600), show_key=False).map.height == narrow.map.height + narrow.key.height


@pytest.mark.parametrize("size", SIZES[:2])
def test_the_starting_units_and_places_are_not_under_a_panel(history: ReplayViewer, size: tuple[int, int]) -> None:
    """At the first step every unit, and the map's framed area, lies inside the map rectangle, which no panel
    covers: the map's pixels there are the map's own (a panel would be the dark panel colour)."""
    history._framed = None
    history.seek(0)
    img = _draw(history, size, f"start_{size[0]}")
    mrect = history.layout(size).map
    for u in history.scene().units:
        x, y = history.camera.screen_point(u.pos[0] + 0.5, u.pos[1] + 0.5)
        assert mrect.collidepoint(x, y), f"{u.id} drawn outside the map area at {size}"
    col = history.layout(size).column
    assert col is not None
    panel = img[col.y + 2:col.bottom - 2, col.x + 2:col.right - 2].reshape(-1, 3).astype(int)
    assert panel.max(axis=1).mean() < 120  # the column is the dark panel colour, not map


def test_narrow_caption_avoids_the_action() -> None:
    pts = [(50, 40), (60, 60)]
    assert caption_corner((800, 500), (300, 100), pts).y > 200
    assert caption_corner((800, 500), (300, 100), [(50, 450)]).y == 10


def test_the_town_label_is_drawn_over_its_units(shusha: GameSetup) -> None:
    v = ReplayViewer(HistoryTimeline(shusha), shusha.grid, shusha.unit_types, shusha.sides,
                     side_names=shusha.side_names, daylight=shusha.daylight)
    size = (1280, 720)
    v.follow = False
    town = next(p for p in shusha.grid.places if p.name.startswith("Shusha"))
    _draw(v, size, "town_frame")
    lab = next(la for la in v.view.labels.layout(v.camera.px) if la.place is town)
    ox, oy = v.camera.offset_px
    r = lab.rect.move(v.camera.origin[0] - ox, v.camera.origin[1] - oy)
    cell = v.camera.cell_at(r.center)
    assert cell is not None
    for u in v.scene().units[:3]:  # a stack standing right on the town's name
        u.row, u.col = cell
    with_units = _draw(v, size, "town")
    v.view.draw_units = lambda *a, **k: []  # the same frame without units
    without = _draw(v, size, "town_nounits")
    sprite = lab.sprite
    alpha = pygame.surfarray.array_alpha(sprite).T
    rgb = pygame.surfarray.array3d(sprite).transpose(1, 0, 2)
    letters = (alpha >= 250) & (rgb.astype(int).sum(axis=2) < 200)  # the name's dark letters
    assert letters.sum() > 20
    for img in (with_units, without):
        shown = img[r.top:r.top + sprite.get_height(), r.left:r.left + sprite.get_width()]
        same = np.abs(shown[letters].astype(int) - rgb[letters]).sum(axis=1) <= 12
        assert same.mean() > 0.98  # every letter drawn whole (blending may shift a shade), units or not


def test_captions_say_the_title_once() -> None:
    assert said_in("The Armenian outlet Hetq reported that…", "Historically - The Armenian outlet Hetq reported "
                   "that Azerbaijani troops had taken Avetaranots")
    assert not said_in("Special-forces group 1: Hadrut", "Hadrut. Azerbaijan announced its capture")


def test_record_captions_and_view_button(tiny: GameSetup, tmp_path: Path) -> None:
    rec = open_checked(recorded(tiny, tmp_path / "g.jsonl"))
    for m in rec.marks():
        assert not m.text or not said_in(m.title, m.text), m
    v = ReplayViewer(rec, rec.setup.grid, rec.setup.unit_types, rec.setup.sides, side_names=rec.setup.side_names,
                     fog_sides=True, extras=RecordExtras(events=turn_events(rec), routes=rec.documented_routes()))
    from game.ui import glyphs

    f = glyphs.font(13)
    for size in SIZES:
        lay = v.bar(size)
        button = lay.buttons["side"]
        for text in v.side_labels():
            assert f.size(text)[0] <= button.width - 8, (text, button)
        others = [r for n, r in lay.buttons.items() if n != "side"]
        assert button.collidelist(others) < 0
        assert lay.track.width >= 40 and lay.track.right <= size[0]
        _draw(v, size, f"record_{size[0]}")


def test_short_side_names() -> None:
    assert short_side("Armenian forces (Artsakh Defence Army and Armenian units)") == "Armenian"
    assert short_side("Azerbaijani forces") == "Azerbaijani"
    assert short_side("Blue") == "Blue"


def test_key_toggles_the_legend(history: ReplayViewer) -> None:
    size = (800, 600)
    history.show_key = True
    assert history.layout(size).key is not None
    history.button("key")
    assert history.layout(size).key is None and history.map_rect(size).height == 600 - 64
    history.button("key")
