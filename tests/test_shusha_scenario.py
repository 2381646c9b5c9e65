"""The Shusha 2020 scenario: geography at the documented places, relief, cliffs, roads, forces, text.

Reference coordinates and elevations are those of HISTORY.md s.1 (copied here so the test does not
depend on the shared notes); the scenario must put each place within one cell of them.
"""

from __future__ import annotations

import heapq
import re
from collections import deque
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
import yaml

from game.core.grid import DIRS, Grid
from game.core.pathing import MoveGraph, base_step_seconds, scale_costs
from game.core.setup import GameSetup
from game.scenario.geometry import latlon_to_rc, points_in_polygon
from game.scenario.info import describe
from game.scenario.load import load_scenario
from game.scenario.schema import ScenarioFile

PATH = Path(__file__).resolve().parents[1] / "scenarios" / "shusha_2020_approach.yaml"

# place id -> (lat, lon) from HISTORY.md s.1 (all places of the table that fall inside the frame)
HISTORY_PLACES = {
    "shusha": (39.7600, 46.7475),
    "stepanakert": (39.8153, 46.7519),
    "hadrut": (39.5167, 47.0300),
    "karmir_shuka": (39.6758, 46.9486),
    "shosh": (39.7700, 46.7847),
    "avetaranots": (39.7031, 46.8306),
    "sighnag": (39.7211, 46.7997),
    "dashalti": (39.7417, 46.7492),
    "lisagor": (39.6875, 46.6431),
    "turshsu_spring": (39.69, 46.64),
    "zarysly": (39.7172, 46.6761),
    "kirs": (39.6475, 46.7458),
    "jidir_plain": (39.754, 46.742),
    "togh": (39.5850, 46.9653),
    "qaybali": (39.76, 46.73),
    # HISTORY.md had only a remembered position for Mets Shen; REFERENCE_POINTS.yaml gives the read one
    "mets_shen": (39.6583, 46.6019),
}

# every name the main places must carry (Azerbaijani and Armenian forms at least)
NAMES = {
    "shusha": ("Şuşa", "Shusha", "Շուշի", "Shushi"),
    "stepanakert": ("Xankəndi", "Khankendi", "Ստեփանակերտ", "Stepanakert"),
    "dashalti": ("Daşaltı", "Dashalti", "Քարին տակ", "Karintak"),
    "avetaranots": ("Çanaqçı", "Chanagchi", "Ավետարանոց", "Avetaranots"),
    "karmir_shuka": ("Qırmızı Bazar", "Girmizi Bazar", "Կարմիր Շուկա", "Karmir Shuka"),
    "shosh": ("Şuşakənd", "Shushakand", "Շոշ", "Shosh"),
    "lisagor": ("Turşsu", "Turshsu", "Լիսագոր", "Lisagor"),
    "togh": ("Tuğ", "Tugh", "Տող", "Togh"),
    "jidir_plain": ("Cıdır düzü", "Jidir plain", "Jdrduz"),
}


@pytest.fixture(scope="module")
def setup() -> GameSetup:
    return load_scenario(PATH)


@pytest.fixture(scope="module")
def spec() -> ScenarioFile:
    with open(PATH, encoding="utf-8") as f:
        return ScenarioFile.model_validate(yaml.safe_load(f))


def cell(setup: GameSetup, place_id: str) -> tuple[int, int]:
    p = setup.grid.place(place_id)
    return p.row, p.col


def elev(setup: GameSetup, place_id: str) -> float:
    return float(setup.grid.elevation[cell(setup, place_id)])


# ---------------------------------------------------------------- frame, places, names
def test_frame_and_grid(spec: ScenarioFile, setup: GameSetup) -> None:
    b = spec.map.geo.bounds
    assert (b.south, b.west, b.north, b.east) == (39.50, 46.57, 39.86, 47.04)
    assert spec.map.geo.cell_size_m == 200
    rows, cols = setup.grid.shape
    assert 195 <= rows <= 205 and 195 <= cols <= 205


@pytest.mark.parametrize("place_id", sorted(HISTORY_PLACES))
def test_history_place_within_one_cell(setup: GameSetup, place_id: str) -> None:
    lat, lon = HISTORY_PLACES[place_id]
    want = setup.grid.frame.to_cell(lat, lon)
    got = cell(setup, place_id)
    assert abs(got[0] - want[0]) <= 1 and abs(got[1] - want[1]) <= 1, (place_id, got, want)


