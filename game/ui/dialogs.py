"""Reusable pygame_gui dialogs: a message window and a picker for saved games.

API (used by the start screen and the game screen)::

    show_message(manager, title, text) -> UIMessageWindow
        A centred, always-on-top window with a scrollable text box and a Dismiss button. ``text`` is
        plain text (escaped for pygame_gui's HTML; newlines kept), so a multi-line SaveError or
        ScenarioError message can be passed as it is. Nothing to poll: the player dismisses it.

    picker = SavePicker(manager, folder, *, title="Load a saved game", on_pick=None, replay=False)
        A window listing ``folder/*.jsonl``, newest first, each with the turn, the time it was saved and
        its scenario, read from the ``save`` field of the file's first (header) line only. A file whose
        header cannot be read is still listed ("header unreadable"); loading it is where the player
        sees the real error (the owner calls ``Session.load`` and shows the SaveError).
        The owner passes every event to it while it is open::

            picker.process_event(event)      # True when the event was the picker's (buttons, keys)
            if picker.done:                  # Load pressed (or Enter / double-click), or Cancel / Esc / x
                path = picker.chosen         # Path of the chosen save, or None when cancelled
                picker = None                # the window is already closed

        ``on_pick(path)`` is called as well when a save is chosen, for owners that prefer a callback.
        With ``replay=True`` a "Replay" button chooses the save to watch instead: ``picker.action`` is then
        ``"replay"`` (``"load"`` otherwise).
        ``picker.kill()`` closes it without a choice (e.g. when the owner's screen closes).

    list_saves(folder) -> list[SaveEntry]   the same listing without a window (newest first).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UISelectionList, UIWindow
from pygame_gui.windows import UIMessageWindow

from game.play.saves import list_save_files
from game.ui.style import elide, esc

HEADER_LIMIT = 1 << 16  # read at most this much of a save's first line


def show_message(manager: pygame_gui.UIManager, title: str, text: str) -> UIMessageWindow:
    """Open a centred message window with ``text`` (plain, may be long and multi-line); returns it."""
    sw, sh = manager.window_resolution
    width = min(680, sw - 80)
    per_line = max(20, (width - 60) // 8)
    lines = sum(max(1, -(-len(line) // per_line)) for line in text.splitlines() or [""])
    height = max(200, min(sh - 80, 130 + 22 * lines))
    rect = pygame.Rect((sw - width) // 2, (sh - height) // 2, width, height)
    return UIMessageWindow(rect, esc(text), manager, window_title=title, always_on_top=True)


@dataclass(frozen=True)
class SaveEntry:
    """One file in the save folder, with what its header says (``turn`` is 1-based, None if unknown)."""

    path: Path
    mtime: float
    turn: int | None = None
    saved_at: str | None = None
    scenario: str | None = None
    readable: bool = True

    @property
    def label(self) -> str:
        """One line for the list, e.g. ``autosave.jsonl - turn 12 - saved 03 Jun 2025 14:02 - shusha``."""
        if not self.readable:
            return f"{self.path.name}  -  header unreadable (loading it will say why)"
        parts = [self.path.name]
        parts.append(f"turn {self.turn}" if self.turn is not None else "no save information")
        when = self.saved_at or datetime.fromtimestamp(self.mtime).isoformat(timespec="seconds")
        try:
            parts.append("saved " + datetime.fromisoformat(when).strftime("%d %b %Y %H:%M"))
        except ValueError:
            parts.append(f"saved {when}")
        if self.scenario:
            parts.append(self.scenario)
        return "  -  ".join(parts)


def read_entry(path: Path) -> SaveEntry:
    """Describe one save from its first line only; never raises for a damaged file."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    try:
        if not path.is_file():  # a named pipe would block the open below
            raise ValueError("not a regular file")
        with path.open(encoding="utf-8") as f:
            header = json.loads(f.readline(HEADER_LIMIT))
        if not isinstance(header, dict):
            raise ValueError("header is not an object")
        meta = header.get("save")
        meta = meta if isinstance(meta, dict) else {}
        turn = meta.get("turn")
        saved_at = meta.get("saved_at")
        scenario = header.get("scenario_id")
        return SaveEntry(path, mtime, turn + 1 if isinstance(turn, int) else None,
                         saved_at if isinstance(saved_at, str) else None,
                         scenario if isinstance(scenario, str) else None)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return SaveEntry(path, mtime, readable=False)


