"""The safe YAML reader: data, marks, and rejections."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.yamlread import parse_yaml


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
    assert "billion laughs" in msg and time.perf_counter() - t0 < 0.5
