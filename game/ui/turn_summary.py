"""The summary shown after the enemy's turn: contacts, fights and their results, losses on each side,
objectives changed and other events, as the player's side knows them (``game.play.turn_report``).

Enter, Esc or a click closes it; its headline stays in the log.
"""

from __future__ import annotations

import pygame

from game.play.turn_report import TurnReport
from game.ui.text_panel import DIM, Row, render_panel

WIDTH = 640
TITLE = (255, 230, 160)


def summary_rows(report: TurnReport, title: str) -> list[Row]:
    """The window's lines: title, sections and how to close it."""
    rows = [Row(title, TITLE, bold=True)]
    for heading, lines in report.lines():
        rows.append(Row(heading, bold=True, gap=6))
        rows.extend(Row("- " + line, indent=6) for line in lines)
    rows.append(Row("Enter, Esc or a click: close (the summary stays in the log)", DIM, gap=8))
    return rows


class TurnSummary:
    """One report on screen until dismissed."""

    def __init__(self, report: TurnReport, title: str) -> None:
        self.report = report
        self.rows = summary_rows(report, title)
        self.rect: pygame.Rect | None = None

    def dismisses(self, event: pygame.event.Event) -> bool:
        """Whether ``event`` closes the summary (Enter, Esc, or a mouse click anywhere)."""
        if event.type == pygame.KEYDOWN:
            return event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE)
        return event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3)

    def image(self, area: pygame.Rect, font: pygame.font.Font, bold: pygame.font.Font) -> pygame.Surface:
        """The summary's image for the map ``area``: lines wrapped to its width, as many as fit."""
        return render_panel(font, bold, self.rows, min(WIDTH, area.width - 16), area.height - 40)