@pytest.mark.parametrize("place_id", sorted(NAMES))
def test_places_carry_every_name(setup: GameSetup, place_id: str) -> None:
    p = setup.grid.place(place_id)
    for name in NAMES[place_id]:
        assert name in p.names, (place_id, name, p.names)
    assert " / " in p.name  # both names in the display name


def test_every_place_documented(spec: ScenarioFile) -> None:
    for p in spec.map.places:
        assert p.source, p.id
        assert len(p.names) >= 2, p.id
    shusha = next(p for p in spec.map.places if p.id == "shusha")
    assert shusha.terrain == "urban" and shusha.settlement and 1000 <= shusha.radius_m <= 1200


# ---------------------------------------------------------------- relief
def test_documented_elevations(setup: GameSetup) -> None:
    assert 1300 <= elev(setup, "shusha") <= 1800
    assert abs(elev(setup, "stepanakert") - 813) <= 150
    assert elev(setup, "kirs") > 2400
    assert abs(elev(setup, "hadrut") - 720) <= 150
    assert abs(elev(setup, "karmir_shuka") - 670) <= 150
    assert abs(elev(setup, "dashalti") - 1300) <= 100
    assert abs(elev(setup, "shosh") - 1024) <= 100


def test_kirs_is_the_highest_point_and_the_range_runs_north(setup: GameSetup) -> None:
    g = setup.grid
    kr, kc = cell(setup, "kirs")
    assert g.elevation[kr, kc] >= g.elevation.max() - 1
    # between Kirs and the Shusha massif the crest (max across x = 11-17 km) stays high
    sr, _ = cell(setup, "shusha")
    c0, c1 = kc - 20, kc + 10
    crest = g.elevation[sr + 25 : kr, c0:c1].max(axis=1)
    assert crest.min() > 1500


def test_plateau_tilts_west_to_east_and_slopes_north(setup: GameSetup) -> None:
    g = setup.grid
    r, c = cell(setup, "shusha")
    west = g.elevation[r - 2 : r + 3, c - 20 : c - 14].mean()  # 3-4 km W of the centre
    east = g.elevation[r - 2 : r + 3, c + 3 : c + 6].mean()  # E edge of the town
    assert west - east > 150
    assert 1650 <= west <= 1900 and 1300 <= east <= 1550
    # a steady fall of 500-800 m from the town to Stepanakert
    assert 450 <= elev(setup, "shusha") - elev(setup, "stepanakert") <= 850


def test_valleys(setup: GameSetup) -> None:
    g = setup.grid
    # the Stepanakert/Karkar valley and the eastern valleys lie low
    sr, sc = cell(setup, "stepanakert")
    assert g.elevation[sr - 5 : sr + 6, sc - 5 : sc + 6].mean() < 1000
    kr, kc = cell(setup, "karmir_shuka")
    ring = g.elevation[kr - 6 : kr + 7, kc - 6 : kc + 7]
    assert ring.max() - g.elevation[kr, kc] > 100  # in a gorge


# ---------------------------------------------------------------- cliffs and gorge
def _cliff_pairs(g: Grid, rows: range, cols: range) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    out = []
    for r in rows:
        for c in cols:
            bits = int(g.cliff[r, c])
            for k, (dr, dc) in enumerate(DIRS):
                if bits & (1 << k) and dr == 1:  # each N-S crossing once, upper cell first
                    out.append(((r, c), (r + dr, c + dc)))
    return out


def test_cliff_on_the_south_rim_between_shusha_and_dashalti(setup: GameSetup) -> None:
    g = setup.grid
    sr, sc = cell(setup, "shusha")
    dr, _ = cell(setup, "dashalti")
    pairs = _cliff_pairs(g, range(sr, dr), range(sc - 3, sc + 4))
    assert pairs, "no cliff edge on the S rim between the town and Dashalti"
    drops = [g.elevation[a] - g.elevation[b] for a, b in pairs]
    assert max(drops) >= 150  # the plateau side is the high side, by about 250 m


