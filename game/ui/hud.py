"""The in-game HUD (pygame_gui): top bar with clock and buttons, unit panel, event log, help window."""

from __future__ import annotations

import html

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox, UIWindow

from game.core.engine import Engine
from game.core.events import Event
from game.core.units import Unit
from game.ui.play_keys import help_lines
from game.ui.style import short_name

TOP = 44
SIDE = 340
HELP_LINES = tuple(help_lines())  # game.ui.play_keys: the one list of keys (the README's table too)
HELP = "<br>".join(HELP_LINES)  # one break per line: newlines would double the spacing
HELP_LINE_PX = 22  # height of one line of the theme's text-box font, with leading
HELP_SIZE = (860, 110 + HELP_LINE_PX * len(HELP_LINES))  # every line fits without scrolling


def top_bar_texts(eng: Engine, *, computer: bool) -> list[str]:
    """The top bar's text, longest first (:meth:`Hud.set_clock` shows the first that fits): turn, time,
    light, weather and who is to move, e.g. ``Turn 3 - 25 Oct 2020 06:00-18:00 (day), clear - Azerbaijani
    forces to move``; the shortest, ``T3 25 Oct 06:00 day, clear: Azerbaijani forces``."""
    st, clock = eng.state, eng.clock
    w = clock.weather(st.turn, st.weather_override).kind
    full = eng.side_name(st.side)
    short = short_name(full)
    ai = " (computer)" if computer else ""
    s, e = clock.start(st.turn), clock.end(st.turn)
    light = "night" if clock.is_night(st.turn) else "day"
    day = f"{s:%d %b}".lstrip("0")
    return [f"{clock.label(st.turn)}, {w} - {full} to move{ai}",
            f"{clock.label(st.turn)}, {w} - {short} to move{ai}",
            f"Turn {st.turn + 1} - {day} {s:%H:%M}-{e:%H:%M} ({light}), {w} - {short}{ai}",
            f"T{st.turn + 1} {day} {s:%H:%M} {light}, {w}: {short}{' (AI)' if computer else ''}"]


