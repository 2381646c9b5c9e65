"""Property tests: whatever orders are given, the rules' invariants hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import actions as A
from game.core.engine import Engine
from game.scenario.load import load_scenario
from tests.conftest import TINY

SETUP = load_scenario(TINY)
ROWS, COLS = SETUP.grid.shape
UNIT_IDS = sorted(u.id for u in SETUP.units) + ["nobody"]

cells = st.tuples(st.integers(-1, ROWS), st.integers(-1, COLS))
unit_ids = st.sampled_from(UNIT_IDS)
actions = st.one_of(
    st.builds(A.Move, unit_ids, cells),
    st.builds(A.Climb, unit_ids, cells),
    st.builds(A.Fire, unit_ids, unit_ids),
    st.builds(A.Assault, unit_ids, unit_ids),
    st.builds(A.DigIn, unit_ids),
    st.builds(A.Hold, unit_ids),
    st.builds(A.Rally, unit_ids),
    st.builds(A.EndTurn, st.sampled_from(["attacker", "defender", "nobody"])),
)


def check_invariants(eng: Engine) -> None:
    grid = eng.setup.grid
    forbidden = eng.setup.constraints.forbidden_classes
    for u in eng.state.units.values():
        assert u.strength >= 0
        assert 0.0 <= u.morale <= 100.0
        if not u.alive:
            continue
        ut = eng.setup.unit_types[u.type_id]
        assert grid.in_bounds(u.row, u.col)
        passable = grid.table.speed[ut.move_class][grid.terrain[u.pos]] > 0 or grid.road[u.pos] > 0
        assert passable, f"{u.id} on impassable cell {u.pos}"
        assert ut.unit_class not in forbidden.get(u.side, ())
    assert eng.state.damage.min() >= 0.0 and eng.state.damage.max() <= 1.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(actions, min_size=1, max_size=40), st.integers(0, 2**32 - 1))
def test_rules_invariants_hold_and_refusals_change_nothing(seq: list[A.Action], seed: int) -> None:
    eng = Engine(SETUP, seed)
    for action in seq:
        before = eng.state.digest()
        n_actions = len(eng.record.actions)
        res = eng.submit(action)
        if not res.ok:
            assert res.reason
            assert eng.state.digest() == before
            assert len(eng.record.actions) == n_actions
        check_invariants(eng)


@settings(max_examples=25, deadline=None)
@given(st.lists(actions, max_size=25), st.integers(0, 1000))
def test_actions_survive_a_json_round_trip(seq: list[A.Action], seed: int) -> None:
    for a in seq:
        assert A.action_from_dict(a.to_dict()) == a
