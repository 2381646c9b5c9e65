"""``python -m game``'s entry point: output into a pipe the reader closes early (``| head``) ends quietly."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys

from tests.conftest import SHUSHA_PATH

F_SETPIPE_SZ = 1031  # Linux: set a pipe's buffer size


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, F_SETPIPE_SZ, 4096)  # smaller than the output, so the writer meets the closed pipe
    proc = subprocess.Popen([sys.executable, "-m", "game", "info", str(SHUSHA_PATH), "--json"], stdout=write_end,
                            stderr=subprocess.PIPE, text=True)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as r:
        first = r.read(64)
    _, err = proc.communicate(timeout=60)
    assert first.startswith(b"{")
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert proc.returncode == 0
