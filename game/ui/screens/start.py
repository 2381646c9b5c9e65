"""The start screen: choose a scenario, who plays which side, the computer's plan and a seed; start,
load a save (or replay it: the picker's Replay button), watch the documented approach, or quit.

Keys: Enter starts (or loads, while the save picker is open), Escape closes a dialog or quits.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UISelectionList, UITextBox, UITextEntryLine

from game.ui import warmup
from game.ui.app import Context, Screen
from game.ui.briefing import briefing_html, mode_note_html, problems_html
from game.ui.catalogue import ScenarioEntry, initial_index, scan
from game.ui.dialogs import SavePicker, show_message
from game.ui.plantext import computer_plans_note
from game.ui.screens.planlists import PlanLists, chosen_plans
from game.ui.screens.widgets import WidgetScreen
from game.ui.style import draw_backdrop, draw_notice, elide, measure_font, preload_fonts, short_name

if TYPE_CHECKING:  # the session (engine, AI, tcod) is imported behind the shown screen (warm_up) or on Start
    from game.core.plans import Plan
    from game.play.session import Session

MODES = ("side0", "side1", "hotseat", "watch")
MARGIN, LEFT_W, ROW = 24, 470, 30
HISTORY_TEXT = "Watch the documented approach"
LOADING = "Loading the scenarios..."
BUTTON_PAD = 16  # px between a sized button's text and its edges
BRIEFING_MIN = 220  # the plan lists leave the briefing at least this height


def game_screen(ctx: Context, session: Session) -> Screen:
    """The in-game screen for ``session`` (imported lazily: the game screen imports this module)."""
    warmup.wait()
    from game.ui.screens.play import GameScreen

    return GameScreen(ctx, session)


class StartScreen(WidgetScreen):
    """Scenario list, side choice, seed, briefing; Start / Load game / Quit."""

    # imported behind the screen once it is shown (App.run, game.ui.warmup): the engine, the AI and tcod,
    # which every game needs and this screen does not; whatever here imports them waits for that first
    warm_up = ("game.play.session",)

    def __init__(self, ctx: Context, preselect: str | None = None) -> None:
        self.ctx = ctx
        preload_fonts(ctx.manager)
        self._loading_shown = False
        self.entries: list[ScenarioEntry] = scan(ctx.scenarios, preselect, self._show_loading)
        self.index = initial_index(self.entries, preselect)
        self.mode = "side0"
        self.seed_text = "1"
        self.plans = PlanLists(ctx.manager)
        self._right: list[pygame_gui.core.UIElement] = []
        self.picker: SavePicker | None = None
        self.message: pygame_gui.elements.UIWindow | None = None
        self._elements: list[pygame_gui.core.UIElement] = []
        self.drawn = False  # a frame of this screen has been drawn
        self._build(ctx.size)

    def _show_loading(self) -> None:
        """Put a "Loading the scenarios" frame on screen (once): a scenario missing from the cache (the first
        start, or after it or the game changed) is about to be read and checked, which takes a second."""
        if self._loading_shown:
            return
        self._loading_shown = True
        draw_notice(self.ctx.surface, LOADING, "Reading and checking the scenario files (once, until they "
                    "or the game change)")
        pygame.display.flip()

    # ------------------------------------------------------------------ state
    @property
    def entry(self) -> ScenarioEntry | None:
        return self.entries[self.index] if 0 <= self.index < len(self.entries) else None

    def humans(self) -> list[str]:
        """The human sides for the chosen mode."""
        e = self.entry
        if e is None or e.setup is None:
            return []
        sides = list(e.setup.sides)
        return {"side0": sides[:1], "side1": sides[1:2], "hotseat": sides, "watch": []}[self.mode]

    def computer_sides(self) -> list[str]:
        """The sides the computer plays in the chosen mode, in turn order."""
        e = self.entry
        humans = self.humans()
        return [s for s in e.setup.sides if s not in humans] if e and e.setup else []

    def chosen_plans(self) -> dict[str, Plan]:
        """The plan each computer side will play: the player's pick, else the side's default."""
        e = self.entry
        return chosen_plans(e.setup, self.computer_sides(), self.plans.picked) if e and e.setup else {}

    def seed(self) -> int | None:
        """The seed typed (1 when empty), or None when it is not a whole number."""
        text = self.seed_entry.get_text().strip() if self.seed_entry.alive() else self.seed_text
        if not text:
            return 1
        return int(text) if text.isdigit() else None

    def mode_labels(self) -> list[str]:
        """The four ways to play, with the sides' names when the scenario has loaded."""
        e = self.entry
        names = [short_name(e.setup.side_names.get(s, s)) for s in e.setup.sides] if e and e.setup else []
        a = names[0] if names else "side 1"
        b = names[1] if len(names) > 1 else "side 2"
        width = LEFT_W - 30
        return [elide(f"Play {a} against the computer", width), elide(f"Play {b} against the computer", width),
                "Hot-seat: two players on this computer", "Watch: computer against computer"]

    def mode_note(self) -> str:
        """What the chosen way of playing means, as pygame_gui HTML."""
        e = self.entry
        if e is None or e.setup is None:
            return mode_note_html(None, self.mode)
        plans = computer_plans_note(e.setup, self.chosen_plans(), self.computer_sides())
        return mode_note_html(e.setup, self.mode, plans)

    # ------------------------------------------------------------------ layout
    def _build(self, size: tuple[int, int]) -> None:
        w, h = size
        m = self.ctx.manager
        add = self._elements.append
        x = MARGIN
        add(UILabel(pygame.Rect(x, 16, w - 2 * x, 40), "Shusha / Shushi 2020 – a historical wargame", m,
                    object_id="#title_label"))
        add(UILabel(pygame.Rect(x, 54, w - 2 * x, 24), "Choose a scenario, who plays which side, and a seed. "
                    "The same scenario, seed and orders always give the same game.", m, object_id="#hint_label"))
        add(UILabel(pygame.Rect(x, 92, LEFT_W, 24), "Scenario", m, object_id="#heading_label"))
        list_h = min(max(2, len(self.entries)), 5) * ROW + 6
        self.scenario_list = self._scenario_list(pygame.Rect(x, 118, LEFT_W, list_h))
        y = 118 + list_h + 16
        add(UILabel(pygame.Rect(x, y, LEFT_W, 24), "Who plays", m, object_id="#heading_label"))
        self.mode_list = self._mode_list(pygame.Rect(x, y + 26, LEFT_W, 4 * ROW + 6))
        y += 26 + 4 * ROW + 6 + 16
        add(UILabel(pygame.Rect(x, y, 80, 36), "Seed", m, object_id="#heading_label"))
        self.seed_entry = UITextEntryLine(pygame.Rect(x + 64, y, 150, 36), m, initial_text=self.seed_text)
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(9)
        add(self.seed_entry)
        add(UILabel(pygame.Rect(x + 228, y, LEFT_W - 228, 36), "a whole number, 1 by default", m,
                    object_id="#hint_label"))
        by = h - MARGIN - 44
        note_top = y + 52
        self.note = UITextBox(self.mode_note(), pygame.Rect(x, note_top, LEFT_W, max(60, by - 44 - note_top)), m,
                              object_id="#mode_note")
        add(self.note)
        hw = min(LEFT_W - 150, measure_font(15).size(HISTORY_TEXT)[0] + 2 * BUTTON_PAD)  # padded, not edge to edge
        add(UILabel(pygame.Rect(x, by - 34, LEFT_W - hw - 8, 24), "Enter: start    Esc: quit", m,
                    object_id="#hint_label"))
        self.history_button = UIButton(pygame.Rect(x + LEFT_W - hw, by - 40, hw, 34), HISTORY_TEXT, m)
        add(self.history_button)
        self.start_button = UIButton(pygame.Rect(x, by, 170, 44), "Start", m, object_id="#primary_button")
        self.load_button = UIButton(pygame.Rect(x + 182, by, 150, 44), "Load game", m)
        self.quit_button = UIButton(pygame.Rect(x + 344, by, LEFT_W - 344, 44), "Quit", m)
        self._elements += [self.start_button, self.load_button, self.quit_button]
        self._right = []
        self._build_right(size)
        self._sync()

    def _build_right(self, size: tuple[int, int]) -> None:
        """The right column: a "Computer's plan" list per computer side with plans, then the briefing."""
        for el in self._right:
            self._elements.remove(el)
            el.kill()
        w, h = size
        m = self.ctx.manager
        bx, top = MARGIN + LEFT_W + 32, 92
        bw = w - bx - MARGIN
        e = self.entry
        y = top
        if e is not None and e.setup is not None:
            names = {s: short_name(n) for s, n in e.setup.side_names.items()}
            room = pygame.Rect(bx, top, bw, h - MARGIN - top - 26 - BRIEFING_MIN)
            y = self.plans.build(e.setup, self.computer_sides(), room, names=names)
        else:
            self.plans.kill()
        self._right = [UILabel(pygame.Rect(bx, y, bw, 24), "Briefing", m, object_id="#heading_label")]
        self._briefing_rect = pygame.Rect(bx, y + 26, bw, h - y - 26 - MARGIN)
        self._briefing: UITextBox | None = None  # built by the next update (or the first use of .briefing)
        self._elements += self._right

    @property
    def briefing(self) -> UITextBox:
        """The briefing box. A frame goes out before it is built (laying out its long text takes about a
        quarter of a second), so the window shows the start screen that much sooner; the next frame's
        ``update`` builds it, as does any earlier use."""
        if self._briefing is None:
            self._briefing = UITextBox(self._briefing_text(), self._briefing_rect, self.ctx.manager,
                                       object_id="#briefing")
            self._right.append(self._briefing)
            self._elements.append(self._briefing)
        return self._briefing

    def _scenario_list(self, rect: pygame.Rect) -> UISelectionList:
        self._labels: dict[str, int] = {}
        items: list[tuple[str, str]] = []
        for i, e in enumerate(self.entries):
            label = elide(e.title, rect.width - 30)
            while label in self._labels:
                label += " "
            self._labels[label] = i
            items.append((label, "#broken_item" if e.broken else "#scenario_item"))
        sel = items[self.index] if 0 <= self.index < len(items) else None
        lst = UISelectionList(rect, items, self.ctx.manager, default_selection=sel)
        self._elements.append(lst)
        return lst

    def _mode_list(self, rect: pygame.Rect) -> UISelectionList:
        labels = self.mode_labels()
        lst = UISelectionList(rect, labels, self.ctx.manager, default_selection=labels[MODES.index(self.mode)])
        self._elements.append(lst)
        return lst

    def _replace_list(self, old: UISelectionList, which: str) -> UISelectionList:
        rect = old.relative_rect.copy()
        self._elements.remove(old)
        old.kill()
        return self._scenario_list(rect) if which == "scenario" else self._mode_list(rect)

    def _briefing_text(self) -> str:
        e = self.entry
        if e is None:
            return f"No scenario files (*.yaml) were found in {self.ctx.scenarios}."
        return problems_html(e.path.name, e.problems) if e.setup is None else briefing_html(e.setup)

    def _sync(self) -> None:
        e = self.entry
        if e is None or e.broken:
            self.start_button.disable()
        else:
            self.start_button.enable()

    def _kill(self) -> None:
        if self.seed_entry.alive():
            self.seed_text = self.seed_entry.get_text()
        self.plans.kill()
        super()._kill()

    def close(self) -> None:
        self._kill()
        if self.picker is not None:
            self.picker.kill()
            self.picker = None
        if self.message is not None and self.message.alive():
            self.message.kill()

    # ------------------------------------------------------------------ choices
    def select_scenario(self, index: int) -> None:
        """Choose the scenario at ``index``; a broken one shows its problems and cannot be started."""
        if not 0 <= index < len(self.entries):
            return
        self.index = index
        self.plans.picked = {}
        self.scenario_list = self._replace_list(self.scenario_list, "scenario")
        self.mode_list = self._replace_list(self.mode_list, "mode")
        self._build_right(self.ctx.size)
        self.note.set_text(self.mode_note())
        self._sync()

    def select_mode(self, mode: str) -> None:
        """Choose who plays: ``side0``, ``side1``, ``hotseat`` or ``watch``."""
        if mode in MODES and mode != self.mode:
            self.mode = mode
            self.mode_list = self._replace_list(self.mode_list, "mode")
            self._mode_chosen(mode)

    def _mode_chosen(self, mode: str) -> None:
        self.mode = mode
        self._build_right(self.ctx.size)
        self.note.set_text(self.mode_note())

    def build_session(self) -> Session | None:
        """The Session that Start would play, or None after telling the player what is wrong."""
        e = self.entry
        if e is None or e.setup is None:
            name = e.path.name if e else "No scenario"
            self._tell("Cannot start", f"{name} cannot be loaded:\n\n{e.problems if e else ''}")
            return None
        seed = self.seed()
        if seed is None:
            self._tell("Cannot start", "The seed must be a whole number, such as 1.")
            return None
        plans = {side: p.id for side, p in self.chosen_plans().items()}
        warmup.wait()
        from game.play.session import Session

        return Session.new(e.setup, seed, self.humans(), saves=self.ctx.saves, plans=plans)

    def start(self) -> Screen | None:
        """Start the chosen game: the game screen, or None when it cannot start."""
        session = self.build_session()
        return game_screen(self.ctx, session) if session is not None else None

    def watch_history(self) -> Screen | None:
        """Open the historical replay of the chosen scenario (its documented routes and dated events)."""
        e = self.entry
        if e is None or e.setup is None or not e.setup.history:
            self._tell("No documented history", "This scenario has no documented routes to replay.")
            return None
        warmup.wait()
        from game.history.timeline import HistoryTimeline
        from game.ui.screens.replay_view import ReplayScreen

        ctx, path = self.ctx, e.path
        return ReplayScreen(ctx, HistoryTimeline(e.setup), e.setup,
                            back=lambda: StartScreen(ctx, preselect=str(path)))

    def open_loader(self) -> None:
        """Open the save picker on the save folder."""
        if self.picker is None:
            self.picker = SavePicker(self.ctx.manager, self.ctx.saves, replay=True)

    def load(self, path: object) -> Screen | None:
        """Load a save into the game screen; a damaged save shows why and the start screen stays."""
        warmup.wait()
        from game.play.saves import SaveError
        from game.play.session import Session

        try:
            session = Session.load(str(path), saves=self.ctx.saves)
        except SaveError as e:
            self._tell("Cannot load this save", str(e))
            return None
        return game_screen(self.ctx, session)

    def replay(self, path: object) -> Screen | None:
        """Open a save in the replay viewer (checked first, behind a "Checking the record..." frame); a file
        that cannot be replayed shows why and the start screen stays. Esc returns here."""
        warmup.wait()
        from game.sim.record import RecordError
        from game.ui.replay_record import draw_checking, open_checked, record_screen

        draw_checking(self.ctx.surface, Path(str(path)).name)
        pygame.display.flip()
        try:
            rec = open_checked(str(path))
        except RecordError as e:
            self._tell("Cannot replay this game", str(e))
            return None
        ctx = self.ctx
        return record_screen(ctx, rec, back=lambda: StartScreen(ctx))

    def _tell(self, title: str, text: str) -> None:
        if self.message is not None and self.message.alive():
            self.message.kill()
        self.message = show_message(self.ctx.manager, title, text)

    # ------------------------------------------------------------------ Screen protocol
    def handle(self, event: pygame.event.Event) -> Screen | None:
        if self.picker is not None:
            self.picker.process_event(event)
            if self.picker.done:
                path, action, self.picker = self.picker.chosen, self.picker.action, None
                if path is not None and action == "replay":
                    return self.replay(path)
                return self.load(path) if path is not None else None
            if event.type == pygame.KEYDOWN:
                return None
        et = event.type
        el = getattr(event, "ui_element", None)
        if et == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and el is self.scenario_list:
            idx = self._labels.get(event.text)
            if idx is not None and idx != self.index:
                self.select_scenario(idx)
        elif et == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and el is self.mode_list:
            labels = self.mode_labels()
            if event.text in labels and MODES[labels.index(event.text)] != self.mode:
                self._mode_chosen(MODES[labels.index(event.text)])
        elif self.plans.handle(event):
            self.note.set_text(self.mode_note())
        elif et == pygame_gui.UI_BUTTON_PRESSED:
            if el is self.start_button:
                return self.start()
            if el is self.history_button:
                return self.watch_history()
            if el is self.load_button:
                self.open_loader()
            elif el is self.quit_button:
                self.ctx.quit_requested = True
        elif et == pygame.KEYDOWN:
            return self._key(event.key)
        return None

    def _key(self, key: int) -> Screen | None:
        if self.message is not None and self.message.alive():
            if key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER):
                self.message.kill()
            return None
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.start()
        if key == pygame.K_ESCAPE:
            self.ctx.quit_requested = True
        return None

    def update(self, dt: float) -> Screen | None:
        # a click on the selected row deselects it: select it again (a choice is always made)
        if self.entries and self.scenario_list.get_single_selection() is None:
            self.scenario_list = self._replace_list(self.scenario_list, "scenario")
        if self.mode_list.get_single_selection() is None:
            self.mode_list = self._replace_list(self.mode_list, "mode")
        self.plans.update()
        if self.drawn and self._briefing is None:
            self.briefing  # noqa: B018 - builds the briefing box left out of the frame before
            self.ctx.manager.get_sprite_group().update_visibility()  # drawn in this frame, not the next
        return None

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface)
        self.drawn = True
