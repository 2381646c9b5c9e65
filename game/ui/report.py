"""The end screen's content from ``Session.summary()``: plans played, objectives, losses, milestones
against history.

Pure functions of the setup and the summary dict (see ``game.sim.simulate.summary``), so they can be
tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from game.core.setup import GameSetup
from game.ui.briefing import heading
from game.ui.plantext import played_lines
from game.ui.style import MUTED, ORANGE, SKY, coloured, esc

NOTE = ("A game result comes from the model and one seed; it is not a finding about what happened "
        "historically. Both sides reported heavy losses in the real battle; the figures are disputed.")


@dataclass(frozen=True)
class MilestoneRow:
    """One row of the milestone table."""

    name: str
    game: str  # "turn 23, 4 Nov 06:00–12:00" (the turn in which it happened) or "not reached"
    window: str  # documented window, "-" when the scenario documents none
    compared: str  # "within the window", "6 h early", "1.5 days late", "not reached", "-"
    disputed: bool
    attribution: str


def short(t: datetime) -> str:
    """``4 Nov 06:00``."""
    return f"{t:%d %b %H:%M}".lstrip("0")


def compare(t: datetime, earliest: datetime, latest: datetime) -> str:
    """How a game date falls against a documented window, in words."""
    if earliest <= t <= latest:
        return "within the window"
    hours = (earliest - t if t < earliest else t - latest).total_seconds() / 3600
    amount = f"{hours:.0f} h" if hours < 24 else f"{hours / 24:.1f}".rstrip("0").rstrip(".") + " days"
    return f"{amount} {'early' if t < earliest else 'late'}"


def compare_span(start: datetime, end: datetime, earliest: datetime, latest: datetime) -> str:
    """How a turn's span (in which something happened) falls against a documented window, in words."""
    if end < earliest:
        return compare(end, earliest, latest)
    if start > latest:
        return compare(start, earliest, latest)
    return "within the window"


def span(got: dict[str, Any]) -> str:
    """``turn 23, 4 Nov 06:00–12:00``: the turn in which a milestone was reached, with its span."""
    s, e = datetime.fromisoformat(got["start"]), datetime.fromisoformat(got["end"])
    until = f"{e:%H:%M}" if e.date() == s.date() else short(e)
    return f"turn {got['turn']}, {short(s)}–{until}"


def milestone_rows(setup: GameSetup, summary: dict[str, Any]) -> list[MilestoneRow]:
    """Documented milestones in scenario order, then any other milestone the game reached."""
    reached: dict[str, dict[str, Any]] = summary.get("milestones", {})
    rows: list[MilestoneRow] = []
    for m in setup.milestones:
        got = reached.get(m.id)
        if got:
            s, e = datetime.fromisoformat(got["start"]), datetime.fromisoformat(got["end"])
            game, cmp = span(got), compare_span(s, e, m.earliest, m.latest)
        else:
            game, cmp = "not reached", "not reached"
        rows.append(MilestoneRow(m.name, game, f"{short(m.earliest)} – {short(m.latest)}", cmp, m.disputed,
                                 m.attribution))
    known = {m.id for m in setup.milestones}
    for mid, got in reached.items():
        if mid not in known:
            rows.append(MilestoneRow(got.get("name", mid), span(got), "-", "-", False,
                                     "no documented window in this scenario"))
    return rows


def statline(summary: dict[str, Any]) -> str:
    """One line under the outcome: turns, seed and the town's damage."""
    return (f"{summary['turns']} turns played  ·  seed {summary['seed']}  ·  "
            f"mean damage of the town's cells: {summary['city_damage']:.1%}")


def years(setup: GameSetup) -> str:
    """The year(s) of the documented windows, for the table header."""
    ys = sorted({m.earliest.year for m in setup.milestones} | {m.latest.year for m in setup.milestones})
    return "–".join(str(y) for y in (ys[0], ys[-1])) if len(ys) > 1 else (str(ys[0]) if ys else "")


def mark(ok: bool) -> str:
    """A word-and-symbol mark (never colour alone): achieved in sky blue, not achieved in orange."""
    return coloured("✓ achieved", SKY, bold=True) if ok else coloured("✗ not achieved", ORANGE, bold=True)


def report_html(setup: GameSetup, summary: dict[str, Any]) -> str:
    """The plans played (a counterfactual named as such), objectives with points and scores per side,
    then casualties."""
    names = setup.side_names
    out = summary["outcome"]
    achieved: dict[str, bool] = out["objectives"]
    parts = []
    plans = played_lines(setup, summary)
    if plans:
        parts.append(heading("Plans played").removeprefix("<br>"))
        parts.extend(f"• {line}<br>" for line in plans)
        parts.append("<br>")
    parts.append(heading("Objectives").removeprefix("<br>"))
    for side in setup.sides:
        objs = [o for o in setup.objectives if o.side == side]
        if not objs:
            continue
        score = out["scores"].get(side, 0.0)
        parts.append(f"<b>{esc(names.get(side, side))}</b> – score {score:.2f}<br>")
        for o in objs:
            parts.append(f"{mark(bool(achieved.get(o.id)))}  {esc(o.name)} – {o.points} points<br>")
        parts.append("<br>")
    parts.append(heading("Losses in this game (soldiers)").removeprefix("<br>"))
    for side in setup.sides:
        split = summary.get("losses", {}).get(side, {})
        detail = ", ".join(f"{n} {kind}" for kind, n in split.items())
        parts.append(f"• {esc(names.get(side, side))}: {summary['casualties'].get(side, 0)}"
                     + (f" ({esc(detail)})" if detail else "") + "<br>")
    parts.append(coloured("Sources mostly report the killed; compare those, not the total.", MUTED) + "<br>")
    return "".join(parts)


def sources_html(rows: list[MilestoneRow], summary: dict[str, Any], record: Path | None) -> str:
    """Each milestone's attribution (disputed marked), then the game's length, seed and record path."""
    parts = [heading("Sources of the documented windows").removeprefix("<br>")]
    for r in rows:
        flag = " " + coloured("[disputed]", ORANGE, bold=True) if r.disputed else ""
        parts.append(f"<b>{esc(r.name)}</b>{flag}: {coloured(r.attribution, MUTED)}<br>")
    if not rows:
        parts.append(esc("This scenario documents no historical milestones.") + "<br>")
    parts.append(heading("This game"))
    parts.append(f"{summary['turns']} turns, ended {esc(summary['last_turn'])}<br>Seed {summary['seed']}<br>")
    if record is not None:
        parts.append(f"Record saved to {esc(str(record))}<br>")
    else:
        parts.append(coloured("The game record could not be written.", ORANGE) + "<br>")
    parts.append("<br>" + coloured(NOTE, MUTED))
    return "".join(parts)
