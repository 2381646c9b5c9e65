"""The start screen's briefing as pygame_gui HTML: the scenario's own text, constraints, objectives, history.

Everything shown comes from the scenario file, whose text is written neutral and attributed; this
module only arranges it (and never adds claims of its own).
"""

from __future__ import annotations

from datetime import datetime

from game.core.clock import turn_starts
from game.core.setup import GameSetup, Objective
from game.ui.plantext import plans_section
from game.ui.style import GOLD, MUTED, ORANGE, coloured, esc, short_name

BULLET = "•"


def when(t: datetime) -> str:
    """``24 Oct 2020 18:00``."""
    return f"{t:%d %b %Y %H:%M}".lstrip("0")


def window(a: datetime, b: datetime) -> str:
    """A date window, e.g. ``4 Nov 00:00 - 5 Nov 2020 00:00`` (year once when both share it)."""
    if a.year == b.year:
        return f"{a:%d %b %H:%M}".lstrip("0") + " – " + when(b)
    return when(a) + " – " + when(b)


def zone_name(setup: GameSetup, zone: str | None) -> str:
    """A readable name for a zone id (the city zone is "the town")."""
    if not zone:
        return "-"
    if zone == setup.city_zone:
        return "the town"
    return zone.replace("_", " ")


def heading(text: str) -> str:
    return "<br>" + coloured(text, GOLD, bold=True) + "<br>"


def objective_line(setup: GameSetup, obj: Objective) -> str:
    """``Take the town - 50 points, by 10 Nov 2020 00:00``."""
    extra = f", by {when(obj.deadline)}" if obj.deadline else ""
    return f"{esc(obj.name)} – {obj.points} points{esc(extra)}"


def constraint_lines(setup: GameSetup) -> list[str]:
    """The historical constraints the engine enforces, each with its reason."""
    c = setup.constraints
    names = setup.side_names
    out: list[str] = []
    for side, classes in sorted(c.forbidden_classes.items()):
        what = ", ".join(x.replace("_", " ") for x in classes)
        reason = c.forbidden_reason.get(side, "")
        out.append(f"<b>{esc(names.get(side, side))}</b> may not use: {esc(what)}."
                   + (f" {coloured(reason, MUTED)}" if reason else ""))
    for z in c.no_fire_zones:
        kinds = " or ".join(z.forbid)
        out.append(f"<b>No-fire zone</b>: {esc(names.get(z.side, z.side))} may not fire {esc(kinds)} "
                   f"weapons into {esc(zone_name(setup, z.zone))}. {coloured(z.reason, MUTED)}")
    if c.vehicles_road_only:
        out.append("<b>Vehicles stay on roads</b>: no vehicle movement off the road network.")
    return out


def force_note_lines(setup: GameSetup) -> list[str]:
    """A "Forces (assumptions)" section: each side's stated assumptions, sources and reinforcement notes."""
    if not any(setup.force_notes.get(s) for s in setup.sides):
        return []
    out = [heading("Forces (assumptions)")]
    for side in setup.sides:
        notes = setup.force_notes.get(side, ())
        if notes:
            out.append(f"<b>{esc(setup.side_names.get(side, side))}</b><br>")
        for text in notes:
            shown = coloured(text, MUTED) if text.startswith("Sources:") else esc(text)
            out.append(f"{BULLET} {shown}<br>")
    return out


def grading_text(setup: GameSetup) -> str:
    """How the outcome is graded, from the scenario's thresholds, e.g. "... 85% or more of its points: a
    decisive victory; 60%: a marginal victory; 30%: a draw; less: a defeat ..."."""
    g = setup.grading
    return esc(f"At the end each side scores the share of its objectives' points it has achieved: "
               f"{g.decisive:.0%} or more is a decisive victory, {g.marginal:.0%} or more a marginal victory, "
               f"{g.draw:.0%} or more a draw, and less a defeat. The result named first is the attacker's grade.")


