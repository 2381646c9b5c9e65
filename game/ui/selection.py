"""Which of the player's units are selected, who still needs orders, and the idle-units warning setting.

The play screen keeps one *primary* selected unit (``GameScreen.selected``: its panel, its reach); a
:class:`Selection` adds the others picked with Shift+click or a Shift+drag box, for group orders.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pygame

from game.core.engine import Engine
from game.core.units import Unit
from game.play import standing
from game.sim.record import atomic_write_text
from game.ui.camera import Camera

SETTINGS_FILE = "client_settings.json"  # in the save folder
MIN_LEFT_MIN = 10.0  # a unit with less time than this left is not offered by "next unit"


class Selection:
    """Units selected besides the primary one, in the order they were added."""

    def __init__(self) -> None:
        self.extra: list[str] = []

    def ids(self, primary: str | None) -> list[str]:
        """The whole selection: the primary unit first."""
        return ([primary] if primary else []) + [u for u in self.extra if u != primary]

    def clear(self) -> None:
        self.extra = []


def units_in_box(camera: Camera, box: pygame.Rect, units: Iterable[Unit]) -> list[str]:
    """Ids (sorted) of the units whose cell centre lies inside ``box`` (map-local pixels)."""
    return sorted(u.id for u in units if box.collidepoint(camera.screen_rect(*u.pos).center))


def box_between(a: tuple[int, int], b: tuple[int, int]) -> pygame.Rect:
    """The rectangle spanned by two corners, whichever way it was dragged."""
    return pygame.Rect(min(a[0], b[0]), min(a[1], b[1]), abs(a[0] - b[0]) + 1, abs(a[1] - b[1]) + 1)


def idle_units(eng: Engine, side: str) -> list[Unit]:
    """The side's units without orders this turn: no standing order, nothing done yet, not dug in or climbing."""
    orders = standing.orders_of(eng, side)
    return [u for u in eng.state.units_of(side)
            if u.alive and u.id not in orders and u.used_min <= 0 and not u.fired and not u.climbing
            and u.posture != "dug_in"]


def next_with_time(eng: Engine, side: str, after: str | None) -> Unit | None:
    """The next of the side's units (id order, after ``after``, wrapping) that has time left and no standing
    order; None when none has."""
    orders = standing.orders_of(eng, side)
    ready = [u for u in eng.state.units_of(side)
             if u.alive and u.id not in orders and not u.climbing and eng.budget_min(u.id) >= MIN_LEFT_MIN]
    if not ready:
        return None
    later = [u for u in ready if after is None or u.id > after]
    return (later or ready)[0]


class IdleWarning:
    """'End turn' warns once per turn when units have no orders; the player may switch it off (kept on disk)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / SETTINGS_FILE
        self.enabled = bool(self._read().get("warn_idle_units", True))
        self.warned: tuple[int, str] | None = None

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def toggle(self) -> str:
        """Switch the warning on or off and keep the choice; returns what to tell the player."""
        self.enabled = not self.enabled
        data = self._read()
        data["warn_idle_units"] = self.enabled
        try:
            atomic_write_text(self.path, json.dumps(data, indent=1) + "\n")
        except OSError as e:
            return f"Idle-units warning {'on' if self.enabled else 'off'} (not kept: {e})."
        return f"Idle-units warning {'on' if self.enabled else 'off'} (W switches it)."

    def check(self, eng: Engine, side: str) -> str | None:
        """The warning to show instead of ending the turn, or None to end it (at most once per turn)."""
        key = (eng.state.turn, side)
        if not self.enabled or self.warned == key:
            return None
        idle = idle_units(eng, side)
        if not idle:
            return None
        self.warned = key
        names = ", ".join(u.name for u in idle[:3]) + (f" and {len(idle) - 3} more" if len(idle) > 3 else "")
        return (f"{len(idle)} unit{'s' if len(idle) > 1 else ''} without orders: {names}. "
                "E again ends the turn; Tab: next unit; W: stop warning.")
