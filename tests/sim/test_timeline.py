"""RecordTimeline: a recorded game stepped through forward and back gives the record's digests, scenes show
what a side saw, and a record that does not match stops at the first changed turn."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from game.core import events as E
from game.sim.record import RecordError, read_record, write_record
from game.sim.run import run_game
from game.sim.timeline import CHECKPOINT_EVERY, RecordDivergence, RecordTimeline, trails_from


def recorded(setup, path: Path, seed: int = 3) -> Path:
    write_record(run_game(setup, seed), path)
    return path


def turn_start_digests_match(tl: RecordTimeline, order: list[int], rng: random.Random) -> None:
    """Visit every turn's first step in ``order`` with random seeks and scenes in between; the state at each
    turn's start is the record's digest of the turn before it."""
    for t in order:
        tl.scene(rng.randrange(tl.steps), rng.choice([None, *tl.setup.sides]))
        tl.seek(tl.turn_start(t) + rng.randrange(3) if rng.random() < 0.3 else tl.turn_start(t))
        tl.seek(tl.turn_start(t))
        assert tl.engine.state.turn == t
        assert tl.engine.state.digest() == tl.record.digests[t], f"turn {t + 1}"


def test_random_seeks_give_the_recorded_digests(tiny, tmp_path):
    path = recorded(tiny, tmp_path / "g.jsonl")
    tl = RecordTimeline(read_record(path), tiny, path=path)
    turns = len(tl.record.digests) - 1
    rng = random.Random(7)
    order = list(range(turns))
    rng.shuffle(order)
    turn_start_digests_match(tl, order, rng)
    tl.seek(tl.steps - 1)
    assert tl.engine.state.digest() == tl.record.end["digest"]
    assert tl.turn_of(tl.steps - 1) == tl.engine.state.turn
    for step in [rng.randrange(tl.steps) for _ in range(40)]:  # back and forth, single steps included
        tl.seek(step)
        assert len(tl.engine.record.actions) == step
        tl.seek(max(step - 1, 0))
        assert len(tl.engine.record.actions) == max(step - 1, 0)


def test_the_approach_scenario_steps_back_and_forth(shusha, tmp_path):
    path = recorded(shusha, tmp_path / "s.jsonl", seed=5)
    tl = RecordTimeline(read_record(path), shusha, path=path)
    rng = random.Random(3)
    order = rng.sample(range(len(tl.record.digests) - 1), 12)
    turn_start_digests_match(tl, order, rng)
    tl.marks()  # walks the rest of the game
    gaps = np.diff(sorted(set(tl._snap_steps)))
    assert gaps.max() <= CHECKPOINT_EVERY  # a seek never re-runs a whole long turn


def test_scene_shows_what_a_side_saw(tiny, tmp_path):
    path = recorded(tiny, tmp_path / "g.jsonl")
    tl = RecordTimeline.open(path)
    step = tl.turn_start(3) + 1
    full = tl.scene(step)
    assert full.fog is None
    assert {u.id for u in full.units} == {u.id for u in tl.engine.state.ordered_units()}
    for side in tiny.sides:
        sc = tl.scene(step, side)
        seen = set(tl.engine.spotted_by(side))
        assert sc.fog is not None and sc.fog.shape == tiny.grid.shape and sc.fog.dtype == bool
        assert {u.id for u in sc.units if u.side != side} <= seen
        assert {u.id for u in sc.units if u.side == side} == {u.id for u in tl.engine.state.units_of(side)}
    before = tl.engine.state.digest()
    sc.units[0].row += 1  # copies: drawing code cannot change the game
    assert tl.engine.state.digest() == before
    assert full.time == tl.clock.start(3)
    assert full.darkness == tl.clock.night_share(3)
    assert set(full.control) == set(tiny.grid.zones)


def test_marks_cover_every_turn_and_name_units_by_name(tiny, tmp_path):
    path = recorded(tiny, tmp_path / "g.jsonl")
    tl = RecordTimeline.open(path)
    marks = tl.marks()
    turns = [m for m in marks if m.kind == "turn"]
    assert [m.step for m in turns] == sorted(tl.turn_start(t) for t in range(len(turns)))
    assert len(turns) == tl.turn_of(tl.steps - 1) + 1
    fights = [m for m in marks if m.kind != "turn"]
    assert fights, "a game with fire and a game over has marks"
    assert any(m.kind == "milestone" and m.title.startswith("Game over") for m in marks)
    ids = [u.id for u in tiny.units]
    for m in fights:
        assert 0 <= m.step < tl.steps
        assert not any(f" {uid} " in f" {m.title} " for uid in ids), m.title
    last = tl.captions(tl.steps - 1)
    assert last and last[0].step == tl.steps - 1  # newest first


def test_trails_join_moves_in_order():
    moves = [E.UnitMoved(0, "", unit="u", frm=(2, 2), to=(2, 3)), E.UnitMoved(0, "", unit="u", frm=(2, 3), to=(3, 3)),
             E.Retreated(1, "", unit="v", frm=(5, 5), to=(6, 5))]
    assert trails_from(moves) == {"u": [(2, 2), (2, 3), (3, 3)], "v": [(5, 5), (6, 5)]}


def test_documented_routes_are_cells_on_the_map(shusha, tmp_path):
    path = recorded(shusha, tmp_path / "s.jsonl", seed=2)
    tl = RecordTimeline(read_record(path), shusha, path=path)
    routes = tl.documented_routes()
    assert routes and all(side in shusha.sides for side, _, _ in routes)
    rows, cols = shusha.grid.shape
    for _, cells, label in routes:
        assert "documented route" in label
        assert all(0 <= r < rows and 0 <= c < cols for r, c in cells)


def tamper(path: Path, out: Path) -> int:
    """Change one Hold/DigIn/Fire action in the middle of the game into a Hold of another unit; returns its turn."""
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    acts = [i for i, x in enumerate(lines) if x["type"] == "action" and x["action"]["type"] != "end_turn"]
    i = acts[len(acts) // 2]
    lines[i]["action"] = {"type": "dig_in", "unit": lines[i]["action"].get("unit", "a1")}
    if lines[i]["action"] == json.loads(path.read_text().splitlines()[i])["action"]:
        lines[i]["action"] = {"type": "hold", "unit": lines[i]["action"]["unit"]}
    out.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return lines[i]["turn"]


def test_a_tampered_record_stops_at_the_first_changed_turn(tiny, tmp_path):
    path = recorded(tiny, tmp_path / "g.jsonl")
    bad = tmp_path / "bad.jsonl"
    turn = tamper(path, bad)
    tl = RecordTimeline.open(bad)
    for t in range(turn):  # the turns before it show
        tl.scene(tl.turn_start(t))
        assert tl.engine.state.digest() == tl.record.digests[t]
    with pytest.raises(RecordDivergence) as e:
        tl.scene(tl.turn_start(turn))
    assert e.value.turn == turn
    assert str(bad) in str(e.value) and f"from turn {turn + 1} " in str(e.value)
    with pytest.raises(RecordDivergence):  # and it stays stopped
        tl.seek(tl.steps - 1)
    tl.seek(0)  # the earlier turns still show
    assert tl.engine.state.digest() == tl.record.digests[0]
    with pytest.raises(RecordDivergence):
        RecordTimeline.open(bad).marks()


def test_a_bad_record_is_a_one_line_error(tmp_path):
    with pytest.raises(RecordError, match="nope.jsonl"):
        RecordTimeline.open(tmp_path / "nope.jsonl")
    (tmp_path / "x.jsonl").write_text("not json\n")
    with pytest.raises(RecordError, match="x.jsonl:1"):
        RecordTimeline.open(tmp_path / "x.jsonl")


def test_a_trail_follows_every_cell_a_move_walked_not_a_straight_line(tiny) -> None:
    """A move's trail goes through the cells walked (round a wood, along a gorge), not from its start to its end."""
    eng = run_game(tiny, 1)
    moves = [e for e in eng.log if isinstance(e, E.UnitMoved) and len(e.path) > 2]
    assert moves, "no move of more than one step in the game"
    e = moves[0]
    trail = trails_from([e])[e.unit]
    assert trail == [tuple(c) for c in e.path]
    assert trail[0] == tuple(e.frm) and trail[-1] == tuple(e.to)
    assert all(max(abs(a[0] - b[0]), abs(a[1] - b[1])) == 1 for a, b in zip(trail, trail[1:], strict=False))