def test_cliff_on_the_southwest_rim(setup: GameSetup) -> None:
    g = setup.grid
    jr, jc = cell(setup, "jidir_plain")
    pairs = _cliff_pairs(g, range(jr - 2, jr + 6), range(jc - 12, jc))
    assert pairs, "no cliff edge on the SW rim W of the Jidir plain"
    assert max(g.elevation[a] - g.elevation[b] for a, b in pairs) >= 150


def test_gorge_below_the_jidir_plain(setup: GameSetup) -> None:
    g = setup.grid
    dr, dc = cell(setup, "dashalti")
    gorge = g.table.index("gorge")
    win = np.s_[dr - 4 : dr + 5, dc - 6 : dc + 7]
    mask = g.terrain[win] == gorge
    assert mask.any(), "no gorge cells near Dashalti"
    assert elev(setup, "jidir_plain") - g.elevation[win][mask].mean() > 150
    assert elev(setup, "jidir_plain") - g.elevation[win][mask].min() > 200


# ---------------------------------------------------------------- roads
def _road_path_exists(g: Grid, mask: np.ndarray, start: tuple[int, int], goal: tuple[int, int]) -> bool:
    """Breadth-first search over 8-connected cells of ``mask`` that does not cross a cliff edge."""
    if not (mask[start] and mask[goal]):
        return False
    seen = {start}
    todo = deque([start])
    while todo:
        r, c = todo.popleft()
        if (r, c) == goal:
            return True
        for k, (dr, dc) in enumerate(DIRS):
            n = (r + dr, c + dc)
            if n in seen or not g.in_bounds(*n) or not mask[n] or g.cliff[r, c] & (1 << k):
                continue
            seen.add(n)
            todo.append(n)
    return False


def _nearest_on(mask: np.ndarray, at: tuple[int, int], max_cells: int = 2) -> tuple[int, int]:
    rr, cc = np.nonzero(mask)
    d = np.maximum(abs(rr - at[0]), abs(cc - at[1]))
    i = int(np.argmin(d))
    assert d[i] <= max_cells, f"road passes {int(d[i])} cells from {at}"
    return int(rr[i]), int(cc[i])


@pytest.mark.parametrize("road, ends", [
    ("stepanakert_shusha", ("shusha", "stepanakert")),
    ("north_south_highway", ("hadrut", "karmir_shuka", "stepanakert")),
    ("karmir_shuka_shosh_shusha", ("karmir_shuka", "shosh", "shusha")),
    ("shusha_lachin", ("lisagor", "shusha")),
])
def test_named_roads_connect_their_ends(setup: GameSetup, road: str, ends: tuple[str, ...]) -> None:
    g = setup.grid
    mask = g.roads[road]
    cells = [_nearest_on(mask, cell(setup, p)) for p in ends]
    for a, b in zip(cells, cells[1:], strict=False):
        assert _road_path_exists(g, mask, a, b), (road, a, b)


def test_lachin_road_runs_from_the_west_edge_to_shusha(setup: GameSetup) -> None:
    g = setup.grid
    mask = g.roads["shusha_lachin"]
    edge = [(int(r), 0) for r in np.nonzero(mask[:, 0])[0]]
    assert edge, "the Lachin road does not reach the W edge"
    shusha = _nearest_on(mask, cell(setup, "shusha"), 0)
    assert _road_path_exists(g, mask, edge[0], shusha)
    # it passes by Zarysly and through Lisagor
    _nearest_on(mask, cell(setup, "zarysly"), 6)
    _nearest_on(mask, cell(setup, "lisagor"), 1)


def _length_along_km(g: Grid, mask: np.ndarray, start: tuple[int, int], goal: tuple[int, int]) -> float:
    """Shortest length (km) from ``start`` to ``goal`` over 8-connected cells of ``mask`` (diagonal x1.414)."""
    dist = {start: 0.0}
    todo = [(0.0, start)]
    while todo:
        d, (r, c) = heapq.heappop(todo)
        if (r, c) == goal:
            return d * g.cell_m / 1000
        if d > dist[(r, c)]:
            continue
        for dr, dc in DIRS:
            n = (r + dr, c + dc)
            nd = d + (1.4142 if dr and dc else 1.0)
            if g.in_bounds(*n) and mask[n] and nd < dist.get(n, np.inf):
                dist[n] = nd
                heapq.heappush(todo, (nd, n))
    raise AssertionError(f"no way along the road from {start} to {goal}")


