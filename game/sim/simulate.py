"""``python -m game simulate``: a full headless game and its summary (text or JSON)."""

from __future__ import annotations

import json
import sys
from typing import Any

from game.core.engine import Engine
from game.sim.record import write_record
from game.sim.run import run_game


def summary(eng: Engine) -> dict[str, Any]:
    """Outcome, turns, casualties, city damage, milestones (turn and date), final digest."""
    out = eng.outcome()
    st = eng.state
    setup = eng.setup
    city = setup.grid.zones.get(setup.city_zone or "")
    damage = float(st.damage[city].mean()) if city is not None and city.any() else 0.0
    milestones = {
        mid: {"turn": t + 1, "date": eng.clock.start(t).isoformat(timespec="minutes")}
        for mid, t in sorted(st.milestones.items(), key=lambda kv: kv[1])
    }
    history = {m.id: {"earliest": m.earliest.isoformat(timespec="minutes"),
                      "latest": m.latest.isoformat(timespec="minutes"), "disputed": m.disputed}
               for m in setup.milestones}
    return {
        "scenario": setup.scenario_id,
        "seed": eng.record.seed,
        "outcome": {"grade": out.grade, "summary": out.summary, "scores": out.scores,
                    "objectives": out.achieved},
        "turns": st.turn + 1,
        "last_turn": eng.clock.label(st.turn),
        "casualties": dict(st.casualties),
        "city_damage": round(damage, 4),
        "milestones": milestones,
        "historical_milestones": history,
        "digest": st.digest(),
    }


def print_summary(s: dict[str, Any], eng: Engine) -> None:
    names = eng.setup.side_names
    print(f"{eng.setup.title} - seed {s['seed']}")
    print(f"Outcome: {s['outcome']['summary']}")
    print(f"Turns played: {s['turns']} (ended {s['last_turn']})")
    for side, n in s["casualties"].items():
        print(f"Casualties, {names.get(side, side)}: {n}")
    print(f"City damage (mean of city cells): {s['city_damage']:.1%}")
    for obj in eng.setup.objectives:
        mark = "x" if s["outcome"]["objectives"].get(obj.id) else " "
        print(f"  [{mark}] {names.get(obj.side, obj.side)}: {obj.name} ({obj.points} pts)")
    print("Milestones (game / history):")
    for mid in ("road_cut", "stepanakert_road_cut", "city_entered", "city_captured"):
        got = s["milestones"].get(mid)
        hist = s["historical_milestones"].get(mid)
        game = f"turn {got['turn']}, {got['date']}" if got else "not reached"
        hist_s = f"{hist['earliest'][:10]}..{hist['latest'][:10]}" if hist else "-"
        print(f"  {mid:22s} {game:28s} history: {hist_s}")
    print(f"Final digest: {s['digest']}")


def simulate_main(scenario: str, *, seed: int, as_json: bool, record: str | None) -> int:
    """CLI entry: load, play both sides with the built-in policy, print, optionally write the record."""
    from game.scenario.errors import ScenarioError
    from game.scenario.load import load_scenario

    try:
        setup = load_scenario(scenario)
    except ScenarioError as e:
        print(e, file=sys.stderr)
        return 2
    eng = run_game(setup, seed)
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
