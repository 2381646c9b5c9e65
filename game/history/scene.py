"""What a replay viewer draws at one step of a timeline, and the protocol every timeline follows.

Two timelines implement :class:`Timeline`: the documented approach (``game.history``, groups moving along their
dated waypoints) and a recorded game (engine snapshots). The viewer in ``game.ui`` only reads this module's
types, so it shows either without knowing which it has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import numpy as np

from game.core.units import Unit

Cell = tuple[int, int]


@dataclass(frozen=True)
class Mark:
    """A dated event on the timeline (drawn on the scrubber, shown as a caption when reached).

    ``alternatives`` names other marks that date the same event differently (the entry: night of 3-4 Nov or
    morning of 6 Nov), so a viewer can show both on the timeline.
    """

    step: int
    time: datetime
    title: str
    text: str = ""
    attribution: str = ""
    source: str = ""
    disputed: bool = False
    kind: str = "event"  # waypoint | milestone | event | turn | action
    key: str = ""  # stable id (for alternatives and tests)
    alternatives: tuple[str, ...] = ()


@dataclass
class Scene:
    """Everything drawn at one step: units (real Unit records, so the map's unit symbols draw them), the trails
    they left, who holds each zone, which roads are cut, an optional fog mask (True = visible), the clock and
    the captions of the marks at or just before this step."""

    time: datetime
    units: list[Unit]
    trails: dict[str, list[Cell]] = field(default_factory=dict)  # unit or group id -> cells visited, in order
    control: dict[str, str | None] = field(default_factory=dict)  # zone id -> side holding it
    roads_cut: frozenset[str] = frozenset()
    fog: np.ndarray | None = None
    captions: list[Mark] = field(default_factory=list)
    darkness: float = 0.0  # 0 day .. 1 full night (for night shading)
    positions: list[tuple[str, Cell, str]] = field(default_factory=list)  # (side, cell, label) documented posts
    axes: list[tuple[str, list[Cell], str]] = field(default_factory=list)  # (side, polyline cells, label)


class Timeline(Protocol):
    """A sequence of steps a viewer can jump to in any order (forward and back)."""

    title: str

    @property
    def steps(self) -> int: ...

    def time_at(self, step: int) -> datetime: ...

    def marks(self) -> list[Mark]: ...

    def scene(self, step: int, side: str | None = None) -> Scene: ...
