"""Typed events: what happened, who may know it, and the line a player reads in the log.

Every event names the sides that see it (``seen_by``; empty means everybody). Rules decide that when
they emit, from spotting at that moment, so an event never tells a side about an enemy unit it has not
spotted: fire from an unseen enemy reaches the target's side as :class:`UnderFire`, without the firer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import ClassVar

from game.core.frozen import quick_init

Cell = tuple[int, int]


@quick_init
@dataclass(frozen=True)
class Event:
    """One thing that happened in ``turn``; ``text`` is the log line, ``seen_by`` the sides that see it."""

    kind: ClassVar[str] = "event"
    turn: int
    text: str
    seen_by: tuple[str, ...] = ()  # () = every side

    def visible_to(self, side: str | None) -> bool:
        """Whether ``side`` sees this event (None: an observer who sees everything)."""
        return side is None or not self.seen_by or side in self.seen_by

    def unit_ids(self) -> tuple[str, ...]:
        """Ids of the units this event names."""
        out: list[str] = []
        for f in fields(self):
            if f.name in ("unit", "target"):
                v = getattr(self, f.name)
                if v:
                    out.append(v)
            elif f.name == "targets":
                out.extend(getattr(self, f.name))
        return tuple(out)


# ---------------------------------------------------------------- turn sequence and the scenario
@quick_init
@dataclass(frozen=True)
class TurnStarted(Event):
    kind: ClassVar[str] = "turn_started"


@quick_init
@dataclass(frozen=True)
class TurnEnded(Event):
    kind: ClassVar[str] = "turn_ended"
    side: str = ""


@quick_init
@dataclass(frozen=True)
class ScenarioEventFired(Event):
    """A dated scenario event (with its attribution in the text)."""

    kind: ClassVar[str] = "scenario_event"
    event: str = ""
    disputed: bool = False


@quick_init
@dataclass(frozen=True)
class ReinforcementArrived(Event):
    kind: ClassVar[str] = "reinforcement"
    unit: str = ""
    cell: Cell = (0, 0)


@quick_init
@dataclass(frozen=True)
class ReinforcementBlocked(Event):
    kind: ClassVar[str] = "reinforcement_blocked"
    side: str = ""
    road: str = ""


@quick_init
@dataclass(frozen=True)
class ControlChanged(Event):
    kind: ClassVar[str] = "control_changed"
    side: str = ""
    cells: int = 0


@quick_init
@dataclass(frozen=True)
class CutOff(Event):
    kind: ClassVar[str] = "cut_off"
    side: str = ""
    zone: str = ""


@quick_init
@dataclass(frozen=True)
class ObjectiveAchieved(Event):
    kind: ClassVar[str] = "objective"
    objective: str = ""


@quick_init
@dataclass(frozen=True)
class MilestoneReached(Event):
    kind: ClassVar[str] = "milestone"
    milestone: str = ""


@quick_init
@dataclass(frozen=True)
class GameOver(Event):
    kind: ClassVar[str] = "game_over"
    grade: str = ""


@quick_init
@dataclass(frozen=True)
class Notice(Event):
    """A message from around the game (an autosave that failed), not from the rules."""

    kind: ClassVar[str] = "notice"


# ---------------------------------------------------------------- units
@quick_init
@dataclass(frozen=True)
class UnitMoved(Event):
    kind: ClassVar[str] = "unit_moved"
    unit: str = ""
    frm: Cell = (0, 0)
    to: Cell = (0, 0)
    hours: float = 0.0
    path: tuple[Cell, ...] = ()  # the cells walked, ``frm`` to ``to`` (empty: a single step)


@quick_init
@dataclass(frozen=True)
class Contact(Event):
    """A move halted by an enemy position it ran into."""

    kind: ClassVar[str] = "contact"
    unit: str = ""
    cell: Cell = (0, 0)


@quick_init
@dataclass(frozen=True)
class Climbing(Event):
    """A climb that goes on next turn."""

    kind: ClassVar[str] = "climbing"
    unit: str = ""
    to: Cell = (0, 0)
    minutes_left: float = 0.0


@quick_init
@dataclass(frozen=True)
class Climbed(Event):
    kind: ClassVar[str] = "climbed"
    unit: str = ""
    frm: Cell = (0, 0)
    to: Cell = (0, 0)


@quick_init
@dataclass(frozen=True)
class ShotResolved(Event):
    """Aimed or indirect fire, seen by sides that know both the firer and the target."""

    kind: ClassVar[str] = "shot"
    unit: str = ""
    target: str = ""
    weapon: str = ""
    distance_m: float = 0.0
    casualties: int = 0


@quick_init
@dataclass(frozen=True)
class UnderFire(Event):
    """Fire from an enemy the target's side has not spotted: who fired is not told."""

    kind: ClassVar[str] = "under_fire"
    target: str = ""
    casualties: int = 0
    indirect: bool = False


@quick_init
@dataclass(frozen=True)
class Ambushed(Event):
    """A moving unit (``unit``) fired on first by a post or patrol lying in wait (``target``)."""

    kind: ClassVar[str] = "ambush"
    unit: str = ""
    target: str = ""
    casualties: int = 0


@quick_init
@dataclass(frozen=True)
class AssaultResolved(Event):
    kind: ClassVar[str] = "assault"
    unit: str = ""
    targets: tuple[str, ...] = ()
    won: bool = False
    taken: bool = False  # the position was cleared and the attacker advanced into it
    losses: tuple[int, int] = (0, 0)  # attacker, defenders


@quick_init
@dataclass(frozen=True)
class Routed(Event):
    kind: ClassVar[str] = "routed"
    unit: str = ""


@quick_init
@dataclass(frozen=True)
class Retreated(Event):
    kind: ClassVar[str] = "retreated"
    unit: str = ""
    frm: Cell = (0, 0)
    to: Cell = (0, 0)


@quick_init
@dataclass(frozen=True)
class Eliminated(Event):
    kind: ClassVar[str] = "eliminated"
    unit: str = ""


@quick_init
@dataclass(frozen=True)
class Disbanded(Event):
    kind: ClassVar[str] = "disbanded"
    unit: str = ""


@quick_init
@dataclass(frozen=True)
class PostureChanged(Event):
    """Dug in, holding, or rallied."""

    kind: ClassVar[str] = "posture"
    unit: str = ""
    posture: str = ""


Listener = Callable[[Event], None]


def walked_cells(e: UnitMoved | Climbed | Retreated) -> list[Cell]:
    """The cells a move, climb or retreat event went through, its start included (a move lists every cell
    walked; the others are one step)."""
    path = getattr(e, "path", ())
    return [(int(c[0]), int(c[1])) for c in path] if path else [tuple(e.frm), tuple(e.to)]

