"""``python -m game compare RECORD [--out DIR]``: a finished (or saved) game against history.

Per documented route group the discrete Fréchet distance and the corridor share (``game.compare.routes``),
each milestone's game date against its documented window, losses, town damage, the plans played and where the
game falls among AI games of the historical plan (``game.compare.record_rank``). With ``--out DIR``:
``report.md``, ``compare.json`` and ``map.png`` (``game.compare.routemap``). A record that cannot be read or
does not replay on this version (a Divergence) exits 2 with one line.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from game.compare.record_rank import RankError, history_percentile, percentile_line
from game.compare.routes import DEFINITIONS, DocumentedRoute, RouteComparison, Track, compare_routes
from game.compare.tables import Table, as_markdown, as_text
from game.core.engine import Engine
from game.sim.calibration import in_window
from game.sim.record import atomic_write_text
from game.sim.simulate import summary

MAP_NAME = "map.png"
NOTE = "A game result comes from the model and its seed; it is not a finding about what happened."


class CompareError(Exception):
    """A record that cannot be compared; the message is one line for the user."""


# ------------------------------------------------------------------------------------------ loading
def load_game(path: str | Path) -> Engine:
    """Read a record or save and replay it with every digest checked; raises CompareError."""
    from game.scenario.errors import ScenarioError
    from game.scenario.load import load_scenario
    from game.sim.record import RecordError, read_record
    from game.sim.replay import Divergence, replay

    try:
        rec = read_record(path)
        scen = rec.header["scenario_path"]
        if not Path(scen).exists():
            raise CompareError(f"{path}: scenario file {scen!r} not found")
        setup = load_scenario(scen)
        if rec.header.get("scenario_sha256") != setup.sha256:
            raise CompareError(f"{path}: scenario {scen} has changed since the game was recorded "
                               "(sha256 differs)")
        return replay(rec, setup, verify=True, source=str(path))
    except (RecordError, Divergence) as e:
        raise CompareError(one_line(str(e))) from None
    except ScenarioError as e:
        raise CompareError(f"{path}: its scenario does not load: {one_line(str(e))}") from None
    except (ValueError, OSError, RecursionError) as e:
        raise CompareError(f"{path}: cannot be replayed: {one_line(str(e))}") from None


def iso(t: datetime) -> str:
    return t.isoformat(timespec="minutes")


def one_line(text: str) -> str:
    lines = [s.strip() for s in text.splitlines() if s.strip()]
    return lines[0] + (f" (and {len(lines) - 1} more lines)" if len(lines) > 1 else "") if lines else text


# ------------------------------------------------------------------------------------------ comparison
def until_of(eng: Engine) -> datetime | None:
    """Where the documented routes are cut: None for a finished game, else the end of the last turn played."""
    return None if eng.state.game_over else eng.clock.end(eng.state.turn)


def milestone_checks(eng: Engine) -> list[dict[str, Any]]:
    """Each documented milestone: the turn span it came in, inside its window or how many hours early/late."""
    out = []
    st, clock = eng.state, eng.clock
    for m in eng.setup.milestones:
        row: dict[str, Any] = {"id": m.id, "name": m.name, "earliest": iso(m.earliest),
                               "latest": iso(m.latest), "disputed": m.disputed, "attribution": m.attribution,
                               "reached": m.id in st.milestones}
        t = st.milestones.get(m.id)
        if t is None:
            pending = not st.game_over and clock.end(st.turn) < m.latest
            row.update(status="not reached yet" if pending else "not reached", hours=None, within_12h=False)
        else:
            start, end = clock.start(t), clock.end(t)
            early = (m.earliest - end).total_seconds() / 3600
            late = (start - m.latest).total_seconds() / 3600
            status = "early" if early > 0 else "late" if late > 0 else "inside"
            row.update(turn=t + 1, start=iso(start), end=iso(end), status=status,
                       hours=round(max(early, late, 0.0), 1), within_12h=in_window((start, end), m))
        out.append(row)
    return out


def route_json(doc: DocumentedRoute, row: RouteComparison) -> dict[str, Any]:
    d = asdict(row)
    d["documented"] = [{"x_km": round(float(x), 3), "y_km": round(float(y), 3), "time": iso(t), "place": p}
                       for (x, y), t, p in zip(doc.points, doc.times, doc.labels, strict=True)]
    return d


def compare_engine(eng: Engine, *,
                   source: str = "") -> tuple[dict[str, Any], list[DocumentedRoute], dict[str, Track]]:
    """The JSON-ready comparison of a replayed game, plus the routes and tracks the map draws."""
    s = summary(eng)
    docs, tracks, rows = compare_routes(eng.setup, eng.log, until=until_of(eng))
    plans = {side: {**p, "counterfactual": bool(p["lifts"]) or p["basis"] == "counterfactual"}
             for side, p in s["plans"].items()}
    data = {
        "record": source, "scenario": s["scenario"], "title": eng.setup.title, "seed": s["seed"],
        "finished": eng.state.game_over, "turns": s["turns"], "last_turn": s["last_turn"],
        "side_names": dict(eng.setup.side_names), "outcome": s["outcome"], "plans": plans,
        "definitions": DEFINITIONS, "routes": [route_json(d, r) for d, r in zip(docs, rows, strict=True)],
        "milestones": milestone_checks(eng), "casualties": s["casualties"], "losses": s["losses"],
        "city_damage": s["city_damage"], "percentile": None,
    }
    return data, docs, tracks


# ------------------------------------------------------------------------------------------ report
def fmt_km(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f} km"


def fmt_share(r: dict[str, Any]) -> str:
    share = r["corridor_share"]
    return "no moves" if share is None else f"{share:.0%} ({r['inside']} of {r['moves']} moves)"


def fmt_span(start: str, end: str) -> str:
    """``6 Nov 00:00-06:00`` (ISO times in, the end's date only when it differs)."""
    s, e = datetime.fromisoformat(start), datetime.fromisoformat(end)
    return f"{s:%d %b %H:%M}".lstrip("0") + "-" + (f"{e:%H:%M}" if e.date() == s.date() else
                                                   f"{e:%d %b %H:%M}".lstrip("0"))


def fmt_units(r: dict[str, Any]) -> str:
    """The units compared with a route, by name: ``the same unit`` when the route names one unit."""
    if not r["units"]:
        return "no matching unit"
    return "the same unit" if list(r["units"]) == [r["group"]] else ", ".join(r["unit_names"])


def fmt_milestone(m: dict[str, Any]) -> str:
    """``inside the window``, ``13 h late``, ``not reached``; notes the calibration's 12 h slack."""
    if m["status"] in ("inside", "not reached", "not reached yet"):
        return "inside the window" if m["status"] == "inside" else m["status"]
    slack = " (within the 12 h calibration slack)" if m["within_12h"] else ""
    return f"{m['hours']:g} h {m['status']}{slack}"


def tables(data: dict[str, Any]) -> list[Table]:
    """The report's tables (rendered by ``game.compare.tables`` as text or Markdown)."""
    names = data["side_names"]
    routes = [[r["name"], fmt_units(r), fmt_km(r["frechet_km"]), fmt_share(r)] for r in data["routes"]]
    miles = [[m["name"] + (" [disputed]" if m["disputed"] else ""),
              f"turn {m['turn']}, {fmt_span(m['start'], m['end'])}" if m["reached"] else "-",
              fmt_span(m["earliest"], m["latest"]), fmt_milestone(m)] for m in data["milestones"]]
    losses = [[names.get(side, side), str(data["casualties"].get(side, 0)),
               ", ".join(f"{v} {k}" for k, v in cats.items())] for side, cats in data["losses"].items()]
    plans = [[names.get(side, side), f"{p['name']} ({p['id']})",
              f"COUNTERFACTUAL (not history): {p['lifts'] or p['basis']}" if p["counterfactual"]
              else p["basis"]] for side, p in data["plans"].items()]
    return [Table("Routes against the documented approach",
                  ["Documented route of", "Units in this game", "Fréchet distance", "Within 1 km"], routes,
                  [data["definitions"]]),
            Table("Milestones: game date against the documented window",
                  ["Milestone", "This game", "Documented", "Compared"], miles,
                  ["This game: the turn in which it happened. [disputed]: sources disagree on the date."]),
            Table("Losses", ["Side", "Total", "By category"], losses),
            Table("Plans played", ["Side", "Plan", "Basis"], plans)]


def headline(data: dict[str, Any]) -> list[str]:
    state = "finished" if data["finished"] else "saved, unfinished"
    return [f"{data['title']} - seed {data['seed']} ({state}, {data['turns']} turns, {data['last_turn']})",
            f"Outcome: {data['outcome']['summary']}",
            f"Town damage (mean of the town's cells): {data['city_damage']:.1%}",
            percentile_line(data["percentile"])]


def text_report(data: dict[str, Any]) -> str:
    blocks = ["\n".join(headline(data)), *(as_text(t) for t in tables(data)), NOTE]
    return "\n\n".join(blocks) + "\n"


def markdown_report(data: dict[str, Any], *, map_name: str | None = MAP_NAME) -> str:
    head = [f"# {data['title']}: a game against history", "", *(f"- {line}" for line in headline(data))]
    blocks = ["\n".join(head), *(as_markdown(t) for t in tables(data))]
    if map_name:
        blocks.append(f"![The documented routes (dashed) and this game's (solid)]({map_name})")
    return "\n\n".join([*blocks, NOTE]) + "\n"


# ------------------------------------------------------------------------------------------ command
def write_outputs(out: Path, eng: Engine, data: dict[str, Any], docs: list[DocumentedRoute],
                  tracks: dict[str, Track]) -> None:
    from game.compare.routemap import render_route_map

    render_route_map(eng.setup, docs, tracks, data, out / MAP_NAME)
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    atomic_write_text(out / "compare.json", text)
    atomic_write_text(out / "report.md", markdown_report(data))


def compare_record_main(args: argparse.Namespace) -> int:
    """CLI entry: print the comparison; exit 2 with one line for a record that cannot be compared."""
    out = Path(args.out) if getattr(args, "out", None) else None
    try:
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
        eng = load_game(args.target)
        data, docs, tracks = compare_engine(eng, source=str(args.target))
        data["percentile"] = history_percentile(args, eng)
    except (CompareError, RankError) as e:
        print(e, file=sys.stderr)
        return 2
    except OSError as e:
        print(f"{out}: cannot write the comparison there: {e.strerror or e}", file=sys.stderr)
        return 2
    print(text_report(data), end="")
    if out is not None:
        try:
            write_outputs(out, eng, data, docs, tracks)
        except OSError as e:
            print(f"{out}: cannot write the comparison: {e.strerror or e}", file=sys.stderr)
            return 2
        print(f"Wrote {out / 'report.md'}, {out / 'compare.json'} and {out / MAP_NAME}")
    return 0
