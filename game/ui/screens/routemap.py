"""The end screen's comparison with history and the route map inside the client.

- ``RouteSection``: the routes table (discrete Fréchet distance, moves within 1 km, from
  ``game.compare.record_compare``), "Open route map" and "Compare with 20 AI games".
- ``RouteMapScreen``: the PNG that ``game.compare.routemap`` draws, scaled to the window; Esc or "Back to the
  report" returns.
- ``Background``: slow work (drawing the map, playing the AI games) on a worker thread that the screen polls
  in ``update``, so the window keeps responding.
"""

from __future__ import annotations

import argparse
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UIPanel

from game.play.session import Session
from game.ui.app import Context, Screen
from game.ui.dialogs import show_message
from game.ui.screens.widgets import WidgetScreen
from game.ui.style import draw_backdrop, elide

MARGIN, HEADER, ROW_H = 16, 56, 28
COLUMNS = (("Documented route of", 0.40), ("Fréchet distance", 0.20), ("Moves within 1 km of it", 0.40))
NOTE = ("Documented routes: the scenario's history section (dates and positions partly inferred). Fréchet "
        "distance: discrete, between the route and the group's positions (km).")
HISTORY_RUNS = 20
TableMaker = Callable[[pygame.Rect, tuple[tuple[str, float], ...], list[list[str]], str], UIPanel]


class Background:
    """``fn()`` on a daemon thread; ``done`` when it returned or raised (``result`` / ``error``)."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fn,), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            self.result = fn()
        except Exception as e:  # shown to the player by the screen that polls
            self.error = e

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until done (tests); True when done."""
        self._thread.join(timeout)
        return self.done


class RouteSection:
    """The routes part of the end screen, its two buttons and their background work."""

    def __init__(self, ctx: Context, session: Session, record: Path | None) -> None:
        from game.compare.record_compare import compare_engine
        from game.compare.record_rank import historical_pair

        self.ctx, self.session, self.record = ctx, session, record
        self.setup = session.engine.setup
        self.compare, self.docs, self.tracks = compare_engine(session.engine, source=str(record or ""))
        self.cells = route_cells(self.compare)
        self.can_rank = historical_pair(self.setup) is not None
        self.map_job: Background | None = None
        self.rank_job: Background | None = None
        self.rank_text = ""
        self.ranked = False  # the AI games have been played and the game ranked
        self.rank_jobs: int | None = None  # worker processes for the AI games (None: every core)

    def build(self, area: pygame.Rect, table: TableMaker, elements: list[pygame_gui.core.UIElement]) -> int:
        """Heading and buttons, the table, two notes from ``area.top`` across ``area.width``; returns the y
        below them. The elements go into ``elements`` (the screen kills them on resize)."""
        m, (x, top, full) = self.ctx.manager, (area.x, area.y, area.width)
        bw = (200, 250)
        elements.append(UILabel(pygame.Rect(x, top, full - sum(bw) - 24, 30), "Routes: this game against the "
                                "documented approach", m, object_id="#heading_label"))
        # the buttons keep their text (a pygame_gui button just clicked may not redraw a new one): the
        # state is in the enabled flag and the label under the table
        self.map_button = UIButton(pygame.Rect(x + full - sum(bw) - 12, top, bw[0], 30), "Open route map", m)
        self.rank_button = UIButton(pygame.Rect(x + full - bw[1], top, bw[1], 30),
                                    f"Compare with {HISTORY_RUNS} AI games", m)
        if self.map_job:
            self.map_button.disable()
        if self.rank_job or self.ranked or not self.can_rank:
            self.rank_button.disable()
        rect = pygame.Rect(x, top + 34, full, ROW_H * (len(self.cells) + 1) + 8)
        panel = table(rect, COLUMNS, self.cells, "")
        y = panel.relative_rect.bottom + 2
        note = UILabel(pygame.Rect(x, y, full, 20), elide(NOTE, full, 13), m, object_id="#hint_label")
        self.rank_label = UILabel(pygame.Rect(x, y + 20, full, 20), elide(self.rank_status(), full, 13), m,
                                  object_id="#hint_label")
        elements += [self.map_button, self.rank_button, panel, note, self.rank_label]
        return y + 46

    def pressed(self, element: object) -> None:
        """A button of the screen was pressed: start the work if it is one of ours."""
        if not self.cells:
            return
        if element is self.map_button:
            self.open_map()
        elif element is self.rank_button:
            self.start_ranking()

    def map_path(self) -> Path:
        """Where the route map goes: ``maps/`` in the save folder, named after the game's record."""
        eng = self.session.engine
        stem = self.record.stem if self.record else \
            f"{self.setup.scenario_id}-seed{eng.record.seed}-turn{eng.state.turn + 1}"
        return self.session.saves / "maps" / f"{stem}-routes.png"

    def open_map(self) -> None:
        """Draw the route map on a worker thread; ``poll`` opens it when it is ready."""
        if self.map_job is not None:
            return
        from game.compare.routemap import render_route_map

        path = self.map_path()
        self.map_job = Background(lambda: render_route_map(self.setup, self.docs, self.tracks, self.compare,
                                                           path))
        self.map_button.disable()

    def start_ranking(self) -> None:
        """Play the historical plan's AI games on a worker thread (the batch runner's processes)."""
        if self.rank_job is not None:
            return
        from game.compare.record_rank import history_percentile

        args = argparse.Namespace(history_runs=HISTORY_RUNS, seed=1, jobs=self.rank_jobs, backend="local",
                                  scheduler=None, no_progress=True, against=None)
        self.rank_job = Background(lambda: history_percentile(args, self.session.engine))
        self.rank_button.disable()
        self.rank_label.set_text(self.rank_status())

    def rank_status(self) -> str:
        if self.rank_job is not None:
            return f"Playing {HISTORY_RUNS} AI games of the historical plan in the background…"
        if not self.can_rank:
            return "This scenario has no historical plan for the attacker to rank the game against."
        return self.rank_text or (f"Where this game ranks among {HISTORY_RUNS} AI games of the historical "
                                  "plan: press Compare (the window stays usable while they play).")

    def poll(self, *, back: Callable[[], Screen]) -> Screen | None:
        """Finished background work: show where the game ranks, or open the map (``back`` returns from it)."""
        if self.rank_job is not None and self.rank_job.done:
            job, self.rank_job = self.rank_job, None
            self.ranked = job.error is None
            self.rank_text = rank_text(job.result) if self.ranked else f"The AI games failed: {job.error}"
            self.rank_label.set_text(elide(self.rank_text, self.rank_label.relative_rect.width, 13))
            if not self.ranked:
                self.rank_button.enable()
        if self.map_job is None or not self.map_job.done:
            return None
        job, self.map_job = self.map_job, None
        self.map_button.enable()
        if job.error is not None:
            show_message(self.ctx.manager, "Route map", f"The route map could not be drawn: {job.error}")
            return None
        return RouteMapScreen(self.ctx, job.result, back=back, title=f"Routes: seed {self.compare['seed']}, "
                              "documented (dashed) and this game's (solid)")


