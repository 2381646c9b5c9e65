"""Click meanings and previews: the client's orders come from the engine's own rules."""

from __future__ import annotations

import pytest

from game.core import actions as A
from game.core.engine import Engine
from game.play.orders import cell_info, move_preview, order_for_click
from tests.fixtures import arrange


def test_far_click_moves_as_far_as_this_turn_allows(tiny) -> None:
    fresh = move_preview(Engine(tiny, 1), "a2", (5, 15))
    assert not isinstance(fresh, str)
    assert fresh.now == fresh.path and fresh.arrival_turn == 0 and fresh.text.endswith("arrives this turn")
    eng = Engine(arrange(tiny, a2={"used_min": 165.0}), 1)  # a quarter of an hour of its turn left
    a2 = eng.state.units["a2"]
    prev = move_preview(eng, "a2", (5, 15))
    assert not isinstance(prev, str)
    assert prev.path == fresh.path and prev.path[0] == (11, 8) and prev.path[-1] == (5, 15)
    graph = eng.graph_for(a2)
    costs = [graph.step_cost(a, b) for a, b in zip(prev.path, prev.path[1:], strict=False)]
    assert prev.hours == pytest.approx(sum(costs) / 3600)
    walked = len(prev.now) - 1
    assert prev.now == prev.path[:walked + 1]
    assert 0 < walked < len(costs)
    assert sum(costs[:walked]) <= 15 * 60 < sum(costs[:walked + 1])  # the longest start that fits
    assert prev.arrival_turn == 1 and "arrives turn 2" in prev.text
    act = order_for_click(eng, "a2", (5, 15))
    assert act == A.Move("a2", prev.now[-1], tuple(prev.now))
    assert eng.submit(act).ok
    assert a2.pos == prev.now[-1]
    assert eng.budget_min("a2") == pytest.approx(15.0 - sum(costs[:walked]) / 60)


def test_click_on_a_cliff_neighbour_climbs(tiny) -> None:
    eng = Engine(arrange(tiny, a1=(4, 5)), 1)
    act = order_for_click(eng, "a1", (3, 5))
    assert isinstance(act, A.Climb)


def test_click_on_spotted_enemy_fires_or_assaults(tiny) -> None:
    eng = Engine(arrange(tiny, a3=(6, 14)), 1)  # next to the road post at (5, 14)
    assert isinstance(order_for_click(eng, "a3", (5, 14)), A.Assault)
    assert isinstance(order_for_click(eng, "a3", (5, 14), fire=True), A.Fire)


def test_cell_info_names_terrain_and_fog(tiny) -> None:
    eng = Engine(tiny, 1)
    lines = cell_info(eng, "attacker", (1, 9), unit_id="a1")
    assert lines[0].startswith("Town (stone buildings)  -  1300 m  (") and lines[0].endswith("cell 1,9)")
    assert lines[1] == "cover 70%, concealment 50%"
    for line in ("Town (Burg)", "zone: The town", "Group 1: not reachable this turn",
                 "not in your side's sight (fog of war)"):
        assert line in lines, (line, lines)
    assert "your side can see this cell" not in lines
    assert not any("Town garrison" in line for line in lines)  # unspotted: not shown
    # the garrison's own side sees the cell and its garrison
    own = cell_info(eng, "defender", (1, 9))
    assert "your side can see this cell" in own and "not in your side's sight (fog of war)" not in own
    assert own[-1] == "Town garrison: 120 men, morale 80, dug in"
    # a road cell next to the riflemen: seen, reachable in one step's time
    a2 = eng.state.units["a2"]
    step_h = eng.graph_for(a2).step_cost(a2.pos, (10, 7)) / 3600
    near = cell_info(eng, "attacker", (10, 7), unit_id="a2")
    assert near[1] == "cover 10%, concealment 10%, road"
    assert f"Group 2: {step_h:.1f} h to get here this turn" in near
    assert "your side can see this cell" in near
