"""Golden bad files: each tests/data/bad/X.yaml gives exactly the lines of X.expected."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from game.scenario.report import check_file

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
CASES = sorted(p.name for p in BAD.glob("*.yaml"))
REQUIRED = {
    "empty", "not_yaml", "alias_bomb", "python_tag", "unknown_key", "wrong_type", "missing_key", "duplicate_id",
    "impassable", "off_map", "heavy_armour", "dates_out_of_order", "unknown_zone", "oversize_grid",
    "text_nul", "text_controls", "text_bidi", "non_finite_ascii", "non_finite_geo",
}


def test_required_cases_present() -> None:
    names = {Path(c).stem for c in CASES}
    assert REQUIRED <= names
    assert all((BAD / f"{n}.expected").is_file() for n in names)


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    expected = (BAD / name).with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    got = [str(p) for p in check_file(name)]
    assert got == expected
    assert got, "a bad file must produce at least one problem"


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.yaml")
    assert [str(p) for p in check_file(path)] == [f"{path}: cannot read: No such file or directory"]


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    (problem,) = check_file(str(tmp_path))
    assert str(problem) == f"{tmp_path}: not a regular file (it is a folder)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "s.yaml"
    os.mkfifo(fifo)
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("reading a named pipe blocked"))
    signal.alarm(5)
    try:
        problems = [str(p) for p in check_file(str(fifo))]
    finally:
        signal.alarm(0)
    assert problems == [f"{fifo}: not a regular file (it is a named pipe)"]


def test_the_other_scripts_letters_pass(tmp_path: Path) -> None:
    text = (BAD.parent / "tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Town,", "name: Շուշի / Şuşa,").replace("title: Tiny test map", "title: Şuşa – Շուշի")
    path = tmp_path / "letters.yaml"
    path.write_text(text, encoding="utf-8")
    assert check_file(str(path)) == []