@pytest.mark.parametrize("road, a, b, lo_km, hi_km", [
    # Azertag: Turshsu/Lisagor is about 17 km from Shusha by the Shusha-Lachin road
    ("shusha_lachin", "lisagor", "shusha", 16.0, 18.0),
    # HISTORY.md s.1: reporters give 10-15 km by road from Stepanakert (6 km straight)
    ("stepanakert_shusha", "stepanakert", "shusha", 10.0, 15.0),
])
def test_road_lengths_follow_the_winding_roads(spec: ScenarioFile, setup: GameSetup, road: str, a: str, b: str,
                                               lo_km: float, hi_km: float) -> None:
    g = setup.grid
    mask = g.roads[road]
    km = _length_along_km(g, mask, _nearest_on(mask, cell(setup, a)), _nearest_on(mask, cell(setup, b)))
    assert lo_km <= km <= hi_km, (road, round(km, 2))
    src = next(r.source for r in spec.map.geo.roads if r.id == road)
    assert "winding drawn to match the documented length (assumption)" in " ".join(src.split())


def test_no_postwar_road_via_sighnag(spec: ScenarioFile) -> None:
    paved = [r for r in spec.map.geo.roads if r.kind == "paved"]
    text = " ".join(r.name.lower() for r in spec.map.geo.roads)
    assert "fuzuli" not in text
    sig = np.array([39.7211, 46.7997])
    for r in paved:  # no paved road passes within 1 km of Sighnag
        pts = np.array(r.points)
        d_km = np.hypot((pts[:, 0] - sig[0]) * 111.3, (pts[:, 1] - sig[1]) * 85.7)
        assert d_km.min() > 1.0, r.id


# ---------------------------------------------------------------- forest and farmland
def test_valley_floors_are_farmed_and_slopes_forested(setup: GameSetup) -> None:
    """Forest among cells between 700 and 1,000 m (78% before the valley floors were opened).

    Source/assumption (the scenario's terrain_areas comment): hatis.am says most of the Hadrut province
    is under dense trees but the Ishkhanaget valleys are its farmed land; hill communities have 63-69%
    of their land under forest (Tumi, Khtsaberd) and Nagorno-Karabakh as a whole 36%. The low band,
    valley floors open and slopes forested, should lie between: 45-68%.
    """
    g = setup.grid
    forest = g.terrain == g.table.index("forest")
    band = (g.elevation >= 700) & (g.elevation <= 1000)
    share = float(forest[band].mean())
    assert 0.45 <= share <= 0.68, round(share, 3)
    # the range belts stay closed forest
    assert forest[(g.elevation >= 1000) & (g.elevation < 1900)].mean() > 0.9
    # the valley floors round Hadrut, Togh/Tugh and Azokh (the Ishkhanaget/Kuruchay) are mostly open
    for place in ("hadrut", "togh", "azokh"):
        r, c = cell(setup, place)
        win = np.s_[r - 5 : r + 6, c - 5 : c + 6]
        low = g.elevation[win] <= 850
        assert low.sum() >= 20 and forest[win][low].mean() < 0.25, place


# ---------------------------------------------------------------- the town on its plateau
# The plateau rim: about 1,350 m at the town's NE corner above the Karkar (the scenario's N-edge
# elevation line) and 1,400 m on the E side (Wikipedia 'Jidir Plain': 1,400 m E to 1,800 m W); the
# foot of the S cliffs is at 1,300 m or below (Dashalti/Karintak, 1,300 m).
RIM_M = 1350


def test_town_zone_lies_on_the_plateau_above_the_rim(setup: GameSetup) -> None:
    g = setup.grid
    z = g.zones["shusha_city"]
    assert g.elevation[z].min() >= RIM_M, float(g.elevation[z].min())
    # no cliff edge inside the zone, and where one bounds it the zone is the high side
    for r, c in zip(*np.nonzero(z), strict=True):
        for k, (dr, dc) in enumerate(DIRS):
            n = (r + dr, c + dc)
            if g.in_bounds(*n) and g.cliff[r, c] & (1 << k):
                assert not z[n], ((r, c), n)
                assert g.elevation[r, c] > g.elevation[n], ((r, c), n)


