"""``python -m game replay RECORD --verify``: re-run a record and check every turn's digest."""

from __future__ import annotations

import sys
from pathlib import Path

from game.core.actions import action_from_dict
from game.core.engine import Engine
from game.core.plans import with_plans
from game.sim.record import Record, RecordError, read_record


class Divergence(Exception):
    """The replay does not reproduce the record; the message says where."""


def replay(record: Record, setup, *, verify: bool = True, source: str = "record") -> Engine:
    """Re-run the recorded actions on a fresh engine (with the plans the record names); with ``verify`` raise
    Divergence at the first mismatch."""
    try:
        setup = with_plans(setup, dict(record.header.get("plans", {})))
    except ValueError as e:
        raise Divergence(f"{source}: the record's plans do not fit the scenario: {e}") from None
    eng = Engine(setup, record.header["seed"])
    if verify and record.digests and eng.record.digests[0] != record.digests[0]:
        raise Divergence(f"{source}: the starting state differs (digest {eng.record.digests[0]} "
                         f"!= recorded {record.digests[0]})")
    for item in record.actions:
        try:
            action = action_from_dict(item["action"])
        except ValueError as e:
            raise Divergence(f"{source}:{item.get('line', '?')}: {e}") from None
        if verify and item["turn"] != eng.state.turn:
            raise Divergence(f"{source}:{item.get('line', '?')}: the action is recorded for turn {item['turn'] + 1} "
                             f"but the replay is in turn {eng.state.turn + 1}")
        res = eng.submit(action)
        if not res.ok:
            raise Divergence(f"{source}:{item.get('line', '?')}: turn {item['turn'] + 1}: the recorded action "
                             f"was refused on replay: {res.reason}")
        n = len(eng.record.digests) - 1
        if verify and n < len(record.digests) and eng.record.digests[n] != record.digests[n]:
            raise Divergence(f"{source}: turn {n} diverges: digest {eng.record.digests[n]} != recorded "
                             f"{record.digests[n]}")
    if verify and len(eng.record.digests) != len(record.digests):
        raise Divergence(f"{source}: the record has {len(record.digests) - 1} turn digests, the replay "
                         f"produced {len(eng.record.digests) - 1}")
    if verify and eng.state.digest() != record.end.get("digest"):
        raise Divergence(f"{source}: the final state differs from the recorded one (digest {eng.state.digest()} "
                         f"!= recorded {record.end.get('digest')})")
    return eng


def replay_main(path: str, *, verify: bool, scenario: str | None) -> int:
    """CLI entry: exit 0 when the replay matches, 2 with the first divergence or a bad file."""
    from game.scenario.errors import ScenarioError
    from game.scenario.load import load_scenario

    try:
        rec = read_record(path)
    except RecordError as e:
        print(e, file=sys.stderr)
        return 2
    scen = scenario or rec.header.get("scenario_path")
    if not scen or not Path(scen).exists():
        print(f"{path}: scenario file {scen!r} not found; pass --scenario FILE", file=sys.stderr)
        return 2
    try:
        setup = load_scenario(scen)
    except ScenarioError as e:
        print(e, file=sys.stderr)
        return 2
    if rec.header.get("scenario_sha256") != setup.sha256:
        print(f"{path}: scenario {scen} has changed since the record was made (sha256 differs)", file=sys.stderr)
        return 2
    try:
        eng = replay(rec, setup, verify=verify, source=path)
    except Divergence as e:
        print(e, file=sys.stderr)
        return 2
    turns = len(eng.record.digests) - 1
    status = "verified: every turn digest matches" if verify else "replayed"
    print(f"{path}: {len(rec.actions)} actions, {turns} turns {status}; final digest {eng.state.digest()}")
    return 0
