"""Date checks: the game span, phases, weather, events, reinforcements, deadlines and history in order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from game.scenario.errors import KeyPath, Reporter
from game.scenario.schema import ScenarioFile


def _fmt(t: datetime) -> str:
    return t.isoformat(timespec="minutes")


def aware_times(obj: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, datetime]]:
    """Every datetime with a time zone anywhere in a validated model (given as quoted text)."""
    if isinstance(obj, datetime):
        if obj.tzinfo is not None:
            yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from aware_times(getattr(obj, name), (*path, name))
    elif isinstance(obj, list | tuple):
        for i, x in enumerate(obj):
            yield from aware_times(x, (*path, i))


def check_times(sc: ScenarioFile, rep: Reporter) -> None:
    """Report times out of order or outside the game span (start < end, ascending lists...)."""
    aware = list(aware_times(sc))
    for path, _ in aware:
        rep.add(path, "time has a time zone; give local times without one "
                      "(the scenario's time.utc_offset says how local time relates to UTC)")
    if aware:
        return  # comparing naive and aware times would be meaningless
    t = sc.time
    span_ok = t.start < t.end
    if not span_ok:
        rep.add(("time", "end"), f"the end ({_fmt(t.end)}) must come after the start ({_fmt(t.start)})")
    if t.sunrise_hour >= t.sunset_hour:
        rep.add(("time", "sunset_hour"), "sunset must come after sunrise")
    if t.phases[0].start != t.start:
        rep.add(("time", "phases", 0, "start"),
                f"the first phase must start at time.start ({_fmt(t.start)}), not {_fmt(t.phases[0].start)}")
    _ascending([(("time", "phases", i, "start"), p.start) for i, p in enumerate(t.phases)], "phase", rep)
    for i, p in enumerate(t.phases):
        if span_ok and p.start >= t.end:
            rep.add(("time", "phases", i, "start"), f"phase starts at or after the end ({_fmt(t.end)})")
    if sc.weather[0].start > t.start:
        rep.add(("weather", 0, "start"), f"the first weather must start by time.start ({_fmt(t.start)})")
    _ascending([(("weather", i, "start"), w.start) for i, w in enumerate(sc.weather)], "weather", rep)
    dated = [(("events", i, "time"), e.time, "event") for i, e in enumerate(sc.events)]
    dated += [(("reinforcements", i, "time"), r.time, "reinforcement") for i, r in enumerate(sc.reinforcements)]
    dated += [(("objectives", i, "deadline"), o.deadline, "deadline") for i, o in enumerate(sc.objectives)
              if o.deadline is not None]
    for path, when, what in dated:
        if span_ok and not t.start <= when <= t.end:
            rep.add(path, f"{what} time {_fmt(when)} is outside the game ({_fmt(t.start)} to {_fmt(t.end)})")
    for i, r in enumerate(sc.history.routes):
        _ascending([(("history", "routes", i, "waypoints", j, "time"), w.time)
                    for j, w in enumerate(r.waypoints)], "waypoint", rep)
    for i, x in enumerate(sc.history.positions):
        if x.since is not None and x.until is not None and x.since > x.until:
            rep.add(("history", "positions", i, "until"),
                    f"until ({_fmt(x.until)}) is before since ({_fmt(x.since)})")
    for i, m in enumerate(sc.history.milestones):
        if m.earliest > m.latest:
            rep.add(("history", "milestones", i, "latest"),
                    f"latest ({_fmt(m.latest)}) is before earliest ({_fmt(m.earliest)})")
        for j, a in enumerate(m.accounts):
            if not m.earliest <= a.time <= m.latest:
                rep.add(("history", "milestones", i, "accounts", j, "time"),
                        f"account time {_fmt(a.time)} is outside the milestone's window "
                        f"({_fmt(m.earliest)} to {_fmt(m.latest)})")


def _ascending(items: list[tuple[KeyPath, datetime]], what: str, rep: Reporter) -> None:
    """Each time must be later than the one before it."""
    for (_, prev), (path, cur) in zip(items, items[1:], strict=False):
        if cur <= prev:
            rep.add(path, f"{what} times must ascend: {_fmt(cur)} is not after {_fmt(prev)}")
