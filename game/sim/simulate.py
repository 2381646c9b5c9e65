"""``python -m game simulate``: a full headless game and its summary (text or JSON)."""

from __future__ import annotations

import json
import sys
from typing import Any

from game.core.engine import Engine
from game.core.plans import plan_for
from game.core.setup import GameSetup
from game.sim.record import write_record
from game.sim.run import run_game


def plan_summary(setup: GameSetup, side: str) -> dict[str, Any]:
    """The plan ``side`` played: id, name, basis and what it lifts (shown with every result)."""
    p = plan_for(setup, side)
    assert p is not None
    return {"id": p.id, "name": p.name, "basis": p.basis, "lifts": p.lifts_text()}


def summary(eng: Engine) -> dict[str, Any]:
    """Outcome, turns, actions, losses by category, city damage, milestones (turn and its span), digest."""
    out = eng.outcome()
    st = eng.state
    setup = eng.setup
    clock = eng.clock
    city = setup.grid.zones.get(setup.city_zone or "")
    damage = float(st.damage[city].mean()) if city is not None and city.any() else 0.0
    names = {m.id: m.name for m in setup.milestone_defs}
    milestones = {
        mid: {"name": names.get(mid, mid), "turn": t + 1, "start": clock.start(t).isoformat(timespec="minutes"),
              "end": clock.end(t).isoformat(timespec="minutes")}
        for mid, t in sorted(st.milestones.items(), key=lambda kv: (kv[1], kv[0]))
    }
    history = {m.id: {"name": m.name, "earliest": m.earliest.isoformat(timespec="minutes"),
                      "latest": m.latest.isoformat(timespec="minutes"), "disputed": m.disputed}
               for m in setup.milestones}
    return {
        "scenario": setup.scenario_id,
        "seed": eng.record.seed,
        "outcome": {"grade": out.grade, "grades": out.grades, "summary": out.summary, "scores": out.scores,
                    "objectives": out.achieved},
        "roles": dict(setup.roles),
        "plans": {s: plan_summary(setup, s) for s in setup.sides if plan_for(setup, s)},
        "turns": st.turn + 1,
        "last_turn": clock.label(st.turn),
        "actions": eng.action_counts(),
        "actions_by_side": {s: dict(c) for s, c in eng.counts.items()},
        "casualties": dict(st.casualties),
        "losses": {s: dict(st.losses.get(s, {})) for s in setup.sides},
        "city_damage": round(damage, 4),
        "milestones": milestones,
        "milestone_order": [m.id for m in setup.milestone_defs],
        "historical_milestones": history,
        "digest": st.digest(),
    }


def print_summary(s: dict[str, Any], eng: Engine) -> None:
    names = eng.setup.side_names
    print(f"{eng.setup.title} - seed {s['seed']}")
    print(f"Outcome: {s['outcome']['summary']}")
    for side, p in s["plans"].items():
        lifted = f" - COUNTERFACTUAL: {p['lifts']}" if p["lifts"] else ""
        print(f"Plan, {names.get(side, side)}: {p['name']} ({p['id']}, {p['basis']}){lifted}")
    print(f"Turns played: {s['turns']} (ended {s['last_turn']})")
    for side, n in s["casualties"].items():
        split = ", ".join(f"{v} {k}" for k, v in s["losses"][side].items())
        print(f"Losses, {names.get(side, side)}: {n} ({split})")
    print(f"City damage (mean of city cells): {s['city_damage']:.1%}")
    print("Actions: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in s["actions"].items()))
    for obj in eng.setup.objectives:
        mark = "x" if s["outcome"]["objectives"].get(obj.id) else " "
        print(f"  [{mark}] {names.get(obj.side, obj.side)}: {obj.name} ({obj.points} pts)")
    print("Milestones (game: the turn in which it happened / history):")
    for mid in s["milestone_order"]:
        got = s["milestones"].get(mid)
        hist = s["historical_milestones"].get(mid)
        game = f"turn {got['turn']}, {got['start'][5:16]}..{got['end'][5:16]}" if got else "not reached"
        hist_s = f"{hist['earliest'][:16]}..{hist['latest'][:16]}" if hist else "-"
        print(f"  {mid:22s} {game:36s} history: {hist_s}")
    print(f"Final digest: {s['digest']}")


def simulate_main(scenario: str, *, seed: int, as_json: bool, record: str | None,
                  plans: dict[str, str] | None = None) -> int:
    """CLI entry: load, play both sides with the built-in policy, print, optionally write the record."""
    from game.scenario.errors import ScenarioError
    from game.scenario.load import load_scenario

    try:
        setup = load_scenario(scenario)
    except ScenarioError as e:
        print(e, file=sys.stderr)
        return 2
    try:
        eng = run_game(setup, seed, plans or {})
    except ValueError as e:  # an unknown side or plan
        print(f"{scenario}: {e}", file=sys.stderr)
        return 2
    s = summary(eng)
    if record:
        try:
            write_record(eng, record)
        except OSError as e:
            print(f"{record}: cannot write the record: {e}", file=sys.stderr)
            return 2
        s["record"] = record
    if as_json:
        print(json.dumps(s, indent=2, sort_keys=True))
    else:
        print_summary(s, eng)
        if record:
            print(f"Record written to {record}")
    return 0
