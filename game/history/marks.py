"""The dated marks of the historical replay: waypoint notes, milestone windows (each source's date where they
differ) and the scenario's dated events, each with its attribution and a disputed flag.

Example: the entry into the town has two accounts (night of 3-4 Nov, morning of 6 Nov); they become two
marks ``milestone:city_entered:0`` and ``milestone:city_entered:1`` whose ``alternatives`` name each other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from game.core.setup import GameSetup, Milestone
from game.history.scene import Mark

StepOf = Callable[[datetime], int]


def waypoint_marks(setup: GameSetup, step_of: StepOf) -> list[Mark]:
    """One mark per documented waypoint: its note, date, attribution and disputed flag."""
    out: list[Mark] = []
    for route in setup.history:
        name = next((u.name for u in setup.units if u.id == route.group), route.group)
        for i, w in enumerate(route.waypoints):
            where = setup.grid.place(w.place).name if w.place else _first_sentence(w.note, 70)
            out.append(Mark(step=step_of(w.time), time=w.time, title=f"{name}: {where}", text=w.note,
                            attribution=w.attribution, disputed=w.disputed, kind="waypoint",
                            key=f"waypoint:{route.group}:{i}"))
    return out


def milestone_marks(m: Milestone, step_of: StepOf) -> list[Mark]:
    """A milestone window as marks: one per source's date when the scenario lists them (linked as
    alternatives), otherwise one at the window's opening (and one at its close when disputed, linked)."""
    window = f"documented window {m.earliest:%d %b %H:%M} - {m.latest:%d %b %Y %H:%M}"
    if m.accounts:
        keys = tuple(f"milestone:{m.id}:{i}" for i in range(len(m.accounts)))
        return [Mark(step=step_of(a.time), time=a.time, title=f"{m.name}: {a.label}",
                     text=f"{window}. Sources disagree on the date: "
                          + "; ".join(f"{b.label} ({b.attribution})" for b in m.accounts) + ".",
                     attribution=a.attribution, disputed=m.disputed or len(m.accounts) > 1, kind="milestone",
                     key=key, alternatives=tuple(k for k in keys if k != key))
                for key, a in zip(keys, m.accounts, strict=True)]
    if not m.disputed or m.earliest == m.latest:
        return [Mark(step=step_of(m.earliest), time=m.earliest, title=m.name, text=window,
                     attribution=m.attribution, disputed=m.disputed, kind="milestone", key=f"milestone:{m.id}")]
    keys = (f"milestone:{m.id}:earliest", f"milestone:{m.id}:latest")
    return [Mark(step=step_of(t), time=t, title=f"{m.name} ({which})", text=window, attribution=m.attribution,
                 disputed=True, kind="milestone", key=key, alternatives=tuple(k for k in keys if k != key))
            for key, t, which in zip(keys, (m.earliest, m.latest), ("earliest date", "latest date"), strict=True)]


def event_marks(setup: GameSetup, step_of: StepOf) -> list[Mark]:
    """The scenario's dated events (the ones the game shows during play)."""
    return [Mark(step=step_of(e.time), time=e.time, title=_first_sentence(e.text, 90), text=e.text,
                 attribution=e.attribution, disputed=e.disputed, kind="event", key=f"event:{e.id}")
            for e in setup.events]


def _first_sentence(text: str, limit: int) -> str:
    """The text's first sentence, cut at ``limit`` characters with an ellipsis."""
    first = " ".join(text.split()).split(". ")[0].rstrip(".")
    return first if len(first) <= limit else first[:limit - 1].rstrip() + "…"


def history_marks(setup: GameSetup, step_of: StepOf) -> list[Mark]:
    """Every mark of the historical replay, by time (waypoints before milestones before events at one time)."""
    order = {"waypoint": 0, "milestone": 1, "event": 2}
    marks = waypoint_marks(setup, step_of) + [x for m in setup.milestones for x in milestone_marks(m, step_of)]
    marks += event_marks(setup, step_of)
    return sorted(marks, key=lambda m: (m.time, order.get(m.kind, 3), m.key))
