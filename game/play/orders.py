"""What a click means and what it would do: order previews for the client (no pygame here).

``order_for_click`` turns a click on a cell into the Action a player means; the ``*_preview``
functions say, before committing, what an order would cost or achieve, using the engine's own rules.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.core import actions as A
from game.core.engine import Engine
from game.core.rules import combat, movement
from game.core.units import POSTURE_WORDS, Unit
from game.play import standing
from game.play.player_path import player_path

Cell = tuple[int, int]


@dataclass(frozen=True)
class MovePreview:
    """The player's path to a cell, what part of it the unit can walk this turn, and when it arrives."""

    path: list[Cell]  # the whole path, start included
    now: list[Cell]  # the part walkable this turn (start included)
    hours: float  # total walking hours along the path
    arrival_turn: int  # game turn (0-based) of arrival at this pace
    text: str
    marks: tuple[tuple[int, int], ...] = ()  # (index into path where a turn's walking ends, that turn)


def spotted_enemy_at(eng: Engine, side: str, cell: Cell) -> Unit | None:
    """The first enemy unit (id order) the side has spotted in ``cell``."""
    spotted = set(eng.spotted_by(side))
    for u in eng.state.units_at(cell):
        if u.side != side and u.id in spotted:
            return u
    return None


def move_preview(eng: Engine, unit_id: str, cell: Cell, *, fastest: bool = False,
                 night: bool = False) -> MovePreview | str:
    """Path, hours and arrival turn for moving ``unit_id`` to ``cell``, or why it cannot go there.

    The path keeps clear of known enemies unless ``fastest``; ``night``: it moves in night turns only.
    A move beyond this turn's reach becomes a standing order: the marks say where each turn ends."""
    u = eng.state.units.get(unit_id)
    if u is None or not u.alive:
        return "No such unit."
    if not eng.setup.grid.in_bounds(*cell):
        return "Off the map."
    path = player_path(eng, u, cell, fastest=fastest)
    if path is None:
        return movement.why_unreachable(eng.ctx, u, cell)
    cum = standing.path_seconds(eng, u, path)
    ends = standing.turn_ends(cum[-1], standing.capacities(eng, u, night=night))
    marks = tuple((standing.cell_at(path, cum, s), t) for t, s in ends)
    stop = movement.first_contact(path, movement.contact_cells(eng.ctx, u))
    walk_now = marks[0][0] if marks and marks[0][1] == eng.state.turn else 0
    now = path[:min(walk_now, stop) + 1]
    total = cum[-1]
    arrival = marks[-1][1] if marks and marks[-1][0] == len(path) - 1 else eng.clock.last_turn + 1
    ut = eng.setup.unit_types[u.type_id]
    how = "fastest way" if fastest else "avoiding known enemies; Alt+click: fastest way"
    text = (f"{total / 3600:.1f} h on foot" if ut.move_class == "foot" else f"{total / 3600:.1f} h") + \
        (" by night" if night else "") + f" ({how})"
    if arrival == eng.state.turn:
        text += " - arrives this turn"
    elif arrival > eng.clock.last_turn:
        text += " - does not arrive before the game ends"
    else:
        text += (f" - arrives turn {arrival + 1} (by {eng.clock.end(arrival):%d %b %H:%M}); "
                 f"a standing order over {len(marks)} turns")
    if stop < len(path) - 1:
        text += " - stops at the first contact with the enemy"
    return MovePreview(path, now, total / 3600.0, arrival, text, marks)


def fire_preview(eng: Engine, unit_id: str, target_id: str) -> str:
    """What firing would do: weapon, range and expected casualties, or the engine's reason it may not."""
    plan = combat.plan_fire(eng.ctx, A.Fire(unit_id, target_id))
    if isinstance(plan, str):
        return plan
    t = eng.state.units[target_id]
    p_hit = 1.0 - math.exp(-plan.expected)
    return (f"Fire {plan.weapon.label} at {t.name} ({plan.distance_m:.0f} m): expected {plan.expected:.1f} "
            f"casualties, {p_hit:.0%} chance of at least one; suppresses the target")


def assault_preview(eng: Engine, unit_id: str, target_id: str) -> str:
    """Odds and chance of success of a close assault, or the engine's reason it may not happen."""
    plan = combat.plan_assault(eng.ctx, A.Assault(unit_id, target_id))
    if isinstance(plan, str):
        return plan
    t = eng.state.units[target_id]
    return (f"Assault {t.name}: odds {plan.ratio:.2f} : 1, {plan.p_win:.0%} chance to take the position; "
            f"both sides take losses")