def _east_fields(spec: ScenarioFile, g: Grid) -> np.ndarray:
    area = next(a for a in spec.map.geo.terrain_areas if (a.label or "").startswith("eastern fields"))
    return points_in_polygon(g.shape, latlon_to_rc(g.frame, np.array(area.polygon)))


def _gorge_floor_east_of_town(setup: GameSetup) -> tuple[int, int]:
    """The gorge cell E of the town, in the row of the town centre."""
    g = setup.grid
    r, c = cell(setup, "shusha")
    cols = [x for x in range(c, c + 20) if g.terrain[r, x] == g.table.index("gorge")]
    assert cols, "no gorge E of the town"
    return r, cols[0]


@pytest.mark.parametrize("start", ["dashalti", "hunot_gorge", "gorge_east"])
def test_no_climb_way_onto_the_plateau_goes_round(spec: ScenarioFile, setup: GameSetup, start: str) -> None:
    """From below the S cliffs and from the Hunot gorge floor a foot unit that does not climb goes round
    by a road or the eastern fields towards Shosh, while the straight way crosses a cliff edge."""
    g = setup.grid
    a = _gorge_floor_east_of_town(setup) if start == "gorge_east" else cell(setup, start)
    town = cell(setup, "shusha")
    foot = MoveGraph(scale_costs(base_step_seconds(g, g.table.move_classes["foot"], road_only=False), 1.0))
    path = foot.path(a, town)
    assert path is not None, start
    assert not any(g.is_cliff_between(p, q) for p, q in zip(path, path[1:], strict=False))
    fields = _east_fields(spec, g)
    zone = g.zones["shusha_city"]
    below = path[: next(i for i, p in enumerate(path) if zone[p])]  # the way up, before the town
    assert any(g.road[p] or fields[p] for p in below), start
    km = sum(1.4142 if p[0] != q[0] and p[1] != q[1] else 1.0 for p, q in zip(path, path[1:], strict=False)) * 0.2
    straight_km = float(np.hypot(a[0] - town[0], a[1] - town[1])) * 0.2
    # from Dashalti round the W end of the cliffs (Karintak track, Lachin road); from the gorge S of the
    # town N to the eastern fields; from the gorge beside the fields, straight up through them
    assert km >= {"dashalti": 3.0, "hunot_gorge": 1.5, "gorge_east": 1.0}[start] * straight_km, (start, km)
    # a climb edge lies right there: the straight line to the town crosses a cliff
    line = [tuple(int(v) for v in p) for p in zip(np.linspace(a[0], town[0], 60).round(),
                                                  np.linspace(a[1], town[1], 60).round(), strict=True)]
    steps = [(p, q) for p, q in zip(line, line[1:], strict=False) if p != q and max(abs(p[0] - q[0]), abs(p[1] - q[1])) == 1]
    assert any(g.is_cliff_between(p, q) for p, q in steps), start


# ---------------------------------------------------------------- forces, constraints, objectives
def test_attacker_has_no_heavy_armour(setup: GameSetup) -> None:
    units = list(setup.units) + [u for r in setup.reinforcements for u in r.units]
    for u in units:
        if u.side == "attacker":
            assert setup.unit_types[u.type_id].unit_class != "heavy_armour", u.id
    assert "heavy_armour" in setup.constraints.forbidden_classes["attacker"]
    assert setup.constraints.vehicles_road_only


def test_forces_size_and_composition(setup: GameSetup) -> None:
    by_side: dict[str, list[str]] = {}
    for u in setup.units:
        by_side.setdefault(u.side, []).append(u.type_id)
    att, dfd = by_side["attacker"], by_side["defender"]
    assert 5 <= len(att) <= 40 and 5 <= len(dfd) <= 40
    assert att.count("special_forces_group") >= 4
    assert "recon_team" in att and "mortar_battery" in att and "artillery_battery" in att
    assert "garrison_company" in dfd and "mortar_battery" in dfd and "artillery_battery" in dfd


