"""The objectives panel (O), line of sight (L), last-known enemy positions and the legend (K) on the play
screen, driven by keys and rendered to real frames (PNGs in tests/ui/artifacts/)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.play.objectives import score_board  # noqa: E402
from game.play.orders import has_sight_line  # noqa: E402
from game.ui import palette  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.sight_overlay import age_text, last_known  # noqa: E402
from tests.fixtures import arrange  # noqa: E402
from tests.ui.test_picture_turn import region  # noqa: E402
from tests.ui.test_play_screen import click, key, shot, start_game  # noqa: E402


def texts(rows) -> list[str]:
    return [r.text for r in rows]


def test_objectives_panel_shows_points_state_deadline_and_score(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    pic = screen.picture
    assert pic.objectives.rect is None
    key(app, pygame.K_o)
    assert pic.objectives.visible and pic.objectives.rect is not None
    shot(app, "picture_objectives.png")
    lines = texts(pic.objectives.rows(screen.eng, "attacker"))
    assert lines[1] == "Yours: score so far 0% - defeat if the game ended now"
    assert "[ ] 70 pts  Take the town" in lines
    assert any(t.startswith("not yet: 0% of the zone held (75% needed") for t in lines)
    assert any("Defenders: score so far 100% - decisive victory" in t for t in lines)
    assert "[x] 100 pts  Hold the town" in lines
    assert lines[-1] == "Grades: decisive 85%, marginal 60%, draw 30% of the points."
    key(app, pygame.K_o)
    assert not pic.objectives.visible and pic.objectives.rect is None


def test_objectives_follow_the_game(tiny) -> None:
    from game.core.engine import Engine
    from game.sim.run import run_game

    eng = run_game(tiny, 1)
    board = score_board(eng, "attacker")
    take = next(r for r in board.rows if r.name == "Take the town")
    assert take.done == ("take_town" in eng.state.achieved)
    assert take.state.startswith("achieved in turn") == take.done
    assert board.scores["attacker"] == pytest.approx(0.7 * take.done + 0.3 * board.rows[1].done)
    fresh = score_board(Engine(tiny, 1), "attacker")
    assert fresh.scores == {"attacker": 0.0, "defender": 1.0}


def test_line_of_sight_of_the_selected_unit(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    eng = screen.eng
    click(app, screen, (11, 8))
    assert screen.selected == "a2"
    assert "los" not in screen.view.layer._overlays
    key(app, pygame.K_l)
    mask = screen.view.layer._overlays["los"][0] > 0
    u = eng.state.units["a2"]
    rows, cols = mask.shape
    cells = [(r, c) for r in range(rows) for c in range(cols)]
    sees = np.array([[has_sight_line(eng, u, (r, c)) for c in range(cols)] for r in range(rows)])
    # the overlay is the engine's own rule, cell for cell (within the unit's viewing radius)
    assert mask.any() and (~mask).any()
    assert all(sees[c] for c in cells if mask[c])
    shot(app, "picture_los.png")
    m = screen._map_rect()
    inside = next(c for c in cells if mask[c] and c != u.pos and max(abs(c[0] - u.row), abs(c[1] - u.col)) > 1)
    pt = screen.camera.screen_rect(*inside).center
    before = tuple(app.ctx.surface.get_at((pt[0] + m.x, pt[1] + m.y)))
    key(app, pygame.K_l)
    assert "los" not in screen.view.layer._overlays
    assert tuple(app.ctx.surface.get_at((pt[0] + m.x, pt[1] + m.y))) != before  # the tint is gone
    key(app, pygame.K_l, pygame.KMOD_CTRL)  # Ctrl+L still loads a game
    assert screen.picker is not None


def test_last_known_enemy_positions_show_their_age(app: App, tiny) -> None:
    screen = start_game(app, arrange(tiny, d2=(5, 12)))
    eng = screen.eng
    assert "d2" not in eng.spotted_by("attacker")
    m = screen._map_rect()
    spot = screen.camera.unit_rect(5, 12).move(m.x, m.y)
    empty = region(app.ctx.surface, spot)
    # the side's memory as the engine keeps it: seen at (5, 12) two turns before now
    eng.state.last_seen.setdefault("attacker", {})["d2"] = [5, 12, eng.state.turn - 2]
    known = last_known(eng, "attacker")
    assert [(u.id, cell, age) for u, cell, age in known] == [("d2", (5, 12), 2)]
    assert age_text(2) == "seen 2 turns ago" and age_text(1) == "seen 1 turn ago"
    screen.picture.sight._known_key = None  # the memory changed behind the log's back: draw it afresh
    app.step([])
    shot(app, "picture_last_known.png")
    assert region(app.ctx.surface, spot) != empty


def test_legend_explains_bars_and_badges(app: App, tiny) -> None:
    screen = start_game(app, tiny)
    key(app, pygame.K_k)
    legend = screen.picture.legend
    assert legend.visible and legend.rect is not None
    assert screen._map_rect().contains(legend.rect)
    shot(app, "picture_legend.png")
    colours = set(region(app.ctx.surface, legend.rect))
    for fill in palette.SIDE_FILL:  # sample symbols of both sides, drawn by the map's own renderer
        assert (*fill, 255) in colours
    key(app, pygame.K_k)
    assert legend.rect is None
