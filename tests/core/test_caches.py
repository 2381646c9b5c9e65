"""What the engine keeps between queries for speed is forgotten exactly when it must be: shared per-grid
memos are read-only, checked orders and per-state answers last until the state changes, the lists of living
units follow destroyed units, and a runner that reuses its caches plays the same games as ``run_game``."""

from __future__ import annotations

import gc

import numpy as np
import pytest

from game.core import actions as A
from game.core import memo
from game.core.engine import Engine
from game.core.rules import control, movement
from game.core.rules.losses import book
from game.core.spotting import Spotter
from game.scenario.load import load_scenario
from game.sim.run import GameRunner, ai_phase, make_policies, run_game
from tests.conftest import TINY
from tests.fixtures import arrange


def test_shared_arrays_are_read_only(tiny) -> None:
    eng = Engine(tiny, 1)
    u = eng.state.units["a1"]
    for a in (eng.graph_for(u).costs, eng.ctx.spotter.window(u, eng.light_factor())[0],
              movement.blocked_cells(eng.ctx, u), movement.contact_cells(eng.ctx, u)):
        with pytest.raises(ValueError):
            a[(0,) * a.ndim] = 1


def test_a_grid_memo_is_shared_by_games_on_the_grid_and_dropped_with_it() -> None:
    setup = load_scenario(TINY)
    first = Engine(setup, 1).graph_for(setup.units[0])
    assert Engine(setup, 2).graph_for(setup.units[0]) is first
    assert any(first is g for g in memo.memo_table(setup.grid, "move_graph").values())  # kept on the grid
    assert id(setup.grid) not in memo._MEMOS

    class Owner:  # any other object's tables are kept aside until it is collected
        pass

    owner = Owner()
    memo.memoised(owner, "t", 1, lambda: "made")
    key = id(owner)
    assert memo.memoised(owner, "t", 1, lambda: "again") == "made" and key in memo._MEMOS
    del owner
    gc.collect()
    assert key not in memo._MEMOS


def test_a_checked_order_is_reused_only_while_nothing_changes(tiny) -> None:
    eng = Engine(arrange(tiny, a1=(3, 2)), 1)
    ctx = eng.ctx
    calls: list[A.Action] = []

    def plan_of(c, a):
        calls.append(a)
        return movement.plan_move(c, a)

    move = A.Move("a1", (3, 3), ((3, 2), (3, 3)))
    assert not isinstance(ctx.check(move, plan_of), str)
    assert ctx.checked(move, plan_of) is not None and len(calls) == 1  # reused
    assert ctx.checked(move, plan_of) is not None and len(calls) == 2  # a check is used once
    ctx.check(move, plan_of)
    assert eng.submit(A.Hold("a2")).ok  # anything submitted changes the version
    ctx.checked(move, plan_of)
    assert len(calls) == 4


def test_per_state_answers_follow_a_move(tiny) -> None:
    eng = Engine(arrange(tiny, a1=(3, 2)), 1)
    u = eng.state.units["a1"]
    before = movement.blocked_cells(eng.ctx, eng.state.units["a2"])
    assert movement.blocked_cells(eng.ctx, eng.state.units["a2"]) is before
    assert eng.submit(A.Move("a1", (3, 3), ((3, 2), (3, 3)))).ok
    after = movement.blocked_cells(eng.ctx, eng.state.units["a2"])
    assert after is not before and u.pos == (3, 3)


def test_a_destroyed_unit_leaves_every_list_of_living_units(tiny) -> None:
    eng = Engine(tiny, 1)
    st = eng.state
    victim = st.units_of("defender")[0]
    assert victim in st.enemies_of("attacker") and victim in st.ordered_units()
    book(eng.ctx, victim, victim.strength)
    assert not victim.alive
    assert victim not in st.units_of("defender") and victim not in st.enemies_of("attacker")
    assert victim not in st.ordered_units() and victim not in st.units_at(victim.pos)
    copy = st.copy()
    assert [u.id for u in copy.units_of("defender")] == [u.id for u in st.units_of("defender")]


