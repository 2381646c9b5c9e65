"""The AI's shortcuts give the answers of the plain rule: the ranked descent equals a scan of every neighbour,
the threat's "near" cells are its one-cell dilation, and nearby spotted enemies are the spotted enemies near."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai.descent import Avoid, _scan, downhill
from game.ai.fields import FieldCache
from game.ai.view import SideView
from game.core.engine import Engine
from game.sim.run import ai_phase, make_policies


def test_the_ranked_descent_equals_the_full_scan(shusha) -> None:
    fields = FieldCache(shusha)
    grid = shusha.grid
    rng = np.random.default_rng(7)
    for move_class, climb, style in (("foot", True, "concealed"), ("foot", False, "road"), ("wheeled", False, "fastest")):
        graph = fields.graph(move_class, climb, style)
        for _ in range(40):
            goal = (int(rng.integers(20, 180)), int(rng.integers(20, 180)))
            start = (goal[0] + int(rng.integers(-30, 31)), goal[1] + int(rng.integers(-30, 31)))
            field = fields.to(goal, start, move_class, climb, style)
            blocked = rng.random(grid.shape) < 0.05
            zero = np.zeros(grid.shape, dtype=np.float32)
            for _ in range(10):
                cur = (int(rng.integers(0, grid.shape[0])), int(rng.integers(0, grid.shape[1])))
                on_path = {cur, (cur[0] + 1, cur[1])}
                fast = downhill(field, graph, grid, cur, climb=climb, blocked=blocked, on_path=on_path, avoid=None)
                full = _scan(field, graph, grid, cur, climb=climb, blocked=blocked, on_path=on_path, avoid=zero)
                assert fast == full


@settings(max_examples=200, deadline=None)
@given(rows=st.integers(3, 25), cols=st.integers(3, 25), radius=st.integers(1, 4),
       picks=st.lists(st.tuples(st.floats(0, 0.999), st.floats(0, 0.999)), max_size=5))
def test_near_threat_is_the_threat_dilated_by_one_cell(rows: int, cols: int, radius: int,
                                                       picks: list[tuple[float, float]]) -> None:
    cells = [(int(a * rows), int(b * cols)) for a, b in picks]
    avoid = Avoid((rows, cols), cells, radius)
    hot = avoid.threat > 0
    dilated = np.zeros_like(hot)
    for r in range(rows):
        for c in range(cols):
            dilated[r, c] = hot[max(r - 1, 0):r + 2, max(c - 1, 0):c + 2].any()
    assert (avoid.near == dilated).all()


def test_enemies_near_are_the_spotted_enemies_near(tiny) -> None:
    eng = Engine(tiny, 2)
    policies = make_policies(tiny)
    checked = 0
    while not eng.state.game_over:
        for side in tiny.sides:
            view = SideView(eng, side, None)
            for u in view.own():
                for n in (0, 1, 3, 8):
                    want = [e.id for e in view.enemies() if max(abs(e.row - u.row), abs(e.col - u.col)) <= n]
                    assert [e.id for e in view.enemies_near(u.pos, n)] == want
                    checked += 1
        for _ in ai_phase(eng, policies[eng.state.side]):
            pass
    assert checked
