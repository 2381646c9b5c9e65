"""What happened while a side waited (the enemy's phase and the turn's start), as that side knows it.

Built from the display log's events that the side may see (``Event.visible_to``), so it never tells
about an enemy unit the side has not spotted. No pygame here; ``game.ui.turn_summary`` draws it.

Example::

    mark = len(eng.log)              # when the player ends the turn
    ...                              # the enemy plays
    report = turn_report(eng, eng.log[mark:], "attacker")
    report.lines()                   # ["Contacts: ...", "Fights: ...", ...]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from game.core import events as E
from game.core.engine import Engine
from game.core.wording import counted

FIGHTS = (E.ShotResolved, E.UnderFire, E.Ambushed, E.AssaultResolved)
CONTACTS = (E.Contact, E.Ambushed)
OBJECTIVES = (E.ObjectiveAchieved, E.MilestoneReached, E.ControlChanged, E.CutOff)
UNIT_NEWS = (E.Routed, E.Eliminated, E.Disbanded, E.ReinforcementArrived, E.ReinforcementBlocked, E.Climbed)
MAX_FIGHTS = 6  # fights listed one by one; the rest are counted


@dataclass
class TurnReport:
    """The side's view of what happened: contacts, fights, losses per side, objectives, other events."""

    side: str
    enemy_name: str
    contacts: list[str] = field(default_factory=list)
    fights: list[str] = field(default_factory=list)
    own_losses: int = 0
    enemy_losses: int = 0  # only the losses the side saw inflicted
    objectives: list[str] = field(default_factory=list)
    news: list[str] = field(default_factory=list)  # routs, losses of units, arrivals, scenario events

    @property
    def empty(self) -> bool:
        return not (self.contacts or self.fights or self.objectives or self.news)

    def headline(self) -> str:
        """One line for the log: counts of what happened."""
        if self.empty:
            return f"While {self.enemy_name} moved: nothing your side saw."
        parts = [counted(len(self.contacts), "contact"), counted(len(self.fights), "fight")]
        parts.append(f"your losses {self.own_losses}, enemy losses seen {self.enemy_losses}")
        if self.objectives:
            parts.append(counted(len(self.objectives), "change", "changes") + " to objectives or control")
        return f"While {self.enemy_name} moved: " + "; ".join(parts) + "."

    def lines(self) -> list[tuple[str, list[str]]]:
        """Sections for the summary window: (title, lines), empty sections left out."""
        fights = self.fights[:MAX_FIGHTS]
        if len(self.fights) > MAX_FIGHTS:
            fights.append(f"... and {counted(len(self.fights) - MAX_FIGHTS, 'more fight')} (see the log).")
        out = [("Losses", [f"Your side lost {self.own_losses} men; enemy losses your side saw: "
                           f"{self.enemy_losses}."])]
        for title, rows in (("Contacts", self.contacts), ("Fights", fights),
                            ("Objectives and control", self.objectives), ("Events", self.news)):
            if rows:
                out.append((title, rows))
        return out


def _side_of(eng: Engine, unit_id: str) -> str | None:
    u = eng.state.units.get(unit_id)
    return u.side if u is not None else None


def _book_losses(eng: Engine, rep: TurnReport, e: E.Event) -> None:
    """Add the fight's casualties to the side that suffered them."""
    hits: list[tuple[str | None, int]] = []
    if isinstance(e, E.ShotResolved):
        hits.append((_side_of(eng, e.target), e.casualties))
    elif isinstance(e, E.UnderFire):
        hits.append((_side_of(eng, e.target), e.casualties))
    elif isinstance(e, E.Ambushed):
        hits.append((_side_of(eng, e.unit), e.casualties))
    elif isinstance(e, E.AssaultResolved):
        hits.append((_side_of(eng, e.unit), e.losses[0]))
        hits.append((_side_of(eng, e.targets[0]) if e.targets else None, e.losses[1]))
    for side, n in hits:
        if side == rep.side:
            rep.own_losses += n
        elif side is not None:
            rep.enemy_losses += n


def turn_report(eng: Engine, events: Sequence[E.Event], side: str) -> TurnReport:
    """Summarise ``events`` (a slice of the display log) as ``side`` saw them."""
    enemies = [eng.side_name(s) for s in eng.setup.enemies(side)]
    rep = TurnReport(side, " and ".join(enemies) or "the enemy")
    for e in events:
        if not e.visible_to(side):
            continue
        if isinstance(e, CONTACTS):
            rep.contacts.append(e.text)
        if isinstance(e, FIGHTS):
            if not isinstance(e, E.Ambushed):
                rep.fights.append(e.text)
            _book_losses(eng, rep, e)
        elif isinstance(e, OBJECTIVES):
            rep.objectives.append(e.text)
        elif isinstance(e, UNIT_NEWS):
            rep.news.append(e.text)
        elif isinstance(e, E.ScenarioEventFired):
            lead, _, body = e.text.partition(" - ")
            first = body.split(". ")[0].rstrip(".")
            rep.news.append(f"{lead}: {first}{'.' if first == body.rstrip('.') else ' ...'} (full text in the log)")
    return rep
