"""``python -m game replay RECORD --continue-from TURN [--side attacker|defender|both|none]``: play on from the
start of a recorded game's turn, in the client, with the sides chosen (the AI plays the others)."""

from __future__ import annotations

import sys
from pathlib import Path

from game.play.session import Session
from game.sim.record import RecordError
from game.sim.replay import Divergence
from game.sim.timeline import RecordTimeline

SIDE_CHOICES = ("attacker", "defender", "both", "none")


def human_sides(timeline: RecordTimeline, choice: str) -> list[str]:
    """The sides humans play for ``--side``: a role (attacker/defender), both, or none (the AI plays on)."""
    setup = timeline.setup
    if choice == "both":
        return list(setup.sides)
    if choice == "none":
        return []
    return [setup.side_with_role(choice)]


def continue_session(path: str | Path, turn: int, choice: str, *, scenario: str | None = None,
                     saves: Path | None = None) -> Session:
    """A new game from the start of ``turn`` (1-based) of the record at ``path``; RecordError or Divergence
    with a one-line message when the record, its scenario or the turn is not usable."""
    timeline = RecordTimeline.open(path, scenario)
    try:
        step = timeline.turn_start(turn - 1)
    except ValueError as e:
        raise RecordError(str(e)) from None
    return Session.branch(timeline, step, human_sides(timeline, choice), saves=saves)


def continue_main(path: str, turn: int, choice: str, *, scenario: str | None = None,
                  frames: int | None = None, saves: Path | None = None) -> int:
    """CLI entry: open the client on the continued game; exit 2 with the message for a bad record or turn."""
    try:
        session = continue_session(path, turn, choice, scenario=scenario, saves=saves)
    except (RecordError, Divergence) as e:
        print(e, file=sys.stderr)
        return 2
    return open_client(session, frames=frames)


def open_client(session: Session, *, frames: int | None = None) -> int:
    """Open the game window straight on ``session``'s map (pygame is imported only here)."""
    import pygame

    from game.ui.app import App
    from game.ui.screens.play import GameScreen

    try:
        app = App(saves=session.saves)
        app.switch(GameScreen(app.ctx, session))
        return app.run(max_frames=frames)
    except pygame.error as e:
        print(f"cannot open a window: {e} (set SDL_VIDEODRIVER=dummy to run headless)", file=sys.stderr)
        return 2
