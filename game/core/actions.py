"""Actions: every state change is one of these small frozen records (ids and coordinates only).

They serialise to and from plain JSON dicts: ``{"type": "move", "unit": "a1", "to": [3, 4]}``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import Any, ClassVar

from game.core.frozen import quick_init

Cell = tuple[int, int]


@cache
def field_names(cls: type) -> tuple[str, ...]:
    """The dataclass field names of an action class, in order (looked up once per class)."""
    return tuple(f.name for f in fields(cls))


@quick_init
@dataclass(frozen=True)
class Action:
    """Base class; ``kind`` is the JSON ``type``."""

    kind: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"type": self.kind}
        for name in field_names(type(self)):
            v = getattr(self, name)
            if v is None:
                continue
            if isinstance(v, tuple):
                v = [list(x) if isinstance(x, tuple) else x for x in v]
            d[name] = v
        return d


@quick_init
@dataclass(frozen=True)
class Move(Action):
    """Move a unit to a cell this turn, along ``path`` if given (else the cheapest path)."""

    kind: ClassVar[str] = "move"
    unit: str
    to: Cell
    path: tuple[Cell, ...] | None = None


@quick_init
@dataclass(frozen=True)
class Climb(Action):
    """Climb a cliff edge into the adjacent cell ``to`` (units with the climb capability)."""

    kind: ClassVar[str] = "climb"
    unit: str
    to: Cell


@quick_init
@dataclass(frozen=True)
class Fire(Action):
    """Fire on an enemy unit the side can see (indirect weapons need no sight line from the firer)."""

    kind: ClassVar[str] = "fire"
    unit: str
    target: str
    weapon: str | None = None


@quick_init
@dataclass(frozen=True)
class Assault(Action):
    """Close assault on an adjacent enemy unit (hand-to-hand and point-blank fighting)."""

    kind: ClassVar[str] = "assault"
    unit: str
    target: str


@quick_init
@dataclass(frozen=True)
class DigIn(Action):
    """Spend the turn preparing positions: the unit becomes dug in (needs the dig_in capability)."""

    kind: ClassVar[str] = "dig_in"
    unit: str


@quick_init
@dataclass(frozen=True)
class Hold(Action):
    """Hold in place: no movement this turn, hasty defence posture."""

    kind: ClassVar[str] = "hold"
    unit: str


@quick_init
@dataclass(frozen=True)
class Rally(Action):
    """Spend the turn restoring morale and clearing suppression."""

    kind: ClassVar[str] = "rally"
    unit: str


@quick_init
@dataclass(frozen=True)
class EndTurn(Action):
    """End the side's part of the turn."""

    kind: ClassVar[str] = "end_turn"
    side: str


ACTION_TYPES: dict[str, type[Action]] = {
    cls.kind: cls for cls in (Move, Climb, Fire, Assault, DigIn, Hold, Rally, EndTurn)
}


def action_from_dict(d: dict[str, Any]) -> Action:
    """Rebuild an Action from its JSON dict; raises ValueError with a readable reason when malformed."""
    if not isinstance(d, dict) or d.get("type") not in ACTION_TYPES:
        raise ValueError(f"unknown action {d!r}")
    cls = ACTION_TYPES[d["type"]]
    kwargs: dict[str, Any] = {}
    names = {f.name for f in fields(cls)}
    for k, v in d.items():
        if k == "type":
            continue
        if k not in names:
            raise ValueError(f"action {d['type']!r} has no field {k!r}")
        if k == "to":
            v = _cell(v)
        elif k == "path" and v is not None:
            v = tuple(_cell(x) for x in v)
        elif not isinstance(v, str):
            raise ValueError(f"action field {k!r} must be a string")
        kwargs[k] = v
    try:
        return cls(**kwargs)
    except TypeError as e:
        raise ValueError(f"malformed {d['type']} action: {e}") from None


def _cell(v: Any) -> Cell:
    if (not isinstance(v, list | tuple) or len(v) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in v)):
        raise ValueError(f"expected a cell [row, col], got {v!r}")
    return (int(v[0]), int(v[1]))
