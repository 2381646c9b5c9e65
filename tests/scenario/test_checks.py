"""Cross-field checks, each on a tiny.yaml variant written to a temp file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.scenario.errors import ScenarioError
from game.scenario.load import load_scenario

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.yaml"
GEO = Path(__file__).resolve().parents[1] / "data" / "geo_small.yaml"


def messages(tmp_path: Path, edit: Callable[[dict[str, Any]], None], base: Path = TINY) -> list[str]:
    """Load a variant of ``base`` changed by ``edit``; return 'path: message' of each problem."""
    data = yaml.safe_load(base.read_text())
    edit(data)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(ScenarioError) as e:
        load_scenario(path)
    return [str(p).split(": ", 1)[1] for p in e.value.problems]


def test_forbidden_class_in_reinforcements(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["reinforcements"] = [{"time": "2020-11-02T06:00:00", "side": "attacker", "units": [
            {"id": "t1", "name": "Tanks", "type": "tank_company", "at": {"cell": [11, 12]}}]}]
    assert messages(tmp_path, edit) == [
        "reinforcements.0.units.0.type: unit 't1' is a heavy_armour unit; the scenario forbids heavy_armour "
        "for side attacker: No tanks could be used on this ground."]


def test_many_problems_reported_together(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["rules"] = "nonexistent"
        d["objectives"][1]["kind"] = "cut_road"
        d["objectives"][1].pop("zone")
        d["events"][0]["time"] = "2020-12-01T00:00:00"
        d["history"]["milestones"][0]["latest"] = "2020-11-01T00:00:00"
        d["constraints"]["forbidden_unit_classes"][0]["classes"] = ["heavy_armor"]
    got = messages(tmp_path, edit)
    assert got == ["rules: unknown rule set 'nonexistent' (available: default)"]
    got = messages(tmp_path, lambda d: (edit(d), d.pop("rules")))
    assert "objectives.1: a cut_road objective needs a road" in got
    assert any(m.startswith("events.0.time: event time 2020-12-01T00:00 is outside the game") for m in got)
    assert any(m.startswith("history.milestones.0.latest: latest") for m in got)
    assert any(m.startswith("constraints.forbidden_unit_classes.0.classes.0: unknown unit class 'heavy_armor'")
               for m in got)


def test_scenario_unit_types(tmp_path: Path) -> None:
    base = {"name": "Militia", "unit_class": "militia", "move_class": "foot", "headcount": 50,
            "weapons": [{"id": "rifles", "range_m": 300, "firepower": 2}]}

    def edit(d: dict[str, Any]) -> None:
        d["unit_types"] = [dict(base, id="militia"), dict(base, id="recon_team")]
        d["forces"][1]["units"][1]["type"] = "militia"
    assert messages(tmp_path, edit) == ["unit_types.1.id: unit type 'recon_team' is already defined by rules 'default'"]


def test_two_sides_on_one_cell_and_phase_start(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["forces"][1]["units"][1]["at"] = {"cell": [10, 3]}
        d["time"]["phases"][0]["start"] = "2020-11-01T07:00:00"
    got = messages(tmp_path, edit)
    assert got == [
        "time.phases.0.start: the first phase must start at time.start (2020-11-01T06:00), not 2020-11-01T07:00",
        "forces.1.units.1.at: unit 'd2' (defender) shares cell [10, 3] with unit 'a1' (attacker); "
        "sides cannot start on one cell",
    ]


def test_quoted_time_with_zone(tmp_path: Path) -> None:
    got = messages(tmp_path, lambda d: d["events"][0].update(time="2020-11-02T06:00:00+04:00"))
    assert got == ["events.0.time: time has a time zone; give local times without one (the scenario's "
                   "time.utc_offset says how local time relates to UTC)"]


def test_geo_place_outside_bounds(tmp_path: Path) -> None:
    got = messages(tmp_path, lambda d: d["map"]["places"][2].update(lat=39.5), base=GEO)
    assert len(got) == 1 and got[0].startswith("map.places.2.lat: place 'peak' at 39.5, 46.71 lies outside")


def test_geo_unknown_terrain_and_road(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["map"]["geo"]["terrain_areas"][0]["terrain"] = "jungle"
        d["objectives"][1]["road"] = "track"  # not a named road
    got = messages(tmp_path, edit, base=GEO)
    assert got[0].startswith("map.geo.terrain_areas.0.terrain: unknown terrain 'jungle' (known: open, ")
    assert got[1] == "objectives.1.road: unknown road 'track' (roads: main_road)"
