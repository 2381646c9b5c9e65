"""Files the game writes atomically (records, saves, reports, exports) get a normal file's permissions: a
new file ``0666 & ~umask`` like one written with ``open``, a replaced file keeps its mode - never the 0600 of
``tempfile.mkstemp``, which made a record unreadable to another user (or a web server) when exports were not."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from game.safefile import current_umask, new_file_mode, temp_beside
from game.sim.record import atomic_write_text
from game.ui.export_writers import GifSink

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


@pytest.fixture
def umask() -> Iterator[int]:
    """Run under umask 022 (restored afterwards)."""
    old = os.umask(0o022)
    yield 0o022
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_umask_is_read_without_changing_it(umask: int) -> None:
    assert current_umask() == umask
    os.umask(0o027)
    assert current_umask() == 0o027
    assert os.umask(0o022) == 0o027  # still what was set


def test_a_new_record_is_readable_like_a_file_written_with_open(tmp_path: Path, umask: int) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    atomic_write_text(tmp_path / "game.jsonl", "{}\n")
    assert mode(tmp_path / "game.jsonl") == mode(plain) == 0o644
    os.umask(0o077)  # a private umask is honoured too
    atomic_write_text(tmp_path / "private.jsonl", "{}\n")
    assert mode(tmp_path / "private.jsonl") == 0o600


def test_replacing_a_file_keeps_its_mode(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "save.jsonl"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    atomic_write_text(target, "new\n")
    assert target.read_text() == "new\n" and mode(target) == 0o640
    os.chmod(target, 0o604)
    assert new_file_mode(target) == 0o604


def test_the_temp_file_already_has_the_final_mode_and_leaves_nothing_behind(tmp_path: Path, umask: int) -> None:
    fd, tmp = temp_beside(tmp_path / "report.md", ".md")
    os.close(fd)
    assert Path(tmp).name.startswith(".report.md.") and tmp.endswith(".md")
    assert mode(Path(tmp)) == 0o644
    with pytest.raises(FileNotFoundError):
        temp_beside(tmp_path / "missing" / "x.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == [Path(tmp).name]


def test_a_gif_export_gets_the_same_mode_as_a_record(tmp_path: Path, umask: int) -> None:
    sink = GifSink(tmp_path / "a.gif", fps=4)
    sink.add(np.zeros((8, 8, 3), np.uint8))
    sink.finish()
    atomic_write_text(tmp_path / "a.jsonl", "{}\n")
    assert mode(tmp_path / "a.gif") == mode(tmp_path / "a.jsonl") == 0o644
