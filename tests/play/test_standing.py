"""Standing orders: far moves last several turns through Engine.submit, groups keep together, saves keep them."""

from __future__ import annotations

import json

import pytest

from game.core import actions as A
from game.core.engine import Engine
from game.play import groups, standing
from game.play.player_path import player_path
from game.play.saves import SaveError
from game.play.session import Session
from tests.fixtures import arrange

SIDE = "attacker"


def end_round(eng: Engine) -> None:
    """Both sides end their part of the turn (the defender does nothing)."""
    assert eng.submit(A.EndTurn(SIDE)).ok
    assert eng.submit(A.EndTurn("defender")).ok


def test_a_far_move_lasts_until_arrival_through_submit(tiny) -> None:
    eng = Engine(arrange(tiny, a2={"used_min": 165.0}), 1)  # a quarter of an hour of its turn left
    said = groups.move(eng, SIDE, ["a2"], (11, 15))
    a2 = eng.state.units["a2"]
    assert not said and a2.pos != (11, 8) and a2.pos != (11, 15)
    assert standing.orders_of(eng, SIDE)["a2"].to == (11, 15)
    route = standing.routes(eng, SIDE)["a2"]
    assert route.path[-1] == (11, 15) and route.marks[-1] == (len(route.path) - 1, 1)  # arrives next turn
    end_round(eng)
    moves_before = len(eng.record.actions)
    said = standing.start_turn(eng, SIDE)
    assert a2.pos == (11, 15)
    assert eng.record.actions[moves_before]["action"]["type"] == "move"  # a plain recorded order
    assert said and "Group 2 has arrived" in said[0] and said[0] in [e.text for e in eng.log]
    assert "a2" not in standing.orders_of(eng, SIDE)
    assert standing.start_turn(eng, SIDE) == [] and len(eng.record.actions) == moves_before + 1  # once a turn


def test_another_order_or_cancel_replaces_it(tiny) -> None:
    eng = Engine(arrange(tiny, a2={"used_min": 165.0}), 1)
    groups.move(eng, SIDE, ["a2"], (11, 15))
    assert standing.cancel(eng, SIDE, "a2") and not standing.orders_of(eng, SIDE)
    groups.move(eng, SIDE, ["a2"], (11, 15))
    groups.hold(eng, SIDE, ["a2"])
    assert standing.orders_of(eng, SIDE)["a2"].kind == "hold"
    end_round(eng)
    standing.start_turn(eng, SIDE)
    assert eng.record.actions[-1]["action"] == {"type": "hold", "unit": "a2"}  # holds again, every turn


def test_contact_stops_the_order_and_says_so(tiny) -> None:
    eng = Engine(arrange(tiny, a3={"cell": (7, 12)}), 1)  # on the slope: the road post at (5, 14) is in view
    assert "d2" in eng.spotted_by(SIDE)
    said = groups.move(eng, SIDE, ["a3"], (5, 12), fastest=True)  # next to the post: zone of control
    a3 = eng.state.units["a3"]
    assert max(abs(a3.row - 5), abs(a3.col - 14)) <= 1 or a3.pos == (5, 12) or said
    assert "a3" not in standing.orders_of(eng, SIDE)
    assert any("contact" in s or "arrived" in s for s in said)


def test_a_group_keeps_the_pace_of_the_slowest(tiny) -> None:
    eng = Engine(arrange(tiny, a1={"used_min": 200.0}), 1)  # Group 1 has least time left
    starts = {u: eng.state.units[u].pos for u in ("a1", "a2")}
    groups.move(eng, SIDE, ["a1", "a2"], (11, 15))
    orders = standing.orders_of(eng, SIDE)
    assert orders["a1"].group == orders["a2"].group != "" and orders["a1"].to != orders["a2"].to
    shares = {}
    for u in ("a1", "a2"):
        probe = Engine(arrange(tiny, a1={"used_min": 200.0}), 1)  # the route as it was planned
        path = player_path(probe, probe.state.units[u], orders[u].to)
        cum = standing.path_seconds(probe, probe.state.units[u], path)
        at = path.index(eng.state.units[u].pos)
        shares[u] = (cum[at] / cum[-1], max(b - a for a, b in zip(cum, cum[1:], strict=False)) / cum[-1])
    # Group 2 could walk its whole way this turn, but goes only the share Group 1 can manage
    assert eng.state.units["a2"].pos != orders["a2"].to and eng.state.units["a1"].pos != starts["a1"]
    assert abs(shares["a1"][0] - shares["a2"][0]) <= max(shares["a1"][1], shares["a2"][1])


def test_a_night_order_waits_for_darkness(tiny) -> None:
    eng = Engine(tiny, 1)
    assert not eng.clock.is_night(0)
    groups.move(eng, SIDE, ["a2"], (11, 15), night=True)
    assert eng.state.units["a2"].pos == (11, 8) and standing.orders_of(eng, SIDE)["a2"].night
    route = standing.routes(eng, SIDE)["a2"]
    assert route.marks[-1][1] == 2  # the first night turn
    end_round(eng)
    standing.start_turn(eng, SIDE)
    assert eng.state.units["a2"].pos == (11, 8)  # still day
    end_round(eng)
    standing.start_turn(eng, SIDE)
    assert eng.state.units["a2"].pos == (11, 15)


OPEN_UNITS = """
forces:
  - side: attacker
    units:
      - {id: a1, name: Column, type: light_infantry_group, at: {cell: [6, 0]}}
  - side: defender
    units:
      - {id: d1, name: Post on the way, type: garrison_company, at: {cell: [6, 9]}}
"""


def test_paths_keep_clear_of_known_enemies_unless_the_fastest_is_asked(make_setup) -> None:
    setup = make_setup(["." * 20] * 13, units=OPEN_UNITS)
    eng = Engine(arrange(setup, a1=(6, 5)), 1)  # close enough to see the post in the open
    assert "d1" in eng.spotted_by(SIDE)
    u = eng.state.units["a1"]

    def closest(path):
        return min(max(abs(r - 6), abs(c - 9)) for r, c in path)

    safe = player_path(eng, u, (6, 18))
    fast = player_path(eng, u, (6, 18), fastest=True)
    assert safe is not None and fast is not None
    assert closest(fast) <= 1 and closest(safe) >= 3  # round the post, not past it
    assert "fastest way" in groups_preview(eng, fast=True) and "Alt+click" in groups_preview(eng, fast=False)


def groups_preview(eng: Engine, *, fast: bool) -> str:
    from game.play.orders import move_preview

    prev = move_preview(eng, "a1", (6, 18), fastest=fast)
    assert not isinstance(prev, str)
    return prev.text


def test_saves_keep_standing_orders_and_reject_bad_ones(tiny, tmp_path) -> None:
    s = Session.new(tiny, 1, [SIDE], saves=tmp_path)
    groups.move(s.engine, SIDE, ["a2"], (11, 15), night=True)
    path = s.save(tmp_path / "g.jsonl")
    back = Session.load(path, saves=tmp_path)
    assert standing.orders_of(back.engine, SIDE) == standing.orders_of(s.engine, SIDE)
    lines = path.read_text().splitlines()
    head = json.loads(lines[0])
    head["save"]["ai"][SIDE]["standing"]["orders"]["a2"]["to"] = [99, 3]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([json.dumps(head)] + lines[1:]) + "\n")
    with pytest.raises(SaveError, match=r"save\.ai\.attacker\.standing\.orders\.a2\.to: expected a cell"):
        Session.load(bad, saves=tmp_path)