class RouteMapScreen(WidgetScreen):
    """Shows ``image`` (a PNG) fitted to the window under a title; Esc or Back returns ``back()``."""

    def __init__(self, ctx: Context, image: Path, *, title: str, back: Callable[[], Screen]) -> None:
        self.ctx = ctx
        self.path = image
        self.title = title
        self.back = back
        self.image = pygame.image.load(str(image)).convert()
        self._scaled: pygame.Surface | None = None
        self._elements: list[pygame_gui.core.UIElement] = []
        self._build(ctx.size)

    def _build(self, size: tuple[int, int]) -> None:
        w, _ = size
        m = self.ctx.manager
        bw = 210
        self.title_label = UILabel(pygame.Rect(MARGIN, 8, w - 3 * MARGIN - bw, 26),
                                   elide(self.title, w - 3 * MARGIN - bw, 15), m, object_id="#heading_label")
        self.path_label = UILabel(pygame.Rect(MARGIN, 32, w - 3 * MARGIN - bw, 20),
                                  elide(f"Saved as {self.path}    Esc: back", w - 3 * MARGIN - bw, 13), m,
                                  object_id="#hint_label")
        self.back_button = UIButton(pygame.Rect(w - MARGIN - bw, 10, bw, 38), "Back to the report", m)
        self._elements = [self.title_label, self.path_label, self.back_button]
        self._scaled = None

    def fitted(self) -> pygame.Surface:
        """The image scaled (aspect kept) into the area under the header."""
        w, h = self.ctx.size
        box = (w - 2 * MARGIN, h - HEADER - MARGIN)
        iw, ih = self.image.get_size()
        k = min(box[0] / iw, box[1] / ih)
        size = (max(1, int(iw * k)), max(1, int(ih * k)))
        if self._scaled is None or self._scaled.get_size() != size:
            self._scaled = pygame.transform.smoothscale(self.image, size)
        return self._scaled

    def handle(self, event: pygame.event.Event) -> Screen | None:
        pressed = event.type == pygame_gui.UI_BUTTON_PRESSED
        if pressed and getattr(event, "ui_element", None) is self.back_button:
            return self.back()
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.back()
        return None

    def update(self, dt: float) -> Screen | None:
        return None

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface)
        img = self.fitted()
        w, _ = surface.get_size()
        surface.blit(img, ((w - img.get_width()) // 2, HEADER))


def route_cells(compare: dict[str, Any]) -> list[list[str]]:
    """One table row per documented route group, by name: the group (and how many units follow it when it
    names a unit type), Fréchet km, corridor share."""
    rows = []
    for r in compare["routes"]:
        units = r["units"]
        who = r["name"] if list(units) == [r["group"]] else \
            f"{r['name']} (no unit in this game)" if not units else f"{r['name']} ({len(units)} units)"
        share = r["corridor_share"]
        rows.append([who, "–" if r["frechet_km"] is None else f"{r['frechet_km']:.1f} km",
                     "–" if share is None else f"{share:.0%} ({r['inside']} of {r['moves']} moves)"])
    return rows


def rank_text(p: dict[str, Any]) -> str:
    """One line: where the game ranks among the AI games (or why it was not ranked)."""
    if p.get("skipped"):
        return f"Not ranked: {p['skipped']}."
    return (f"Percentile {p['percentile']:.0f} among {p['games']} AI games of the historical plan (by "
            f"attacker score, then time to capture): this game {p['value_text']}; AI median score "
            f"{p['median_score']:.2f}, town taken in {p['captured']} of {p['games']}.")
