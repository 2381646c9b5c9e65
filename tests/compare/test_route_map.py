"""The route map of ``compare RECORD`` (and of the end screen): its labels - dates of the documented
waypoints, place names - cover neither each other nor the markers, stay inside the map, and name groups by
their names; and the label placer on its own (a label at the edge turns inwards, a crowded one is left out)."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from game.compare.maplabels import LabelPlacer, freeze_layout
from game.compare.record_compare import compare_engine
from game.compare.routemap import render_route_map, route_figure
from game.scenario.load import load_scenario
from game.sim.run import run_game

ROOT = Path(__file__).resolve().parents[2]
SHUSHA = ROOT / "scenarios" / "shusha_2020_approach.yaml"


def overlap(a: Bbox, b: Bbox) -> float:
    w, h = min(a.x1, b.x1) - max(a.x0, b.x0), min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


@pytest.fixture(scope="module")
def shusha_map() -> tuple[Figure, dict]:
    """The route map of a seed-3 game of the historical plan (the crowded approach to the town)."""
    eng = run_game(load_scenario(SHUSHA), 3, {})
    data, docs, tracks = compare_engine(eng)
    return route_figure(eng.setup, docs, tracks, data), {"data": data, "docs": docs, "tracks": tracks,
                                                          "setup": eng.setup}


def test_labels_neither_overlap_nor_leave_the_map(shusha_map: tuple[Figure, dict]) -> None:
    fig, _ = shusha_map
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    area = ax.get_window_extent(renderer)
    labels = [t for t in ax.texts if isinstance(t, Annotation)]
    texts = [t.get_text() for t in labels]
    boxes = {t.get_text() + f"@{i}": t.get_window_extent(renderer) for i, t in enumerate(labels)}
    assert "Shusha / Shushi" in texts and "Khankendi / Stepanakert" in texts  # towns are always named
    assert "Dashalti / Karintak" in texts and "Sighnag / Sghnakh" in texts  # villages on the route too
    assert sum(t.endswith(("Oct", "Nov")) for t in texts) == sum(len(d.points) for d in shusha_map[1]["docs"])
    for name, box in boxes.items():
        assert area.x0 - 0.5 <= box.x0 and box.x1 <= area.x1 + 0.5, f"{name} runs off the map: {box} {area}"
        assert area.y0 - 0.5 <= box.y0 and box.y1 <= area.y1 + 0.5, f"{name} runs off the map: {box} {area}"
    clashes = [(a, b) for (a, ba), (b, bb) in combinations(boxes.items(), 2) if overlap(ba, bb) > 1.0]
    assert not clashes, clashes


def test_the_legend_names_groups_by_name(shusha_map: tuple[Figure, dict]) -> None:
    fig, _ = shusha_map
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[0] == "Special-forces group 1: documented route"
    assert legend[1].startswith("Special-forces group 1: this game\nFréchet ")
    assert not any("sf_1" in t or "sf_2" in t for t in legend), legend


def test_the_map_file_is_written_atomically(shusha_map: tuple[Figure, dict], tmp_path: Path) -> None:
    parts = shusha_map[1]
    out = render_route_map(parts["setup"], parts["docs"], parts["tracks"], parts["data"], tmp_path / "map.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]  # no temp file left beside it


def placer() -> tuple[LabelPlacer, Figure]:
    fig = Figure(figsize=(3, 3), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    return LabelPlacer(ax, freeze_layout(fig)), fig


def test_labels_of_one_point_go_to_different_sides() -> None:
    p, fig = placer()
    a = p.place("3 Nov", (5, 5), required=True, fontsize=8)
    b = p.place("4 Nov", (5, 5), required=True, fontsize=8)
    r = fig.canvas.get_renderer()
    assert a is not None and b is not None
    assert overlap(a.get_window_extent(r), b.get_window_extent(r)) == 0.0


def test_a_label_at_the_right_edge_turns_inwards_and_a_crowded_optional_one_is_left_out() -> None:
    p, fig = placer()
    r = fig.canvas.get_renderer()
    edge = p.place("Boyuk Taghlar / Mets Tagher", (9.8, 5), required=False, fontsize=8)
    assert edge is not None and edge.get_ha() == "right"
    assert edge.get_window_extent(r).x1 <= p.area.x1
    p.block_points([(x / 2, y / 2) for x in range(21) for y in range(21)], radius_pt=6)  # no room anywhere
    assert p.place("Khachmach", (3, 3), required=False, fontsize=8) is None
    assert "Khachmach" in p.skipped and "Khachmach" not in [t.get_text() for t in fig.axes[0].texts]
    assert p.place("9 Nov", (3, 3), required=True, fontsize=8) is not None  # a date is shown all the same
