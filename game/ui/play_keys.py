"""The play screen's mouse actions and keys, listed once: the in-game help (F1) and the README's table are
both made from :data:`PLAY_KEYS`, and a test checks the README against it.

Example::

    help_lines()[1]   # '<b>Left click your unit</b>: select it (its reach is tinted); again: ...'
    markdown_table()  # '| mouse or key | what it does |\\n|---|---|\\n| Left click your unit | ...'

``python -m game.ui.play_keys`` prints the README table.
"""

from __future__ import annotations

import html

MOUSE = "Mouse"
KEYS = "Keys"
PLAY_KEYS: tuple[tuple[str, str, str], ...] = (  # (section, keys, what they do)
    (MOUSE, "Left click your unit", "select it (its reach this turn is tinted); again: the next unit in the stack"),
    (MOUSE, "Left click a cell", "move the selected units there (as far as this turn allows; beyond it, a standing order)"),
    (MOUSE, "Ctrl + left click a cell with your own units", "move the selected unit there (stack)"),
    (MOUSE, "Left click a spotted enemy", "assault if adjacent, else fire; Shift + left click: fire instead"),
    (MOUSE, "Left click across a cliff edge (adjacent cell)", "climb (only groups trained for it)"),
    (MOUSE, "Shift + click your unit; Shift + drag",
     "add it to / take it out of the selection; select your units in the box"),
    (MOUSE, "Alt + click", "the fastest way (else paths keep clear of known enemies)"),
    (MOUSE, "Drag, arrow keys or the window edge; wheel or + / -", "pan; zoom"),
    (MOUSE, "Right click; click the minimap", "deselect; recentre the map there"),
    (KEYS, "E or Enter", "end the turn; with units idle it warns first, and E again ends the turn"),
    (KEYS, "D, H, R", "dig in, hold (every turn), rally the selected unit"),
    (KEYS, "U or Ctrl+Z", "undo the last move if it revealed nothing"),
    (KEYS, "Tab or N; B", "next unit with time left; the next move by night"),
    (KEYS, "C or Delete; W", "cancel the selection's standing orders; idle-units warning on/off"),
    (KEYS, "Space", "skip the enemy's moves"),
    (KEYS, "O; L; K", "objectives and score; line of sight of the selected unit; map legend"),
    (KEYS, "G", "documented history on/off (routes and positions up to the game's date)"),
    (KEYS, "M; T; Alt", "move or hide the minimap; tooltip on/off; tooltip details while held"),
    (KEYS, "F10", "fog of war on/off (computer against computer only)"),
    (KEYS, "Ctrl+S; Ctrl+L; F1 or ?", "save; load; this help"),
    (KEYS, "Esc", "close the open help, summary, legend or objectives (the newest first); else deselect"),
)


def help_lines() -> list[str]:
    """The help window's lines (pygame_gui HTML): a bold heading per section, then ``keys: what`` lines."""
    out: list[str] = []
    section = None
    for sec, keys, what in PLAY_KEYS:
        if sec != section:
            if section is not None:
                out.append("")
            out.append(f"<b>{sec}</b>")
            section = sec
        out.append(f"<b>{html.escape(keys)}</b>: {html.escape(what)}")
    return out


def markdown_table() -> str:
    """The README's table of the same entries."""
    rows = ["| mouse or key | what it does |", "|---|---|"]
    rows += [f"| {keys} | {what} |" for _, keys, what in PLAY_KEYS]
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown_table())
