"""Rules as a player meets them: refusals with reasons, climbing, fire, constraints, assault, turns."""

from __future__ import annotations

import pytest

from game.core import actions as A
from game.core.engine import Engine
from game.core.rules import combat, movement
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
    a2 = eng.state.units["a2"]
    march = eng.setup.unit_types["light_infantry_group"].march_fraction
    assert eng.budget_min("a2") == pytest.approx(eng.ctx.turn_minutes() * march)  # a rested group, 6-hour turn
    graph = eng.graph_for(a2)
    # a given path costs exactly its steps
    path = ((4, 2), (4, 3), (3, 4), (3, 5))
    steps = [graph.step_cost(a, b) for a, b in zip(path, path[1:], strict=False)]
    left = eng.budget_min("a2")
    res = eng.submit(A.Move("a2", (3, 5), path))
    assert res.ok, res.reason
    assert a2.pos == (3, 5)
    assert eng.budget_min("a2") == pytest.approx(left - sum(steps) / 60.0)
    moved = [e for e in res.events if e.kind == "unit_moved"]
    assert len(moved) == 1 and moved[0].hours == pytest.approx(sum(steps) / 3600.0)
    # without a path: the cheapest one, at its cost
    cheapest = graph.path(a2.pos, (3, 7), movement.blocked_cells(eng.ctx, a2))
    left = eng.budget_min("a2")
    assert eng.submit(A.Move("a2", (3, 7))).ok
    assert eng.budget_min("a2") == pytest.approx(left - graph.path_seconds(cheapest) / 60.0)
    # walk to and fro until the time is spent; every step costs its time
    cells = [(3, 6), (3, 7)]
    for n in range(1000):
        to = cells[n % 2]
        cost = graph.step_cost(a2.pos, to) / 60.0
        left = eng.budget_min("a2")
        if cost > left:
            break
        assert eng.submit(A.Move("a2", to)).ok
        assert eng.budget_min("a2") == pytest.approx(left - cost)
    before = eng.state.digest()
    res = eng.submit(A.Move("a2", to))
    assert not res.ok and "left this turn" in res.reason, res.reason
    assert f"has {eng.budget_min('a2') / 60:.1f} h of movement" in res.reason
    assert eng.state.digest() == before


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


def test_dig_in_and_rally(make_setup) -> None:
    """A dug-in unit cannot move this turn and defends at the prepared-defence factor (x1.5, not x1.3)."""
    s = make_setup(ROWS, ELEV, units=UNITS, extra=EXTRA, place=(1, 5), zone_m=250)
    eng = Engine(arrange(s, d1=(3, 3)), seed=7)  # the garrison below the cliff, next to the riflemen
    p = eng.ctx.params
    assert (p.posture_hold, p.posture_dug_in) == (1.3, 1.5)  # Dupuy: hasty and prepared defence
    a2, d1 = eng.state.units["a2"], eng.state.units["d1"]
    assert a2.posture == "hold"
    odds = combat.assault_odds_ratio(eng.ctx, d1, a2)
    assert eng.submit(A.DigIn("a2")).ok
    assert a2.posture == "dug_in"
    assert combat.assault_odds_ratio(eng.ctx, d1, a2) == pytest.approx(odds * p.posture_hold / p.posture_dug_in)
    res = eng.submit(A.Move("a2", (4, 3)))
    assert not res.ok and "left this turn" in res.reason, res.reason
    assert a2.pos == (4, 2)
    assert "already dug in" in eng.submit(A.DigIn("a2")).reason
    eng.submit(A.EndTurn("attacker"))
    eng.submit(A.EndTurn("defender"))
    assert a2.posture == "dug_in" and a2.dug_in_turns == 1  # the position stays prepared


def test_rally_raises_morale_by_the_rally_gain_and_steadies_at_rallied_morale(make_setup) -> None:
    s = make_setup(ROWS, ELEV, units=UNITS, extra=EXTRA, place=(1, 5), zone_m=250)
    p = s.params
    edge = p.rallied_morale - p.rally_gain  # one rally from here reaches rallied_morale exactly
    assert 10.0 + p.rally_gain < p.rallied_morale <= 10.0 + 2 * p.rally_gain
    eng = Engine(arrange(s, a1={"morale": 10.0, "routed": True},
                         a3={"morale": edge, "routed": True, "suppression": 50.0},
                         a2={"cell": (4, 6), "morale": 50.0}, d1=(3, 7)), seed=7)
    a1, a2, a3 = (eng.state.units[k] for k in ("a1", "a2", "a3"))
    assert "routed" in eng.submit(A.DigIn("a3")).reason
    assert eng.submit(A.Rally("a3")).ok
    assert a3.morale == pytest.approx(p.rallied_morale)
    assert not a3.routed  # steady again at rallied_morale
    assert a3.suppression == pytest.approx(50.0 - p.rally_suppression)
    assert "left this turn" in eng.submit(A.Move("a3", (4, 5))).reason  # rallying takes the turn
    assert eng.submit(A.Rally("a1")).ok
    assert a1.morale == pytest.approx(10.0 + p.rally_gain) and a1.routed  # below rallied_morale
    assert eng.submit(A.Rally("a2")).ok  # next to the garrison: less
    assert a2.morale == pytest.approx(50.0 + p.rally_gain_in_contact)
    eng.submit(A.EndTurn("attacker"))
    eng.submit(A.EndTurn("defender"))
    assert a1.morale == pytest.approx(10.0 + p.rally_gain)  # a routed unit does not recover by itself
    assert eng.submit(A.Rally("a1")).ok
    assert a1.morale == pytest.approx(10.0 + 2 * p.rally_gain) and not a1.routed


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
