"""Events the engine emits when actions are applied: what a player sees in the log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    """One thing that happened. ``kind`` names it; ``data`` holds ids, cells and numbers."""

    kind: str  # unit_moved, contact, climbed, shot, assault, routed, retreated, eliminated, dug_in,
    # rallied, turn_ended, turn_started, scenario_event, reinforcement, control_changed, milestone, game_over
    turn: int
    text: str
    side: str | None = None  # None: everybody sees it; else only that side (fog of war)
    data: dict[str, Any] = field(default_factory=dict)
