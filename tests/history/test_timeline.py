"""The historical replay's timeline: waypoints reached at their dates, marks and captions, terrain paths,
documented road cuts and control, the history data's checks, and no pygame in the headless package."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from game.core.setup import GameSetup
from game.history.timeline import HistoryTimeline
from game.scenario.errors import ScenarioError
from game.scenario.load import load_scenario
from tests.conftest import SHUSHA_PATH


@pytest.fixture(scope="module")
def timeline(shusha: GameSetup) -> HistoryTimeline:
    return HistoryTimeline(shusha)


def test_every_waypoint_is_reached_in_order_at_its_date(shusha: GameSetup, timeline: HistoryTimeline) -> None:
    for route in shusha.history:
        g = timeline.groups[route.group]
        visited = []
        for w, cell in zip(route.waypoints, g.cells, strict=True):
            assert timeline.position(route.group, w.time) == cell, (route.group, w.time)
            step = timeline.step_of(w.time)
            if timeline.time_at(step) == w.time:  # on a step boundary: the scene shows it there too
                unit = next(u for u in timeline.scene(step).units if u.id == route.group)
                assert unit.pos == cell
            visited.append(g.trail.index(cell, visited[-1] if visited else 0))
        assert visited == sorted(visited)  # the trail passes the waypoints in their documented order
        last = timeline.scene(timeline.steps - 1).trails[route.group]
        assert last[0] == g.cells[0] and last[-1] == g.cells[-1]  # the trail stays, start to end


def test_groups_appear_at_their_first_date_and_move_between_waypoints(timeline: HistoryTimeline) -> None:
    sf2 = timeline.groups["sf_2"]
    assert timeline.position("sf_2", sf2.times[0].replace(hour=sf2.times[0].hour - 1)) is None
    mid = sf2.times[0] + (sf2.times[1] - sf2.times[0]) / 2
    assert timeline.position("sf_2", mid) not in (sf2.cells[0], sf2.cells[1])


def test_every_mark_is_reachable_and_shown_as_a_caption(timeline: HistoryTimeline) -> None:
    marks = timeline.marks()
    assert len({m.key for m in marks}) == len(marks)
    for m in marks:
        assert 0 <= m.step < timeline.steps
        assert timeline.time_at(m.step) >= m.time > timeline.time_at(m.step - 1) if m.step else True
        assert m.key in [c.key for c in timeline.scene(m.step).captions], m.key
        assert m.attribution
    kinds = {m.kind for m in marks}
    assert kinds == {"waypoint", "milestone", "event"}


def test_the_entry_has_both_documented_dates_linked(timeline: HistoryTimeline) -> None:
    marks = {m.key: m for m in timeline.marks()}
    night, morning = marks["milestone:city_entered:0"], marks["milestone:city_entered:1"]
    assert night.time == datetime(2020, 11, 4, 0, 0) and morning.time == datetime(2020, 11, 6, 6, 0)
    assert night.alternatives == (morning.key,) and morning.alternatives == (night.key,)
    assert night.disputed and morning.disputed
    assert "3-4 November" in night.title and "6 November" in morning.title


def test_path_between_forest_waypoints_keeps_to_forest_and_gorge(shusha: GameSetup,
                                                                  timeline: HistoryTimeline) -> None:
    grid = shusha.grid
    leg = timeline.groups["sf_2"].legs[0]  # game start in the forest -> the E flank of Kirs
    assert leg.found
    cover = sum(grid.terrain_id(*c) in ("forest", "gorge") for c in leg.cells)
    road = sum(bool(grid.road[c]) for c in leg.cells)
    assert cover > 3 * road and cover >= 0.8 * len(leg.cells)
    for g in timeline.groups.values():  # over the whole approach too
        cells = g.trail
        assert sum(grid.terrain_id(*c) in ("forest", "gorge") for c in cells) > 4 * sum(bool(grid.road[c])
                                                                                         for c in cells)


def test_the_climb_takes_time_at_the_cliff(shusha: GameSetup, timeline: HistoryTimeline) -> None:
    """sf_1 climbs from below Dashalti to the Jidir plain: its path crosses a cliff edge."""
    g = timeline.groups["sf_1"]
    k = next(i for i, lg in enumerate(g.legs) if any(shusha.grid.is_cliff_between(a, b)
                                                     for a, b in zip(lg.cells, lg.cells[1:], strict=False)))
    assert shusha.grid.place("jidir_plain").row == g.cells[k + 1][0]


def test_road_cuts_and_town_control_change_at_documented_dates(timeline: HistoryTimeline) -> None:
    before = timeline.scene(timeline.step_of(datetime(2020, 11, 3, 12)))
    assert before.roads_cut == frozenset() and before.control == {"shusha_city": "defender"}
    entered = timeline.scene(timeline.step_of(datetime(2020, 11, 5, 12)))
    assert "shusha_lachin" in entered.roads_cut and entered.control["shusha_city"] is None  # contested
    taken = timeline.scene(timeline.steps - 1)
    assert taken.control["shusha_city"] == "attacker"
    assert {"shusha_lachin", "stepanakert_shusha"} <= taken.roads_cut


def test_positions_axes_and_darkness(timeline: HistoryTimeline) -> None:
    sc = timeline.scene(timeline.step_of(datetime(2020, 10, 31, 22)))
    assert sc.darkness == 1.0 and timeline.scene(timeline.step_of(datetime(2020, 10, 31, 12))).darkness == 0.0
    labels = " ".join(label for _, _, label in sc.axes)
    assert "Karmir Shuka" in labels and "Lachin" in labels and "Hasanov" in labels
    assert any("Reservists" in label for _, _, label in sc.positions)  # documented from 31 Oct
    early = timeline.scene(timeline.step_of(datetime(2020, 10, 25, 12)))
    assert not any("Reservists" in label for _, _, label in early.positions)


def test_scene_is_fast(timeline: HistoryTimeline) -> None:
    import time

    t0 = time.perf_counter()
    for step in range(0, timeline.steps, 3):
        timeline.scene(step)
    per_step = (time.perf_counter() - t0) / len(range(0, timeline.steps, 3))
    assert per_step < 0.005  # no pathing per step


def test_an_axis_off_the_map_is_a_line_numbered_error(tmp_path: Path) -> None:
    text = Path(SHUSHA_PATH).read_text(encoding="utf-8")
    bad = text.replace("        - {lat: 39.6505, lon: 46.5702}\n", "        - {lat: 39.6408, lon: 46.5469}\n", 1)
    assert bad != text
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    line = bad[:bad.index("{lat: 39.6408, lon: 46.5469}")].count("\n") + 1
    assert any(p.line == line and "off the map" in p.message and p.path[:2] == ("history", "axes")
               for p in err.value.problems), str(err.value)


def test_history_package_does_not_import_pygame() -> None:
    code = ("import sys; from game.scenario.load import load_scenario; from game.history.timeline import "
            "HistoryTimeline; from game.history.terrain import terrain_notes; "
            f"HistoryTimeline(load_scenario({str(SHUSHA_PATH)!r})).scene(300); "
            "assert 'pygame' not in sys.modules, 'pygame imported'")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
