"""MapView: fog, overlays, zone outlines, labels, tiles and zoom levels, drawn for real (headless)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.core.setup import GameSetup  # noqa: E402
from game.scenario.load import load_scenario  # noqa: E402
from game.ui import palette  # noqa: E402
from game.ui.camera import ZOOM_LEVELS, Camera  # noqa: E402
from game.ui.labels import KINDS, LabelLayer, label_text  # noqa: E402
from game.ui.layers import zone_outline  # noqa: E402
from game.ui.mapview import MapView  # noqa: E402
from tests.conftest import TINY  # noqa: E402

SHUSHA = Path(__file__).resolve().parents[2] / "scenarios" / "shusha_2020_approach.yaml"
SIZE = (320, 240)


@pytest.fixture(scope="module")
def tiny() -> GameSetup:
    return load_scenario(TINY)


@pytest.fixture
def view(tiny: GameSetup) -> MapView:
    v = MapView(tiny.grid, base_px=8)
    v.tile_budget_ms = None  # every frame complete, so frames compare exactly
    return v


def frame(view: MapView, cam: Camera) -> np.ndarray:
    surf = pygame.Surface(SIZE)
    view.draw(surf, cam)
    return pygame.surfarray.array3d(surf).transpose(1, 0, 2).astype(int)


def at(img: np.ndarray, cam: Camera, r: int, c: int) -> np.ndarray:
    """Mean colour of cell (r, c) on screen."""
    rect = cam.screen_rect(r, c)
    return img[rect.top:rect.bottom, rect.left:rect.right].reshape(-1, 3).mean(axis=0)


def assert_fogged_outside(fogged: np.ndarray, clear: np.ndarray, cam: Camera, seen: np.ndarray, *,
                          greyer: bool = False) -> None:
    """Every cell on screen: as in ``clear`` where ``seen``, clearly darker (and greyer) elsewhere."""
    r0, c0, r1, c1 = cam.visible_cells()
    for r in range(r0, r1):
        for c in range(c0, c1):
            a, b = at(fogged, cam, r, c), at(clear, cam, r, c)
            if seen[r, c]:
                assert np.array_equal(a, b)
            else:
                assert a.sum() < b.sum() * 0.8
                assert not greyer or np.ptp(a) < np.ptp(b)


def test_fog_darkens_unseen_cells_only(tiny: GameSetup, view: MapView) -> None:
    cam = Camera(tiny.grid.shape, SIZE, zoom=ZOOM_LEVELS.index(16))
    view.show_labels = view.show_zones = False
    clear = frame(view, cam)
    seen = np.zeros(tiny.grid.shape, dtype=bool)
    seen[:, :8] = True
    assert view.set_fog(seen)
    assert not view.set_fog(seen.copy())  # same mask: nothing to rebuild
    assert_fogged_outside(frame(view, cam), clear, cam, seen, greyer=True)
    view.set_fog(None)
    assert np.array_equal(frame(view, cam), clear)


def test_a_changed_fog_shows_at_once_where_the_fogged_tiles_were_kept(tiny: GameSetup, view: MapView) -> None:
    """Map tiles with the fog multiplied in are kept while panning; a new fog mask must replace them."""
    cam = Camera(tiny.grid.shape, SIZE, zoom=ZOOM_LEVELS.index(16))
    view.show_labels = view.show_zones = False
    seen = np.zeros(tiny.grid.shape, dtype=bool)
    seen[:, :8] = True
    view.set_fog(seen)
    first = frame(view, cam)
    more = seen.copy()
    more[:, 8:12] = True
    assert view.set_fog(more)
    second = frame(view, cam)
    view.set_fog(None)
    clear = frame(view, cam)
    r0, c0, r1, c1 = cam.visible_cells()
    for r in range(r0, r1):
        for c in range(max(c0, 8), min(c1, 12)):
            assert np.array_equal(at(second, cam, r, c), at(clear, cam, r, c))  # newly seen: clear
            assert at(first, cam, r, c).sum() < at(clear, cam, r, c).sum() * 0.8  # was fogged


def test_quick_stand_in_tiles_are_fogged_like_the_real_ones(tiny: GameSetup) -> None:
    """Panning fast over new tiles shows quick stand-ins for a frame or two: with the fog in them too."""
    cam = Camera(tiny.grid.shape, SIZE, zoom=ZOOM_LEVELS.index(16))
    seen = np.zeros(tiny.grid.shape, dtype=bool)
    seen[:, :8] = True
    frames = []
    for fog in (None, seen):
        v = MapView(tiny.grid, base_px=8)
        v.tile_budget_ms = 0.0  # no time for real tiles: every tile is a stand-in
        v.show_labels = v.show_zones = v.prefetch = False
        v.set_fog(fog)
        frames.append(frame(v, cam))
        assert not v.levels.get(cam.px).tiles  # really the stand-ins
    clear, fogged = frames
    assert_fogged_outside(fogged, clear, cam, seen)


def test_overlay_tints_its_cells(tiny: GameSetup, view: MapView) -> None:
    cam = Camera(tiny.grid.shape, SIZE, zoom=ZOOM_LEVELS.index(16))
    view.show_labels = view.show_zones = False
    clear = frame(view, cam)
    mask = np.zeros(tiny.grid.shape, dtype=bool)
    mask[6, 2] = True
    view.set_overlay("reach", mask, "reach")
    tinted = frame(view, cam)
    assert not np.array_equal(at(tinted, cam, 6, 2), at(clear, cam, 6, 2))
    assert at(tinted, cam, 6, 2)[2] > at(clear, cam, 6, 2)[2]  # toward sky blue
    assert np.array_equal(at(tinted, cam, 6, 4), at(clear, cam, 6, 4))
    assert view.clear_overlay("reach") and not view.clear_overlay("reach")
    assert np.array_equal(frame(view, cam), clear)


def test_zone_outline_is_drawn(tiny: GameSetup, view: MapView) -> None:
    mask = tiny.grid.zones["town_zone"]
    runs = zone_outline(mask)
    assert runs and all(a[0] == b[0] or a[1] == b[1] for a, b in runs)
    cam = Camera(tiny.grid.shape, SIZE, zoom=ZOOM_LEVELS.index(16))
    view.show_labels = False
    img = frame(view, cam)
    (x0, y), (x1, _) = next(r for r in runs if r[0][1] == r[1][1])
    sx, sy = cam.screen_point(y, (x0 + x1) / 2)
    assert tuple(img[sy, sx]) == palette.ZONE_LINE


def test_every_zoom_level_draws_and_few_levels_are_cached(tiny: GameSetup, view: MapView) -> None:
    cam = Camera(tiny.grid.shape, (1280, 800), zoom=0)
    for z in range(len(ZOOM_LEVELS)):
        cam.zoom = z
        cam.clamp()
        surf = pygame.Surface((1280, 800))
        view.draw(surf, cam)
        centre = cam.screen_rect(6, 8).center
        assert surf.get_at(centre)[:3] != (0, 0, 0)
    assert len(view.levels.levels) <= 3


def test_tile_budget_shows_quick_tiles_then_the_real_ones(tiny: GameSetup, view: MapView) -> None:
    cam = Camera(tiny.grid.shape, SIZE, zoom=ZOOM_LEVELS.index(24))
    exact = frame(view, cam)
    hurried = MapView(tiny.grid, base=view.base, base_px=8)
    hurried.tile_budget_ms = 0.0
    first = frame(hurried, cam)
    assert first.shape == exact.shape
    hurried.tile_budget_ms = 50.0
    for _ in range(3):
        last = frame(hurried, cam)
    assert np.array_equal(last, exact)


def test_units_draw_as_stacks(tiny: GameSetup, view: MapView) -> None:
    cam = Camera(tiny.grid.shape, SIZE, zoom=ZOOM_LEVELS.index(16))
    surf = pygame.Surface(SIZE)
    drawn = view.draw_units(surf, cam, tiny.units, tiny.unit_types, tiny.sides)
    cells = {u.pos for u in tiny.units if u.strength > 0}
    on_screen = {c for c in cells if cam.viewport.colliderect(cam.unit_rect(*c))}
    assert len(drawn) == len(on_screen)
    assert sum(len(g) for _, g in drawn) == sum(1 for u in tiny.units if u.pos in on_screen)


@pytest.fixture(scope="module")
def shusha() -> GameSetup:
    return load_scenario(SHUSHA)


def test_labels_show_both_names_and_never_overlap(shusha: GameSetup) -> None:
    place = shusha.grid.place("shusha")
    assert label_text(place) == "Shusha / Shushi"
    layer = LabelLayer(shusha.grid.places, shusha.grid.shape)
    shown_before: set[str] = set()
    for px in ZOOM_LEVELS:
        labels = layer.layout(px)
        ids = {lab.place.id for lab in labels}
        assert "shusha" in ids and "stepanakert" in ids  # the towns at every zoom
        for i, a in enumerate(labels):
            assert a.rect.collidelist([b.rect.inflate(-2, -2) for b in labels[i + 1:]]) < 0
            assert pygame.Rect(0, 0, shusha.grid.shape[1] * px, shusha.grid.shape[0] * px).contains(a.rect)
        assert len(ids) >= len(shown_before) * 0.8  # zooming in never hides much
        shown_before = ids
    assert all(KINDS[p.kind][1] <= 8 for p in shusha.grid.places if p.kind in KINDS)
    assert len(layer.layout(2)) < len(layer.layout(24))
