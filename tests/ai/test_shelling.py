"""The shell_zone task: mortars fire on the enemies their side spots in the zone, walk into range first and
stop there, and never shell a no-fire zone (the scenario refuses the plan; with the rule in force the AI
proposes no such fire and the engine refuses it)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.ai.plan_policy import PlanPolicy
from game.ai.view import SideView
from game.core import actions as A
from game.core.engine import Engine
from game.core.plans import plan_for, with_plans
from game.core.setup import GameSetup
from game.scenario.errors import ScenarioError
from game.scenario.load import load_scenario
from tests.core.conftest import POCKET, roads_map_text

# the pocket (zone of radius 2 cells round (7, 12)) holds a garrison; a reconnaissance team may watch it
UNITS = """
forces:
  - side: attacker
    units:
      - {{id: mortar, name: Mortars, type: {gun_type}, at: {{cell: {gun_at}}}}}
      - {{id: eyes, name: Observers, type: recon_team, at: {{cell: {eyes_at}}}}}
  - side: defender
    units:
      - {{id: inside, name: Pocket garrison, type: garrison_company, at: {{cell: [7, 12]}}}}
"""
PLAN = """
plans:
  - id: shell
    side: attacker
    name: Shell the pocket
    description: The mortars shell the pocket; the team watches it.
    basis: {basis}
    {lifts}
    tasks:
      - {{id: watch, name: Watch, group: [eyes], do: screen, at: {{cell: {eyes_at}}}, route: fastest}}
      - {{id: shell, name: Shell, group: [{group}], do: shell_zone, zone: pocket{via}, route: fastest}}
"""
NO_FIRE = """
constraints:
  no_fire_zones:
    - {zone: pocket, side: attacker, forbid: [indirect], reason: "The hamlet is not to be shelled."}
"""
# a light mortar reaching 1 km (5 cells), so that on this small map a unit can stand out of range; it sees
# only its neighbours (so it fires only on what the observers spot)
LIGHT_MORTAR = """
unit_types:
  - id: light_mortar
    name: Light mortar section
    unit_class: mortar
    move_class: foot
    headcount: 20
    spotting_m: 100
    capabilities: [dig_in]
    weapons:
      - {id: mortar_60, name: 60 mm mortars, range_m: 1000, firepower: 3.0, indirect: true, ammo_per_shot: 20}
"""


def shell_text(*, gun_type: str = "mortar_battery", gun_at: str = "[1, 1]", eyes_at: str = "[7, 8]",
               basis: str = "alternative", lifts: str = "", group: str = "mortar", via: str = "",
               extra: str = "") -> str:
    """The two-roads map with the mortar's shell_zone plan (``eyes_at`` None: no observers at all)."""
    units = UNITS.format(gun_type=gun_type, gun_at=gun_at, eyes_at=eyes_at)
    plan = PLAN.format(basis=basis, lifts=lifts, group=group, via=via, eyes_at=eyes_at)
    return roads_map_text(units, extra + plan)


def without_observers(text: str) -> str:
    """The scenario text without the reconnaissance team and its task."""
    return "\n".join(line for line in text.splitlines() if "eyes" not in line) + "\n"


def load(tmp_path: Path, text: str) -> GameSetup:
    p = tmp_path / "shell.yaml"
    p.write_text(text)
    return load_scenario(p)


def attacker_orders(eng: Engine) -> list[A.Action]:
    """The attacker's orders for its current phase, each submitted (and required to be accepted) in turn."""
    policy = PlanPolicy(eng.setup, "attacker", plan_for(eng.setup, "attacker"))
    out = []
    for action in policy.phase(SideView(eng, "attacker", policy.plan)):
        res = eng.submit(action)
        assert res.ok, (action, res.reason)
        out.append(action)
    return out


def pocket_damage(eng: Engine) -> float:
    return float(eng.state.damage[eng.setup.grid.zones["pocket"]].sum())


def test_a_mortar_in_range_fires_on_the_enemy_its_side_spots_in_the_zone(tmp_path: Path) -> None:
    eng = Engine(load(tmp_path, shell_text()), seed=1)
    assert "inside" in eng.spotted_by("attacker")  # seen by the observers, not by the mortar (12 cells off)
    orders = attacker_orders(eng)
    assert A.Fire("mortar", "inside") in orders
    assert not any(isinstance(o, A.Move) and o.unit == "mortar" for o in orders)  # in range: it stays
    assert pocket_damage(eng) > 0
    assert eng.memory["attacker"]["tasks"]["shell"] == "achieved"  # in position (it goes on shelling)


