"""The historical replay's polish: the follow camera keeps the moving groups in view while playing (a pan turns
it off, F back on), night is banded on the scrubber, and a cut road is tinted only near the cut."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.core.setup import GameSetup
from game.history.timeline import HistoryTimeline
from game.ui.app import App
from game.ui.history_layers import CUT_KM
from game.ui.screens.replay_view import ReplayScreen
from game.ui.timeline_bar import NIGHT_BAND


@pytest.fixture
def screen(app: App, shusha: GameSetup) -> ReplayScreen:
    scr = ReplayScreen(app.ctx, HistoryTimeline(shusha), shusha)
    scr.viewer.view.tile_budget_ms = None
    app.switch(scr)
    return scr


def _key(app: App, key: int) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)])


def _in_view(screen: ReplayScreen, cell: tuple[int, int]) -> bool:
    x, y = screen.viewer.camera.screen_point(cell[0] + 0.5, cell[1] + 0.5)
    return screen.viewer.map_rect(screen.ctx.size).collidepoint(x, y)


def test_follow_keeps_the_moving_groups_in_view_while_playing(app: App, screen: ReplayScreen) -> None:
    v = screen.viewer
    v.seek(v.timeline.step_of(v.timeline.time_at(0)) + 300)
    app.step([])
    framed = v.camera.px
    _key(app, pygame.K_SPACE)
    followed = 0
    for _ in range(12):  # 12 frames of 0.25 s at 8 steps per second: 24 steps played
        app.step([], dt=0.25)
        moving = v.follower.moving(v.scene(), v.step)
        assert all(_in_view(screen, c) for c in moving)
        followed += bool(moving)
    assert followed >= 6, "groups move on the approach"
    assert v.camera.px > framed  # closer than the whole-route framing
    _key(app, pygame.K_SPACE)
    centre = (640, 300)
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=centre)])
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=(840, 300), rel=(200, 0), buttons=(1, 0, 0))])
    app.step([pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=(840, 300))])
    assert not v.follow  # a pan turns it off: the camera stays where the user put it
    where = (v.camera.x, v.camera.y, v.camera.zoom)
    for _ in range(5):
        _key(app, pygame.K_RIGHT)
    assert (v.camera.x, v.camera.y, v.camera.zoom) == where
    _key(app, pygame.K_f)
    assert v.follow
    _key(app, pygame.K_RIGHT)
    assert all(_in_view(screen, c) for c in v.follower.moving(v.scene(), v.step))


def test_night_is_banded_on_the_scrubber(app: App, screen: ReplayScreen) -> None:
    v, tl = screen.viewer, screen.viewer.timeline
    bands = v.night_bands()
    dark = np.zeros(tl.steps, dtype=bool)
    for a, b in bands:
        dark[a:b] = True
    assert 20 <= len(bands) <= 30  # one night per day of the approach
    for k in range(0, tl.steps, 7):
        assert dark[k] == (tl.scene(k).darkness >= 0.5), tl.time_at(k)
    surf = pygame.Surface(app.ctx.size)
    v.draw(surf)
    lay = v.bar(app.ctx.size)
    a, b = bands[len(bands) // 2]
    px = [tuple(surf.get_at((lay.x_of((a + b) // 2, tl.steps), lay.track.y - 3)))[:3]]
    day = (b + bands[len(bands) // 2 + 1][0]) // 2
    px.append(tuple(surf.get_at((lay.x_of(day, tl.steps), lay.track.y - 3)))[:3])
    assert px[0] == NIGHT_BAND and px[1] != NIGHT_BAND


def test_a_cut_road_is_tinted_near_the_cut_only(app: App, screen: ReplayScreen, shusha: GameSetup) -> None:
    v, tl = screen.viewer, screen.viewer.timeline
    cut = next(k for k in range(tl.steps) if "shusha_lachin" in tl.scene(k).roads_cut)
    surf = pygame.Surface(app.ctx.size)
    for k in range(cut - 3, cut + 1):  # played up to the cut
        v.seek(k)
        v.draw(surf)
    mask = v.tints._cut_mask
    roads = np.logical_or.reduce([shusha.grid.roads[r] for r in sorted(v.scene().roads_cut)])
    lachin = shusha.grid.roads["shusha_lachin"]
    assert mask is not None and (mask & lachin).any() and not (mask & ~roads).any()
    assert (mask & lachin).sum() < 0.5 * lachin.sum()  # not the whole named road
    k = round(CUT_KM * 1000 / shusha.grid.cell_m)
    units = v.scene().units
    rows, cols = np.nonzero(mask & lachin)  # found at this step (the other road may have been cut before)
    assert all(any(abs(r - u.row) <= k and abs(c - u.col) <= k for u in units) for r, c in zip(rows, cols, strict=True))
    for step in range(cut + 1, cut + 30):  # the groups move on; the cut stays marked where it was made
        v.seek(step)
        v.draw(surf)
    assert np.array_equal(v.tints._cut_mask & lachin, mask & lachin)
