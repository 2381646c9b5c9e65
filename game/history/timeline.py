"""The documented approach as a timeline: groups moving along their dated waypoints over the terrain.

``HistoryTimeline(setup)`` reads only the scenario's ``history:`` (routes with dated waypoints, milestone
windows, documented positions and expected axes) and its dated events. Steps are a fixed number of hours
(1 h by default) from the earliest dated item to the latest. At a step's time each group stands on the path
of its current leg (``game.history.paths``), placed by the share of the leg's time elapsed, so at a
waypoint's date it stands on the waypoint's cell; its trail is every cell it has passed. A road counts as
cut and a zone changes hands at the milestone's first documented date (its first account, else its window's
opening); a zone whose entry is documented but not its capture is contested (``None``) in between.
Darkness is the share of the step's hours that is night by the scenario's sunrise and sunset
(``game.core.clock.dark_share``, the game's own light model). Every path is found once, in the constructor.

Example::

    tl = HistoryTimeline(load_scenario("scenarios/shusha_2020_approach.yaml"))
    scene = tl.scene(tl.step_of(datetime(2020, 11, 4, 6)))   # sf_2 on the Lachin road
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from game.compare.routes import group_units
from game.core.clock import dark_share
from game.core.setup import GameSetup, HistoryRoute, Milestone
from game.core.units import Side, Unit, UnitId
from game.history.marks import history_marks
from game.history.paths import Leg, leg
from game.history.scene import Cell, Mark, Scene

CAPTIONS_SHOWN = 4  # captions in a scene: the marks at the step, then the latest before it
CAPTION_HOURS = 12.0  # how long a mark stays among the captions after its time


@dataclass(frozen=True)
class GroupPath:
    """A documented group: the unit drawn for it, its waypoint times and cells, and the leg after each."""

    unit: Unit
    times: tuple[datetime, ...]
    cells: tuple[Cell, ...]
    legs: tuple[Leg, ...]  # legs[k] goes from cells[k] to cells[k + 1]
    offsets: tuple[int, ...]  # index in ``trail`` where each leg starts
    trail: tuple[Cell, ...]  # every leg's cells joined (each joint once)


class HistoryTimeline:
    """The scenario's documented history as a :class:`game.history.scene.Timeline`."""

    def __init__(self, setup: GameSetup, *, hours_per_step: float = 1.0) -> None:
        if not setup.history:
            raise ValueError(f"scenario {setup.scenario_id!r} has no documented routes (history.routes)")
        self.setup = setup
        self.title = f"{setup.title} - the documented approach"
        self.step_hours = hours_per_step
        self._step = timedelta(hours=hours_per_step)
        self.groups = {r.group: self._group(r) for r in setup.history if r.waypoints}
        times = [t for g in self.groups.values() for t in g.times] + [e.time for e in setup.events]
        times += [t for m in setup.milestones for t in (m.earliest, m.latest, *(a.time for a in m.accounts))]
        first = min(times)
        self.start = first.replace(minute=0, second=0, microsecond=0)
        self._steps = math.ceil((max(times) - self.start) / self._step) + 1
        self._marks = history_marks(setup, self.step_of)
        self._changes = self._control_changes()

    # ------------------------------------------------------------------ protocol
    @property
    def steps(self) -> int:
        return self._steps

    def time_at(self, step: int) -> datetime:
        return self.start + self._step * max(0, min(step, self._steps - 1))

    def step_of(self, t: datetime) -> int:
        """The first step at or after ``t`` (so the scene at that step shows it reached)."""
        return max(0, min(math.ceil((t - self.start) / self._step - 1e-9), self._steps - 1))

    def marks(self) -> list[Mark]:
        return list(self._marks)

    def scene(self, step: int, side: str | None = None) -> Scene:
        """What the viewer draws at ``step`` (``side`` is ignored: history has no fog of war)."""
        t = self.time_at(step)
        units, trails = [], {}
        for gid, g in self.groups.items():
            if t < g.times[0]:
                continue
            k, i = self._where(g, t)
            cell = g.trail[g.offsets[k] + i]
            units.append(replace(g.unit, row=cell[0], col=cell[1], posture="moving"))
            trails[gid] = list(g.trail[:g.offsets[k] + i + 1])
        control, cut = self.control_at(t)
        return Scene(time=t, units=units, trails=trails, control=control, roads_cut=cut,
                     captions=self.captions(step), darkness=dark_share(self.setup.daylight, t, t + self._step,
                                                                        timedelta(minutes=10)),
                     positions=[(p.side, p.cell, f"{p.label} ({p.attribution})") for p in
                                self.setup.history_positions if p.shown_at(t)],
                     axes=[(a.side, list(a.cells), f"{a.label} ({a.attribution})") for a in self.setup.history_axes])

    # ------------------------------------------------------------------ queries
    def position(self, group: str, t: datetime) -> Cell | None:
        """Where ``group`` stands at ``t`` (None before its first documented date)."""
        g = self.groups[group]
        if t < g.times[0]:
            return None
        k, i = self._where(g, t)
        return g.trail[g.offsets[k] + i]

    def captions(self, step: int) -> list[Mark]:
        """The marks at ``step``, then the latest ones of the last ``CAPTION_HOURS`` (newest first)."""
        now = [m for m in self._marks if m.step == step]
        recent = [m for m in self._marks if step - CAPTION_HOURS / self.step_hours <= m.step < step]
        return (now + recent[::-1])[:max(CAPTIONS_SHOWN, len(now))]

    def control_at(self, t: datetime) -> tuple[dict[str, str | None], frozenset[str]]:
        """Who holds each zone named by a milestone, and which roads are cut, at ``t``."""
        control: dict[str, str | None] = {}
        cut: set[str] = set()
        for when, kind, what, side in self._changes:
            if kind == "zone":
                control.setdefault(what, self.setup.side_with_role("defender"))
            if when <= t:
                if kind == "zone":
                    control[what] = side
                else:
                    cut.add(what)
        return control, frozenset(cut)

    # ------------------------------------------------------------------ building
    def _group(self, route: HistoryRoute) -> GroupPath:
        """The group's unit (its own, one of its type, or a stand-in) and every leg's path."""
        setup = self.setup
        every = [*setup.units, *(u for rf in setup.reinforcements for u in rf.units)]
        ids = group_units(setup, route)
        base = next((u for u in every if u.id in ids), None)
        if base is None:
            type_id = route.group if route.group in setup.unit_types else \
                next((u.type_id for u in every if u.side == route.side), next(iter(setup.unit_types)))
            base = Unit(id=UnitId(route.group), side=Side(route.side), type_id=type_id, name=route.group, row=0,
                        col=0, strength=setup.unit_types[type_id].headcount)
        unit = replace(base, id=UnitId(route.group))
        rows, cols = setup.grid.shape
        cells = []
        for w in route.waypoints:
            r, c = setup.grid.frame.to_cell(w.lat, w.lon)
            cells.append((min(max(r, 0), rows - 1), min(max(c, 0), cols - 1)))
        legs = tuple(leg(setup, unit.type_id, a, b) for a, b in zip(cells, cells[1:], strict=False))
        trail: list[Cell] = [cells[0]]
        offsets = []
        for lg in legs:
            offsets.append(len(trail) - 1)
            trail.extend(lg.cells[1:])
        offsets.append(len(trail) - 1)  # the last waypoint: a zero-length "leg" at the end
        return GroupPath(unit, tuple(w.time for w in route.waypoints), tuple(cells), legs, tuple(offsets),
                         tuple(trail))

    def _where(self, g: GroupPath, t: datetime) -> tuple[int, int]:
        """(leg index, cell index within it) of the group at ``t`` (after its first waypoint)."""
        for k, lg in enumerate(g.legs):
            if t < g.times[k + 1]:
                share = (t - g.times[k]) / (g.times[k + 1] - g.times[k])
                return k, lg.index_at(share)
        return len(g.legs), 0

    def _control_changes(self) -> list[tuple[datetime, str, str, str | None]]:
        """(date, "zone" | "road", zone or road id, new holder) for each milestone the scenario dates."""
        defs = {d.id: d for d in self.setup.milestone_defs}
        objectives = {o.id: o for o in self.setup.objectives}
        out: list[tuple[datetime, str, str, str | None]] = []
        for m in self.setup.milestones:
            d = defs.get(m.id)
            if d is None:
                continue
            when = _first_date(m)
            if d.road_cut:
                out.append((when, "road", d.road_cut, d.side))
            elif d.zone_entered:
                out.append((when, "zone", d.zone_entered, None))  # contested: entered, not taken
            elif d.objective and objectives.get(d.objective) and objectives[d.objective].zone:
                out.append((when, "zone", objectives[d.objective].zone or "", d.side))
        return sorted(out, key=lambda x: (x[0], x[1], x[2]))


def _first_date(m: Milestone) -> datetime:
    """A milestone's first documented date: its earliest account, else its window's opening."""
    return min(a.time for a in m.accounts) if m.accounts else m.earliest
