"""Text and numbers a terminal or a font could trip on are refused by the schema; info --json stays JSON."""

from __future__ import annotations

import io
import json
import math
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from game.scenario import info
from game.scenario.schema import Id, ShortText, Text
from game.scenario.textcheck import plain_line, plain_text

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.yaml"


@pytest.mark.parametrize("ch", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\u200e", "\u200f", "\u202a",
                                "\u202e", "\u2066", "\u2069", "\u061c"])
def test_control_and_bidi_characters_are_refused_everywhere(ch: str) -> None:
    for check in (plain_line, plain_text):
        with pytest.raises(ValueError, match=f"U\\+{ord(ch):04X}( \\(\\w+\\))? is not allowed in text"):
            check(f"Shushi{ch}")
    for alias in (Text, ShortText, Id):
        with pytest.raises(ValidationError):
            TypeAdapter(alias).validate_python(f"shushi{ch}")


def test_letters_of_every_script_and_long_text_layout_pass() -> None:
    for name in ("Şuşa", "Շուշի", "Шуша", "Xankəndi", "Lisagor – Lysogorsk"):
        assert plain_line(name) == name
    assert plain_text("line one\n\tline two") == "line one\n\tline two"
    with pytest.raises(ValueError, match=r"U\+000A \(a line break\) is not allowed in one line of text"):
        plain_line("two\nlines")


def test_info_json_never_prints_nan(monkeypatch: pytest.MonkeyPatch) -> None:
    real = info.describe
    monkeypatch.setattr(info, "describe", lambda setup: {**real(setup), "oops": math.nan})
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert info.info_main(str(TINY), as_json=True) == 2
    assert out.getvalue() == ""
    assert err.getvalue().startswith(f"{TINY}: cannot describe the scenario as JSON: ")
    monkeypatch.setattr(info, "describe", real)
    out = io.StringIO()
    with redirect_stdout(out):
        assert info.info_main(str(TINY), as_json=True) == 0
    json.loads(out.getvalue(), parse_constant=lambda name: pytest.fail(name))
