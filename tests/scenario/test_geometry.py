"""Geometry of the rasteriser: cliff crossings, point-in-polygon, polyline cells."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.grid import DIRS, OPPOSITE
from game.scenario.cliffs import cliffs_from_polyline, cliffs_from_steps
from game.scenario.geometry import points_in_polygon, polyline_cells, polyline_distance


def cliff_pairs(cliff: np.ndarray) -> set[frozenset[tuple[int, int]]]:
    """Undirected adjacent pairs with a cliff bit set."""
    out = set()
    for r, c in zip(*np.nonzero(cliff), strict=True):
        for k, (dr, dc) in enumerate(DIRS):
            if cliff[r, c] & (1 << k):
                out.add(frozenset({(int(r), int(c)), (int(r + dr), int(c + dc))}))
    return out


def assert_symmetric(cliff: np.ndarray) -> None:
    rows, cols = cliff.shape
    for r in range(rows):
        for c in range(cols):
            for k, (dr, dc) in enumerate(DIRS):
                if cliff[r, c] & (1 << k):
                    assert 0 <= r + dr < rows and 0 <= c + dc < cols
                    assert cliff[r + dr, c + dc] & (1 << OPPOSITE[k])


def test_vertical_cliff_blocks_exactly_the_crossing_steps() -> None:
    cliff = np.zeros((10, 10), dtype=np.uint8)
    cliffs_from_polyline(np.array([[2.3, 5.0], [7.7, 5.0]]), cliff)
    expected = {frozenset({(r, 4), (r, 5)}) for r in range(2, 8)}  # centres 2.5 .. 7.5 within 2.3 .. 7.7
    expected |= {frozenset({(r, 4), (r + 1, 5)}) for r in range(2, 7)}  # diagonals cross x=5 at y=r+1
    expected |= {frozenset({(r, 5), (r + 1, 4)}) for r in range(2, 7)}
    assert cliff_pairs(cliff) == expected
    assert_symmetric(cliff)


def test_cliff_across_the_grid_separates_north_from_south() -> None:
    cliff = np.zeros((6, 8), dtype=np.uint8)
    cliffs_from_polyline(np.array([[3.1, -1.0], [2.9, 9.0]]), cliff)
    for c in range(8):
        for dc in (-1, 0, 1):
            if 0 <= c + dc < 8:
                assert cliff[2, c] & (1 << DIRS.index((1, dc)))
    assert not cliff[0].any() and not cliff[5].any()
    assert_symmetric(cliff)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(-2, 14), st.floats(-2, 14)), min_size=2, max_size=6))
def test_polyline_cliffs_are_symmetric(points: list[tuple[float, float]]) -> None:
    cliff = np.zeros((12, 12), dtype=np.uint8)
    cliffs_from_polyline(np.array(points), cliff)
    assert_symmetric(cliff)


def test_cliffs_from_steps() -> None:
    elev = np.zeros((4, 4), dtype=np.float32)
    elev[2:] = 300
    cliff = np.zeros((4, 4), dtype=np.uint8)
    cliffs_from_steps(elev, 150, cliff)
    pairs = cliff_pairs(cliff)
    assert frozenset({(1, 0), (2, 0)}) in pairs and frozenset({(1, 0), (2, 1)}) in pairs
    assert all({a[0] for a in p} == {1, 2} for p in pairs)
    assert_symmetric(cliff)


def brute_inside(poly: np.ndarray, y: float, x: float) -> bool:
    inside = False
    for (y1, x1), (y2, x2) in zip(poly, np.roll(poly, -1, axis=0), strict=True):
        if (y1 <= y) != (y2 <= y) and x1 + (y - y1) * (x2 - x1) / (y2 - y1) < x:  # crossings left of the point
            inside = not inside
    return inside


def test_point_in_square() -> None:
    mask = points_in_polygon((6, 6), np.array([[0.0, 0.0], [0.0, 4.0], [4.0, 4.0], [4.0, 0.0]]))
    assert mask.sum() == 16 and mask[:4, :4].all()


def test_point_in_concave_polygon() -> None:
    u_shape = np.array([[0, 0], [0, 6], [6, 6], [6, 4], [2, 4], [2, 2], [6, 2], [6, 0]], dtype=float)
    mask = points_in_polygon((8, 8), u_shape)
    assert mask[0:2, 0:6].all() and mask[2:6, 0:2].all() and mask[2:6, 4:6].all()
    assert not mask[2:6, 2:4].any() and not mask[6:].any()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(-3, 13), st.floats(-3, 13)), min_size=3, max_size=8))
def test_point_in_polygon_matches_brute_force(points: list[tuple[float, float]]) -> None:
    poly = np.array(points)
    mask = points_in_polygon((10, 10), poly)
    for r in range(10):
        for c in range(10):
            assert mask[r, c] == brute_inside(poly, r + 0.5, c + 0.5)


def test_polyline_cells_are_connected() -> None:
    r, c = polyline_cells(np.array([[0.5, 0.5], [5.5, 9.5], [9.5, 2.5]]), (10, 10))
    steps = np.abs(np.diff(np.stack([r, c], axis=1), axis=0)).max(axis=1)
    assert (steps <= 1).all() and (r[0], c[0]) == (0, 0) and (r[-1], c[-1]) == (9, 2)


def test_polyline_distance() -> None:
    d = polyline_distance((5, 5), np.array([[2.5, 0.0], [2.5, 5.0]]), 1.0)
    assert np.allclose(d[2], 0) and np.allclose(d[1], 1) and np.isinf(d[0]).all()
