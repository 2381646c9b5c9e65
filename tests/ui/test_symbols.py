"""Unit symbols: sides, branches, states and stacks all look different (headless)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import dataclasses  # noqa: E402

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from game.core.units import Unit, UnitType  # noqa: E402
from game.ui.glyphs import GLYPHS  # noqa: E402
from game.ui.symbols import draw_unit, symbol_size  # noqa: E402

UT = UnitType(id="sf", name="SF", unit_class="special_forces", move_class="foot", headcount=100,
              weapons=(), symbol="special_forces")
U = Unit(id="u1", side="attacker", type_id="sf", name="SF 1", row=0, col=0, strength=100)


def picture(unit: Unit = U, utype: UnitType = UT, side: int = 0, px: int = 16, **kw) -> np.ndarray:
    surf = pygame.Surface((60, 60))
    surf.fill((100, 140, 90))
    draw_unit(surf, pygame.Rect((2, 2), symbol_size(px)), unit, utype, side, **kw)
    return pygame.surfarray.array3d(surf)


def test_sides_differ() -> None:
    a, b = picture(side=0), picture(side=1)
    assert (np.abs(a.astype(int) - b.astype(int)).sum(axis=-1) > 60).sum() > 100


def test_second_side_frame_is_dashed_so_it_differs_without_colour() -> None:
    """Greyscale pictures of the frames still differ in their outline pattern."""
    grey = [picture(side=s).astype(float) @ [0.299, 0.587, 0.114] for s in (0, 1)]
    w, h = symbol_size(16)
    top = [g[2:2 + w, 3] for g in grey]  # the frame's top edge
    assert np.std(top[1]) > np.std(top[0]) + 5


def test_every_branch_has_its_own_glyph() -> None:
    pics = {}
    for sym in [*GLYPHS, "unknown_thing"]:
        ut = dataclasses.replace(UT, symbol=sym)
        pics[sym] = picture(utype=ut).tobytes()
    assert len(set(pics.values())) == len(pics)


def test_states_bars_selection_and_stack_change_the_symbol() -> None:
    base = picture().tobytes()
    variants = [
        picture(dataclasses.replace(U, strength=40)),
        picture(dataclasses.replace(U, morale=15)),
        picture(dataclasses.replace(U, suppression=60)),
        picture(dataclasses.replace(U, posture="dug_in")),
        picture(dataclasses.replace(U, climbing=True)),
        picture(dataclasses.replace(U, routed=True)),
        picture(selected=True),
        picture(stack=3),
    ]
    blobs = [v.tobytes() for v in variants]
    assert base not in blobs and len(set(blobs)) == len(blobs)


def test_symbol_size_grows_with_zoom() -> None:
    sizes = [symbol_size(px) for px in (2, 8, 12, 16, 24)]
    assert sizes == sorted(sizes) and sizes[0][0] >= 18 and sizes[-1][0] <= 44