class Hud:
    """Builds and refreshes the pygame_gui elements around the map."""

    def __init__(self, manager: pygame_gui.UIManager, size: tuple[int, int]) -> None:
        self.manager = manager
        self.help: UIWindow | None = None
        self.help_box: UITextBox | None = None
        self._log_key: tuple[int, int, int] | None = None
        self._unit_html = ""
        self.build(size)

    def build(self, size: tuple[int, int]) -> None:
        """(Re)create every element for a window of ``size``."""
        w, h = size
        m = self.manager
        self.top = UIPanel(pygame.Rect(0, 0, w, TOP), manager=m)
        self.clock = UILabel(pygame.Rect(8, 6, w - 574 - 16, 30), "", manager=m, container=self.top)
        x = w - 574
        self.buttons: dict[str, UIButton] = {}
        for key, label, width in (("end_turn", "End turn (E)", 110), ("undo", "Undo (U)", 80),
                                  ("history", "History (G)", 100),
                                  ("save", "Save", 60), ("load", "Load", 60), ("help", "Help", 60),
                                  ("menu", "Menu", 60)):
            self.buttons[key] = UIButton(pygame.Rect(x, 6, width, 30), label, manager=m, container=self.top)
            x += width + 4
        self.side_panel = UIPanel(pygame.Rect(w - SIDE, TOP, SIDE, h - TOP), manager=m)
        self.unit_box = UITextBox("<i>No unit selected.</i>", pygame.Rect(4, 4, SIDE - 12, 220), manager=m,
                                  container=self.side_panel)
        y = 228
        for key, label in (("dig_in", "Dig in (D)"), ("hold", "Hold (H)"), ("rally", "Rally (R)")):
            self.buttons[key] = UIButton(pygame.Rect(4 + (SIDE - 12) // 3 * ("dig_in", "hold", "rally").index(key),
                                                     y, (SIDE - 12) // 3 - 4, 30), label, manager=m,
                                         container=self.side_panel)
        self.log_box = UITextBox("", pygame.Rect(4, y + 36, SIDE - 12, h - TOP - y - 44), manager=m,
                                 container=self.side_panel)
        self._log_key = None
        self._unit_html = ""

    def kill(self) -> None:
        for el in (self.top, self.side_panel, self.help):
            if el is not None:
                el.kill()
        self.help = None
        self.help_box = None

    def resize(self, size: tuple[int, int]) -> None:
        self.kill()
        self.build(size)

    def button(self, element: object) -> str | None:
        """The name of a HUD button, or None for another element."""
        return next((k for k, b in self.buttons.items() if b is element), None)

    def set_clock(self, *texts: str) -> None:
        """Show the first of ``texts`` (longest first) that fits the top bar's label, else the last."""
        fits = [t for t in texts if self.clock.font.size(t)[0] <= self.clock.rect.width]
        text = fits[0] if fits else texts[-1]
        if self.clock.text != text:
            self.clock.set_text(text)

    def help_open(self) -> bool:
        return self.help is not None and self.help.alive()

    def covers(self, pos: tuple[int, int]) -> bool:
        """Whether the help window is open over the screen point ``pos`` (the map must not get the mouse)."""
        return self.help_open() and self.help.rect.collidepoint(pos)

    def set_unit(self, eng: Engine, u: Unit | None, extra: str = "") -> None:
        """Show the selected unit's state (strength, morale, fatigue, ammunition, posture, time left)."""
        if u is None:
            body = "<i>No unit selected. Click one of your units.</i>"
        else:
            ut = eng.setup.unit_types[u.type_id]
            flags = [f for f, on in (("suppressed", u.suppression > 30),
                                     ("climbing", u.climbing), ("routed", u.routed), ("has fired", u.fired)) if on]
            weapons = ", ".join(f"{w.label} {w.range_m:.0f} m" for w in ut.weapons)
            body = (f"<b>{html.escape(u.name)}</b><br>{html.escape(ut.name)} ({ut.move_class})<br>"
                    f"Strength {u.strength}/{ut.headcount}  Morale {u.morale:.0f}<br>"
                    f"Fatigue {u.fatigue:.0f}  Ammunition {u.ammo:.0f}  Suppression {u.suppression:.0f}<br>"
                    f"Posture {u.posture.replace('_', ' ')}{' - ' + ', '.join(flags) if flags else ''}<br>"
                    f"Movement left: {eng.budget_min(u.id) / 60:.1f} h<br>Weapons: {html.escape(weapons)}<br>"
                    f"Can: {', '.join(sorted(ut.capabilities)) or '-'}")
        if extra:
            body += f"<br><br>{html.escape(extra)}"
        if body != self._unit_html:
            self._unit_html = body
            self.unit_box.set_text(body)

    def set_log(self, events: list[Event], side: str | None) -> None:
        """Show the last events the side may see, newest first; scenario events with their attribution."""
        shown = [e for e in events if e.visible_to(side)][-120:]
        key = (len(shown), id(shown[-1]) if shown else 0, hash(side))  # events the side cannot see change nothing
        if key == self._log_key:
            return
        self._log_key = key
        rows = []
        for e in reversed(shown):
            text = html.escape(e.text)
            if e.kind == "scenario_event":
                text = f"<font color='#f0c060'>{text}</font>"
            elif e.kind in ("milestone", "objective", "game_over", "cut_off"):
                text = f"<b>{text}</b>"
            elif e.kind == "turn_started":
                text = f"<font color='#8fb8ff'>{text}</font>"
            rows.append(text)
        self.log_box.set_text("<br>".join(rows) or "<i>No events yet.</i>")

    def toggle_help(self, size: tuple[int, int]) -> None:
        """Open the help window (sized so that every line shows without scrolling), or close it."""
        if self.help_open():
            self.help.kill()
            self.help = self.help_box = None
            return
        w, h = size
        hw, hh = min(HELP_SIZE[0], w - 40), min(HELP_SIZE[1], h - 40)
        self.help = UIWindow(pygame.Rect((w - hw) // 2, (h - hh) // 2, hw, hh), self.manager,
                             window_display_title="Help - orders and keys")
        inner = self.help.get_container().get_rect()
        self.help_box = UITextBox(HELP, pygame.Rect(0, 0, inner.width, inner.height), manager=self.manager,
                                  container=self.help)
