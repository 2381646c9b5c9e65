"""Rules as a player meets them: refusals with reasons, climbing, fire, constraints, assault, turns."""

from __future__ import annotations

import pytest

from game.core import actions as A
from game.core.engine import Engine
from tests.fixtures import arrange

UNITS = """
forces:
  - side: attacker
    units:
      - {id: a1, name: Climbers, type: special_forces_group, at: {cell: [4, 1]}}
      - {id: a2, name: Riflemen, type: light_infantry_group, at: {cell: [4, 2]}}
      - {id: a3, name: Mortars, type: mortar_battery, at: {cell: [4, 4]}}
  - side: defender
    units:
      - {id: d1, name: Garrison, type: garrison_company, at: {cell: [1, 5]}}
"""
ROWS = ["........", ".....UU.", "........", "........", "........"]
ELEV = ["33333333", "33333333", "33333333", "00000000", "00000000"]  # 300 m cliff between rows 2 and 3
EXTRA = """
constraints:
  forbidden_unit_classes:
    - {side: attacker, classes: [heavy_armour], reason: "No tanks on this ground."}
  no_fire_zones:
    - {zone: z, side: attacker, forbid: [indirect, heavy], reason: "The town is not to be bombarded."}
"""


@pytest.fixture
def eng(make_setup) -> Engine:
    s = make_setup(ROWS, ELEV, units=UNITS, extra=EXTRA, place=(1, 5), zone_m=250)
    assert s.grid.zones["z"][1, 5]
    return Engine(s, seed=7)


def test_refused_actions_say_why_and_change_nothing(eng: Engine) -> None:
    before = eng.state.digest()
    cases = [
        (A.Move("a2", (1, 2)), "cannot reach"),  # the cliff, and riflemen cannot climb
        (A.Climb("a2", (3, 2)), "no climbing capability"),
        (A.Move("d1", (1, 4)), "turn"),
        (A.Move("zz", (1, 4)), "no unit"),
        (A.EndTurn("defender"), "Attackers are to move"),
        (A.Fire("a1", "d1"), "not spotted"),
        (A.Assault("a1", "d1"), "not spotted"),
        (A.Move("a1", (40, 1)), "off the map"),
    ]
    for action, words in cases:
        res = eng.submit(action)
        assert not res.ok
        assert words in res.reason, (action, res.reason)
        assert eng.state.digest() == before
    assert eng.record.actions == []


def test_climbing_units_scale_the_cliff_slowly_and_exposed(eng: Engine) -> None:
    assert eng.submit(A.Move("a1", (3, 1))).ok
    res = eng.submit(A.Climb("a1", (2, 1)))
    assert not res.ok and "may start a long climb" in res.reason  # 300 m: 4.5 h, after a move
    eng.submit(A.EndTurn("attacker"))
    eng.submit(A.EndTurn("defender"))
    res = eng.submit(A.Climb("a1", (2, 1)))
    assert res.ok, res.reason
    u = eng.state.units["a1"]
    assert u.pos == (3, 1) and u.climbing and u.climb_to == (2, 1)  # still on the face
    assert 0 < u.climb_left < 4.5 * 60
    assert not eng.submit(A.Move("a1", (4, 1))).ok  # on the face: no more moves this turn
    eng.submit(A.EndTurn("attacker"))
    eng.submit(A.EndTurn("defender"))
    assert not u.climbing
    assert eng.submit(A.Climb("a1", (2, 1))).ok
    assert u.pos == (2, 1) and u.climbing and u.climb_to is None


def test_no_bombardment_of_the_town(make_setup) -> None:
    # an attacker next to the garrison so it is spotted, then the mortar may not fire into the town
    s = make_setup(ROWS, ELEV, units=UNITS, extra=EXTRA, place=(1, 5), zone_m=250)
    eng = Engine(arrange(s, a1=(1, 4)), seed=7)
    d1 = eng.state.units["d1"]
    assert "d1" in eng.spotted_by("attacker")
    before = eng.state.digest()
    res = eng.submit(A.Fire("a3", "d1"))
    assert not res.ok
    assert "no-fire zone" in res.reason and "bombarded" in res.reason
    assert eng.state.digest() == before
    # small arms from the adjacent group are not bombardment
    res = eng.submit(A.Fire("a1", "d1"))
    assert res.ok, res.reason
    assert d1.suppression > 0


def test_forbidden_classes_can_never_be_created(make_setup) -> None:
    s = make_setup(ROWS, ELEV, units=UNITS, extra=EXTRA, place=(1, 5), zone_m=250)
    from game.core.units import Unit

    s.units.append(Unit("a9", "attacker", "tank_company", "Tanks", 4, 6, 30))
    with pytest.raises(ValueError, match="forbidden"):
        Engine(s, seed=1)


def test_move_costs_time_and_the_budget_runs_out(eng: Engine) -> None:
    left = eng.budget_min("a2")
    assert eng.submit(A.Move("a2", (4, 3))).ok
    assert eng.budget_min("a2") < left
    res = eng.submit(A.Move("a2", (4, 7)))
    far = eng.submit(A.Move("a2", (3, 7))) if res.ok else res
    assert res.ok or "left this turn" in res.reason or far.ok


def test_assault_and_turn_sequence(make_setup) -> None:
    s = make_setup(ROWS, ELEV, units=UNITS, extra=EXTRA, place=(1, 5), zone_m=250)
    eng = Engine(arrange(s, a1=(1, 4)), seed=7)
    a1 = eng.state.units["a1"]
    res = eng.submit(A.Assault("a1", "d1"))
    assert res.ok, res.reason
    d1 = eng.state.units["d1"]
    assert a1.strength < 100 or d1.strength < 120
    assert a1.fired
    assert eng.submit(A.EndTurn("attacker")).ok
    assert eng.state.side == "defender"
    assert eng.submit(A.EndTurn("defender")).ok
    assert eng.state.turn == 1 and eng.state.side == "attacker"
    assert not a1.fired and a1.used_min == 0
    assert len(eng.record.digests) == 2


def test_dig_in_and_rally(eng: Engine) -> None:
    assert eng.submit(A.DigIn("a2")).ok
    assert eng.state.units["a2"].posture == "dug_in"
    assert not eng.submit(A.Move("a2", (4, 3))).ok
    u = eng.state.units["a3"]
    u.morale, u.routed = 10.0, True
    assert not eng.submit(A.DigIn("a3")).ok
    assert eng.submit(A.Rally("a3")).ok
    assert u.morale > 10.0


def test_event_weather_lasts_until_the_next_scheduled_spell(tiny) -> None:
    from datetime import datetime

    from game.core.clock import Clock

    clock = Clock(tiny)  # scheduled: clear from 1 Nov 06:00, fog from 2 Nov 06:00
    assert clock.weather(0).kind == "clear"
    assert clock.weather(1, "rain", datetime(2020, 11, 1, 10)).kind == "rain"
    assert clock.weather(5, "rain", datetime(2020, 11, 1, 10)).kind == "fog"  # the schedule moved on


def test_building_damage_is_booked_to_the_side_that_caused_it(tiny) -> None:
    eng = Engine(arrange(tiny, a1=(2, 9)), 2)  # in the town, next to its garrison
    assert eng.submit(A.Fire("a1", "d1")).ok
    att, dfd = eng.state.damage_by
    assert att.sum() > 0 and dfd.sum() == 0
    assert abs(float(eng.state.damage.sum()) - float(att.sum())) < 1e-5