def test_lists_of_units_handed_out_are_the_callers_own(tiny) -> None:
    st = Engine(tiny, 1).state
    mine = st.units_of("attacker")
    mine.clear()
    assert st.units_of("attacker")


def test_the_runner_plays_run_games_games(tiny) -> None:
    runner = GameRunner(tiny)
    for seed in (1, 2, 3):
        assert runner.play(seed).state.digest() == run_game(tiny, seed).state.digest()
    result = runner.result(4)
    eng = run_game(tiny, 4)
    assert result.digest == eng.state.digest() and result.grade == eng.outcome().grade
    assert result.milestones == eng.state.milestones and result.turns == eng.state.turn + 1


def test_the_memo_forgets_when_full() -> None:
    grid = np.zeros(1)  # any object serves as a key holder
    made = [memo.memoised(grid, "t", k, lambda k=k: k * 2, limit=3) for k in range(5)]
    assert made == [0, 2, 4, 6, 8]
    assert len(memo.memo_table(grid, "t")) <= 3


def fresh_blocked(ctx, u) -> np.ndarray:
    """The cells ``u`` may not plan through, worked out for it alone: spotted enemies, and friendly stacks that are
    full without counting ``u``."""
    blocked = np.zeros(ctx.setup.grid.shape, dtype=bool)
    for tid in ctx.spotted_by(u.side):
        blocked[ctx.state.units[tid].row, ctx.state.units[tid].col] = True
    counts: dict[tuple[int, int], int] = {}
    for o in ctx.state.units_of(u.side):
        if not (o is u and u.alive):
            counts[(o.row, o.col)] = counts.get((o.row, o.col), 0) + 1
    for cell, n in counts.items():
        blocked[cell] |= n >= ctx.params.stack_limit
    return blocked


def fresh_contact(ctx, u) -> np.ndarray:
    """The cells next to spotted, steady enemies (for an infiltrator, only those whose side sees it), for ``u``."""
    mask = np.zeros(ctx.setup.grid.shape, dtype=bool)
    for tid in ctx.spotted_by(u.side):
        t = ctx.state.units[tid]
        if t.routed or (ctx.setup.unit_types[u.type_id].can("infiltrate") and u.id not in ctx.spotted_by(t.side)):
            continue
        mask[max(t.row - 1, 0):t.row + 2, max(t.col - 1, 0):t.col + 2] = True
    return mask


def test_answers_kept_between_actions_are_the_answers_worked_out_afresh(shusha) -> None:
    """Through an AI game on the real map, after every action: what each side has spotted (kept up to date
    incrementally, asked for one unit at a time and as a list), the cells a unit may not plan through and whether
    a road is cut (kept until a unit changes) are exactly what a fresh spotter and a fresh computation say."""
    eng = Engine(shusha, 4)
    policies = make_policies(shusha)
    ctx = eng.ctx
    roads = sorted(shusha.grid.roads)
    while not eng.state.game_over:
        for _ in ai_phase(eng, policies[eng.state.side]):
            st = eng.state
            fresh = Spotter(shusha.grid, shusha.unit_types, shusha.params)
            for side in shusha.sides:
                seen = fresh.spotted(side, st.units_of(side), st.enemies_of(side), eng.light_factor())
                assert [e.id for e in st.enemies_of(side) if ctx.sees(side, e)] == seen, (st.turn, side)
                assert eng.spotted_by(side) == seen, (st.turn, side)
                for road in roads:
                    assert control.road_cut(ctx, road, side) == control._road_cut(ctx, road, side, None)
            for u in st.units_of(st.side):
                assert (movement.blocked_cells(ctx, u) == fresh_blocked(ctx, u)).all()
                assert (movement.contact_cells(ctx, u) == fresh_contact(ctx, u)).all()
