"""tiny.yaml loads into a complete GameSetup."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from game.core.grid import ROAD_PAVED
from game.scenario.load import load_rules, load_scenario

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.yaml"


def test_tiny_loads() -> None:
    s = load_scenario(TINY)
    g = s.grid
    assert s.scenario_id == "tiny_test"
    assert g.shape == (12, 16)
    assert s.sides == ("attacker", "defender")
    assert [u.id for u in s.units] == ["a1", "a2", "a3", "d1", "d2"]
    d1 = next(u for u in s.units if u.id == "d1")
    assert d1.pos == (1, 9) and d1.strength == 120 and d1.posture == "dug_in"
    assert g.terrain_id(4, 0) == "gorge" and g.terrain_id(0, 0) == "forest"
    assert g.road[5, 15] == ROAD_PAVED and g.road[0, 0] == 0
    assert g.elevation[0, 0] == 1300 and g.elevation[4, 0] == 1000
    # the 300 m step between rows 3 and 4 is a cliff (threshold 150 m); 100 m steps are not
    assert g.is_cliff_between((3, 5), (4, 5)) and g.is_cliff_between((4, 5), (3, 5))
    assert g.is_cliff_between((3, 5), (4, 6))
    assert not g.is_cliff_between((4, 5), (5, 5))
    assert g.place("town").row == 1 and g.settlement[1, 9] == 0 and g.settlement[5, 5] == -1
    assert g.zones["town_zone"][1, 9] and not g.zones["town_zone"][11, 0]
    assert s.constraints.forbidden_classes == {"attacker": ("heavy_armour",)}
    assert s.city_zone == "town_zone" and s.daylight == (7, 17)
    assert len(s.sha256) == 64 and s.source_path.endswith("tiny.yaml")
    assert s.history[0].waypoints[1].place == "town"
    assert np.isclose(s.history[0].waypoints[1].lat, g.place("town").lat)


def test_tiny_latlon_round_trip() -> None:
    g = load_scenario(TINY).grid
    town = g.place("town")
    assert g.frame.to_cell(town.lat, town.lon) == (town.row, town.col)


def test_load_rules_default() -> None:
    table, types, weather, params = load_rules()
    assert "forest" in table.ids and "tank_company" in types and "fog" in weather
    assert table.speed["wheeled"][table.index("forest")] == 0.0
