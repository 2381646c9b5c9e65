"""Route geometry of ``compare RECORD``: resampling, discrete Fréchet distance, corridor share, the documented
route cut in time, units of a route group and tracks from the event log."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.compare.routes import (
    cells_km,
    compare_routes,
    corridor_share,
    distance_to_polyline,
    documented_route,
    frechet_km,
    group_name,
    group_units,
    resample,
    tracks,
)
from game.core.setup import GameSetup, HistoryRoute, Waypoint
from game.sim.run import run_game

T0 = datetime(2020, 11, 1, 6, 0)
coord = st.floats(min_value=-4, max_value=4, allow_nan=False, allow_infinity=False)  # km: keeps O(nm) cheap
polyline = st.lists(st.tuples(coord, coord), min_size=1, max_size=6).map(lambda p: np.array(p, dtype=float))


# ------------------------------------------------------------------------ polylines with known answers
def test_resample_keeps_the_vertices_and_spaces_the_points() -> None:
    pts = resample(np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 0.5]]), 0.25)
    assert pts.tolist() == [[0, 0], [0.25, 0], [0.5, 0], [0.75, 0], [1, 0], [1, 0.25], [1, 0.5]]
    assert resample(np.array([[3.0, 4.0]])).tolist() == [[3.0, 4.0]]


def test_frechet_of_known_polylines() -> None:
    line = np.array([[0.0, 0.0], [10.0, 0.0]])
    assert frechet_km(line, line + [0.0, 1.0]) == pytest.approx(1.0)
    # the same path with other vertices: zero (the resampling makes the discrete distance continuous-like)
    assert frechet_km(line, np.array([[0.0, 0.0], [3.0, 0.0], [7.0, 0.0], [10.0, 0.0]])) == pytest.approx(0.0,
                                                                                                         abs=0.13)
    # order matters: walking it backwards is 10 km off (both ends are compared with each other)
    assert frechet_km(line, line[::-1]) == pytest.approx(10.0)
    # a 3 km detour to the side in the middle of the route
    detour = np.array([[0.0, 0.0], [5.0, 3.0], [10.0, 0.0]])
    assert frechet_km(line, detour) == pytest.approx(3.0, abs=0.01)


def test_distance_to_polyline_and_corridor_share() -> None:
    line = np.array([[0.0, 0.0], [2.0, 0.0], [2.0, 2.0]])
    pts = np.array([[1.0, 1.0], [3.0, 0.0], [-1.0, 0.0], [2.5, 1.0], [1.0, -1.5], [2.0, 2.0]])
    assert distance_to_polyline(pts, line).tolist() == pytest.approx([1.0, 1.0, 1.0, 0.5, 1.5, 0.0])
    assert corridor_share(pts, line) == pytest.approx(5 / 6)
    assert corridor_share(pts, line, width=0.5) == pytest.approx(2 / 6)
    assert corridor_share(np.zeros((0, 2)), line) is None
    assert distance_to_polyline(np.array([[3.0, 4.0]]), np.array([[0.0, 0.0]])).tolist() == [5.0]


@settings(max_examples=60, deadline=None)
@given(polyline, polyline)
def test_frechet_is_a_symmetric_distance_at_least_the_end_gaps(a: np.ndarray, b: np.ndarray) -> None:
    d = frechet_km(a, b)
    assert d == pytest.approx(frechet_km(b, a))
    assert frechet_km(a, a) == pytest.approx(0.0)
    assert d + 1e-9 >= max(np.hypot(*(a[0] - b[0])), np.hypot(*(a[-1] - b[-1])))


@settings(max_examples=60, deadline=None)
@given(polyline, st.lists(st.tuples(coord, coord), min_size=1, max_size=8))
def test_a_point_is_no_farther_from_the_polyline_than_from_its_nearest_vertex(line: np.ndarray,
                                                                               pts: list) -> None:
    p = np.array(pts, dtype=float)
    d = distance_to_polyline(p, line)
    vertex = np.sqrt(((p[:, None, :] - line[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
    assert (d >= 0).all() and (d <= vertex + 1e-9).all()
    assert (distance_to_polyline(resample(line, 0.5), line) <= 1e-9).all()  # points on it are on it


# ------------------------------------------------------------------------ documented route cut in time
def route(group: str = "a1") -> HistoryRoute:
    """Three waypoints a day apart, going 10 km east then 10 km south (lat/lon chosen on the tiny map)."""
    def wp(lat: float, lon: float, days: int, place: str = "") -> Waypoint:
        return Waypoint(place, lat, lon, T0 + timedelta(days=days), "", "test")
    return HistoryRoute(group, "attacker", (wp(39.75, 46.70, 0, "start"), wp(39.75, 46.80, 1),
                                            wp(39.70, 46.80, 2, "end")))


def test_the_documented_route_is_cut_to_the_game_time(tiny: GameSetup) -> None:
    r = route()
    full = documented_route(tiny.grid, r, start=T0)
    assert len(full.points) == 3 and full.labels == ("start", "", "end")
    late = documented_route(tiny.grid, r, start=T0 + timedelta(hours=12))  # half-way along the first leg
    assert late.points[0] == pytest.approx((full.points[0] + full.points[1]) / 2)
    assert late.times[0] == T0 + timedelta(hours=12) and late.labels[0] == ""
    saved = documented_route(tiny.grid, r, start=T0, until=T0 + timedelta(hours=36))
    assert len(saved.points) == 3 and saved.points[-1] == pytest.approx((full.points[1] + full.points[2]) / 2)
    before = documented_route(tiny.grid, r, start=T0 - timedelta(days=3))  # starts later: no extrapolation
    assert before.points == pytest.approx(full.points)
    early_end = documented_route(tiny.grid, r, start=T0, until=T0 - timedelta(days=1))
    assert early_end.points.shape == (1, 2)


def test_group_units_by_id_by_type_or_none(tiny: GameSetup) -> None:
    assert group_units(tiny, route("a1")) == ("a1",)
    assert group_units(tiny, route("special_forces_group")) == ("a1",)
    assert group_units(tiny, replace(route("garrison_company"), side="defender")) == ("d1", "d2")
    assert group_units(tiny, route("garrison_company")) == ()  # not on the attacker's side
    assert group_units(tiny, route("the main column")) == ()


def test_a_group_is_shown_by_name_not_by_id(tiny: GameSetup) -> None:
    a1 = next(u for u in tiny.units if u.id == "a1")
    assert group_name(tiny, route("a1")) == a1.name != "a1"
    assert group_name(tiny, route("special_forces_group")) == \
        f"every {tiny.unit_types['special_forces_group'].name}"
    assert group_name(tiny, route("the main column")) == "the main column"  # a label as the scenario wrote it


# ------------------------------------------------------------------------ tracks from a real game
def test_tracks_follow_every_unit_to_where_the_game_left_it(tiny: GameSetup) -> None:
    eng = run_game(tiny, 3)
    found = tracks(eng.setup, eng.log)
    assert set(found) == set(eng.state.units)
    moved = 0
    for uid, u in eng.state.units.items():
        t = found[uid]
        assert t.points[-1] == pytest.approx(cells_km(tiny.grid, [u.pos])[0])
        assert len(t.turns) == len(t.points) and list(t.turns) == sorted(t.turns)
        moved += len(t.moves)
    assert moved > 0
    docs, _, rows = compare_routes(eng.setup, eng.log)
    assert [r.group for r in rows] == ["a1"] and rows[0].units == ("a1",)
    assert rows[0].frechet_km is not None and rows[0].frechet_km >= 0
    assert rows[0].moves == len(found["a1"].moves) and 0 <= rows[0].inside <= rows[0].moves
    assert docs[0].points[0] == pytest.approx(cells_km(tiny.grid, [(10, 3)])[0], abs=0.15)
