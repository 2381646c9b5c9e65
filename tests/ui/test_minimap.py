"""Minimap: whole map fitted to the box, camera rectangle, unit dots, click to cell (headless)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.scenario.load import load_scenario  # noqa: E402
from game.ui import palette  # noqa: E402
from game.ui.camera import Camera  # noqa: E402
from game.ui.minimap import VIEW_LINE, Minimap  # noqa: E402
from tests.conftest import TINY  # noqa: E402


def test_minimap_cells_camera_and_dots() -> None:
    setup = load_scenario(TINY)
    rows, cols = setup.grid.shape
    mini = Minimap(setup.grid, (160, 160))
    assert mini.image.get_width() == 160 and mini.image.get_height() == round(rows * 160 / cols)
    for r, c in ((0, 0), (rows - 1, cols - 1), (5, 7)):
        x = mini.image_rect.x + (c + 0.5) * mini.scale
        y = mini.image_rect.y + (r + 0.5) * mini.scale
        assert mini.cell_at((x, y)) == (r, c)
    assert mini.cell_at((80, 1)) is None  # the letterbox above the map
    cam = Camera(setup.grid.shape, (100, 80), zoom=7)
    target = pygame.Surface((200, 200))
    box = mini.draw(target, pygame.Rect(20, 20, 160, 160), cam, [((3, 3), 0), (8, 12, 1)])
    assert box == pygame.Rect(20, 20, 160, 160)
    x0, y0 = mini._to_local(cam.y, cam.x)
    assert target.get_at((20 + round(x0) + 2, 20 + round(y0)))[:3] == VIEW_LINE


def test_unit_dots_follow_the_units_between_frames() -> None:
    """The framed map with its dots is kept between frames: a unit that moved must not leave its old dot."""
    setup = load_scenario(TINY)
    mini = Minimap(setup.grid, (160, 160))
    target = pygame.Surface((160, 160))

    def dot_at(cell: tuple[int, int]) -> tuple[int, ...]:
        x, y = mini._to_local(cell[0] + 0.5, cell[1] + 0.5)
        return tuple(target.get_at((round(x), round(y))))[:3]

    mini.draw(target, (0, 0), None, [((3, 3), 0)])
    assert dot_at((3, 3)) == palette.SIDE_DOT[0]
    mini.draw(target, (0, 0), None, [((8, 12), 0)])
    assert dot_at((8, 12)) == palette.SIDE_DOT[0] and dot_at((3, 3)) != palette.SIDE_DOT[0]
