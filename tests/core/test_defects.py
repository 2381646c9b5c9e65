"""Defects found playing as a new user, each pinned by a test."""

from __future__ import annotations

import numpy as np

from game.core import actions as A
from game.core.engine import Engine
from game.core.rules import combat
from game.play.orders import assault_preview, cell_info, has_sight_line
from tests.fixtures import arrange

STACK = """
forces:
  - side: attacker
    units:
      - {id: a1, name: Stormers, type: special_forces_group, at: {cell: [2, 2]}}
  - side: defender
    units:
      - {id: d1, name: Post A, type: garrison_company, at: {cell: [2, 3]}}
      - {id: d2, name: Post B, type: garrison_company, at: {cell: [2, 3]}}
"""


def test_an_assault_fights_the_whole_stack_and_says_what_it_took(make_setup) -> None:
    s = make_setup(["......"] * 5, units=STACK)
    for seed in range(12):
        eng = Engine(s, seed)
        plan = combat.plan_assault(eng.ctx, A.Assault("a1", "d1"))
        assert not isinstance(plan, str) and set(plan.defenders) == {"d1", "d2"}
        one = combat.assault_strength(eng.ctx, eng.state.units["d1"], True)
        assert plan.ratio < combat.assault_strength(eng.ctx, eng.state.units["a1"], False) / one  # both defend
        res = eng.submit(A.Assault("a1", "d1"))
        assert res.ok
        fight = next(e for e in res.events if e.kind == "assault")
        a1 = eng.state.units["a1"]
        left = [u for u in eng.state.units_at((2, 3)) if u.side == "defender"]
        if fight.taken:
            assert "took the position" in fight.text and a1.pos == (2, 3) and not left
        else:
            assert "took the position" not in fight.text and a1.pos == (2, 2)
            if fight.won and left:
                assert "still hold" in fight.text


def test_odds_against_a_broken_unit_read_sensibly(make_setup) -> None:
    s = make_setup(["......"] * 5, units=STACK)
    eng = Engine(arrange(s, d1={"morale": 0.0, "routed": True}, d2={"cell": (4, 5)}), 1)
    text = assault_preview(eng, "a1", "d1")
    assert "odds" in text and "e+" not in text
    ratio = combat.plan_assault(eng.ctx, A.Assault("a1", "d1")).ratio
    assert ratio < 1000  # a broken group still has a floor of fighting power
    assert combat.odds_text(66989999.4) == "more than 20 : 1"
    assert combat.odds_text(0.25) == "1 : 4.0" and combat.odds_text(2.44) == "2.4 : 1"


def test_a_fire_refusal_gives_the_real_reason(make_setup) -> None:
    # the target is within the 800 m machine gun's range; a forest ridge between blocks the sight line
    rows = ["......", "......", "FFFFFF", "......", "......"]
    elev = ["000000", "000000", "999999", "000000", "000000"]
    units = """
forces:
  - side: attacker
    units:
      - {id: a1, name: Group, type: special_forces_group, at: {cell: [0, 2]}}
      - {id: a2, name: Watchers, type: recon_team, at: {cell: [3, 1]}}
  - side: defender
    units:
      - {id: d1, name: Garrison, type: garrison_company, at: {cell: [3, 2]}}
"""
    eng = Engine(make_setup(rows, elev, units=units, cliff=None), 1)
    assert "d1" in eng.spotted_by("attacker")  # the watchers next to it see it
    reason = combat.plan_fire(eng.ctx, A.Fire("a1", "d1"))  # 600 m: beyond small arms, within the MG's 800 m
    assert isinstance(reason, str)
    assert "no line of sight" in reason and "range" not in reason


def test_out_of_range_names_the_longest_weapon(make_setup) -> None:
    units = """
forces:
  - side: attacker
    units:
      - {id: a1, name: Scouts, type: recon_team, at: {cell: [0, 0]}}
  - side: defender
    units:
      - {id: d1, name: Garrison, type: garrison_company, at: {cell: [0, 8]}}
"""
    s = make_setup(["." * 12] * 2, units=units)
    eng = Engine(s, 1)
    assert "d1" in eng.spotted_by("attacker")
    reason = combat.plan_fire(eng.ctx, A.Fire("a1", "d1"))
    assert reason == "Garrison is 1600 m away, beyond the range of Scouts's weapons (longest: rifles, 400 m)."


def test_tooltip_sight_and_direct_fire_follow_one_rule(shusha) -> None:
    """In the town, wherever the tooltip says a unit has a line of sight, direct fire is not refused for sight,
    and wherever it says there is none, direct fire is refused for sight."""
    town = shusha.grid.zones["shusha_city"]
    rows, cols = np.nonzero(town)
    target = next(u.id for u in shusha.units if u.side == "defender" and u.type_id == "garrison_company")
    yes = no = 0
    for k in range(0, len(rows), max(1, len(rows) // 8)):
        here = (int(rows[k]), int(cols[k]))
        for dr, dc in ((0, 1), (1, 1), (2, 1), (0, 3), (3, -2), (-2, -2)):
            there = (here[0] + dr, here[1] + dc)
            if not town[there]:
                continue
            watcher = (there[0], there[1] + 1) if town[there[0], there[1] + 1] else (there[0] + 1, there[1])
            eng = Engine(arrange(shusha, sf_1=here, recon_1=watcher, **{target: there}), 1)
            assert target in eng.spotted_by("attacker")  # the watcher next to it spots it
            says = any("has a line of sight here" in line for line in cell_info(eng, "attacker", there, "sf_1"))
            assert says == has_sight_line(eng, eng.state.units["sf_1"], there)
            plan = combat.plan_fire(eng.ctx, A.Fire("sf_1", target))
            if says:
                assert isinstance(plan, combat.FirePlan) or "line of sight" not in plan, plan
                yes += 1
            else:
                assert isinstance(plan, str) and "line of sight" in plan
                no += 1
    assert yes > 0 and no > 0
