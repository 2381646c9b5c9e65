"""A small fixture API for tests: start a game with units placed or conditioned as a test needs,
through the scenario (the engine then starts from that position exactly as from a scenario file),
never by editing a running engine's state.

Example::

    eng = Engine(arrange(tiny, a1=(2, 9), a3={"morale": 10.0, "routed": True}), seed=1)
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from game.core.setup import GameSetup
from game.core.units import Unit

UNIT_FIELDS = {f.name for f in fields(Unit)}


def arrange(setup: GameSetup, **changes: tuple[int, int] | dict[str, Any]) -> GameSetup:
    """The scenario with some units starting elsewhere or otherwise.

    Each keyword is a unit id; its value is a cell ``(row, col)`` or a dict of Unit fields, where
    ``cell`` may stand for row and col. Raises ValueError for unknown units, fields or cells off the map.
    """
    by_id = {u.id: u for u in setup.units}
    unknown = sorted(set(changes) - set(by_id))
    if unknown:
        raise ValueError(f"no units {unknown} in {setup.scenario_id}")
    units = []
    for u in setup.units:
        change = changes.get(u.id)
        if change is None:
            units.append(u)
            continue
        values = {"cell": change} if isinstance(change, tuple) else dict(change)
        if "cell" in values:
            values["row"], values["col"] = values.pop("cell")
            if not setup.grid.in_bounds(values["row"], values["col"]):
                raise ValueError(f"{u.id}: cell {(values['row'], values['col'])} is off the map")
        bad = sorted(set(values) - UNIT_FIELDS)
        if bad:
            raise ValueError(f"{u.id}: unknown unit fields {bad}")
        units.append(replace(u, **values))
    return replace(setup, units=units)
