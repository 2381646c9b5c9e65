"""Read a user's file safely, and give the temp file of an atomic write the permissions of a normal file.

A named pipe (FIFO), a device or a folder given where a file is expected would make a plain
``open().read()`` wait forever or fail obscurely; ``read_regular`` refuses them by their ``stat`` first
and opens with ``O_NONBLOCK`` so that even a file swapped for a pipe in between cannot hang. Example::

    raw = read_regular("s.yaml", max_bytes=8 << 20)   # bytes, or FileReadError("not a regular file (...)")

An atomic write (``game.sim.record.atomic_write_text``, the replay exports) writes a temp file beside the
target and renames it over the target. ``tempfile.mkstemp`` creates that temp file 0600, which the rename
would carry to the result; ``temp_beside`` sets the mode a plain ``open(path, "w")`` would give instead:
``0666 & ~umask`` for a new file (0644 under the usual umask 022), the old file's mode when one is replaced.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class FileReadError(Exception):
    """Why a file could not be read, as a phrase for ``f"{file}: {reason}"`` (e.g. ``not a regular file``)."""


def _kind(mode: int) -> str:
    """What a non-regular file is, in a player's words."""
    if stat.S_ISDIR(mode):
        return "it is a folder"
    if stat.S_ISFIFO(mode):
        return "it is a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "it is a device"
    if stat.S_ISSOCK(mode):
        return "it is a socket"
    return "it is a special file"


def check_regular(mode: int) -> None:
    """Raise FileReadError unless ``mode`` (an ``st_mode``) is a regular file's."""
    if not stat.S_ISREG(mode):
        raise FileReadError(f"not a regular file ({_kind(mode)})")


def read_regular(path: str | os.PathLike[str], *, max_bytes: int) -> bytes:
    """Return the bytes of a regular file of at most ``max_bytes``; raises FileReadError otherwise."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise FileReadError(f"cannot read: {e.strerror or e}") from None
    check_regular(st.st_mode)
    if st.st_size > max_bytes:
        raise FileReadError(f"file is too large ({st.st_size:,} bytes; the limit is {max_bytes:,})")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise FileReadError(f"cannot read: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "rb") as f:
            check_regular(os.fstat(f.fileno()).st_mode)  # swapped for a pipe since the stat above
            raw = f.read(max_bytes + 1)
    except OSError as e:
        raise FileReadError(f"cannot read: {e.strerror or e}") from None
    if len(raw) > max_bytes:
        raise FileReadError(f"file is too large (over {max_bytes:,} bytes)")
    return raw


def current_umask() -> int:
    """The process's umask, read without changing it where Linux reports it (``/proc/self/status``), else by
    setting and restoring it."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode(path: str | os.PathLike[str]) -> int:
    """Permission bits for a file written at ``path``: those of the regular file there now (replacing a file
    keeps its mode), else ``0o666 & ~umask`` as for any new file. Example: ``0o644`` under umask 022."""
    try:
        st = os.stat(path)
    except OSError:
        return 0o666 & ~current_umask()
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else 0o666 & ~current_umask()


def temp_beside(path: str | os.PathLike[str], suffix: str = "") -> tuple[int, str]:
    """``(fd, name)`` of a new hidden temp file ``.NAME.XXXXXXXX<suffix>`` in ``path``'s folder, with the
    mode ``path`` should end up with (``new_file_mode``), for a write that is then renamed onto ``path``."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    try:
        os.chmod(tmp, new_file_mode(target))
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    return fd, tmp
