"""How the built-in AI carries out a plan: groups do not wait forever for a straggler, a broken garrison
cut off from supply breaks out along its roads, and a unit never stands at a cliff it cannot climb."""

from __future__ import annotations

from game.ai.plan_policy import PlanPolicy
from game.ai.view import SideView
from game.core import actions as A
from game.core.engine import Engine
from game.sim.run import ai_phase, make_policies
from tests.fixtures import arrange

# ---------------------------------------------------------------- a straggler
FIELD = ["................"] * 2 + ["................", "WW..............", ".W.............."]
GROUP = """
forces:
  - side: attacker
    units:
      - {id: a1, name: Fast group, type: light_infantry_group, at: {cell: [2, 0]}}
      - {id: a2, name: Walled-in group, type: light_infantry_group, at: {cell: [4, 0]}}
  - side: defender
    units:
      - {id: d1, name: Far post, type: garrison_company, at: {cell: [0, 15]}}
"""
GROUP_PLAN = """
plans:
  - id: go
    side: attacker
    name: Go east, then hold
    description: Both groups march east; the hold starts when the march is over.
    basis: alternative
    tasks:
      - {id: march, name: March, group: [a1, a2], do: move, via: [{cell: [2, 12]}], route: fastest}
      - {id: hold, name: Hold, group: [a1], do: hold, at: {cell: [2, 12]}, route: fastest, start: {after: [march]}}
"""


def test_a_group_goes_on_a_day_after_its_first_unit_arrived(make_setup) -> None:
    """One group is walled in by water and can never arrive; the march is over a day after the other one
    arrived (the side waits for stragglers, then goes on), so the next task starts."""
    setup = make_setup(FIELD, units=GROUP, extra=GROUP_PLAN, hour="06")
    eng = Engine(setup, 3)
    policies = make_policies(setup)
    arrived_at = over_at = None
    while not eng.state.game_over and over_at is None:
        side = eng.state.side
        for _ in ai_phase(eng, policies[side], strict=True):
            pass
        if side == "attacker":
            a1 = eng.state.units["a1"]
            if arrived_at is None and abs(a1.col - 12) <= 2 and abs(a1.row - 2) <= 2:
                arrived_at = eng.state.turn
            if eng.memory["attacker"]["tasks"]["march"] == "achieved":
                over_at = eng.state.turn
    assert eng.state.units["a2"].pos == (4, 0)
    assert arrived_at is not None and over_at is not None
    hours = (eng.clock.start(over_at) - eng.clock.start(arrived_at)).total_seconds() / 3600
    assert 24 <= hours <= 30, (arrived_at, over_at)
    assert eng.memory["attacker"]["tasks"]["hold"] != "waiting"  # the next task has started


# ---------------------------------------------------------------- a broken garrison, cut off
POCKET_UNITS = """
forces:
  - side: attacker
    units:
      - {id: west, name: West team, type: recon_team, at: {cell: [7, 2]}}
      - {id: east, name: East team, type: recon_team, at: {cell: [7, 22]}}
  - side: defender
    units:
      - {id: inside, name: Pocket garrison, type: garrison_company, at: {cell: [7, 12]}, morale: 10}
"""
SUPPLY = """
supply:
  - {side: defender, zone: pocket, roads: [west_road, east_road]}
"""


def defender_orders(setup) -> list[A.Action]:
    """The defender's orders in the second turn (after the first turn's end has judged the supply)."""
    eng = Engine(setup, 1)
    for _ in range(3):
        assert eng.submit(A.EndTurn(eng.state.side)).ok
    assert eng.state.side == "defender"
    policy = PlanPolicy(setup, "defender")
    return list(policy.phase(SideView(eng, "defender", policy.plan)))


def test_a_broken_garrison_cut_off_breaks_out_along_a_supply_road(make_roads_setup) -> None:
    setup = arrange(make_roads_setup(units=POCKET_UNITS, extra=SUPPLY), inside={"routed": True})
    orders = defender_orders(setup)
    move = orders[0]
    assert isinstance(move, A.Move) and move.unit == "inside"
    assert abs(move.to[1] - 12) > 2  # out of the pocket (radius 2 cells), along the road
    assert abs(move.to[0] - 7) <= 1


def test_a_broken_garrison_still_supplied_rallies_where_it_is(make_roads_setup) -> None:
    setup = arrange(make_roads_setup(units=POCKET_UNITS, extra=SUPPLY), inside={"routed": True}, east=(0, 24))
    orders = defender_orders(setup)
    assert orders[0] == A.Rally("inside")