def test_attacker_starts_nw_of_hadrut_west_of_togh(setup: GameSetup) -> None:
    hr, hc = cell(setup, "hadrut")
    tr, tc = cell(setup, "togh")
    for u in setup.units:
        if u.side == "attacker" and setup.unit_types[u.type_id].move_class == "foot":
            assert u.col < tc, u.id  # W of Togh
            assert u.row > tr - 10 and u.col < hc, u.id  # in the Hadrut hills, NW of Hadrut


def test_artillery_stays_outside_the_town(setup: GameSetup) -> None:
    city = setup.grid.zones["shusha_city"]
    for u in setup.units:
        if setup.unit_types[u.type_id].unit_class == "artillery":
            assert not city[u.row, u.col], u.id
    att_art = [u for u in setup.units if u.side == "attacker" and u.type_id == "artillery_battery"]
    sr, _ = cell(setup, "shusha")
    assert all(u.row - sr > 75 for u in att_art)  # well south (> 15 km)


def test_defender_reinforcements_come_by_the_lachin_road(setup: GameSetup) -> None:
    g = setup.grid
    mask = g.roads["shusha_lachin"]
    reinf = [r for r in setup.reinforcements if r.units[0].side == "defender"]
    assert len(reinf) >= 3
    for r in reinf:
        assert r.requires_road_open == "shusha_lachin"
        for u in r.units:
            assert mask[u.row, u.col] and u.col <= 1, u.id


def test_attacker_motor_rifles_arrive_6_november_evening(setup: GameSetup) -> None:
    mr = [(r.time, u) for r in setup.reinforcements for u in r.units if u.type_id == "motor_rifle_company"]
    assert mr and all(t.date().isoformat() == "2020-11-06" and t.hour >= 17 for t, _ in mr)
    for _, u in mr:
        assert u.side == "attacker" and setup.grid.road[u.row, u.col] > 0


def test_constraints(setup: GameSetup, spec: ScenarioFile) -> None:
    nfz = [z for z in setup.constraints.no_fire_zones if z.side == "attacker"]
    assert len(nfz) == 1 and nfz[0].zone == "shusha_city" and set(nfz[0].forbid) == {"indirect", "heavy"}
    assert "4 Oct" in nfz[0].reason and "8 Oct" in nfz[0].reason  # both earlier strikes are kept
    assert spec.constraints.forbidden_unit_classes[0].reason.startswith("According to Azerbaijani accounts")


def test_city_zone_contains_shusha(setup: GameSetup) -> None:
    assert setup.city_zone == "shusha_city"
    z = setup.grid.zones["shusha_city"]
    assert z[cell(setup, "shusha")]
    assert z[cell(setup, "jidir_plain")]
    assert not z[cell(setup, "dashalti")]
    assert 100 <= int(z.sum()) <= 180  # the plateau top, about 2.2 x 2.5 km of 200 m cells


def test_objectives(setup: GameSetup) -> None:
    obj = {o.id: o for o in setup.objectives}
    cap = next(o for o in obj.values() if o.kind == "capture_zone")
    assert cap.side == "attacker" and cap.zone == "shusha_city" and cap.share == 0.75 and cap.hold_turns == 2
    assert cap.deadline is not None and cap.deadline.isoformat() == "2020-11-10T00:00:00"
    cuts = {o.road: o for o in obj.values() if o.kind == "cut_road"}
    assert set(cuts) == {"shusha_lachin", "stepanakert_shusha"}
    assert cuts["shusha_lachin"].deadline.isoformat() <= "2020-11-06T12:00:00"
    dmg = [o for o in obj.values() if o.kind == "damage_limit"]
    assert dmg and 0 < dmg[0].max_damage <= 0.2
    assert any(o.kind == "hold_zone" and o.side == "defender" for o in obj.values())
    g = setup.grading
    assert g.draw < g.marginal < g.decisive
    # the road-cut claims are attributed, not stated as fact
    assert "according to Azerbaijani media" in cuts["stepanakert_shusha"].name
    assert "per Wikipedia" in cuts["shusha_lachin"].name
    assert not any("historically" in o.name for o in obj.values())


