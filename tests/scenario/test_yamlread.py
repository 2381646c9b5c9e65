"""The safe YAML reader: data, marks, and rejections."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.report import check_file
from game.scenario.yamlread import parse_yaml

DATA = Path(__file__).resolve().parents[1] / "data"


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(ScenarioError) as e:
        parse_yaml(text, "f.yaml")
    return [str(p) for p in e.value.problems]


def test_data_and_marks() -> None:
    doc = parse_yaml("a: [1, 2.5]\nb:\n  c: 2020-11-01T06:00:00\n  d: !!str 7\n", "f.yaml")
    assert doc.data == {"a": [1, 2.5], "b": {"c": dt.datetime(2020, 11, 1, 6), "d": "7"}}
    assert doc.marks[("a", 1)] == (1, 8) and doc.marks[("b", "c")] == (3, 6)
    assert doc.key_marks[("b", "c")] == (3, 3)


def test_keys_are_text_and_merge_keys_work() -> None:
    doc = parse_yaml("x: &m {a: 1, 2: z}\ny:\n  <<: *m\n  a: 3\n", "f.yaml")
    assert doc.data["y"] == {"a": 3, "2": "z"}


def test_rejections() -> None:
    assert problems("a: 1\na: 2\n") == ["f.yaml:2:1: a: duplicate key 'a' (first given at line 1)"]
    assert problems("a: !foo 1\n")[0].startswith("f.yaml:1:4: a: tag !foo is not allowed")
    assert problems("a: !!set {x}\n")[0].startswith("f.yaml:1:4: a: tag !!set is not allowed")
    assert problems("a: &a [*a]\n") == ["f.yaml:1:8: recursive alias *a refers to a node that contains it"]
    deep = problems("[" * 5000 + "]" * 5000)  # PyYAML >= 6.0.4 stops at its own flow-depth limit first
    assert len(deep) == 1 and deep[0].startswith("f.yaml:1:") and "nest" in deep[0]
    assert "has a time zone" in problems("t: 2020-11-01T06:00:00Z\n")[0]
    assert problems("---\n") == ["f.yaml:1:1: the file is empty; expected a YAML mapping"]
    assert problems("a: 1\n---\nb: 2\n")[0].startswith("f.yaml:2:1: not valid YAML")


def test_alias_bomb_is_rejected_fast() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, cur in zip("abcdefghij", "bcdefghijk", strict=True):
        lines.append(f"{cur}: &{cur} [{', '.join([f'*{prev}'] * 10)}]")
    t0 = time.perf_counter()
    (msg,) = problems("\n".join(lines))
    assert "billion laughs" in msg and time.perf_counter() - t0 < 5.0  # expanded, it would take minutes


def test_a_long_list_is_refused_while_reading_with_its_field_path() -> None:
    text = "map:\n  zones:\n    - id: z\n      polygon:\n" + "        - [1, 2]\n" * 5001
    assert problems(text) == ["f.yaml:5:9: map.zones.0.polygon: a list of more than 5,000 items; "
                              "no list or mapping in a scenario may be longer"]
    parse_yaml("a:\n" + "  - 1\n" * 5000, "f.yaml")  # 5,000 is allowed
    flow = problems("a: {" + ", ".join(f"k{i}: 1" for i in range(5001)) + "}")
    assert flow == ["f.yaml:1:4: a: a mapping of more than 5,000 keys; no list or mapping in a scenario may "
                    "be longer"]


def test_too_many_values_in_all_are_refused() -> None:
    text = "".join(f"k{i}:\n" + "  - [1, 2]\n" * 4000 for i in range(30))  # 30 lists of 4,000 pairs
    (msg,) = problems(text)
    assert msg.startswith("f.yaml:") and "the file holds more than 250,000 values" in msg


def _timed_check(path: Path) -> tuple[list[str], float]:
    t0 = time.perf_counter()
    got = [str(p) for p in check_file(str(path))]
    return got, time.perf_counter() - t0


def test_a_scenario_with_110000_events_is_refused_fast(tmp_path: Path) -> None:
    """Measured before the per-list cap: 12-32 s and ~650 MB before the schema refused it."""
    tiny = (DATA / "tiny.yaml").read_text(encoding="utf-8")
    events = "".join(f"  - {{id: e{i}, time: 2020-11-02T06:00:00, text: x, attribution: t}}\n"
                     for i in range(110_000))
    path = tmp_path / "events.yaml"
    path.write_text(tiny.replace("events:\n", "events:\n" + events, 1), encoding="utf-8")
    assert path.stat().st_size < 8 * 1024 * 1024
    got, seconds = _timed_check(path)
    line = tiny.splitlines().index("events:") + 1
    assert got == [f"{path}:{line + 1}:3: events: a list of more than 5,000 items; no list or mapping in a "
                   "scenario may be longer"]
    assert seconds < 5.0, seconds  # refused while reading (before the cap: 12-32 s)


def test_a_polygon_of_100000_points_is_refused_fast(tmp_path: Path) -> None:
    """Measured before: 4-10 s before the schema refused it."""
    geo = (DATA / "geo_small.yaml").read_text(encoding="utf-8")
    points = "".join(f"        - [{39.70 + (i % 1000) * 1e-5:.5f}, {46.70 + (i // 1000) * 1e-4:.4f}]\n"
                     for i in range(100_000))
    path = tmp_path / "poly.yaml"
    path.write_text(geo.replace("    terrain_areas:\n", "    terrain_areas:\n      - terrain: forest\n"
                                "        polygon:\n" + points, 1), encoding="utf-8")
    got, seconds = _timed_check(path)
    assert len(got) == 1 and "map.geo.terrain_areas.0.polygon: a list of more than 5,000 items" in got[0]
    assert seconds < 5.0, seconds  # refused while reading (before the cap: 12-32 s)
