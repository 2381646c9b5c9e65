"""The engine: owns the state, validates and applies Actions, runs the turn sequence.

``Engine.submit(action)`` is the one path by which anything changes: the player's client, the AI and
replays all call it. A refused action returns the player-facing reason and changes nothing.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game import __version__
from game.core import actions as A
from game.core.clock import Clock
from game.core.events import Event
from game.core.pathing import MoveGraph, base_step_seconds, scale_costs
from game.core.rules import combat, control, movement, upkeep, victory
from game.core.rules.constraints import forbidden_reason, road_only
from game.core.setup import GameSetup, WeatherEffect
from game.core.spotting import Spotter
from game.core.state import GameState
from game.core.units import Unit

ROUT_MORALE = combat.ROUT_MORALE


@dataclass(frozen=True)
class Result:
    """What ``submit`` returns: accepted or not, the reason when refused, and the events it caused."""

    ok: bool
    reason: str = ""
    events: tuple[Event, ...] = ()


@dataclass
class RecordLog:
    """Accepted actions and per-turn digests, from which ``game.sim.record`` writes a record file."""

    seed: int
    actions: list[dict[str, Any]] = field(default_factory=list)  # {"turn", "action"}
    digests: list[str] = field(default_factory=list)  # digests[t]: state after turn t-1 ended (0: start)


class Engine:
    """A running game: ``Engine(setup, seed)``; then ``submit`` actions until ``state.game_over``."""

    def __init__(self, setup: GameSetup, seed: int) -> None:
        self.setup = setup
        self.clock = Clock(setup)
        units = {u.id: copy.deepcopy(u) for u in setup.units}
        for u in units.values():
            why = forbidden_reason(setup.constraints, u.side, setup.unit_types[u.type_id])
            if why:
                raise ValueError(why)
        grid = setup.grid
        self.state = GameState(
            setup=setup, units=units, rng=np.random.default_rng(seed),
            control=np.zeros(grid.shape, dtype=np.int8), damage=np.zeros(grid.shape, dtype=np.float32),
            damage_by=np.zeros((len(setup.sides),) + grid.shape, dtype=np.float32),
            casualties={s: 0 for s in setup.sides},
        )
        self._graphs: dict[tuple[str, float, bool], MoveGraph] = {}
        self._base_costs: dict[tuple[str, bool], np.ndarray] = {}
        self.spotter = Spotter(grid, setup.unit_types)
        self._spot_cache: dict[str, list[str]] = {}
        self._phase_spotted: dict[str, set[str]] = {}
        self._active_ids: set[str] = set()
        self._pending: list[Event] = []
        self.record = RecordLog(seed=seed)
        self.state.control = control.initial_control(self)
        self._start_turn()
        self._begin_phase()
        self.record.digests.append(self.state.digest())
        self.state.log.extend(self._pending)  # the first turn's start and its dated events
        self._pending = []

    # ------------------------------------------------------------------ the one path for changes
    def submit(self, action: A.Action) -> Result:
        """Validate and apply one action; refused actions change nothing and say why."""
        self._pending = []
        turn = self.state.turn
        reason = self._apply(action)
        if reason is not None:
            self._pending = []
            return Result(False, reason)
        self.record.actions.append({"turn": turn, "action": action.to_dict()})
        events = tuple(self._pending)
        self.state.log.extend(events)
        self._pending = []
        return Result(True, "", events)

    def _apply(self, a: A.Action) -> str | None:
        st = self.state
        if isinstance(a, A.EndTurn):
            if st.game_over:
                return "The game is over."
            if a.side != st.side:
                return f"It is {st.side}'s turn, not {a.side}'s."
            self._end_phase()
            return None
        if isinstance(a, A.Move):
            plan = movement.plan_move(self, a)
            if isinstance(plan, str):
                return plan
            movement.apply_move(self, st.units[a.unit], plan[0])
        elif isinstance(a, A.Climb):
            mins = movement.plan_climb(self, a)
            if isinstance(mins, str):
                return mins
            movement.apply_climb(self, st.units[a.unit], a.to, mins)
        elif isinstance(a, A.Fire):
            fp = combat.plan_fire(self, a)
            if isinstance(fp, str):
                return fp
            combat.apply_fire(self, st.units[a.unit], st.units[a.target], fp)
        elif isinstance(a, A.Assault):
            ap = combat.plan_assault(self, a)
            if isinstance(ap, str):
                return ap
            combat.apply_assault(self, st.units[a.unit], st.units[a.target], ap)
        elif isinstance(a, A.DigIn | A.Hold | A.Rally):
            why = self._posture(a)
            if why:
                return why
        else:
            return f"Unknown action {a!r}."
        victory.check_city_entry(self)
        return None

    def _posture(self, a: A.DigIn | A.Hold | A.Rally) -> str | None:
        u = movement.acting_unit(self, a.unit)
        if isinstance(u, str):
            return u
        ut = self.setup.unit_types[u.type_id]
        if isinstance(a, A.Rally):
            if u.used_min > 0 or u.fired:
                return f"{u.name} has already acted this turn; rallying takes the whole turn."
            upkeep.rally(self, u.id)
            self.emit("rallied", f"{u.name} rallied (morale {u.morale:.0f}).", side=u.side, unit=u.id)
            return None
        if u.routed:
            return f"{u.name} is routed: rally it first."
        if isinstance(a, A.DigIn):
            if not ut.can("dig_in"):
                return f"{u.name} cannot dig in."
            if u.marched_min > 0:
                return f"{u.name} has moved this turn; digging in takes the whole turn."
            if u.posture == "dug_in":
                return f"{u.name} is already dug in."
            u.posture = "dug_in"
            u.used_min = 1e9
            self.emit("dug_in", f"{u.name} dug in.", side=u.side, unit=u.id)
            return None
        if u.posture != "dug_in":
            u.posture = "hold"
        u.used_min = max(u.used_min, 1e9)
        self.emit("hold", f"{u.name} holds its position.", side=u.side, unit=u.id)
        return None

    # ------------------------------------------------------------------ turn sequence
    def _end_phase(self) -> None:
        st = self.state
        self.emit("turn_ended", f"{self.side_name(st.side)} ended its part of {self.clock.label(st.turn)}.",
                  side=None)
        if st.active < len(self.setup.sides) - 1:
            st.active += 1
            self._begin_phase()
            return
        upkeep.end_of_turn(self)
        gained = control.update_control(self)
        for side, n in gained:
            self.emit("control_changed", f"{self.side_name(side)} took control of {n} settlement cells.",
                      side=None, gained=n, by=side)
        victory.after_turn(self)
        if victory.game_decided(self) or st.turn >= self.clock.last_turn:
            st.game_over = True
            out = victory.final_outcome(self)
            self.emit("game_over", f"Game over: {out.summary}.", side=None, grade=out.grade)
        else:
            st.turn += 1
            st.active = 0
            self._start_turn()
            self._begin_phase()
        self.record.digests.append(st.digest())

    def _start_turn(self) -> None:
        st = self.state
        self._active_ids = set()
        start, end = self.clock.start(st.turn), self.clock.end(st.turn)
        self.emit("turn_started", self.clock.label(st.turn), side=None)
        last = st.turn >= self.clock.last_turn
        for ev in sorted(self.setup.events, key=lambda e: (e.time, e.id)):
            due = ev.time < end or (last and ev.time <= end)  # the last turn includes the scenario's end
            if ev.id in st.fired_events or not due or (ev.time < start and st.turn > 0):
                continue
            st.fired_events.append(ev.id)
            if ev.weather:
                st.weather_override, st.weather_since = ev.weather, ev.time
            flag = " [disputed]" if ev.disputed else ""
            self.emit("scenario_event", f"{ev.time:%d %b %Y %H:%M} - {ev.text} ({ev.attribution}){flag}",
                      side=None, event=ev.id, disputed=ev.disputed)
        for i, rf in enumerate(self.setup.reinforcements):
            if i in st.arrived or rf.time >= end:
                continue
            if rf.requires_road_open and any(
                    control.road_cut(self, rf.requires_road_open, s) for s in self.setup.sides if s != rf.units[0].side):
                self.emit("reinforcement", f"Reinforcements for {self.side_name(rf.units[0].side)} could not pass: "
                          f"the road '{rf.requires_road_open}' is cut.", side=rf.units[0].side)
                continue
            st.arrived.append(i)
            for proto in rf.units:
                self._enter(copy.deepcopy(proto))
        self._changed()

    def _begin_phase(self) -> None:
        self._phase_spotted = {s: set(self.spotted_by(s)) for s in self.setup.sides}

    def _enter(self, u: Unit) -> None:
        """Bring a reinforcing unit onto the map at its cell or the nearest free passable one."""
        why = forbidden_reason(self.setup.constraints, u.side, self.setup.unit_types[u.type_id])
        if why:
            self.emit("reinforcement", f"{u.name} cannot enter: {why}", side=u.side)
            return
        cell = self._free_cell_near(u)
        if cell is None:
            self.emit("reinforcement", f"{u.name} found no free cell to enter.", side=u.side)
            return
        u.row, u.col = cell
        self.state.units[u.id] = u
        self.touch(u.id)
        self.emit("reinforcement", f"{u.name} arrived at {cell}.", side=u.side, unit=u.id)

    def _free_cell_near(self, u: Unit) -> tuple[int, int] | None:
        grid = self.setup.grid
        ut = self.setup.unit_types[u.type_id]
        enemy = {o.pos for o in self.state.ordered_units() if o.side != u.side}
        for radius in range(0, 6):
            for dr in range(-radius, radius + 1):
                for dc in range(-radius, radius + 1):
                    if max(abs(dr), abs(dc)) != radius:
                        continue
                    c = (u.row + dr, u.col + dc)
                    if not grid.in_bounds(*c) or c in enemy:
                        continue
                    if grid.table.speed[ut.move_class][grid.terrain[c]] > 0 or grid.road[c] > 0:
                        return c
        return None

    # ------------------------------------------------------------------ helpers the rules use
    def emit(self, kind: str, text: str, *, side: str | None, **data: Any) -> None:
        """Queue an event for the action being applied."""
        self._pending.append(Event(kind, self.state.turn, text, side, data))

    def side_name(self, side: str) -> str:
        return self.setup.side_names.get(side, side)

    def mark_active(self, unit_id: str) -> None:
        """The unit moved or fired this turn: it is easier to spot (and may see more)."""
        self._active_ids.add(unit_id)
        self.touch(unit_id)

    def touch(self, unit_id: str) -> None:
        """Something about this unit changed that spotting depends on (position, life, rout, activity)."""
        self.spotter.touch(unit_id)
        self._spot_cache.clear()

    def _changed(self) -> None:
        """Recompute all spotting from scratch (new turn: light, weather, activity)."""
        self.spotter.reset()
        self._spot_cache.clear()

    def road_only(self, move_class: str) -> bool:
        return road_only(self.setup.constraints, move_class)

    def weather(self) -> WeatherEffect:
        """The weather of the current turn (scheduled, or set by a dated event since)."""
        st = self.state
        return self.clock.weather(st.turn, st.weather_override, st.weather_since)

    def light_factor(self) -> float:
        """Sight factor of the current turn: weather x darkness."""
        t = self.state.turn
        w = self.weather()
        return w.sight_factor * (1.0 - 0.6 * self.clock.night_share(t))

    def speed_factor(self, move_class: str) -> float:
        t = self.state.turn
        w = self.weather()
        mc = self.setup.grid.table.move_classes[move_class]
        return w.move_factor * (1.0 - self.clock.night_share(t) * (1.0 - mc.night_factor))

    def graph_for(self, u: Unit) -> MoveGraph:
        """The movement graph for the unit's class under this turn's light and weather (cached)."""
        mc_id = self.setup.unit_types[u.type_id].move_class
        factor = round(self.speed_factor(mc_id), 3)
        ro = self.road_only(mc_id)
        key = (mc_id, factor, ro)
        g = self._graphs.get(key)
        if g is None:
            base = self._base_costs.get((mc_id, ro))
            if base is None:
                mc = self.setup.grid.table.move_classes[mc_id]
                base = self._base_costs[(mc_id, ro)] = base_step_seconds(self.setup.grid, mc, road_only=ro)
            g = self._graphs[key] = MoveGraph(scale_costs(base, factor))
        return g

    def spotted_by(self, side: str, before_action: bool = False) -> list[str]:
        """Ids of enemy units ``side`` has spotted now (or at the start of the current phase)."""
        if before_action:
            return sorted(self._phase_spotted.get(side, set()))
        if side not in self._spot_cache:
            st = self.state
            self._spot_cache[side] = self.spotter.spotted(
                side, st.units_of(side), st.enemies_of(side), self.light_factor(), self._active_ids)
        return self._spot_cache[side]

    def visible_cells(self, side: str) -> np.ndarray:
        """Cells ``side`` can see this turn (fog of war)."""
        return self.spotter.visible_cells(self.state.units_of(side), self.light_factor())

    def inflict(self, u: Unit, n: int) -> None:
        """Remove ``n`` soldiers (never below zero) and count them as the side's casualties."""
        n = max(0, min(n, u.strength))
        u.strength -= n
        self.state.casualties[u.side] = self.state.casualties.get(u.side, 0) + n
        if u.strength == 0:
            self.emit("eliminated", f"{u.name} was destroyed.", side=None, unit=u.id)
            self.touch(u.id)

    def shake(self, u: Unit, casualties: int, extra: float = 0.0) -> None:
        """Morale loss from casualties; a unit below the rout threshold breaks."""
        if not u.alive:
            return
        before = u.strength + casualties
        u.morale = max(0.0, u.morale - 80.0 * casualties / max(before, 1) - 2.0 - extra)
        self.check_rout(u)

    def check_rout(self, u: Unit) -> None:
        """A unit whose morale has fallen below the rout threshold breaks."""
        if u.alive and u.morale < ROUT_MORALE and not u.routed:
            u.routed = True
            self.touch(u.id)
            self.emit("routed", f"{u.name} broke and is routed.", side=None, unit=u.id)

    def retreat(self, u: Unit, away_from: tuple[int, int]) -> None:
        """Fall back one cell away from ``away_from``; with nowhere to go, lose more men and rout."""
        grid = self.setup.grid
        g = self.graph_for(u)
        blocked = {o.pos for o in self.state.ordered_units() if o.side != u.side}
        full = [o.pos for o in self.state.ordered_units() if o.side == u.side and o.id != u.id]
        blocked |= {c for c in set(full) if full.count(c) >= movement.STACK_LIMIT}
        best, best_d = None, -1.0
        for dr, dc in ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)):
            c = (u.row + dr, u.col + dc)
            if not grid.in_bounds(*c) or c in blocked or g.step_cost(u.pos, c) <= 0:
                continue
            d = math.hypot(c[0] - away_from[0], c[1] - away_from[1])
            if d > best_d:
                best, best_d = c, d
        if best is None:
            self.inflict(u, int(round(u.strength * 0.25)))
            if u.alive and not u.routed:
                u.routed = True
                self.touch(u.id)
                self.emit("routed", f"{u.name} was cut off and broke.", side=None, unit=u.id)
            return
        frm = u.pos
        u.row, u.col = best
        u.posture = "moving"
        self.emit("retreated", f"{u.name} fell back {frm} -> {best}.", side=None, unit=u.id, to=list(best))
        self.touch(u.id)

    def disband(self, u: Unit, why: str) -> None:
        self.inflict(u, u.strength)
        self.emit("disbanded", f"{u.name} ceased to exist as a fighting group: {why}.", side=None, unit=u.id)

    def damage_buildings(self, cell: tuple[int, int], amount: float, *, spread: bool, by: str) -> None:
        """Add building damage caused by side ``by`` to settlement cells at ``cell`` (around it for area fire)."""
        grid = self.setup.grid
        r, c = cell
        rad = 1 if spread else 0
        sl = (slice(max(r - rad, 0), r + rad + 1), slice(max(c - rad, 0), c + rad + 1))
        settled = grid.settlement[sl] >= 0
        add = np.full(settled.shape, amount * (0.5 if spread else 1.0), dtype=np.float32)
        if spread:
            add[min(r, rad), min(c, rad)] = amount
        before = self.state.damage[sl].copy()
        self.state.damage[sl] = np.minimum(1.0, before + np.where(settled, add, 0.0))
        assert self.state.damage_by is not None
        self.state.damage_by[(self.setup.sides.index(by),) + sl] += self.state.damage[sl] - before

    # ------------------------------------------------------------------ read-only queries for clients
    def budget_min(self, unit_id: str) -> float:
        return movement.budget_min(self, self.state.units[unit_id])

    def reach_map(self, unit_id: str) -> np.ndarray:
        """Minutes to reach each cell this turn (np.inf where the unit cannot get this turn)."""
        u = self.state.units[unit_id]
        secs = self.graph_for(u).reach(u.pos, movement.blocked_cells(self, u)).astype(np.float64) / 60.0
        secs[secs > movement.budget_min(self, u)] = np.inf
        return secs

    def outcome(self) -> victory.Outcome:
        return victory.final_outcome(self)

    def header(self) -> dict[str, Any]:
        """The record header: versions, scenario id and sha256, seed."""
        return {"format": "shusha-record", "format_version": 1, "game_version": __version__,
                "scenario_id": self.setup.scenario_id, "scenario_sha256": self.setup.sha256,
                "scenario_path": self.setup.source_path, "seed": self.record.seed}