def test_force_assumptions_reach_the_players(setup: GameSetup) -> None:
    notes = setup.force_notes
    att = " ".join(notes["attacker"])
    assert "about 400 special forces in four groups of 100" in att and "not been independently confirmed" in att
    assert any(n.startswith("Sources: ") for n in notes["attacker"])
    dfd = " ".join(notes["defender"])
    assert "disputed figure" in dfd and "game assumptions" in dfd
    assert any(n.startswith("Reinforcements (26 Oct 06:00, 30 Oct 06:00") for n in notes["defender"])
    assert "Shusha/Shushi" in att and "Shusha/Shushi" in dfd  # both names
    assert describe(setup)["forces_assumptions"] == {s: list(v) for s, v in notes.items()}


# ---------------------------------------------------------------- time
def test_time_and_turns(spec: ScenarioFile, setup: GameSetup) -> None:
    t = spec.time
    assert t.utc_offset == "+04:00"
    assert "2020-10-16" <= t.start.isoformat() <= "2020-10-26"
    assert t.end.isoformat() == "2020-11-10T00:00:00"
    hours = [p.hours for p in t.phases]
    assert hours[0] == 12 and hours[-1] == 6
    assert "2020-11-03T12:00" <= t.phases[-1].start.isoformat() <= "2020-11-04T06:00"
    turns, now = 0, t.start
    while now < t.end:
        phase = [p for p in t.phases if p.start <= now][-1]
        now = now + timedelta(hours=phase.hours)
        turns += 1
    assert 20 <= turns <= 46


# ---------------------------------------------------------------- history and text
def test_events_attributed_and_in_order(setup: GameSetup) -> None:
    ev = setup.events
    assert len(ev) >= 12
    for e in ev:
        assert e.attribution.strip(), e.id
        assert e.text.strip(), e.id
    times = [e.time for e in ev]
    assert times == sorted(times)
    start = setup.phases[0].start
    assert all(start <= e.time <= setup.end for e in ev)


def test_disputed_claims_are_flagged(setup: GameSetup) -> None:
    ev = {e.id: e for e in setup.events}
    isk = [e for e in ev.values() if "Iskander" in e.text]
    assert isk and all(e.disputed for e in isk)
    entry = [e for e in ev.values() if "night of 3-4 November" in e.text]
    assert entry and all(e.disputed for e in entry)
    ms = {m.id: m for m in setup.milestones}
    assert set(ms) == {"road_cut", "stepanakert_road_cut", "city_entered", "city_captured"}
    assert ms["city_entered"].disputed and ms["city_captured"].disputed
    # a milestone window is flagged exactly as the event reporting the same claim
    for mid, eid in (("road_cut", "lachin_road_cut"), ("stepanakert_road_cut", "stepanakert_road_under_fire")):
        assert ms[mid].disputed == ev[eid].disputed, mid
    assert ms["stepanakert_road_cut"].disputed
    assert ms["road_cut"].earliest.date().isoformat() == "2020-11-04"
    assert ms["city_captured"].earliest.date().isoformat() == "2020-11-07"


def test_route_waypoints_attributed(setup: GameSetup) -> None:
    routes = {r.group: r for r in setup.history}
    unit_ids = {u.id for u in setup.units}
    assert routes and set(routes) <= unit_ids
    for r in routes.values():
        for w in r.waypoints:
            assert w.attribution.strip() and w.note.strip()
        times = [w.time for w in r.waypoints]
        assert times == sorted(times)
    main = routes["sf_1"]
    places = [w.place for w in main.waypoints]
    for p in ("avetaranots", "sighnag", "shusha"):
        assert p in places
    avet = next(w for w in main.waypoints if w.place == "avetaranots")
    assert avet.time.date().isoformat() == "2020-10-27"


def test_wording_is_neutral() -> None:
    text = PATH.read_text(encoding="utf-8")
    assert "Alexander" not in text  # the missile is Iskander
    assert "capitulation act" not in text.lower()
    assert not re.search(r"\b(occupants|occupiers|heroes|hero soldiers|victorious)\b", text, re.I)
    # 'liberation' and 'occupation' appear only as one side's own description
    for m in re.finditer(r"[^.]*\b(liberat\w*|occupation|occupied)\b[^.]*\.", text, re.I):
        sentence = m.group(0)
        assert re.search(r"describe|calls|call it|said|says", sentence), sentence
    assert "Shusha / Shushi" in text and "Khankendi / Stepanakert" in text
