"""Movement costs and paths: Tobler speeds, cliffs, roads for vehicles, forests for tanks."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.pathing import UNREACHABLE, MoveGraph, step_costs, tobler_kmh

UNITS = """
forces:
  - side: attacker
    units:
      - {id: a1, name: A, type: special_forces_group, at: {cell: [0, 0]}}
  - side: defender
    units:
      - {id: d1, name: D, type: garrison_company, at: {cell: [0, 3]}}
"""


def graph(setup, move_class: str = "foot", road_only: bool = False) -> MoveGraph:
    mc = setup.grid.table.move_classes[move_class]
    return MoveGraph(step_costs(setup.grid, mc, speed_factor=1.0, road_only=road_only))


def test_tobler_reference_values() -> None:
    v = tobler_kmh(np.array([0.0, -0.05, 0.3, -0.3]))
    assert v[0] == pytest.approx(5.04, abs=0.01)
    assert v[1] == pytest.approx(6.0)
    assert v[2] < 2.0 and v[3] > v[2]  # descending is quicker than climbing the same slope


def test_open_step_takes_tobler_time_off_path(make_setup) -> None:
    s = make_setup(["........"], units=UNITS)
    g = graph(s)
    # 200 m at 5.04 km/h x 0.6 off-path = 238 s
    assert g.step_cost((0, 0), (0, 1)) == pytest.approx(200 / (5.04 * 0.6 / 3.6), abs=2)
    assert g.path_seconds([(0, 0), (0, 1), (0, 2)]) == 2 * g.step_cost((0, 0), (0, 1))


def test_forest_slows_feet_and_stops_tanks(make_setup) -> None:
    s = make_setup(["..FF....", "..FF....", "..FF...."], units=UNITS)
    foot, tracked = graph(s, "foot"), graph(s, "tracked")
    assert foot.step_cost((0, 1), (0, 2)) > foot.step_cost((0, 0), (0, 1))
    assert tracked.step_cost((0, 1), (0, 2)) == 0
    assert tracked.path((0, 0), (0, 6)) is None
    assert foot.path((0, 0), (0, 6)) is not None


def test_cliff_blocks_walking_but_not_the_long_way_round(make_setup) -> None:
    rows = ["........", "........", "........", "........"]
    elev = ["55555555", "55555555", "00001234", "00001234"]  # a 500 m step, a ramp on the right
    s = make_setup(rows, elev, units=UNITS)
    g = graph(s)
    assert s.grid.is_cliff_between((1, 2), (2, 2))
    assert g.step_cost((2, 2), (1, 2)) == 0
    path = g.path((3, 0), (0, 0))
    assert path is not None
    assert all(not s.grid.is_cliff_between(a, b) for a, b in zip(path, path[1:], strict=False))
    assert max(c for _, c in path) >= 6  # went round by the gentle ground


def test_vehicles_keep_to_roads_when_the_scenario_says_so(make_setup) -> None:
    s = make_setup(["========", "........"], units=UNITS)
    wheeled = graph(s, "wheeled", road_only=True)
    assert wheeled.step_cost((0, 0), (0, 1)) > 0
    assert wheeled.step_cost((0, 0), (1, 0)) == 0
    free = graph(s, "wheeled", road_only=False)
    assert free.step_cost((0, 0), (1, 0)) > 0
    # on the road a truck is far quicker than a man
    assert wheeled.step_cost((0, 0), (0, 1)) < graph(s, "foot").step_cost((0, 0), (0, 1))


def test_reach_and_reverse_distance_agree_on_flat_ground(make_setup) -> None:
    s = make_setup(["......", "......", "......"], units=UNITS)
    g = graph(s)
    fwd = g.reach((1, 1))
    back = g.distance_to((1, 1))
    assert fwd[1, 1] == 0 and back[1, 1] == 0
    np.testing.assert_array_equal(fwd, back)  # flat and uniform: symmetric
    assert (fwd < UNREACHABLE).all()


def test_uphill_costs_more_than_downhill(make_setup) -> None:
    s = make_setup(["....."], ["01234"], units=UNITS, cliff=None)
    g = graph(s)
    assert g.step_cost((0, 0), (0, 1)) > g.step_cost((0, 1), (0, 0))
    assert g.distance_to((0, 4))[0, 0] == g.reach((0, 0))[0, 4]