def order_for_click(eng: Engine, unit_id: str, cell: Cell, *, fire: bool = False) -> A.Action | None:
    """The order a click on ``cell`` means for the selected unit.

    A spotted enemy: assault when adjacent (fire with ``fire=True``, e.g. Shift-click), else fire. An
    adjacent cell across a cliff: climb. Anywhere else: move, as far along the path as this turn allows.
    """
    u = eng.state.units.get(unit_id)
    if u is None or not u.alive or cell == u.pos:
        return None
    enemy = spotted_enemy_at(eng, u.side, cell)
    if enemy is not None:
        adjacent = max(abs(enemy.row - u.row), abs(enemy.col - u.col)) == 1
        return A.Assault(u.id, enemy.id) if adjacent and not fire else A.Fire(u.id, enemy.id)
    grid = eng.setup.grid
    if max(abs(cell[0] - u.row), abs(cell[1] - u.col)) == 1 and grid.is_cliff_between(u.pos, cell):
        return A.Climb(u.id, cell)
    prev = move_preview(eng, unit_id, cell)
    if isinstance(prev, str):
        return A.Move(u.id, cell)  # let the engine give its reason
    if len(prev.now) < 2:
        return A.Move(u.id, cell, tuple(prev.path))  # refused with the time it would need
    return A.Move(u.id, prev.now[-1], tuple(prev.now))


def has_sight_line(eng: Engine, u: Unit, cell: Cell) -> bool:
    """The engine's one rule for whether a unit sees a cell (spotting and direct fire use it too)."""
    return eng.ctx.spotter.sees_cell(u, cell, eng.light_factor())


def cell_info(eng: Engine, side: str, cell: Cell, unit_id: str | None = None) -> list[str]:
    """Tooltip lines for a cell: terrain, elevation, cover, concealment, move cost, who sees it, what is there."""
    grid = eng.setup.grid
    if not grid.in_bounds(*cell):
        return []
    r, c = cell
    t = grid.table.types[int(grid.terrain[r, c])]
    lat, lon = grid.frame.to_latlon(r + 0.5, c + 0.5)
    lines = [f"{t.name}  -  {grid.elevation[r, c]:.0f} m  ({lat:.4f} N, {lon:.4f} E, cell {r},{c})",
             f"cover {grid.cover[r, c]:.0%}, concealment {grid.concealment[r, c]:.0%}"
             + (", road" if grid.road[r, c] else "") + (", river" if grid.river[r, c] else "")
             + (", cliff edge" if grid.cliff[r, c] else "")]
    place = next((p for p in grid.places if (p.row, p.col) == cell), None)
    if place is None and grid.settlement[r, c] >= 0:
        place = grid.places[int(grid.settlement[r, c])]
    if place is not None:
        lines.append(place.name + (f" ({', '.join(n for n in place.names if n not in place.name)})"
                                   if place.names else ""))
    zones = [z for z, m in sorted(grid.zones.items()) if m[r, c]]
    if zones:
        lines.append("zone: " + ", ".join(grid.zone_names.get(z, z) for z in zones))
    if unit_id and unit_id in eng.state.units:
        u = eng.state.units[unit_id]
        if max(abs(u.row - r), abs(u.col - c)) == 1 and grid.is_cliff_between(u.pos, cell):
            lines.append(f"{u.name}: across a cliff edge from here (a climb, not a walk)")
        else:
            minutes = eng.reach_map(unit_id)[r, c]
            lines.append(f"{u.name}: {minutes / 60:.1f} h to get here this turn" if np.isfinite(minutes)
                         else f"{u.name}: not reachable this turn")
        if cell != u.pos:
            lines.append(f"{u.name} has a line of sight here (direct fire possible)" if has_sight_line(eng, u, cell)
                         else f"no line of sight from {u.name} (no direct fire)")
    seen = bool(eng.visible_cells(side)[r, c])
    lines.append("your side can see this cell" if seen else "not in your side's sight (fog of war)")
    spotted = set(eng.spotted_by(side))
    for x in eng.state.units_at(cell):
        if x.side == side or x.id in spotted:
            lines.append(f"{x.name}: {x.strength} men, morale {x.morale:.0f}, {POSTURE_WORDS.get(x.posture, x.posture)}"
                         + (", routed" if x.routed else ""))
    return lines
