"""Fuzz: any mangled scenario gives problems (or loads), never an exception other than ScenarioError."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario.errors import ScenarioError
from game.scenario.load import load_scenario

DATA = Path(__file__).resolve().parents[1] / "data"
BASES = {name: yaml.safe_load((DATA / name).read_text()) for name in ("tiny.yaml", "geo_small.yaml")}

JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8), st.lists(st.integers(-5, 500), max_size=4),
    st.dictionaries(st.sampled_from(["id", "cell", "lat", "x"]), st.integers(-5, 50), max_size=3),
    st.sampled_from(["2020-11-01T06:00:00", "town", "town_zone", "attacker", "open", [0, 0], [11, 15], [-1, 3]]),
)


def paths(obj: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += paths(v, (*prefix, i))
    return out


PATHS = {name: paths(d)[1:] for name, d in BASES.items()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(BASES)), st.data())
def test_mangled_scenarios_never_crash(tmp_path_factory, base: str, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    doc = copy.deepcopy(BASES[base])
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(PATHS[base]))
        target = doc
        try:
            for key in path[:-1]:
                target = target[key]
            if data.draw(st.booleans()) and isinstance(target, dict):
                target.pop(path[-1], None)
            else:
                target[path[-1]] = data.draw(JUNK)
        except (KeyError, IndexError, TypeError):
            continue
    f = tmp_path_factory.mktemp("fuzz") / "s.yaml"
    f.write_text(yaml.safe_dump(doc))
    try:
        load_scenario(f)
    except ScenarioError as e:
        assert e.problems and all(str(p).startswith(str(f)) for p in e.problems)