def side_objectives_text(setup: GameSetup, side: str) -> str:
    """What ``side`` plays for, for the "How you play" note: its objectives with points and deadlines."""
    objs = [o for o in setup.objectives if o.side == side]
    if not objs:
        return ""
    def short(o: Objective) -> str:
        by = f", by {o.deadline:%d %b}".replace(" 0", " ") if o.deadline else ""
        return f"{short_name(o.name)} ({o.points} points{by})"

    return esc("Your objectives: " + "; ".join(short(o) for o in objs) + ". The briefing gives each in full.")


def briefing_html(setup: GameSetup) -> str:
    """The full briefing: title, the scenario's text, sides, time, constraints, objectives, both sides'
    plans, forces' stated assumptions, milestones."""
    parts = [coloured(setup.title, GOLD, bold=True), "<br><br>"]
    paras = [p.strip() for p in setup.briefing.split("\n") if p.strip()]
    parts.append("<br><br>".join(esc(p) for p in paras) or esc("(This scenario has no briefing.)"))
    parts.append("<br>" + heading("Sides (in turn order)"))
    for i, side in enumerate(setup.sides, 1):
        n = sum(1 for u in setup.units if u.side == side)
        parts.append(f"{BULLET} {i}. {esc(setup.side_names.get(side, side))} – {n} units at the start<br>")
    starts = turn_starts(setup)
    if starts:
        parts.append(heading("Time"))
        parts.append(f"{BULLET} {esc(when(starts[0]))} to {esc(when(setup.end))}, {len(starts)} turns<br>")
    lines = constraint_lines(setup)
    if lines:
        parts.append(heading("Constraints enforced by the game"))
        parts.extend(f"{BULLET} {line}<br>" for line in lines)
    parts.append(heading("Objectives"))
    for side in setup.sides:
        objs = [o for o in setup.objectives if o.side == side]
        if objs:
            parts.append(f"<b>{esc(setup.side_names.get(side, side))}</b><br>")
            parts.extend(f"{BULLET} {objective_line(setup, o)}<br>" for o in objs)
    parts.append(heading("How a side's result is graded"))
    parts.append(grading_text(setup) + "<br>")
    plans = plans_section(setup)
    if plans:
        parts.append(heading("Plans"))
        parts.extend(plans)
    parts.extend(force_note_lines(setup))
    if setup.milestones:
        parts.append(heading("Historical milestones (documented windows)"))
        for m in setup.milestones:
            mark = " " + coloured("[disputed]", ORANGE, bold=True) if m.disputed else ""
            parts.append(f"{BULLET} <b>{esc(m.name)}</b>: {esc(window(m.earliest, m.latest))}{mark}<br>"
                         f"   {coloured('Source: ' + m.attribution, MUTED)}<br>")
    return "".join(parts)


def mode_note_html(setup: GameSetup | None, mode: str, plans: str = "") -> str:
    """What a way of playing (``side0``, ``side1``, ``hotseat``, ``watch``) means, for the start screen;
    ``plans`` (HTML) says which plans the computer plays."""
    if setup is None:
        return esc("Choose a scenario that loads to see who plays which side.")
    names = [setup.side_names.get(s, s) for s in setup.sides]
    a, b = (names + ["side 2"])[:2]
    text = {
        "side0": f"You command {a}. The computer plays {b}. You see only what your own units can see.",
        "side1": f"You command {b}. The computer plays {a}. You see only what your own units can see.",
        "hotseat": "Two players take turns at this computer. Between turns a cover hides the map until "
                   "the next player is ready, so neither sees the other's view.",
        "watch": "The computer plays both sides while you watch, with the whole map shown.",
    }[mode]
    own = {"side0": setup.sides[:1], "side1": setup.sides[1:2]}.get(mode, [])
    goal = side_objectives_text(setup, own[0]) if own else ""
    extra = ("<br><br>" + goal if goal else "") + ("<br><br>" + plans if plans else "")
    return coloured("How you play", GOLD, bold=True) + "<br>" + esc(text) + extra + "<br><br>" + coloured(
        "Accounts of the battle differ. The briefing attributes every claim and marks disputed ones.", MUTED)


def problems_html(name: str, message: str) -> str:
    """What a broken scenario file shows instead of a briefing."""
    return (coloured(f"{name} cannot be loaded", ORANGE, bold=True) + "<br><br>"
            + "The scenario file has these problems (file:line:col: field: what was expected):<br><br>"
            + esc(message))
