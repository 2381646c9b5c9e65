"""Line of sight: flat ground, forest canopy, ridges, gorges overlooked from the rim."""

from __future__ import annotations

from game.core.los import line_of_sight

UNITS = """
forces:
  - side: attacker
    units:
      - {id: a1, name: A, type: special_forces_group, at: {cell: [0, 0]}}
  - side: defender
    units:
      - {id: d1, name: D, type: garrison_company, at: {cell: [0, 9]}}
"""


def test_flat_open_ground_sees_far(make_setup) -> None:
    s = make_setup([".........."], units=UNITS)
    assert line_of_sight(s.grid, (0, 0), (0, 9))


def test_forest_between_blocks_but_the_edge_cell_is_seen(make_setup) -> None:
    s = make_setup(["....FF...."], units=UNITS)
    g = s.grid
    assert not line_of_sight(g, (0, 0), (0, 9))
    assert line_of_sight(g, (0, 0), (0, 4))  # the first forest cell itself is visible
    assert not line_of_sight(g, (0, 0), (0, 5))


def test_a_ridge_hides_the_far_slope(make_setup) -> None:
    s = make_setup([".........."], ["0000500000"], units=UNITS, cliff=None)
    assert line_of_sight(s.grid, (0, 0), (0, 4))
    assert not line_of_sight(s.grid, (0, 0), (0, 8))


def test_gorge_is_hidden_from_afar_but_overlooked_from_the_rim(make_setup) -> None:
    rows = ["..........", "..........", ".........."]
    elev = ["5555555555", "5555500555", "5555555555"]
    s = make_setup(rows, elev, units=UNITS, cliff=None, step=100)
    g = s.grid
    assert line_of_sight(g, (0, 5), (1, 5))  # from the rim straight down
    assert not line_of_sight(g, (1, 0), (1, 6))  # along the plateau, the gorge floor is below the line


def test_side_visibility_is_the_union_of_its_units_views(make_setup) -> None:
    from game.core.engine import Engine

    units = """
forces:
  - side: attacker
    units:
      - {id: a1, name: A, type: special_forces_group, at: {cell: [0, 0]}}
      - {id: a2, name: B, type: special_forces_group, at: {cell: [0, 9]}}
  - side: defender
    units:
      - {id: d1, name: D, type: garrison_company, at: {cell: [0, 5]}}
"""
    s = make_setup(["....FF...."], units=units)
    seen = Engine(s, 1).visible_cells("attacker")
    assert seen[0, 0] and seen[0, 9] and seen[0, 3] and seen[0, 6]  # each sees up to the forest edge
