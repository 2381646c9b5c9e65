"""Shared fixtures: small ASCII scenarios built from strings, loaded through the real loader."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from game import native

native.activate()  # the suite runs on the compiled modules when they are built (before any of them is imported)

from game.core.setup import GameSetup  # noqa: E402
from game.scenario.load import load_scenario  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
TINY = DATA / "tiny.yaml"
SHUSHA_PATH = Path(__file__).resolve().parent.parent / "scenarios" / "shusha_2020_approach.yaml"

HEADER = """\
format: 1
id: {id}
title: Test map
sides:
  - {{id: attacker, name: Attackers, role: attacker}}
  - {{id: defender, name: Defenders, role: defender}}
time:
  start: 2020-11-01T{hour}:00:00
  end: 2020-11-03T06:00:00
  sunrise_hour: 7
  sunset_hour: 17
  phases:
    - {{start: 2020-11-01T{hour}:00:00, hours: 6}}
weather:
  - {{start: 2020-11-01T{hour}:00:00, kind: clear}}
"""


@pytest.fixture(autouse=True, scope="session")
def _scenario_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Scenario cache entries (``game.scenario.cache``) of the tests, and of the commands they run, go to a
    folder of this test run, never to the user's cache."""
    old = os.environ.get("SHUSHA_CACHE_DIR")
    os.environ["SHUSHA_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("SHUSHA_CACHE_DIR", None)
    else:
        os.environ["SHUSHA_CACHE_DIR"] = old


@pytest.fixture
def tiny() -> GameSetup:
    return load_scenario(TINY)


@pytest.fixture
def make_setup(tmp_path: Path) -> Callable[..., GameSetup]:
    """Build a GameSetup from ASCII rows: ``make_setup(rows, elev, units=..., extra=...)``."""

    def build(rows: list[str], elev: list[str] | None = None, *, units: str, extra: str = "",
              hour: str = "12", cliff: int | None = 150, step: int = 100,
              place: tuple[int, int] = (0, 0), zone_m: int = 200) -> GameSetup:
        elev = elev or ["0" * len(rows[0])] * len(rows)
        text = HEADER.format(id="made", hour=hour) + textwrap.dedent(f"""\
            map:
              ascii:
                cell_size_m: 200
                legend: {{".": open, "F": forest, "G": gorge, "U": urban, "=": open, "W": water}}
                road_char: "="
                {"cliff_threshold_m: " + str(cliff) if cliff else ""}
                elevation_step_m: {step}
                rows: {rows!r}
                elevation_rows: {elev!r}
              places:
                - {{id: p, name: P, kind: landmark, cell: [{place[0]}, {place[1]}]}}
              zones:
                - {{id: z, name: Z, place: p, radius_m: {zone_m}}}
            """) + textwrap.dedent(units) + textwrap.dedent(extra)
        if "objectives:" not in extra:
            text += "objectives:\n  - {id: o, name: O, kind: capture_zone, side: attacker, points: 1, zone: z}\n"
        p = tmp_path / "made.yaml"
        p.write_text(text)
        return load_scenario(p)

    return build


@pytest.fixture(scope="session")
def shusha() -> GameSetup:
    """The default scenario (loaded once per test session)."""
    return load_scenario(SHUSHA_PATH)
