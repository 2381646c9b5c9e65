"""The end screen: the graded outcome, the plans played, objectives, casualties, city damage, milestones
against history, and the routes against the documented ones (``game.compare``: discrete Fréchet distance and
the share of moves within 1 km). A counterfactual plan is named at the top, in orange, so its result is not
read as history.

Entering it writes the game's final record once (``Session.write_final_record``). "Open route map" draws the
routes into the save folder's ``maps/`` and shows them; "Compare with 20 AI games" plays the historical plan
in the background and says where this game ranks. Keys: Enter starts a new game, Escape quits.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox

from game.play.session import Session
from game.ui.app import Context, Screen
from game.ui.plantext import counterfactual_sides, plans_banner
from game.ui.report import MilestoneRow, milestone_rows, report_html, sources_html, statline, years
from game.ui.screens.routemap import RouteSection
from game.ui.screens.widgets import WidgetScreen
from game.ui.style import draw_backdrop, elide, measure_font, preload_fonts

MARGIN, ROW_H = 24, 28
COLUMNS = (("Milestone", 0.32), ("This game", 0.19), ("Documented window", 0.22), ("Compared", 0.17),
           ("Disputed", 0.10))


class EndScreen(WidgetScreen):
    """After-action report of a finished game, with New game and Quit."""

    def __init__(self, ctx: Context, session: Session) -> None:
        self.ctx = ctx
        self.session = session
        self.setup = session.engine.setup
        preload_fonts(ctx.manager)
        self.summary = session.summary()
        self.record: Path | None = session.write_final_record()
        self.rows: list[MilestoneRow] = milestone_rows(self.setup, self.summary)
        self.routes = RouteSection(ctx, session, self.record)
        self._elements: list[pygame_gui.core.UIElement] = []
        self._build(ctx.size)

    # ------------------------------------------------------------------ layout
    def _build(self, size: tuple[int, int]) -> None:
        w, h = size
        m = self.ctx.manager
        add = self._elements.append
        x, full = MARGIN, w - 2 * MARGIN
        add(UILabel(pygame.Rect(x, 14, full, 36), "After-action report", m, object_id="#title_label"))
        add(UILabel(pygame.Rect(x, 48, full, 22), elide(self.setup.title, full, 13), m, object_id="#hint_label"))
        self.outcome = UILabel(pygame.Rect(x, 76, full, 36), self.summary["outcome"]["summary"], m,
                               object_id="#outcome_label")
        add(self.outcome)
        add(UILabel(pygame.Rect(x, 112, full, 24), statline(self.summary), m, object_id="#stat_label"))
        y = 146
        banner = plans_banner(self.setup, self.summary)
        self.plans_label: UILabel | None = None
        if banner:
            warn = bool(counterfactual_sides(self.summary))
            self.plans_label = UILabel(pygame.Rect(x, 136, full, 24), elide(banner, full, 15), m,
                                       object_id="#warning_label" if warn else "#stat_label")
            add(self.plans_label)
            y = 170
        year = years(self.setup)
        add(UILabel(pygame.Rect(x, y, full, 24), "Milestones: this game against the documented history"
                    + (f" ({year})" if year else ""), m, object_id="#heading_label"))
        self.cells = [[r.name, r.game, r.window, r.compared, "yes" if r.disputed else "–"] for r in self.rows]
        self.table = self._table(pygame.Rect(x, y + 26, full, ROW_H * (max(1, len(self.rows)) + 1) + 8),
                                 COLUMNS, self.cells, "No milestones in this scenario.")
        add(self.table)
        top = self.table.relative_rect.bottom + 14
        if self.routes.cells:
            top = self.routes.build(pygame.Rect(x, top, full, 0), self._table, self._elements)
        by = h - MARGIN - 44
        left_w = (full - 20) // 2
        rx = x + left_w + 20
        self.report = UITextBox(report_html(self.setup, self.summary),
                                pygame.Rect(x, top, left_w, max(80, by - 14 - top)), m, object_id="#report")
        self.sources = UITextBox(sources_html(self.rows, self.summary, self.record),
                                 pygame.Rect(rx, top, full - left_w - 20, max(80, h - MARGIN - top)), m,
                                 object_id="#sources")
        self.new_button = UIButton(pygame.Rect(x, by, 180, 44), "New game", m, object_id="#primary_button")
        self.quit_button = UIButton(pygame.Rect(x + 192, by, 130, 44), "Quit", m)
        hint = "Enter: new game    Esc: quit"
        if measure_font(13).size(hint)[0] + 12 <= left_w - 340:
            add(UILabel(pygame.Rect(x + 340, by, left_w - 340, 44), hint, m, object_id="#hint_label"))
        self._elements += [self.report, self.sources, self.new_button, self.quit_button]

    def _table(self, rect: pygame.Rect, columns: tuple[tuple[str, float], ...], rows: list[list[str]],
               empty: str) -> UIPanel:
        """A grid of labels: one header row and one row per entry of ``rows``."""
        m = self.ctx.manager
        panel = UIPanel(rect, manager=m, object_id="#table_panel")
        inner = rect.width - 8
        xs, x = [], 4
        for _, share in columns:
            xs.append((x, int(inner * share)))
            x += int(inner * share)
        for (cx, cw), (title, _) in zip(xs, columns, strict=True):
            UILabel(pygame.Rect(cx, 2, cw, ROW_H), title, m, container=panel, object_id="#header_cell_label")
        for i, cells in enumerate(rows, 1):
            for (cx, cw), text in zip(xs, cells, strict=True):
                UILabel(pygame.Rect(cx, 2 + i * ROW_H, cw, ROW_H), elide(text, cw - 12, 14), m, container=panel,
                        object_id="#cell_label")
        if not rows:
            UILabel(pygame.Rect(4, 2 + ROW_H, inner, ROW_H), empty, m, container=panel,
                    object_id="#cell_label")
        return panel

    def reopen(self) -> Screen:
        """Back from the route map: lay the screen out again."""
        self._build(self.ctx.size)
        return self

    # ------------------------------------------------------------------ Screen protocol
    def new_game(self) -> Screen:
        """Back to the start screen, with this game's scenario selected."""
        from game.ui.screens.start import StartScreen

        return StartScreen(self.ctx, preselect=self.setup.source_path or None)

    def handle(self, event: pygame.event.Event) -> Screen | None:
        el = getattr(event, "ui_element", None)
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if el is self.new_button:
                return self.new_game()
            if el is self.quit_button:
                self.ctx.quit_requested = True
            self.routes.pressed(el)
        elif event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self.new_game()
            if event.key == pygame.K_ESCAPE:
                self.ctx.quit_requested = True
        return None

    def update(self, dt: float) -> Screen | None:
        return self.routes.poll(back=self.reopen)

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface)

