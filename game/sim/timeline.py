"""A recorded game (record or save) as a :class:`~game.history.scene.Timeline`: one step per recorded action.

Step 0 is the game's start, step ``k`` the state after the first ``k`` recorded actions. Seeking uses engine
snapshots, never a re-run from the start: a snapshot is kept at every turn's start and every
``CHECKPOINT_EVERY`` actions, made the first time the timeline walks past; a seek restores the nearest one at
or before the step and re-runs at most ``CHECKPOINT_EVERY - 1`` actions. The first time a seek reaches a turn,
the whole turn is walked and its digest checked against the record's, so a record that does not match this
version of the game or scenario stops with :class:`RecordDivergence` before any step of the turn that differs
is shown.

Example::

    tl = RecordTimeline.open("game.jsonl")
    scene = tl.scene(tl.turn_start(5), side="attacker")  # turn 6 as the attacker saw it
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime
from pathlib import Path
from typing import Any

from game.compare.routes import cell_km, documented_route
from game.core import events as E
from game.core.engine import Engine, Snapshot
from game.core.rules import control
from game.core.setup import GameSetup
from game.history.scene import Cell, Mark, Scene
from game.sim.record import Record, parent_field
from game.sim.replay import Divergence, RecordPlayer, load_record_setup

CHECKPOINT_EVERY = 16  # actions between snapshots inside a turn (a seek re-runs fewer than this)
CAPTIONS_SHOWN = 4
MARK_KINDS: dict[type[E.Event], str] = {  # events shown as marks (when every side sees them) and their kind
    E.AssaultResolved: "event", E.Ambushed: "event", E.ControlChanged: "event", E.CutOff: "event",
    E.ScenarioEventFired: "event", E.Eliminated: "event", E.Disbanded: "event",
    E.MilestoneReached: "milestone", E.ObjectiveAchieved: "milestone", E.GameOver: "milestone",
}
TRAIL_EVENTS = (E.UnitMoved, E.Climbed, E.Retreated)


class RecordDivergence(Divergence):
    """The record does not match the game it replays (a damaged or edited file, or one made by another version
    of the game or scenario): ``path``, the first turn that differs (0-based ``turn``) and ``what`` differs."""

    def __init__(self, path: str, turn: int, what: str, label: str = "") -> None:
        when = f" ({label})" if label else ""
        detail = what.rstrip(". ")
        detail = detail[:1].upper() + detail[1:]
        super().__init__(f"{path}: the record does not match from turn {turn + 1}{when}: the file was changed or "
                         f"made by another version of the game or scenario. {detail}. The replay stops before "
                         "that turn.", turn=turn, what=what)
        self.path = path


class RecordTimeline:
    """Steps through a recorded game forward and back (see the module's docstring)."""

    def __init__(self, record: Record, setup: GameSetup, *, path: str | Path) -> None:
        self.record, self.path = record, str(path)
        self._broken: RecordDivergence | None = None
        try:
            self.player = RecordPlayer(record, setup, source=self.path)
        except Divergence as e:
            raise RecordDivergence(self.path, e.turn or 0, e.what) from None
        self.engine: Engine = self.player.engine
        self.setup = self.engine.setup  # with the record's plans
        self.clock = self.engine.clock
        self.title = f"{self.setup.title}: recorded game, seed {record.header['seed']} ({Path(path).name})"
        self._turn_of = [a["turn"] for a in record.actions] + [self._final_turn()]
        self._starts: dict[int, int] = {}  # turn -> its first step
        for k, t in enumerate(self._turn_of):
            self._starts.setdefault(t, k)
        self._snaps: dict[int, Snapshot] = {0: self.engine.snapshot()}
        self._snap_steps = [0]
        self._at = 0  # the step the engine is at
        self._walked = 0  # the furthest step reached (every turn before it checked)
        self._marks: list[Mark] = self._event_marks(0, self.engine.log)
        self._tints: dict[tuple[int, str | None], tuple[dict[str, str | None], frozenset[str]]] = {}

    @classmethod
    def open(cls, path: str | Path, scenario: str | None = None) -> RecordTimeline:
        """Read a record or save and its scenario; RecordError (one line naming the file) for a bad one."""
        rec, setup = load_record_setup(path, scenario)
        return cls(rec, setup, path=path)

    def _final_turn(self) -> int:
        """The turn of the state after the last action: the last action's when the game ended in it, else the
        turn after the last digest (a saved game is in the turn it was saved in)."""
        rec = self.record
        if rec.end.get("game_over") and rec.actions:
            return rec.actions[-1]["turn"]
        return len(rec.digests) - 1

    # ------------------------------------------------------------------ the Timeline protocol
    @property
    def steps(self) -> int:
        return len(self.record.actions) + 1

    def turn_of(self, step: int) -> int:
        """The turn (0-based) the game is in at ``step``."""
        return self._turn_of[self._check(step)]

    def turn_start(self, turn: int) -> int:
        """The first step of ``turn`` (0-based); ValueError for a turn the record does not reach."""
        if turn not in self._starts:
            raise ValueError(f"{self.path}: the record has no turn {turn + 1} (turns 1 to {max(self._starts) + 1})")
        return self._starts[turn]

    def time_at(self, step: int) -> datetime:
        """The start of the turn the game is in at ``step`` (every action of a turn happens in its span)."""
        return self.clock.start(self.turn_of(step))

    def darkness_at(self, step: int) -> float:
        """Share of the turn of ``step`` that is dark (for night bands on a scrubber; no seek)."""
        return self.clock.night_share(self.turn_of(step))

    def marks(self) -> list[Mark]:
        """Every turn's start and the events every side saw (fights, control, milestones, dated events), by
        step. Walks (and checks) the whole record the first time: RecordDivergence where it differs."""
        self._walk_to(self.steps - 1)
        return self._turn_marks() + self._marks

    def scene(self, step: int, side: str | None = None) -> Scene:
        """The game at ``step`` as ``side`` saw it (its units, the enemies it had spotted, its fog), or the full
        map for None."""
        self.seek(step)
        eng, st = self.engine, self.engine.state
        if side is None:
            units, events, fog = st.ordered_units(), eng.log, None
        else:
            seen = set(eng.spotted_by(side))
            units = [u for u in st.ordered_units() if u.side == side or u.id in seen]
            events, fog = eng.events_for(side), eng.visible_cells(side).copy()
        key = (step, side)
        if key not in self._tints:  # asked again when a viewer steps back: remembered per step and side
            self._tints[key] = (self.zone_control(), self.roads_cut(side))
        control, cut = self._tints[key]
        return Scene(time=self.time_at(step), units=[u.copy() for u in units], trails=trails_from(events),
                     control=control, roads_cut=cut, fog=fog,
                     captions=self.captions(step), darkness=self.clock.night_share(st.turn))

    # ------------------------------------------------------------------ what else a viewer shows
    def captions(self, step: int) -> list[Mark]:
        """The marks of the current turn up to ``step``, newest first (at most ``CAPTIONS_SHOWN``)."""
        start = self.turn_start(self.turn_of(step))
        return [m for m in self._marks if start <= m.step <= step][::-1][:CAPTIONS_SHOWN]

    def turn_events(self, step: int, side: str | None = None) -> list[E.Event]:
        """The events of the current turn up to ``step`` that ``side`` saw (None: all), in order."""
        self.seek(step)
        turn = self.engine.state.turn
        return [e for e in self.engine.events_for(side) if e.turn == turn]

    def zone_control(self) -> dict[str, str | None]:
        """Zone id -> the side holding at least half its cells now (None when no side does)."""
        ctx, out = self.engine.ctx, {}
        for zone in sorted(self.setup.grid.zones):
            out[zone] = next((s for s in self.setup.sides if control.zone_share(ctx, zone, s) >= 0.5), None)
        return out

    def roads_cut(self, side: str | None = None) -> frozenset[str]:
        """Roads some side holds cut now (as ``side`` could judge it from what it knows; None: the truth)."""
        ctx = self.engine.ctx
        return frozenset(r for r in sorted(self.setup.grid.roads)
                         if any(control.road_cut(ctx, r, s, as_known_to=side) for s in self.setup.sides))

    def documented_routes(self) -> list[tuple[str, list[Cell], str]]:
        """The scenario's documented routes from the game's start, as ``(side, cells, label)`` polylines (the
        shape of ``Scene.axes``), for comparing the game's trails with them."""
        grid, start = self.setup.grid, self.clock.start(0)
        k = cell_km(grid)
        out = []
        for route in self.setup.history:
            if route.waypoints:
                doc = documented_route(grid, route, start=start)
                cells = [(int(round(y / k - 0.5)), int(round(x / k - 0.5))) for x, y in doc.points]
                out.append((route.side, cells, f"documented route of {route.group} (history section)"))
        return out

    # ------------------------------------------------------------------ continue from here
    def engine_at(self, step: int) -> Engine:
        """A new, independent engine in exactly the state at ``step`` (its record holds the actions so far)."""
        self.seek(step)
        eng = Engine(self.setup, self.record.header["seed"])
        eng.restore(self.engine.snapshot())
        return eng

    def parent_at(self, step: int) -> dict[str, Any]:
        """The ``parent`` header field of a game continued from ``step`` of this record."""
        return parent_field(self.path, step=self._check(step), turn=self.turn_of(step))

    # ------------------------------------------------------------------ seeking
    def seek(self, step: int) -> None:
        """Put the engine at ``step``: check its turn the first time, then restore the nearest snapshot at or
        before it (unless the engine is already between that and the step) and re-run the actions after it."""
        self._check(step)
        self._walk_to(self._turn_end(step))
        base = self._snap_steps[bisect_right(self._snap_steps, step) - 1]
        if not base <= self._at <= step:
            self._restore(base)
        while self._at < step:
            self._apply()

    def _check(self, step: int) -> int:
        if not 0 <= step < self.steps:
            raise IndexError(f"step {step} is outside the timeline (0 to {self.steps - 1})")
        return step

    def _turn_end(self, step: int) -> int:
        """The step at which the turn of ``step`` has ended (its digest checked): the next turn's first step,
        or the last step."""
        return self._starts.get(self._turn_of[step] + 1, self.steps - 1)

    def _walk_to(self, target: int) -> None:
        """Walk on from the furthest step reached to ``target``, checking digests and keeping snapshots."""
        if self._walked >= target:
            return
        if self._broken is not None:
            raise self._broken
        if self._at != self._walked:
            self._restore(self._walked)
        while self._walked < target:
            events = self._apply()
            self._walked = self._at
            self._marks.extend(self._event_marks(self._at, events))
            if self._at - self._snap_steps[-1] >= CHECKPOINT_EVERY or self._at in self._starts.values():
                self._keep_snapshot()
        if self._walked == self.steps - 1:
            self._guard(self.player.finish)
        if self._snap_steps[-1] != self._walked:
            self._keep_snapshot()

    def _apply(self) -> tuple[E.Event, ...]:
        res = self._guard(lambda: self.player.apply(self._at))
        self._at += 1
        return res.events

    def _guard(self, fn: Any) -> Any:
        """Run ``fn``; a Divergence becomes the RecordDivergence every later walk past it raises too."""
        try:
            return fn()
        except Divergence as e:
            turn = e.turn if e.turn is not None else self._turn_of[self._at]
            self._broken = RecordDivergence(self.path, turn, e.what, self.clock.label(turn))
            self._restore(self._snap_steps[bisect_right(self._snap_steps, self._starts.get(turn, 0)) - 1])
            raise self._broken from None

    def _keep_snapshot(self) -> None:
        self._snaps[self._at] = self.engine.snapshot()
        self._snap_steps.append(self._at)

    def _restore(self, step: int) -> None:
        self.engine.restore(self._snaps[step])
        self._at = step

    # ------------------------------------------------------------------ marks
    def _turn_marks(self) -> list[Mark]:
        return [Mark(step=k, time=self.clock.start(t), title=self.clock.label(t), kind="turn", key=f"turn-{t + 1}")
                for t, k in sorted(self._starts.items())]

    def _event_marks(self, step: int, events: Any) -> list[Mark]:
        """Marks for the events at ``step`` that every side saw (their log text names units by name)."""
        out = []
        for e in events:
            kind = MARK_KINDS.get(type(e))
            if kind is None or e.seen_by:
                continue
            title, note = caption_parts(e)
            out.append(Mark(step=step, time=self.clock.start(e.turn), title=title, text=note,
                            disputed=bool(getattr(e, "disputed", False)), kind=kind,
                            key=f"{e.kind}-{step}-{len(out)}"))
        return out


class CheckedRecord:
    """A :class:`RecordTimeline` walked and checked whole when made, cut before the first turn that differs.

    A viewer or an exporter given this can never show a state past a divergence: ``steps`` ends at the last
    checked step (the end of the turn before the one that differs; its closing action's state is checked but
    only reachable by walking into the bad turn), and ``divergence`` holds the RecordDivergence (None when the
    whole record matches). Every other attribute is the wrapped timeline's.

    Example::

        rec = CheckedRecord(RecordTimeline.open("game.jsonl"))   # ~0.5 s for a full game of the approach
        if rec.divergence: print(rec.divergence, "- shown up to step", rec.steps - 1)
    """

    def __init__(self, timeline: RecordTimeline) -> None:
        self.timeline = timeline
        self.divergence: RecordDivergence | None = None
        try:
            self._marks = timeline.marks()
            self._last = timeline.steps - 1
        except RecordDivergence as e:
            self.divergence = e
            self._last = max((k for t, k in timeline._starts.items() if t <= e.turn), default=0) - 1
            self._marks = [m for m in timeline._turn_marks() + timeline._marks if m.step <= self._last]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.timeline, name)

    @property
    def steps(self) -> int:
        """Steps a viewer may show (0 when even the first turn differs)."""
        return self._last + 1

    def marks(self) -> list[Mark]:
        return list(self._marks)

    def scene(self, step: int, side: str | None = None) -> Scene:
        return self.timeline.scene(self._check_shown(step), side)

    def time_at(self, step: int) -> datetime:
        return self.timeline.time_at(self._check_shown(step))

    def _check_shown(self, step: int) -> int:
        if not 0 <= step <= self._last:
            raise IndexError(f"step {step} is past the last checked step ({self._last})")
        return step


def caption_parts(event: E.Event) -> tuple[str, str]:
    """An event's caption as (title, note), each said once: a dated scenario event "Historically, 27 Oct 2020
    12:00 - The Armenian outlet Hetq reported ..." gives ("The Armenian outlet Hetq reported ...", "Historically,
    27 Oct 2020 12:00."); any other event its text as the title and no note."""
    head, sep, body = event.text.partition(" - ")
    if isinstance(event, E.ScenarioEventFired) and sep and body:
        return body, head.rstrip(". ") + "."
    return event.text, ""


def trails_from(events: Any) -> dict[str, list[Cell]]:
    """Unit id -> the cells it was seen in, in order, from its moves (every cell walked), climbs and retreats in
    ``events``.

    Example: moves (2, 2)->(2, 3) then (2, 3)->(3, 3) give ``{"u": [(2, 2), (2, 3), (3, 3)]}``."""
    trails: dict[str, list[Cell]] = {}
    for e in events:
        if isinstance(e, TRAIL_EVENTS):
            trail = trails.setdefault(e.unit, [tuple(e.frm)])
            if trail[-1] != tuple(e.frm):
                trail.append(tuple(e.frm))
            trail.extend(E.walked_cells(e)[1:])
    return trails


