"""Refuse invisible characters in scenario text: control characters and bidirectional controls.

A NUL crashes font rendering, an ESC lets a file colour or move the terminal's cursor when its title is
printed, and a bidi override makes text read differently from what it holds. Letters of any script
(Armenian Շուշի, Azerbaijani Şuşa) pass. Example::

    plain_line("Şuşa")            # -> "Şuşa"
    plain_line("a\\x1b[31m")       # ValueError: control character U+001B is not allowed in text (...)
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls; plus the bidi marks, embeddings, overrides and isolates.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BAD_LINE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}]")
_BAD_TEXT = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}]")  # newline (0a) and tab (09) pass
_NAMES = {"\x00": "NUL", "\t": "a tab", "\n": "a line break", "\r": "a carriage return", "\x1b": "ESC"}


def _check(value: str, bad: re.Pattern[str]) -> str:
    m = bad.search(value)
    if m is None:
        return value
    ch = m.group()
    kind = "control character" if ch <= "\x9f" else "bidirectional control character"
    name = f" ({_NAMES[ch]})" if ch in _NAMES else ""
    where = "one line of text" if bad is _BAD_LINE and ch in "\t\n" else "text"
    raise ValueError(f"{kind} U+{ord(ch):04X}{name} is not allowed in {where} (character {m.start() + 1})")


def plain_line(value: str) -> str:
    """Return ``value`` if it holds no control or bidi character (not even a newline or a tab)."""
    return _check(value, _BAD_LINE)


def plain_text(value: str) -> str:
    """Return ``value`` if it holds no control or bidi character other than newline and tab."""
    return _check(value, _BAD_TEXT)
