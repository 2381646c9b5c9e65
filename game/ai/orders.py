"""Where each unit of a side should be heading this turn: its documented route on schedule, its
group leader's route, the city, or nowhere (hold).

Route units leave for their next waypoint only when they would otherwise arrive before that
waypoint's documented date (the historical plan keeps its timetable); units without a route follow
the route group they are attached to (round-robin by id) until the city has been entered, then join
the assault; once a road objective has been cut one of them stays astride the road; fire-support
units hold and fire.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from game.ai.fields import FieldCache
from game.core.engine import Engine
from game.core.setup import HistoryRoute
from game.core.units import Unit

Cell = tuple[int, int]
ARRIVED_CELLS = 2
SUPPORT_CLASSES = frozenset({"artillery", "mortar"})
SCHEDULE_SLACK = 1.3  # travel-time estimate multiplier (darkness, fatigue, detours)
COUNTERATTACK_CELLS = 3  # defenders strike at spotted enemies this close ...
COUNTERATTACK_RATIO = 0.5  # ... that are routed, climbing, or at most half their strength


class Orders:
    """Goal selection for one side's units."""

    def __init__(self, eng: Engine, side: str, fields: FieldCache) -> None:
        self.side = side
        self.fields = fields
        self.attacking = eng.setup.roles[side] == "attacker"
        self.routes: dict[str, HistoryRoute] = {r.group: r for r in eng.setup.history if r.side == side}
        self._centre: Cell | None = None
        self.cut_roads = [(o.id, o.road) for o in eng.setup.objectives
                          if o.kind == "cut_road" and o.side == side and o.road]
        self.reinforcements = {x.id for r in eng.setup.reinforcements for x in r.units if x.side == side}

    # ------------------------------------------------------------------ standing orders (engine memory)
    def blockers(self, eng: Engine) -> dict[str, tuple[str, Cell]]:
        """Road -> (unit id, cell it holds): kept in the engine's memory (saved, snapshotted) as JSON."""
        raw = eng.memory.get(self.side, {}).get("blockers", {})
        return {road: (item[0], (int(item[1][0]), int(item[1][1]))) for road, item in sorted(raw.items())}

    def _hold_road(self, eng: Engine, road: str, uid: str, cell: Cell) -> None:
        eng.memory.setdefault(self.side, {}).setdefault("blockers", {})[road] = [uid, [cell[0], cell[1]]]

    # ------------------------------------------------------------------ public
    def goal(self, eng: Engine, u: Unit) -> tuple[Cell | None, int]:
        """(cell to head for or None to hold, how close counts as arrived)."""
        ut = eng.setup.unit_types[u.type_id]
        if ut.unit_class in SUPPORT_CLASSES:
            return None, 0
        if u.id in self.routes:
            return self._route_goal(eng, u, u)
        block = self._block_goal(eng, u)
        if block is not None:
            return block, 0
        if self.attacking and any(m.zone_entered and m.side == self.side and m.id in eng.state.milestones
                                  for m in eng.setup.milestone_defs):
            return self.city_cell(eng, u), 0  # once a foothold is won, everyone reinforces the assault
        leader = self._leader(eng, u)
        if leader is not None:
            cell, _ = self._route_goal(eng, leader, leader)
            if cell is None:
                return leader.pos, ARRIVED_CELLS
            return cell, ARRIVED_CELLS
        if self.attacking:
            return self.city_cell(eng, u), 0
        return self._defence_goal(eng, u)

    def _defence_goal(self, eng: Engine, u: Unit) -> tuple[Cell | None, int]:
        """Defenders hold their posts, strike at a weakened enemy close by, and send reinforcements
        to the place they must hold."""
        near = [eng.state.units[t] for t in eng.spotted_by(self.side)]
        weak = [t for t in near if max(abs(t.row - u.row), abs(t.col - u.col)) <= COUNTERATTACK_CELLS
                and (t.routed or t.climbing or t.strength < COUNTERATTACK_RATIO * u.strength)]
        if weak and not u.routed:
            t = min(weak, key=lambda t: (max(abs(t.row - u.row), abs(t.col - u.col)), t.id))
            return t.pos, 1
        if u.id in self.reinforcements:
            zone = next((o.zone for o in eng.setup.objectives
                         if o.side == self.side and o.kind == "hold_zone" and o.zone), None)
            if zone is not None and not eng.setup.grid.zones[zone][u.pos]:
                return self.zone_centre(eng, zone), ARRIVED_CELLS
        return None, 0

    def zone_centre(self, eng: Engine, zone: str) -> Cell:
        """The zone cell nearest to the zone's centroid."""
        rows, cols = np.nonzero(eng.setup.grid.zones[zone])
        k = int(np.argmin((rows - rows.mean()) ** 2 + (cols - cols.mean()) ** 2))
        return int(rows[k]), int(cols[k])

    def city_cell(self, eng: Engine, u: Unit) -> Cell | None:
        """The nearest spotted enemy in the city, else the nearest city cell not yet controlled."""
        if not eng.setup.city_zone:
            return None
        mask = eng.setup.grid.zones[eng.setup.city_zone]
        foes = [eng.state.units[t] for t in eng.spotted_by(self.side)]
        foes = [t for t in foes if mask[t.pos]]
        if foes:
            t = min(foes, key=lambda t: ((t.row - u.row) ** 2 + (t.col - u.col) ** 2, t.id))
            return t.pos
        todo = mask & (eng.state.control != eng.setup.sides.index(self.side))
        for x in eng.state.units_of(self.side):  # go where no friend stands yet
            todo[x.pos] = False
        if not todo.any():
            return None
        rows, cols = np.nonzero(todo)
        k = int(np.argmin((rows - u.row) ** 2 + (cols - u.col) ** 2))
        return int(rows[k]), int(cols[k])

    def city_centre(self, eng: Engine) -> Cell | None:
        if self._centre is None and eng.setup.city_zone:
            self._centre = self.zone_centre(eng, eng.setup.city_zone)
        return self._centre

    # ------------------------------------------------------------------ routes
    def _route_goal(self, eng: Engine, leader: Unit, u: Unit) -> tuple[Cell | None, int]:
        route = self.routes[leader.id]
        frame = eng.setup.grid.frame
        now = eng.clock.start(eng.state.turn)
        # the first waypoint not yet due (a late unit skips what it missed), then past any already reached:
        # derived from the state alone, so a loaded game goes on exactly as an uninterrupted one
        i = next((k for k, wp in enumerate(route.waypoints) if wp.time >= now), len(route.waypoints))
        while i < len(route.waypoints):
            wp = route.waypoints[i]
            cell = frame.to_cell(wp.lat, wp.lon)
            if max(abs(leader.row - cell[0]), abs(leader.col - cell[1])) > ARRIVED_CELLS:
                break
            i += 1
        if i >= len(route.waypoints):
            return (self.city_cell(eng, u), 0) if self.attacking else (None, 0)
        wp = route.waypoints[i]
        cell = frame.to_cell(wp.lat, wp.lon)
        if not self._time_to_leave(eng, leader, cell, wp.time):
            return None, 0
        return cell, ARRIVED_CELLS

    def _time_to_leave(self, eng: Engine, u: Unit, goal: Cell, due) -> bool:
        """True when, at its pace, the unit would not arrive before the waypoint's documented date."""
        ut = eng.setup.unit_types[u.type_id]
        field = self.fields.to(goal, u.pos, ut.move_class, ut.can("climb"))
        secs = field[u.pos]
        hours = secs / 3600.0 / ut.march_fraction * SCHEDULE_SLACK
        return eng.clock.start(eng.state.turn) + timedelta(hours=hours) >= due

    def _block_goal(self, eng: Engine, u: Unit) -> Cell | None:
        """Once a road objective has been cut, one unit stays astride the road to keep it cut."""
        st = eng.state
        for obj_id, road in self.cut_roads:
            if not st.held.get(obj_id) and obj_id not in st.achieved:
                continue
            blockers = self.blockers(eng)
            holder = blockers.get(road)
            if holder is not None and holder[0] in st.units and st.units[holder[0]].alive:
                if holder[0] == u.id:
                    return holder[1]
                continue
            if any(h[0] == u.id for h in blockers.values()):
                continue
            cell = self._road_cell_near(eng, road, u)
            if cell is not None and self._nearest_free_follower(eng, cell) == u.id:
                self._hold_road(eng, road, u.id, cell)
                return cell
        return None

    def _road_cell_near(self, eng: Engine, road: str, u: Unit) -> Cell | None:
        mask = eng.setup.grid.roads[road].copy()
        if eng.setup.city_zone:
            mask &= ~eng.setup.grid.zones[eng.setup.city_zone]
        if not mask.any():
            return None
        rows, cols = np.nonzero(mask)
        k = int(np.argmin((rows - u.row) ** 2 + (cols - u.col) ** 2))
        return int(rows[k]), int(cols[k])

    def _nearest_free_follower(self, eng: Engine, cell: Cell) -> str | None:
        """The non-route, non-support unit nearest to ``cell`` that is not already holding a road."""
        busy = {h[0] for h in self.blockers(eng).values() if h[0] in eng.state.units and eng.state.units[h[0]].alive}
        best, best_d = None, None
        for x in eng.state.units_of(self.side):
            ut = eng.setup.unit_types[x.type_id]
            if x.id in self.routes or x.id in busy or ut.unit_class in SUPPORT_CLASSES or x.routed:
                continue
            d = (x.row - cell[0]) ** 2 + (x.col - cell[1]) ** 2
            if best_d is None or d < best_d:
                best, best_d = x.id, d
        return best

    def _leader(self, eng: Engine, u: Unit) -> Unit | None:
        """The living route unit this unit is attached to (round-robin by sorted id)."""
        leaders = [eng.state.units[k] for k in sorted(self.routes)
                   if k in eng.state.units and eng.state.units[k].alive]
        if not leaders:
            return None
        others = [k for k in sorted(eng.state.units)
                  if eng.state.units[k].side == self.side and k not in self.routes]
        idx = others.index(u.id) if u.id in others else 0
        return leaders[idx % len(leaders)]
