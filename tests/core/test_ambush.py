"""Ambush: a group that walks next to an enemy post it had not spotted is halted and fired on first."""

from __future__ import annotations

from game.core import actions as A
from game.core import events as E
from game.core.engine import Engine
from tests.fixtures import arrange

UNITS = """
forces:
  - side: attacker
    units:
      - {id: a1, name: Column, type: light_infantry_group, at: {cell: [3, 0]}}
  - side: defender
    units:
      - {id: d1, name: Post in the wood, type: garrison_company, at: {cell: [2, 6]}}
"""
ROWS = ["FFFFFFFFFFFF", "FFFFFFFFFFFF", "FFFFFFFFFFFF", "............", "............"]


def test_a_hidden_post_stops_the_column_and_fires_first(make_setup) -> None:
    setup = make_setup(ROWS, units=UNITS, hour="20")
    eng = Engine(setup, 3)
    assert "d1" not in eng.spotted_by("attacker")
    path = tuple((3, c) for c in range(0, 11))
    res = eng.submit(A.Move("a1", (3, 10), path))
    assert res.ok, res.reason
    a1 = eng.state.units["a1"]
    assert a1.pos == (3, 5)  # the first cell next to the post: the column is halted there
    ambush = [e for e in res.events if isinstance(e, E.Ambushed)]
    assert len(ambush) == 1 and ambush[0].target == "d1"
    assert a1.suppression > 0 and eng.state.units["d1"].active  # the post gave itself away
    assert ambush[0].visible_to("attacker")  # the column knows who fired: it is next to it


def test_no_ambush_by_a_post_already_seen_or_one_that_moved(make_setup) -> None:
    setup = make_setup(ROWS, units=UNITS, hour="20")
    eng = Engine(arrange(setup, a1=(3, 5)), 3)  # starts next to the post: it is seen
    assert "d1" in eng.spotted_by("attacker")
    res = eng.submit(A.Move("a1", (3, 6), ((3, 5), (3, 6))))
    assert res.ok and not any(isinstance(e, E.Ambushed) for e in res.events)
    moving = Engine(arrange(setup, d1={"posture": "moving"}), 3)  # caught on the move: no ambush
    res = moving.submit(A.Move("a1", (3, 10), tuple((3, c) for c in range(0, 11))))
    assert res.ok and not any(isinstance(e, E.Ambushed) for e in res.events)
