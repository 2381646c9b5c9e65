"""``python -m game replay RECORD --verify``: re-run a record and check every turn's digest (and a branch's parent)."""

from __future__ import annotations

import sys
from pathlib import Path

from game.core.actions import Action, action_from_dict
from game.core.engine import Engine, Result
from game.core.plans import with_plans
from game.core.setup import GameSetup
from game.sim.record import Record, RecordError, file_sha256, read_record


class Divergence(Exception):
    """The replay does not reproduce the record; the message says where. ``turn`` (0-based) is the first turn
    that differs when known, ``what`` the difference without the place."""

    def __init__(self, message: str, *, turn: int | None = None, what: str = "") -> None:
        super().__init__(message)
        self.turn = turn
        self.what = what or message


class RecordPlayer:
    """A record's actions applied one at a time to an engine, each checked as it is applied: the recorded turn,
    accepted on replay, and the digest of every turn it ends against the record's.

    The engine may be restored to any snapshot of the same game between calls (the record viewer does)."""

    def __init__(self, record: Record, setup: GameSetup, *, source: str = "record", verify: bool = True,
                 engine: Engine | None = None) -> None:
        self.record, self.source, self.verify = record, source, verify
        if engine is None:
            try:
                setup = with_plans(setup, dict(record.header.get("plans", {})))
            except ValueError as e:
                raise Divergence(f"{source}: the record's plans do not fit the scenario: {e}", turn=0,
                                 what=f"the record's plans do not fit the scenario: {e}") from None
            engine = Engine(setup, record.header["seed"])
        self.engine = engine
        first = engine.record.digests[0]
        if verify and record.digests and first != record.digests[0]:
            self._fail(0, f"the starting state differs (digest {first} != recorded {record.digests[0]})")

    def _fail(self, turn: int, what: str, line: object = None, *, joined: str = ": ") -> None:
        where = f"{self.source}:{line}" if line is not None else self.source
        raise Divergence(f"{where}: turn {turn + 1}{joined}{what}", turn=turn, what=what)

    def apply(self, index: int) -> Result:
        """Submit recorded action ``index``; raise Divergence at the first difference from the record."""
        item, eng = self.record.actions[index], self.engine
        line = item.get("line", "?")
        try:
            action = action_from_dict(item["action"])
        except ValueError as e:
            self._fail(item["turn"], f"the recorded action cannot be read: {e}", line)
        if self.verify and item["turn"] != eng.state.turn:
            self._fail(min(item["turn"], eng.state.turn), f"the action is recorded for turn {item['turn'] + 1} "
                       f"but the replay is in turn {eng.state.turn + 1}", line)
        words = action_words(action, eng)
        res = eng.submit(action)
        if not res.ok:
            reason = str(res.reason).rstrip(". ")
            self._fail(item["turn"], f"the recorded order \"{words}\" was refused on replay: {reason}", line)
        n = len(eng.record.digests) - 1
        if self.verify and n < len(self.record.digests) and eng.record.digests[n] != self.record.digests[n]:
            self._fail(n - 1, f"diverges: digest {eng.record.digests[n]} != recorded {self.record.digests[n]}",
                       joined=" ")
        return res

    def finish(self) -> None:
        """After the last action: the turn count and the final digest match the record's."""
        eng, rec = self.engine, self.record
        if not self.verify:
            return
        if len(eng.record.digests) != len(rec.digests):
            self._fail(len(eng.record.digests) - 1, f"the record has {len(rec.digests) - 1} turn digests, the "
                       f"replay produced {len(eng.record.digests) - 1}")
        if eng.state.digest() != rec.end.get("digest"):
            self._fail(eng.state.turn, f"the final state differs from the recorded one (digest "
                       f"{eng.state.digest()} != recorded {rec.end.get('digest')})")


def action_words(action: Action, engine: Engine) -> str:
    """A recorded action in words for a message, e.g. "Reconnaissance team 1: move to 900 m SE of Dashalti /
    Karintak" (unit and target names from the engine's state; ids when it has no such unit)."""
    from game.core.whereabouts import where

    units, grid = engine.state.units, engine.setup.grid

    def name(uid: str) -> str:
        u = units.get(uid)
        return (u.name or uid) if u is not None else uid

    verb = {"move": "move to", "climb": "climb to", "fire": "fire at", "assault": "assault", "dig_in": "dig in",
            "hold": "hold", "rally": "rally", "end_turn": "end the turn"}.get(action.kind, action.kind)
    to, target = getattr(action, "to", None), getattr(action, "target", None)
    obj = f" {where(grid, tuple(to))}" if to is not None else (f" {name(target)}" if target else "")
    who = name(action.unit) if hasattr(action, "unit") else engine.setup.side_names.get(action.side, action.side)
    return f"{who}: {verb}{obj}"


