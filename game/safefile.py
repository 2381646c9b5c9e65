"""Read a user's file safely: regular files only, with a size cap, never blocking.

A named pipe (FIFO), a device or a folder given where a file is expected would make a plain
``open().read()`` wait forever or fail obscurely; ``read_regular`` refuses them by their ``stat`` first
and opens with ``O_NONBLOCK`` so that even a file swapped for a pipe in between cannot hang. Example::

    raw = read_regular("s.yaml", max_bytes=8 << 20)   # bytes, or FileReadError("not a regular file (...)")
"""

from __future__ import annotations

import os
import stat


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
