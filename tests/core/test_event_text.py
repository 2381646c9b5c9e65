"""The texts players read: place names and directions, names not ids, grammar, history marked as history.

Full AI games of the approach are played and every event text a side could read is checked for
snake_case ids (units, zones, roads, places, weapons, postures) and raw cell tuples.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core import events as E
from game.core.engine import Engine
from game.core.setup import GameSetup
from game.core.units import POSTURES
from game.core.whereabouts import after_name, compass, distance_text, where
from game.core.wording import casualties, counted
from game.play.turn_report import turn_report
from game.sim.run import run_game

SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
CELL = re.compile(r"\(\s*\d+\s*,\s*\d+\s*\)|\bcell \d+")


def ids_of(setup: GameSetup) -> set[str]:
    """Every id a player must never read: units, zones, roads, places, weapons, postures, unit types."""
    grid = setup.grid
    ids = {u.id for u in setup.units} | {u.id for r in setup.reinforcements for u in r.units}
    ids |= set(grid.zones) | set(grid.roads) | {p.id for p in grid.places} | set(setup.unit_types)
    ids |= {w.id for t in setup.unit_types.values() for w in t.weapons} | set(POSTURES)
    ids |= {o.id for o in setup.objectives} | {m.id for m in setup.milestone_defs}
    return {i for i in ids if "_" in i or len(i) > 3}  # short words such as "hold" are checked by SNAKE


def bad_tokens(text: str, ids: set[str]) -> list[str]:
    """Id-like tokens and cell tuples in ``text`` (empty when it reads as prose)."""
    found = SNAKE.findall(text) + CELL.findall(text)
    found += [i for i in ids if "_" in i and re.search(rf"\b{re.escape(i)}\b", text)]
    return found


@pytest.fixture(scope="module")
def games(shusha: GameSetup) -> list[Engine]:
    """Three full AI games: different plans on both sides, different seeds."""
    return [run_game(shusha, 1), run_game(shusha, 2, {"attacker": "dash", "defender": "mobile_reserve"}),
            run_game(shusha, 5, {"attacker": "lachin"})]


def test_no_event_text_shows_an_id_or_a_cell(games: list[Engine], shusha: GameSetup) -> None:
    ids = ids_of(shusha)
    assert {"small_arms", "dug_in", "shusha_city"} <= ids
    kinds = set()
    for eng in games:
        for e in eng.log:
            kinds.add(e.kind)
            assert not bad_tokens(e.text, ids), (e.kind, e.text)
    assert {"unit_moved", "shot", "assault", "ambush", "retreated", "scenario_event"} <= kinds  # real coverage


def test_turn_summaries_show_no_id_or_cell(games: list[Engine], shusha: GameSetup) -> None:
    ids = ids_of(shusha)
    eng = games[0]
    ends = [i for i, e in enumerate(eng.log) if isinstance(e, E.TurnEnded) and e.side == "attacker"]
    assert len(ends) > 10
    for a, b in zip(ends, ends[1:], strict=False):
        rep = turn_report(eng, eng.log[a:b], "attacker")
        for _, lines in rep.lines():
            for line in lines:
                assert not bad_tokens(line, ids), line
        assert not bad_tokens(rep.headline(), ids)


def test_fights_and_moves_say_where_they_happened(games: list[Engine]) -> None:
    place = re.compile(r"\b(in|at|of) [A-Z]")
    for kind in ("unit_moved", "shot", "assault", "ambush", "retreated", "under_fire"):
        texts = [e.text for eng in games for e in eng.log if e.kind == kind and "advanced into" not in e.text]
        assert texts, kind
        assert all(place.search(t) for t in texts), (kind, [t for t in texts if not place.search(t)][:3])


def test_casualty_counts_read_as_english(games: list[Engine]) -> None:
    texts = [e.text for eng in games for e in eng.log if e.kind in ("shot", "under_fire", "ambush")]
    assert not any(re.search(r"\b1 casualties\b|\b0 casualties\b", t) for t in texts)
    assert any("no casualties" in t for t in texts)
    assert all("their part of" in e.text for eng in games for e in eng.log if e.kind == "turn_ended")


def test_documented_events_are_history_not_news(games: list[Engine], shusha: GameSetup) -> None:
    notes = {ev.id for ev in shusha.events if ev.attribution == "game assumption"}
    fired = [e for e in games[0].log if isinstance(e, E.ScenarioEventFired)]
    assert len(fired) > 5
    for e in fired:
        ev = next(x for x in shusha.events if x.id == e.event)
        if ev.weather:
            assert e.text[:2].isdigit(), e.text  # a change of weather happens in this game: dated news
        elif ev.id in notes:
            assert e.text.startswith("Scenario note - "), e.text
        else:
            assert e.text.startswith("Historically, "), e.text
            assert f"{ev.time:%d %b %Y %H:%M} - " in e.text


def test_weather_events_stay_dated_news(tiny: GameSetup) -> None:
    eng = run_game(tiny, 1)
    fog = [e for e in eng.log if isinstance(e, E.ScenarioEventFired) and e.event == "fog"]
    assert fog and fog[0].text.startswith("02 Nov 2020 06:00 - Fog settles")


def test_where_names_the_place_and_direction(shusha: GameSetup) -> None:
    grid = shusha.grid
    town = grid.place("shusha")
    assert where(grid, (town.row, town.col)) == "in Shusha / Shushi"
    kirs = grid.place("kirs")
    assert where(grid, (kirs.row, kirs.col)) == "at Mount Kirs (Boyuk Kirs / Mets Kirs)"
    r, c = kirs.row, kirs.col + 10  # 2 km east of the peak, in the open
    assert where(grid, (r, c)) == "2.0 km E of Mount Kirs (Boyuk Kirs / Mets Kirs)"
    assert after_name(grid, (r, c)).startswith(", 2.0 km E of")
    assert after_name(grid, (town.row, town.col)) == " in Shusha / Shushi"


def test_compass_and_distances() -> None:
    assert [compass(1, 0), compass(1, 1), compass(0, 1), compass(-1, 1), compass(-1, 0), compass(-1, -1),
            compass(0, -1), compass(1, -1)] == ["N", "NE", "E", "SE", "S", "SW", "W", "NW"]
    assert [distance_text(x) for x in (0.04, 0.6, 1.0, 2.76, 12.4)] == ["100 m", "600 m", "1.0 km", "2.8 km",
                                                                     "12 km"]
    assert [casualties(0), casualties(1), casualties(7)] == ["no casualties", "1 casualty", "7 casualties"]
    assert counted(1, "settlement cell") == "1 settlement cell"


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 200), st.integers(0, 201))
def test_every_cell_is_described_in_words(shusha: GameSetup, r: int, c: int) -> None:
    text = where(shusha.grid, (r, c))
    assert re.fullmatch(r"(in|at) .+|\d[\d.]* (m|km) (N|NE|E|SE|S|SW|W|NW) of .+", text), text
    assert not CELL.search(text) and not SNAKE.search(text)
