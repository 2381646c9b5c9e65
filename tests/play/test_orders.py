"""Click meanings and previews: the client's orders come from the engine's own rules."""

from __future__ import annotations

from game.core import actions as A
from game.core.engine import Engine
from game.play.orders import cell_info, move_preview, order_for_click
from tests.fixtures import arrange


def test_far_click_moves_as_far_as_this_turn_allows(tiny) -> None:
    eng = Engine(tiny, 1)
    prev = move_preview(eng, "a2", (5, 15))
    assert not isinstance(prev, str)
    assert prev.path[0] == (11, 8) and prev.path[-1] == (5, 15)
    assert prev.now[-1] != (5, 15) or prev.arrival_turn == 0
    act = order_for_click(eng, "a2", (5, 15))
    assert isinstance(act, A.Move) and act.to == prev.now[-1]
    assert eng.submit(act).ok


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
    text = "\n".join(lines)
    assert "Town" in text and "m" in text
    assert "fog of war" in text or "can see" in text
