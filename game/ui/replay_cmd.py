"""``python -m game replay --history [SCENARIO]``: open the historical replay of a scenario in a window."""

from __future__ import annotations

import sys


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def history_replay_main(scenario: str, *, frames: int | None = None) -> int:
    """Load ``scenario``, build its documented timeline and show it; exit 2 with a message for a bad file."""
    from game.scenario.errors import ScenarioError
    from game.scenario.load import load_scenario

    try:
        setup = load_scenario(scenario)
    except ScenarioError as e:
        return _fail(str(e))
    from game.history.timeline import HistoryTimeline

    try:
        timeline = HistoryTimeline(setup)
    except ValueError as e:
        return _fail(f"{scenario}: {e}")
    import pygame

    from game.ui.app import App
    from game.ui.screens.replay_view import ReplayScreen
    from game.ui.screens.start import StartScreen

    try:
        app = App(scenario=scenario)
    except pygame.error as e:
        return _fail(f"cannot open a window: {e} (set SDL_VIDEODRIVER=dummy to run headless)")
    ctx = app.ctx
    app.switch(ReplayScreen(ctx, timeline, setup, back=lambda: StartScreen(ctx, preselect=scenario)))
    return app.run(max_frames=frames)
