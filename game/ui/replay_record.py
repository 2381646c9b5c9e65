"""``python -m game replay RECORD``: a recorded game or save in the replay viewer.

The record is opened and checked whole first (``CheckedRecord``, ~0.5 s for a full game of the approach,
behind a "Checking the record..." frame); a record that stops matching this version of the game or scenario
is shown up to the end of the last turn that matches, with the message, never past it. The viewer steps
action by action (Left/Right) and turn by turn (Shift+Left/Right, PgUp/PgDn: the turn marks), shows each
side's view (V), the turn's events, the documented routes (G) and offers "Continue from here" (C), which asks
who plays and opens the play screen on ``Session.branch``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pygame

from game.sim.record import RecordError
from game.sim.replay import Divergence
from game.sim.timeline import CheckedRecord, RecordTimeline
from game.ui.app import Context
from game.ui.replay_panels import RecordExtras
from game.ui.screens.replay_view import ReplayScreen
from game.ui.style import draw_notice

CHECKING = "Checking the record..."


def open_checked(path: str | Path, scenario: str | None = None) -> CheckedRecord:
    """Open and check a record or save; RecordError (one line naming the file) when nothing of it can be shown:
    a bad file, a missing or changed scenario, or a first turn that already differs."""
    try:
        rec = CheckedRecord(RecordTimeline.open(path, scenario))
    except Divergence as e:  # the starting state or the record's plans do not fit
        raise RecordError(str(e)) from None
    if rec.steps == 0:
        raise RecordError(str(rec.divergence))
    return rec


def turn_events(rec: CheckedRecord) -> Callable[[int, str | None], list[tuple[int, str]]]:
    """The viewer's events callback: the turn's events up to a step as ``(step, text)``; the events that the
    step itself brought are dated with it when the step before was seen (stepping forward), else with -1."""
    counts: dict[tuple[int, str | None], tuple[int, int]] = {}  # (step, side) -> (turn, events so far)

    def events(step: int, side: str | None) -> list[tuple[int, str]]:
        evs = rec.turn_events(step, side)
        turn = rec.turn_of(step)
        counts[(step, side)] = (turn, len(evs))
        before = counts.get((step - 1, side))
        old = before[1] if before is not None and before[0] == turn else len(evs)
        return [(step if i >= old else -1, e.text) for i, e in enumerate(evs)]

    return events


def record_screen(ctx: Context, rec: CheckedRecord, *, back: Callable[[], object] | None = None) -> ReplayScreen:
    """The replay screen on a checked record: each side's view, events, routes, "Continue from here"."""
    extras = RecordExtras(events=turn_events(rec), routes=rec.documented_routes(),
                          stop=str(rec.divergence) if rec.divergence else None)

    def go_on(step: int, choice: str) -> object:
        return continue_screen(ctx, rec, step, choice)

    return ReplayScreen(ctx, rec, rec.setup, fog_sides=True, back=back, extras=extras, on_continue=go_on)


def continue_screen(ctx: Context, rec: CheckedRecord, step: int, choice: str) -> object:
    """The play screen on a new game from ``step`` of the record, ``choice`` (both / attacker / defender /
    none) playing; its saves and record name this record as the parent."""
    from game.play.continue_cmd import human_sides
    from game.play.session import Session
    from game.ui.screens.play import GameScreen

    session = Session.branch(rec.timeline, step, human_sides(rec.timeline, choice), saves=ctx.saves)
    return GameScreen(ctx, session)


def draw_checking(surface: pygame.Surface, name: str) -> None:
    """The frame shown while the record is walked and checked."""
    from game.ui.replay_viewer import ui_font

    draw_notice(surface, CHECKING, f"{name}: replaying every action and comparing each turn's digest", ui_font)


def record_replay_main(path: str, *, scenario: str | None = None, frames: int | None = None) -> int:
    """CLI entry: open the viewer on a record; exit 2 with a one-line message for a bad file or a record none
    of which matches (a partly matching record opens, stopped at its last good turn, the message printed)."""
    try:
        timeline = RecordTimeline.open(path, scenario)
    except (RecordError, Divergence) as e:
        print(e, file=sys.stderr)
        return 2
    from game.ui.app import App

    try:
        app = App()
    except pygame.error as e:
        print(f"cannot open a window: {e} (set SDL_VIDEODRIVER=dummy to run headless)", file=sys.stderr)
        return 2
    draw_checking(app.ctx.surface, Path(path).name)
    pygame.display.flip()
    pygame.event.pump()
    rec = CheckedRecord(timeline)
    if rec.divergence is not None:
        print(rec.divergence, file=sys.stderr)
        if rec.steps == 0:
            pygame.quit()
            return 2
    app.switch(record_screen(app.ctx, rec))
    return app.run(max_frames=frames)
