"""The objectives panel (O): each objective with its points, state and deadline, and the score so far.

The content is :func:`game.play.objectives.score_board` (the engine's victory rules); it is worked out
again only when the game has moved on.
"""

from __future__ import annotations

import pygame

from game.core.engine import Engine
from game.play.objectives import ScoreBoard, score_board
from game.ui.text_panel import DIM, Row, render_panel

WIDTH = 470
DONE = (120, 215, 120)
OPEN = (235, 235, 225)
ENEMY = (190, 190, 180)


def panel_rows(eng: Engine, board: ScoreBoard, viewer: str) -> list[Row]:
    """The panel's lines: the viewer's objectives first, then the enemy's, then the scores."""
    rows: list[Row] = [Row("Objectives (O to close)", bold=True)]
    side = None
    for r in board.rows:
        if r.side != side:
            side = r.side
            who = "Yours" if side == viewer else f"{eng.side_name(side)}"
            rows.append(Row(f"{who}: score so far {board.scores[side]:.0%} - {board.grades[side]} "
                            f"if the game ended now", bold=True, gap=6))
        mark = "[x]" if r.done else "[ ]"
        colour = (DONE if r.done else OPEN) if side == viewer else ENEMY
        deadline = f" ({r.deadline})" if r.deadline else ""
        rows.append(Row(f"{mark} {r.points} pts  {r.name}{deadline}", colour, gap=2))
        rows.append(Row(r.state, DIM, indent=28))
    rows.append(Row(f"Grades: {board.thresholds}.", DIM, gap=6))
    return rows


class ObjectivesPanel:
    """A compact panel toggled with O; the play screen's :class:`BattlePicture` places it."""

    def __init__(self) -> None:
        self.visible = False
        self._key: object = None
        self._rows: list[Row] = []
        self.rect: pygame.Rect | None = None  # where it was last drawn (None: not shown)

    def toggle(self) -> None:
        self.visible = not self.visible

    def rows(self, eng: Engine, viewer: str) -> list[Row]:
        key = (viewer, len(eng.log), eng.state.turn, len(eng.record.actions))
        if key != self._key:
            self._key, self._rows = key, panel_rows(eng, score_board(eng, viewer), viewer)
        return self._rows

    def image(self, eng: Engine, viewer: str, font: pygame.font.Font, bold: pygame.font.Font,
              max_height: int) -> pygame.Surface:
        """The panel's image: every line wrapped to its width (lines below ``max_height`` left out)."""
        return render_panel(font, bold, self.rows(eng, viewer), WIDTH, max_height)
