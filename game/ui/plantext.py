"""How plans are named to the player: list rows, the briefing's Plans section, the computer's plan note
and the plans played in the after-action report.

A plan's basis is always shown in words, and a counterfactual always with what it lifts, so that a
counterfactual game is never read as history. Everything else shown is the scenario's own text.
"""

from __future__ import annotations

from typing import Any

from game.core.plans import Plan, plans_of
from game.core.setup import GameSetup
from game.ui.style import MUTED, ORANGE, coloured, esc

BULLET = "•"
BASIS_WORDS = {"historical": "Historical", "doctrine": "Doctrine", "alternative": "Alternative",
               "counterfactual": "Counterfactual"}
ATTRIBUTED = ("historical", "doctrine")
LEGEND = ("Historical and doctrine plans follow the attributed accounts; alternatives are other choices "
          "within the scenario's constraints; a counterfactual lifts a documented constraint, and its "
          "results are not history.")
NO_PLANS = "This scenario has no plans: the computer plays for its objectives."


def basis_tag(basis: str, lifts: str = "") -> str:
    """The basis in words: ``Historical``; a counterfactual with what it lifts,
    ``Counterfactual: no-fire zones lifted``."""
    word = BASIS_WORDS.get(basis, basis.replace("_", " ").capitalize())
    return f"{word}: {lifts}" if basis == "counterfactual" and lifts else word


def bare_name(name: str, basis: str) -> str:
    """A counterfactual's name without a leading "Counterfactual:" (its tag says so already)."""
    head = "counterfactual:"
    if basis == "counterfactual" and name.lower().startswith(head):
        rest = name[len(head):].strip()
        return rest[:1].upper() + rest[1:] if rest else name
    return name


def row_label(plan: Plan) -> str:
    """A selection-list row: ``[Historical, default] Forest infiltration (...)``; the tag comes first,
    so eliding a long name never hides it."""
    tag = basis_tag(plan.basis, plan.lifts_text()) + (", default" if plan.default else "")
    return f"[{tag}] {bare_name(plan.name, plan.basis)}"


def plan_line(plan: Plan, *, detail: bool = True) -> str:
    """One plan as HTML: its basis and the default mark first (a counterfactual in orange, with what it
    lifts), the name, the attribution of a historical or doctrine plan, then (``detail``) its description."""
    tag = f"[{basis_tag(plan.basis, plan.lifts_text())}{', default' if plan.default else ''}]"
    shown = coloured(tag, ORANGE, bold=True) if plan.basis == "counterfactual" else esc(tag)
    parts = [f"{shown} <b>{esc(bare_name(plan.name, plan.basis))}</b>"]
    if plan.basis in ATTRIBUTED and plan.attribution:
        parts.append("<br>   " + coloured("Source: " + plan.attribution, MUTED))
    if detail and plan.description:
        parts.append("<br>   " + esc(plan.description))
    return "".join(parts)


def plans_section(setup: GameSetup) -> list[str]:
    """The lines of the briefing's "Plans" section: every side's plans, the default marked (empty
    without plans)."""
    if not setup.plans:
        return []
    out = [coloured(LEGEND, MUTED) + "<br>"]
    for side in setup.sides:
        mine = plans_of(setup, side)
        if mine:
            out.append(f"<b>{esc(setup.side_names.get(side, side))}</b><br>")
            out.extend(f"{BULLET} {plan_line(p)}<br>" for p in mine)
    return out


def computer_plans_note(setup: GameSetup, chosen: dict[str, Plan], computer: list[str]) -> str:
    """What the computer will play, for the start screen's note: each computer side's chosen plan
    (with its description), or that the scenario has no plans."""
    if not computer:
        return ""
    if not setup.plans:
        return esc(NO_PLANS)
    lines = []
    for side in computer:
        plan = chosen.get(side)
        who = "The computer's plan" if len(computer) == 1 else side_name(setup, side)
        lines.append(f"<b>{esc(who)}</b>: " + (plan_line(plan) if plan else esc("its objectives (no plans)")))
    return "<br>".join(lines)


# ------------------------------------------------------------------ after-action report
def side_name(setup: GameSetup, side: str) -> str:
    """A side's name without its bracketed detail: "Armenian forces (Artsakh ...)" -> "Armenian forces"."""
    name = setup.side_names.get(side, side)
    return name.split(" (")[0].strip() or name


def played(summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The summary's ``plans`` (side -> id, name, basis, lifts); empty for older summaries."""
    plans = summary.get("plans")
    return plans if isinstance(plans, dict) else {}


def counterfactual_sides(summary: dict[str, Any]) -> list[str]:
    return [s for s, p in played(summary).items() if p.get("basis") == "counterfactual"]


def plans_banner(setup: GameSetup, summary: dict[str, Any]) -> str:
    """One line for the top of the report: the counterfactual plans played (named as such, with what
    they lift), else the plans played with their basis; empty when the scenario has no plans."""
    plans = played(summary)
    cf = counterfactual_sides(summary)
    if cf:
        what = "; ".join(f"{side_name(setup, s)} – {bare_name(plans[s]['name'], 'counterfactual')}"
                         + (f" ({plans[s]['lifts']})" if plans[s].get("lifts") else "") for s in cf)
        return f"Counterfactual plan (not history): {what}"
    return "Plans: " + " · ".join(f"{side_name(setup, s)} – {p['name']}, {basis_tag(p['basis']).lower()}"
                                  for s, p in plans.items()) if plans else ""


def played_lines(setup: GameSetup, summary: dict[str, Any]) -> list[str]:
    """The report's "Plans played" lines, one per side (counterfactuals in orange, named as such)."""
    out = []
    for side, p in played(summary).items():
        who = f"<b>{esc(setup.side_names.get(side, side))}</b>: "
        if p.get("basis") == "counterfactual":
            tag = "Counterfactual plan" + (f" ({p['lifts']})" if p.get("lifts") else "")
            out.append(who + coloured(f"{tag}:", ORANGE, bold=True) + " "
                       + esc(bare_name(p["name"], "counterfactual")))
        else:
            out.append(who + esc(f"[{basis_tag(p['basis'])}] {p['name']}"))
    return out