def list_saves(folder: Path) -> list[SaveEntry]:
    """Every save directly in ``folder`` (regular ``*.jsonl`` files, never a hidden temp file of a save in
    progress), newest first; an unreadable folder lists nothing. Stale temp files are removed."""
    entries = [read_entry(p) for p in list_save_files(folder)]
    return sorted(entries, key=lambda e: (-e.mtime, e.path.name))


class SavePicker:
    """A window to choose a save from a folder; poll ``done``/``chosen`` or pass ``on_pick``."""

    def __init__(self, manager: pygame_gui.UIManager, folder: Path, *, title: str = "Load a saved game",
                 on_pick: Callable[[Path], None] | None = None, replay: bool = False) -> None:
        self.manager = manager
        self.action = "load"
        self.folder = Path(folder)
        self.on_pick = on_pick
        self.done = False
        self.chosen: Path | None = None
        self.entries = list_saves(self.folder)
        sw, sh = manager.window_resolution
        w, h = min(760, sw - 60), min(460, sh - 60)
        self.window = UIWindow(pygame.Rect((sw - w) // 2, (sh - h) // 2, w, h), manager,
                               window_display_title=title, object_id="#save_picker", always_on_top=True)
        cw, ch = self.window.get_container().get_size()
        where = f"Saved games in {self.folder}" if self.entries else f"No saved games in {self.folder}"
        self.info = UILabel(pygame.Rect(14, 8, cw - 28, 26), elide(where, cw - 28, 13), manager,
                            container=self.window, object_id="#hint_label")
        self._by_label: dict[str, SaveEntry] = {}
        for e in self.entries:
            label = elide(e.label, cw - 60)
            while label in self._by_label:  # keep labels unique (they identify the row)
                label += " "
            self._by_label[label] = e
        items = [(label, "#broken_item" if not e.readable else "#save_item")
                 for label, e in self._by_label.items()]
        self.list = UISelectionList(pygame.Rect(14, 40, cw - 28, ch - 104), items, manager,
                                    container=self.window, default_selection=items[0] if items else None)
        self.load_button = UIButton(pygame.Rect(cw - 254, ch - 52, 120, 38), "Load", manager,
                                    container=self.window, object_id="#primary_button")
        self.cancel_button = UIButton(pygame.Rect(cw - 126, ch - 52, 112, 38), "Cancel", manager,
                                      container=self.window)
        self.replay_button = UIButton(pygame.Rect(cw - 382, ch - 52, 120, 38), "Replay", manager,
                                      container=self.window, tool_tip_text="Watch this game in the replay viewer")
        if not replay:
            self.replay_button.hide()
        self._sync_buttons()

    @property
    def selected(self) -> Path | None:
        """The highlighted save, if any."""
        label = self.list.get_single_selection()
        entry = self._by_label.get(label) if isinstance(label, str) else None
        return entry.path if entry else None

    def _sync_buttons(self) -> None:
        for button in (self.load_button, self.replay_button):
            if self.selected is None:
                button.disable()
            else:
                button.enable()

    def process_event(self, event: pygame.event.Event) -> bool:
        """Handle one event; returns True when it was meant for the picker."""
        if self.done:
            return False
        et = event.type
        el = getattr(event, "ui_element", None)
        if et == pygame_gui.UI_BUTTON_PRESSED and el is self.load_button:
            self.confirm()
        elif et == pygame_gui.UI_BUTTON_PRESSED and el is self.cancel_button:
            self.cancel()
        elif et == pygame_gui.UI_BUTTON_PRESSED and el is self.replay_button:
            self.action = "replay"
            self.confirm()
        elif et == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION and el is self.list:
            self.confirm()
        elif et == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and el is self.list:
            self._sync_buttons()
        elif et == pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION and el is self.list:
            if self.list.get_single_selection() is None:  # a click on the chosen row: keep it chosen
                self._reselect(event.text)
            self._sync_buttons()
        elif et == pygame_gui.UI_WINDOW_CLOSE and el is self.window:
            self.done = True
        elif et == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.confirm()
        elif et == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.cancel()
        else:
            return False
        return True

    def _reselect(self, text: str) -> None:
        for item in self.list.item_list:
            if item["text"] == text:
                item["selected"] = True
                if item["button_element"] is not None:
                    item["button_element"].select()

    def confirm(self) -> None:
        """Choose the highlighted save (nothing happens when none is highlighted)."""
        path = self.selected
        if path is None:
            return
        self.chosen = path
        self.kill()
        if self.on_pick is not None:
            self.on_pick(path)

    def cancel(self) -> None:
        """Close without a choice."""
        self.kill()

    def kill(self) -> None:
        """Close the window (idempotent); ``done`` becomes True."""
        self.done = True
        if self.window.alive():
            self.window.kill()


class ChoiceDialog:
    """A small window asking one question with a button per answer (and Cancel); poll ``done``/``chosen``.

    ``choices`` are ``(key, label)`` pairs; ``chosen`` is the key of the button pressed (None: cancelled with
    Cancel, Esc or the window's x). The owner passes every event to ``process_event`` while it is open::

        dlg = ChoiceDialog(manager, "Continue from here", "Who plays?", [("both", "Both sides"), ...])
    """

    def __init__(self, manager: pygame_gui.UIManager, title: str, text: str,
                 choices: list[tuple[str, str]]) -> None:
        self.done = False
        self.chosen: str | None = None
        sw, sh = manager.window_resolution
        w = min(520, sw - 60)
        h = 124 + 44 * len(choices)
        self.window = UIWindow(pygame.Rect((sw - w) // 2, (sh - h) // 2, w, h), manager, window_display_title=title,
                               object_id="#choice_dialog", always_on_top=True)
        cw, _ = self.window.get_container().get_size()
        self.label = UILabel(pygame.Rect(8, 4, cw - 16, 38), elide(text, cw - 40, 14), manager,
                             container=self.window)
        self.buttons: dict[object, str] = {}
        y = 44
        for key, label in choices:
            button = UIButton(pygame.Rect(14, y, cw - 28, 38), elide(label, cw - 40), manager, container=self.window,
                              object_id="#primary_button" if not self.buttons else None)
            self.buttons[button] = key
            y += 44
        self.cancel_button = UIButton(pygame.Rect(cw - 126, y + 6, 112, 36), "Cancel", manager,
                                      container=self.window)

    def process_event(self, event: pygame.event.Event) -> bool:
        """Handle one event; returns True when it was meant for the dialog."""
        if self.done:
            return False
        el = getattr(event, "ui_element", None)
        if event.type == pygame_gui.UI_BUTTON_PRESSED and el in self.buttons:
            self.choose(self.buttons[el])
        elif event.type == pygame_gui.UI_BUTTON_PRESSED and el is self.cancel_button:
            self.kill()
        elif event.type == pygame_gui.UI_WINDOW_CLOSE and el is self.window:
            self.done = True
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.kill()
        else:
            return event.type == pygame.KEYDOWN  # keys do not reach the screen behind while it is open
        return True

    def choose(self, key: str) -> None:
        """Answer with ``key`` (as its button would) and close."""
        self.chosen = key
        self.kill()

    def kill(self) -> None:
        """Close the window (idempotent); ``done`` becomes True."""
        self.done = True
        if self.window.alive():
            self.window.kill()