def replay(record: Record, setup: GameSetup, *, verify: bool = True, source: str = "record") -> Engine:
    """Re-run the recorded actions on a fresh engine (with the plans the record names); with ``verify`` raise
    Divergence at the first mismatch."""
    player = RecordPlayer(record, setup, source=source, verify=verify)
    for i in range(len(record.actions)):
        player.apply(i)
    player.finish()
    return player.engine


def load_record_setup(path: str | Path, scenario: str | None = None) -> tuple[Record, GameSetup]:
    """Read a record and the scenario it was played on (``scenario`` overrides the stored path); RecordError
    with a one-line message for a bad file, a missing or changed scenario (a scenario's own errors as they are)."""
    from game.scenario.errors import ScenarioError
    from game.scenario.load import load_scenario

    rec = read_record(path)
    scen = scenario or rec.header.get("scenario_path")
    if not scen or not Path(scen).exists():
        raise RecordError(f"{path}: scenario file {scen!r} not found; pass --scenario FILE")
    try:
        setup = load_scenario(scen)
    except ScenarioError as e:
        raise RecordError(str(e)) from None
    if rec.header.get("scenario_sha256") != setup.sha256:
        raise RecordError(f"{path}: scenario {scen} has changed since the record was made (sha256 differs)")
    return rec, setup


def check_parent(record: Record, setup: GameSetup, *, source: str) -> Engine | None:
    """For a branch (a header with ``parent``): the parent file is unchanged (sha256), its first ``step`` actions
    replay with its digests, and the branch starts with the same actions and digests; returns the engine at
    the branch point (None for a record without a parent). Raises Divergence or RecordError."""
    parent = record.header.get("parent")
    if parent is None:
        return None
    ppath, step = parent["path"], parent["step"]
    if not Path(ppath).exists():
        raise RecordError(f"{source}:1: parent.path: the parent record {ppath} is missing")
    if file_sha256(ppath) != parent["sha256"]:
        raise Divergence(f"{source}: the parent record {ppath} has changed since this game was continued from "
                         f"it (sha256 differs)", turn=parent["turn"], what="the parent record has changed")
    prec = read_record(ppath)
    for key in ("seed", "scenario_sha256", "plans"):
        if prec.header.get(key) != record.header.get(key):
            raise Divergence(f"{source}: the header's {key} differs from the parent record {ppath}'s",
                             turn=0, what=f"{key} differs from the parent's")
    if step > len(prec.actions) or [a["action"] for a in prec.actions[:step]] != \
            [a["action"] for a in record.actions[:step]]:
        raise Divergence(f"{source}: the first {step} actions differ from those of the parent record {ppath}",
                         turn=parent["turn"], what="the actions before the branch differ from the parent's")
    player = RecordPlayer(prec, setup, source=ppath)
    for i in range(step):
        player.apply(i)
    done = len(player.engine.record.digests)
    if record.digests[:done] != prec.digests[:done]:
        raise Divergence(f"{source}: the turn digests before the branch differ from the parent record {ppath}'s",
                         turn=parent["turn"], what="the digests before the branch differ from the parent's")
    return player.engine


def verify_record(record: Record, setup: GameSetup, *, source: str) -> Engine:
    """Replay with every check: a branch's parent up to the branch point, then the record's own actions and
    digests on from there (one pass). Raises Divergence or RecordError."""
    eng = check_parent(record, setup, source=source)
    player = RecordPlayer(record, setup, source=source, engine=eng)
    start = record.header["parent"]["step"] if eng is not None else 0
    for i in range(start, len(record.actions)):
        player.apply(i)
    player.finish()
    return player.engine


def replay_main(path: str, *, verify: bool, scenario: str | None) -> int:
    """CLI entry: exit 0 when the replay matches, 2 with the first divergence or a bad file."""
    try:
        rec, setup = load_record_setup(path, scenario)
        eng = verify_record(rec, setup, source=path) if verify else replay(rec, setup, verify=False, source=path)
    except (RecordError, Divergence) as e:
        print(e, file=sys.stderr)
        return 2
    turns = len(eng.record.digests) - 1
    status = "verified: every turn digest matches" if verify else "replayed"
    parent = rec.header.get("parent")
    branch = (f" (a branch of {parent['path']} after {parent['step']} actions, turn {parent['turn'] + 1}: "
              f"the parent's digests match up to there)") if parent and verify else ""
    print(f"{path}: {len(rec.actions)} actions, {turns} turns {status}{branch}; final digest {eng.state.digest()}")
    return 0
