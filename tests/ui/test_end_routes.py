"""GUI test of the end screen's comparison with history: routes against the documented ones, the route map
opened inside the client, and the ranking among AI games played in the background (headless)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.cli import main  # noqa: E402
from game.scenario.load import load_scenario  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens import routemap as routemap_mod  # noqa: E402
from game.ui.screens.end import EndScreen  # noqa: E402
from game.ui.screens.routemap import RouteMapScreen  # noqa: E402
from game.ui.style import TABLE_BG  # noqa: E402
from tests.ui.test_start_end import SHUSHA, click, finished_session, key, shot  # noqa: E402


def test_end_screen_compares_the_routes_opens_the_map_and_ranks_the_game(
        app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    end = EndScreen(app.ctx, finished_session(load_scenario(SHUSHA), app.ctx.saves))
    app.switch(end)
    app.step([])
    routes = end.routes
    assert [row[0] for row in routes.cells] == ["Special-forces group 1", "Special-forces group 2"]
    for row in routes.cells:
        assert row[1].endswith(" km") and " moves)" in row[2]
    # the same numbers as `python -m game compare` on the record the end screen wrote
    assert end.record is not None
    assert main(["compare", str(end.record), "--out", str(tmp_path / "cmp"), "--history-runs", "0"]) == 0
    capsys.readouterr()
    cli = json.loads((tmp_path / "cmp" / "compare.json").read_text(encoding="utf-8"))["routes"]
    assert [(r["frechet_km"], r["corridor_share"]) for r in cli] == \
        [(r["frechet_km"], r["corridor_share"]) for r in routes.compare["routes"]]
    assert routes.map_button.is_enabled and routes.rank_button.is_enabled
    shot(app, "end_routes.png")

    click(app, routes.map_button)  # drawn on a worker thread, then shown
    assert routes.map_job is not None and not routes.map_button.is_enabled
    assert routes.map_job.wait(60)
    app.step([])
    view = app.screen
    assert isinstance(view, RouteMapScreen)
    assert view.path == app.ctx.saves / "maps" / f"{end.record.stem}-routes.png" and view.path.is_file()
    app.step([])
    surface = app.ctx.surface
    w, h = surface.get_size()
    centre = surface.get_at((w // 2, h // 2))[:3]
    assert centre != TABLE_BG  # the map is drawn, not the empty backdrop
    shot(app, "end_route_map.png")
    key(app, pygame.K_ESCAPE)  # back to the report, not quit
    assert app.screen is end and not app.ctx.quit_requested
    assert routes.map_button.alive() and routes.map_button.is_enabled

    monkeypatch.setattr(routemap_mod, "HISTORY_RUNS", 2)
    routes.rank_jobs = 1
    click(app, routes.rank_button)
    assert routes.rank_job is not None and "in the background" in routes.rank_label.text
    assert routes.rank_job.wait(120)
    app.step([])
    assert routes.ranked and routes.rank_text.startswith("Percentile ")
    assert "among 2 AI games" in routes.rank_text
    assert routes.rank_label.text.startswith("Percentile ") and not routes.rank_button.is_enabled
    app.step([])  # pygame_gui draws a label's new text on the next frame
    shot(app, "end_ranked.png")
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=700, size=(1024, 700))])
    app.step([])
    assert routes.rank_label.text.startswith("Percentile ") and routes.rank_button.rect.right <= 1024
    shot(app, "end_routes_small.png")