def test_no_fire_without_an_observer(tmp_path: Path) -> None:
    """The rules allow fire only at what the side spots: with no observer the mortar (which sees 1.5 km into a
    village) does not see the garrison 2.5 km off, and holds."""
    eng = Engine(load(tmp_path, without_observers(shell_text())), seed=1)
    assert "inside" not in eng.spotted_by("attacker")
    orders = attacker_orders(eng)
    assert not any(isinstance(o, A.Fire) for o in orders)
    assert pocket_damage(eng) == 0


def test_out_of_range_it_walks_towards_the_zone_and_stops_where_it_comes_into_range(tmp_path: Path) -> None:
    text = shell_text(gun_type="light_mortar", gun_at="[7, 0]", extra=LIGHT_MORTAR)
    eng = Engine(load(tmp_path, text), seed=1)
    orders = attacker_orders(eng)
    move = next(o for o in orders if isinstance(o, A.Move) and o.unit == "mortar")
    dist = [float(np.hypot(r - POCKET[0], c - POCKET[1])) for r, c in move.path]
    assert dist[-1] <= 5.0 < dist[-2]  # the first cell of its way in range (1 km), not on into the pocket
    assert eng.state.units["mortar"].pos == move.to
    assert A.Fire("mortar", "inside") in orders  # and it fires from there in the time left


def test_it_walks_its_route_to_the_end_before_it_takes_position(tmp_path: Path) -> None:
    """In range from the start, but the plan sends it round by a waypoint first: the route decides where it
    fires from; the task is achieved once it stands there with the zone in range (later tasks may start)."""
    text = shell_text(gun_type="light_mortar", gun_at="[9, 8]", via=", via: [{cell: [11, 13]}]",
                      extra=LIGHT_MORTAR)
    eng = Engine(load(tmp_path, without_observers(text)), seed=1)
    orders = attacker_orders(eng)
    move = next(o for o in orders if isinstance(o, A.Move) and o.unit == "mortar")
    assert max(abs(move.to[0] - 11), abs(move.to[1] - 13)) <= 2  # at the waypoint, though in range before it
    assert eng.memory["attacker"]["tasks"]["shell"] == "achieved"  # there, with the zone in range
    assert eng.submit(A.EndTurn("defender")).ok  # the defender stands still; the attacker's next phase
    orders = attacker_orders(eng)
    assert not any(isinstance(o, A.Move) for o in orders)  # at its firing position it digs in
    assert A.DigIn("mortar") in orders


def test_shelling_a_no_fire_zone_needs_a_counterfactual_plan_that_lifts_it(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as e:
        load(tmp_path, shell_text(extra=NO_FIRE))
    got = [str(p) for p in e.value.problems]
    assert len(got) == 1
    assert "plans.0.tasks.1.zone: zone 'pocket' is a no-fire zone for side attacker" in got[0]
    assert "The hamlet is not to be shelled." in got[0] and "lifts: [no_fire_zones]" in got[0]
    setup = load(tmp_path, shell_text(extra=NO_FIRE, basis="counterfactual", lifts="lifts: [no_fire_zones]"))
    assert setup.constraints.no_fire_zones  # lifted only in a game of this plan (with_plans)


def test_with_the_no_fire_zone_in_force_the_ai_proposes_no_such_fire_and_the_engine_refuses_it(
        tmp_path: Path) -> None:
    """The plan's lift is what allows the shelling: with the scenario's constraint in force (the rules decide,
    not the AI) the mortar gives no fire order into the zone, and one given by hand is refused."""
    loaded = load(tmp_path, shell_text(extra=NO_FIRE, basis="counterfactual", lifts="lifts: [no_fire_zones]"))
    lifted = with_plans(loaded, {"attacker": "shell"})
    assert not lifted.constraints.no_fire_zones
    assert A.Fire("mortar", "inside") in attacker_orders(Engine(lifted, seed=1))
    eng = Engine(loaded, seed=1)  # the same plan, its lift not applied: the scenario's constraint in force
    assert eng.setup.constraints.no_fire_zones
    res = eng.submit(A.Fire("mortar", "inside"))
    assert not res.ok and "no-fire zone" in res.reason and "not to be shelled" in res.reason
    orders = attacker_orders(eng)
    assert not any(isinstance(o, A.Fire) and o.unit == "mortar" for o in orders)
    assert pocket_damage(eng) == 0


def test_a_shell_zone_group_is_of_mortars_or_guns(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as e:
        load(tmp_path, shell_text(group="mortar, eyes"))
    got = [str(p) for p in e.value.problems]
    assert len(got) == 1
    assert "plans.0.tasks.1.group.1: unit 'eyes' (Reconnaissance team) has no indirect-fire weapon" in got[0]
    with pytest.raises(ScenarioError) as e:
        load(tmp_path, shell_text().replace("do: shell_zone, zone: pocket", "do: shell_zone"))
    assert [str(p).split(": ", 1)[1] for p in e.value.problems] == [
        "plans.0.tasks.1.zone: a shell_zone task needs the zone to shell (zone)"]
