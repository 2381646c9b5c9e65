"""The forces' stated assumptions, sources and reinforcement notes of a scenario, per side, for players.

Example: a side whose ``forces`` entry has an assumption and a source, and two reinforcements with the
same note, gets three texts::

    force_notes(sc)["defender"] == (
        "Assumption: No Armenian figure for the garrison was found. ...",
        "Sources: wikimili/wikisum 'Battle of Shusha (2020)' ...",
        "Reinforcements (26 Oct 06:00, 30 Oct 06:00): Armenian reinforcements and volunteers ...",
    )
"""

from __future__ import annotations

from datetime import datetime

from game.scenario.schema import ScenarioFile


def short_time(t: datetime) -> str:
    """``26 Oct 06:00``."""
    return f"{t:%d %b %H:%M}".lstrip("0")


def force_notes(sc: ScenarioFile) -> dict[str, tuple[str, ...]]:
    """Side -> its forces' assumption and source texts, then its reinforcement notes (equal notes merged)."""
    out: dict[str, list[str]] = {s.id: [] for s in sc.sides}
    for f in sc.forces:
        notes = out.setdefault(f.side, [])
        if f.assumption.strip():
            notes.append("Assumption: " + f.assumption.strip())
        if f.source.strip():
            notes.append("Sources: " + f.source.strip())
    times: dict[tuple[str, str], list[datetime]] = {}
    for r in sorted(sc.reinforcements, key=lambda r: r.time):
        if r.note.strip():
            times.setdefault((r.side, r.note.strip()), []).append(r.time)
    for (side, note), ts in times.items():
        out.setdefault(side, []).append(f"Reinforcements ({', '.join(short_time(t) for t in ts)}): {note}")
    return {side: tuple(texts) for side, texts in out.items() if texts}
