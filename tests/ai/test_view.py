"""A policy decides from what its side knows: hidden enemies change none of its choices."""

from __future__ import annotations

from game.ai.plan_policy import PlanPolicy
from game.ai.view import SideView
from game.core import actions as A
from game.core.engine import Engine
from tests.fixtures import arrange


def first_phase(setup, side: str = "attacker") -> list[A.Action]:
    eng = Engine(setup, 5)
    policy = PlanPolicy(setup, side)
    out = []
    for action in policy.phase(SideView(eng, side, policy.plan)):
        out.append(action)
        assert eng.submit(action).ok
    return out


ROWS = ["GGGGGGGGGGGGGGGG"] + ["................"] * 6
UNITS = """
forces:
  - side: attacker
    units:
      - {id: a1, name: Riflemen, type: light_infantry_group, at: {cell: [3, 0]}}
  - side: defender
    units:
      - {id: d1, name: Hidden post, type: garrison_company, at: {cell: [0, 8]}}
"""
PLAN = """
plans:
  - id: cross
    side: attacker
    name: Cross the field by night
    description: A concealed move past the gorge.
    basis: alternative
    tasks:
      - {id: cross, name: Cross, group: [a1], do: move, via: [{cell: [3, 15]}], route: concealed}
"""


def test_moving_an_unspotted_enemy_changes_no_choice(make_setup) -> None:
    """A concealed route keeps away from known enemies; an enemy hidden in the gorge is not known, so where it
    hides changes nothing (an AI that peeked would bend its route round it)."""
    setup = make_setup(ROWS, units=UNITS, extra=PLAN, hour="20")
    routes = []
    for cell in ((0, 8), (0, 3), (0, 13)):
        moved = arrange(setup, d1=cell)
        assert "d1" not in Engine(moved, 5).spotted_by("attacker")
        routes.append(first_phase(moved))
    assert any(isinstance(a, A.Move) for a in routes[0])
    assert routes[1] == routes[0] and routes[2] == routes[0]


def test_the_view_shows_only_spotted_enemies_and_copies(tiny) -> None:
    eng = Engine(arrange(tiny, a1=(2, 9)), 1)  # next to the town garrison; the road post stays unseen
    view = SideView(eng, "attacker", None)
    assert [e.id for e in view.enemies()] == ["d1"]
    mine = next(u for u in view.own() if u.id == "a1")
    mine.row = 0  # a copy: the game does not change
    assert eng.state.units["a1"].row == 2
    threat = view.threat()
    assert threat[1, 9] == 1.0 and threat[2, 9] > 0 and threat[5, 14] == 0  # only the seen enemy casts a threat


def test_where_an_enemy_was_last_seen_is_remembered(tiny) -> None:
    eng = Engine(arrange(tiny, a1=(2, 10)), 1)
    assert eng.state.last_seen["defender"]["a1"] == [2, 10, 0]  # seen as the phase began
    view = SideView(eng, "defender", None)
    assert "a1" not in view.last_known()  # in sight now: not a memory


def test_last_known_follows_the_game_through_a_phase(shusha) -> None:
    """A view kept for a whole phase tells the same last sightings as a fresh view after every order."""
    from game.sim.run import make_policies

    eng = Engine(shusha, 4)
    policies = make_policies(shusha)
    changes = 0
    while eng.state.turn < 12 and not eng.state.game_over:
        side = eng.state.side
        view = SideView(eng, side, policies[side].plan)
        before = view.last_known()
        for action in policies[side].phase(view):
            eng.submit(action)
            if eng.state.side != side:
                break
            now = view.last_known()
            assert now == SideView(eng, side, None).last_known()
            changes += now != before
            before = now
    assert changes  # sightings did change within phases (the check above saw a change, not one answer)
