"""The compare tables as data (title, columns, rows, notes), rendered as text for the terminal or Markdown.

A pair whose plans lift a historical constraint is labelled ``(CF)`` in every table, and the plans table
says ``COUNTERFACTUAL: lifts ...``, so a counterfactual is never read as history.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from game.compare.batch import BatchResult
from game.compare.stats import GRADES, PairStats, Share, Spread
from game.core.plans import Plan, plans_of
from game.core.setup import GameSetup
from game.core.state import LOSS_KINDS


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


def plan_of(setup: GameSetup, side: str, pid: str) -> Plan | None:
    return next((p for p in plans_of(setup, side) if p.id == pid), None)


def counterfactual(setup: GameSetup, side: str, pid: str) -> str:
    """``COUNTERFACTUAL: lifts ...`` for a plan that lifts constraints, else ""."""
    p = plan_of(setup, side, pid)
    return f"COUNTERFACTUAL: lifts {', '.join(p.lifts)} ({p.lifts_text()})" if p and p.lifts else ""


def pair_label(result: BatchResult, pair: dict[str, str]) -> str:
    """The attacker's plan id (``vs`` the defender's when the batch has several), ``(CF)`` if counterfactual."""
    cols, setup = result.columns, result.setup
    label = pair.get(cols.attacker, "default")
    if len({p.get(cols.defender) for p in result.pairs}) > 1:
        label += f" vs {pair.get(cols.defender, 'default')}"
    if any(counterfactual(setup, s, pid) for s, pid in pair.items()):
        label += " (CF)"
    return label


def pct(s: Share) -> str:
    """``80% [49-94]``: the share and its 95% Wilson interval, in percent."""
    if not s.n:
        return "-"
    return f"{s.p:.0%} [{s.low * 100:.0f}-{s.high * 100:.0f}]"


def num(x: float, digits: int = 1) -> str:
    return "-" if math.isnan(x) else f"{x:.{digits}f}"


def plans_table(result: BatchResult) -> Table:
    setup, seen, rows = result.setup, set(), []
    for pair in result.pairs:
        for side, pid in pair.items():
            p = plan_of(setup, side, pid)
            if p is None or (side, pid) in seen:
                continue
            seen.add((side, pid))
            rows.append([side, p.id, p.basis, p.name, counterfactual(setup, side, pid)])
    notes = [] if rows else ["the scenario declares no plans: each side plays the AI's fallback built from its "
                             "objectives"]
    return Table("Plans", ["side", "plan", "basis", "name", "lifts"], rows, notes)


def outcome_table(result: BatchResult, stats: list[PairStats]) -> Table:
    rows = [[pair_label(result, s.pair), str(s.games), *(pct(s.grades[g]) for g in GRADES), str(s.errors)]
            for s in stats]
    return Table("Outcome: the attacker's grade, share of games [95% Wilson interval]",
                 ["plan", "games", *GRADES, "errors"], rows)


def capture_table(result: BatchResult, stats: list[PairStats]) -> Table:
    def spread(c: Spread | None) -> list[str]:
        return [str(c.n), num(c.median), num(c.q1), num(c.q3)] if c else ["0", "-", "-", "-"]

    rows = [[pair_label(result, s.pair), *spread(s.capture), pct(s.never)] for s in stats]
    return Table("Time to capture: hours from the scenario start to the end of the capture turn",
                 ["plan", "captured", "median h", "Q1 h", "Q3 h", "never captured"], rows)


def milestone_table(result: BatchResult, stats: list[PairStats]) -> Table:
    docs = {m.id: m for m in result.setup.milestones}
    ids = [m for m in (stats[0].windows if stats else {})]
    rows = [[pair_label(result, s.pair), *(pct(s.windows[m]) for m in ids)] for s in stats]
    notes = [f"{m}: {docs[m].earliest:%Y-%m-%d %H:%M} .. {docs[m].latest:%Y-%m-%d %H:%M}"
             f"{' (disputed)' if docs[m].disputed else ''} - {docs[m].attribution}" for m in ids]
    return Table("Milestones inside the documented window (+-12 h): share of games [95% Wilson interval]",
                 ["plan", *ids], rows, notes)


def losses_table(result: BatchResult, stats: list[PairStats]) -> Table:
    sides = result.columns.sides
    rows = [[pair_label(result, s.pair),
             *(" / ".join(num(s.losses[side][k]) for k in LOSS_KINDS) for side in sides)] for s in stats]
    return Table("Losses per game (mean): killed / wounded / captured / dispersed",
                 ["plan", *sides], rows)


def activity_table(result: BatchResult, stats: list[PairStats]) -> Table:
    sides = result.columns.sides
    rows = [[pair_label(result, s.pair), num(s.damage * 100, 2), *(num(s.exposure[x]) for x in sides),
             num(s.climbs), num(s.refused), num(s.wall_s, 2)] for s in stats]
    return Table("Town damage, exposure and actions (mean per game)",
                 ["plan", "town damage %", *(f"exposure {x}" for x in sides), "climbs", "refused", "s/game"],
                 rows, ["exposure: unit-turns a side's units spent spotted by the enemy (counted as each enemy "
                        "phase starts)", "s/game: wall time, not part of results.csv"])


def all_tables(result: BatchResult, stats: list[PairStats]) -> list[Table]:
    return [plans_table(result), outcome_table(result, stats), capture_table(result, stats),
            milestone_table(result, stats), losses_table(result, stats), activity_table(result, stats)]


CF_NOTE = "(CF) = COUNTERFACTUAL: the plan lifts a historical constraint (see Plans); its results are not history."


def as_text(t: Table) -> str:
    """Aligned columns under the title, notes below."""
    widths = [max(len(c), *(len(r[i]) for r in t.rows)) if t.rows else len(c) for i, c in enumerate(t.columns)]
    lines = [t.title, "  ".join(c.ljust(w) for c, w in zip(t.columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in t.rows]
    return "\n".join(lines + [f"  {n}" for n in t.notes])


def as_markdown(t: Table) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    out = [f"### {t.title}", "", line(t.columns), line(["---"] * len(t.columns)), *map(line, t.rows)]
    return "\n".join(out + ([""] + [f"- {n}" for n in t.notes] if t.notes else []))
