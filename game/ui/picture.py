"""A clear picture of the battle on the play screen: objectives (O), the summary after the enemy's turn,
fights on the map, line of sight (L), last-known enemy positions and the map legend (K).

The play screen calls five hooks: ``handle`` (first, for its keys and to close the summary), ``update``,
``refresh`` (after the state changed: the line-of-sight overlay), ``draw_map`` (over the units) and
``draw_over`` (panels over everything but the tooltip and the curtain).

The panels share the map: objectives and legend in columns from the top-left corner, the summary centred in
the room they leave (``panel_layout``); when they do not all fit, the newest shows and the older wait. Esc
closes the newest open panel first (:meth:`BattlePicture.close_top`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core.events import Notice
from game.play.turn_report import turn_report
from game.ui.combat_fx import CombatFx
from game.ui.legend import Legend
from game.ui.objectives_panel import ObjectivesPanel
from game.ui.panel_layout import stack_panels
from game.ui.sight_overlay import LOS_TINT, SightOverlay
from game.ui.text_panel import bold_font
from game.ui.turn_summary import TurnSummary

if TYPE_CHECKING:
    from game.ui.screens.play import GameScreen

PANEL_PX = 14  # font size of the panels
FX_PX = 16  # font size of the floating losses


class BattlePicture:
    """The play screen's picture of the battle (see the module docstring)."""

    def __init__(self, screen: GameScreen) -> None:
        self.screen = screen
        self.fx = CombatFx()
        self.sight = SightOverlay()
        self.objectives = ObjectivesPanel()
        self.legend = Legend()
        self.summary: TurnSummary | None = None
        self.opened: list[str] = []  # the open panels ("objectives", "legend", "summary"), oldest first
        self._swallow_up = False
        self._fed = len(screen.eng.log)  # log entries already turned into effects
        self._mark: dict[str, int] = {}  # human side -> log length while it last had the turn
        self._away: dict[str, int] = {}  # human side -> log length when it last handed over the turn

    # ------------------------------------------------------------------ input
    def _notice(self, text: str) -> None:
        notices = getattr(self.screen, "notices", None)
        if notices is not None:
            notices.post(text)
        else:
            self.screen.message = text

    def handle(self, event: pygame.event.Event) -> bool:
        """Take the event if it is ours: O, L, K, or closing the summary. Returns True when consumed."""
        if self._swallow_up and event.type == pygame.MOUSEBUTTONUP:
            self._swallow_up = False  # the release of the click that closed the summary
            return True
        esc = event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE
        if esc and self.screen.hud.help_open():
            return False  # the help window is on top of everything: the screen closes it first
        if esc:
            return self.close_top()
        if self.summary is not None and self.summary.dismisses(event):
            self._close("summary")
            self._swallow_up = event.type == pygame.MOUSEBUTTONDOWN
            return True
        if event.type != pygame.KEYDOWN or event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return False
        if event.key == pygame.K_o:
            self._toggle("objectives")
        elif event.key == pygame.K_k:
            self._toggle("legend")
        elif event.key == pygame.K_l:
            text = self.sight.toggle_los()
            if self.sight.los_on and not self.screen.selected:
                text += "; select one of your units"
            self._notice(text)
            self.refresh()
        else:
            return False
        return True

    def _toggle(self, name: str) -> None:
        """Open the objectives or the legend (as the newest panel), or close it."""
        panel = self.objectives if name == "objectives" else self.legend
        panel.toggle()
        if name in self.opened:
            self.opened.remove(name)
        if panel.visible:
            self.opened.append(name)

    def _close(self, name: str) -> None:
        if name == "summary":
            self.summary = None
        else:
            (self.objectives if name == "objectives" else self.legend).visible = False
        if name in self.opened:
            self.opened.remove(name)

    def close_top(self) -> bool:
        """Close the newest open panel (Esc); False when none is open."""
        self.opened = [n for n in self.opened if n != "summary" or self.summary is not None]
        if not self.opened:
            return False
        self._close(self.opened[-1])
        return True

    # ------------------------------------------------------------------ turn flow
    def update(self, dt: float) -> None:
        """Effects for new fights; the summary when a human side gets the turn back from the enemy."""
        scr = self.screen
        eng, s = scr.eng, scr.session
        log = eng.log
        self._fed = min(self._fed, len(log))  # an undo shortens the log
        if len(log) > self._fed:
            self.fx.feed(eng, log[self._fed:], None if scr.fog_all else s.viewer)
            self._fed = len(log)
        self.fx.update(dt)
        for side in s.humans:
            if s.human_turn and s.side == side and scr.ai_run is None:
                if side in self._away and not eng.state.game_over:
                    self._summarise(side, min(self._away.pop(side), len(log)))
                self._mark[side] = len(eng.log)
            elif side in self._mark and side not in self._away:
                self._away[side] = self._mark[side]

    def _summarise(self, side: str, start: int) -> None:
        """Open the summary of what ``side`` saw since ``start`` and keep its headline in the log."""
        eng = self.screen.eng
        report = turn_report(eng, eng.log[start:], side)
        title = f"{eng.clock.label(eng.state.turn)}: what your side saw while {report.enemy_name} moved"
        self.summary = TurnSummary(report, title)
        self.opened = [n for n in self.opened if n != "summary"] + ["summary"]
        eng.log.append(Notice(turn=eng.state.turn, text=report.headline(), seen_by=(side,)))
        self._fed = len(eng.log)
        self.screen.hud.set_log(eng.log, side)  # the headline shows in the log at once

    # ------------------------------------------------------------------ map layers
    def refresh(self) -> None:
        """The line-of-sight overlay of the selected unit (when L is on and it is the viewer's)."""
        scr = self.screen
        u = scr.eng.state.units.get(scr.selected) if scr.selected else None
        own = u is not None and (u.side == scr.session.viewer or scr.fog_all)
        scr.view.set_overlay("los", self.sight.los_mask(scr.eng, u if own else None), LOS_TINT)

    def draw_map(self, target: pygame.Surface) -> None:
        """Last-known enemy positions (under fog) and the fights' effects, in map coordinates."""
        scr = self.screen
        if not scr.fog_all:
            self.sight.draw_last_known(target, scr.camera, scr.eng, scr.session.viewer)
        if self.fx.active:
            self.fx.draw(target, scr.camera, bold_font(FX_PX))

    def draw_over(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The open panels over the map ``area``, placed so that none covers another (see the docstring)."""
        scr = self.screen
        font, bold = scr.ctx.font(PANEL_PX), bold_font(PANEL_PX)
        images: dict[str, pygame.Surface] = {}
        if self.objectives.visible:
            images["objectives"] = self.objectives.image(scr.eng, scr.session.viewer, font, bold, area.height - 16)
        if self.legend.visible:
            images["legend"] = self.legend.image(scr.eng.setup, font, bold)
        order = [n for n in self.opened if n in images] + [n for n in images if n not in self.opened]
        summary = self.summary.image(area, font, bold) if self.summary is not None else None
        rects, spot = stack_panels(area, [images[n].get_size() for n in order],
                                   summary.get_size() if summary is not None else None)
        self.objectives.rect = self.legend.rect = None
        for name, rect in zip(order, rects, strict=True):
            if rect is not None:
                surface.blit(images[name], rect, pygame.Rect(0, 0, *rect.size))
                (self.objectives if name == "objectives" else self.legend).rect = rect
        if self.summary is not None:
            self.summary.rect = spot
            if spot is not None and summary is not None:
                surface.blit(summary, spot, pygame.Rect(0, 0, *spot.size))
