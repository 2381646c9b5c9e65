"""Where exported replay frames go: an animated GIF, an H.264 MP4 or numbered PNGs, each written atomically.

Every sink writes to a hidden temporary file (or folder) beside its target and renames it into place only in
``finish``; ``abort`` removes it, so a failed or interrupted export leaves no partial file. ``file_sink``
picks ``.gif`` (Pillow's GIF writer, each frame quantised to its own 256-colour palette by the fast octree
method; imageio's pillow plugin would re-quantise every frame by median cut, 50x slower) or ``.mp4``
(imageio-ffmpeg: libx264, yuv420p, so width and height must be even); ``PngSink`` numbered PNGs in a
folder (``frame_00000.png`` ...). Example::

    sink = file_sink(Path("out.mp4"), fps=12, size=(1280, 720))
    sink.add(rgb)          # uint8 [height, width, 3]
    sink.finish()          # -> bytes written
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from game.safefile import temp_beside

EXTENSIONS = (".gif", ".mp4")
PNG_THREADS = 2  # PNG writers beside the drawing thread


class ExportError(Exception):
    """A user mistake in an export request (bad extension, odd MP4 size, unwritable place), one line."""


class FrameSink(Protocol):
    def add(self, frame: np.ndarray) -> None: ...

    def finish(self) -> int: ...

    def abort(self) -> None: ...


def check_target(path: Path, size: tuple[int, int]) -> None:
    """ExportError unless ``path`` is a .gif or .mp4 in an existing folder (and an MP4 has even sides)."""
    ext = path.suffix.lower()
    if ext not in EXTENSIONS:
        raise ExportError(f"{path}: unknown export format {ext or '(no extension)'!r}; use .gif or .mp4 "
                          f"(or --export-frames DIR for PNGs)")
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise ExportError(f"{path}: it is a folder")
    if ext == ".mp4" and (size[0] % 2 or size[1] % 2):
        raise ExportError(f"{path}: an MP4 (H.264, yuv420p) needs an even width and height, got {size[0]}x{size[1]}")


def _temp_beside(path: Path, suffix: str) -> Path:
    """A hidden temporary file beside ``path`` with a normal file's mode (umask; a replaced file's own)."""
    fd, tmp = temp_beside(path, suffix)
    os.close(fd)
    return Path(tmp)


def _commit(tmp: Path, path: Path) -> int:
    """fsync ``tmp`` and rename it onto ``path``; returns its size."""
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return path.stat().st_size


class GifSink:
    """An animated GIF, looping, ``1000 / fps`` ms per frame."""

    def __init__(self, path: Path, *, fps: float) -> None:
        self.path, self.fps = path, fps
        self.tmp = _temp_beside(path, ".gif")
        self.frames: list[Any] = []

    def add(self, frame: np.ndarray) -> None:
        from PIL import Image

        self.frames.append(Image.fromarray(frame).quantize(256, method=Image.Quantize.FASTOCTREE))

    def finish(self) -> int:
        first, *rest = self.frames
        first.save(self.tmp, format="GIF", save_all=True, append_images=rest, duration=round(1000 / self.fps),
                   loop=0, optimize=False)
        self.frames.clear()
        return _commit(self.tmp, self.path)

    def abort(self) -> None:
        self.frames.clear()
        self.tmp.unlink(missing_ok=True)


class Mp4Sink:
    """An H.264 MP4 (yuv420p) through imageio-ffmpeg, frames streamed to the encoder."""

    def __init__(self, path: Path, *, fps: float) -> None:
        import imageio.v2 as iio

        self.path = path
        self.tmp = _temp_beside(path, ".mp4")
        self.writer = iio.get_writer(self.tmp, format="FFMPEG", mode="I", fps=fps, codec="libx264",
                                     pixelformat="yuv420p", macro_block_size=2, ffmpeg_log_level="error",
                                     output_params=["-preset", "veryfast"])

    def add(self, frame: np.ndarray) -> None:
        self.writer.append_data(frame)

    def finish(self) -> int:
        self.writer.close()
        return _commit(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self.writer.close()
        except Exception:  # noqa: BLE001 - the encoder may already have failed; the temp file goes anyway
            pass
        self.tmp.unlink(missing_ok=True)


class PngSink:
    """Numbered PNGs in a folder (made beside it, then renamed into place, or moved into an existing one)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        if not folder.parent.is_dir():
            raise ExportError(f"{folder}: the folder {folder.parent} does not exist")
        if folder.exists() and not folder.is_dir():
            raise ExportError(f"{folder}: not a folder")
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o777 & ~umask)
        self.count = 0
        # PNG encoding (zlib) releases the GIL: two writer threads encode while the next frame is drawn
        self.pool = ThreadPoolExecutor(PNG_THREADS, thread_name_prefix="png")
        self.pending: deque[Future[None]] = deque()

    def add(self, frame: np.ndarray) -> None:
        """Queue ``frame`` for writing; the sink keeps the array until it is written (pass a fresh one, as
        ``game.ui.export`` does: each frame is a new buffer)."""
        while len(self.pending) >= 2 * PNG_THREADS:  # bound the frames held in memory
            self.pending.popleft().result()
        path = self.tmp / f"frame_{self.count:05d}.png"
        self.pending.append(self.pool.submit(_write_png, path, frame))
        self.count += 1

    def _drain(self) -> None:
        try:
            while self.pending:
                self.pending.popleft().result()
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def finish(self) -> int:
        self._drain()
        total = sum(p.stat().st_size for p in self.tmp.iterdir())
        if not self.folder.exists():
            os.replace(self.tmp, self.folder)
            return total
        for p in sorted(self.tmp.iterdir()):
            os.replace(p, self.folder / p.name)
        self.tmp.rmdir()
        return total

    def abort(self) -> None:
        try:
            self._drain()
        except Exception:  # noqa: BLE001 - aborting anyway: the folder goes
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)


def _write_png(path: Path, frame: np.ndarray) -> None:
    import imageio.v3 as iio

    iio.imwrite(path, frame, plugin="pillow", compress_level=1)


def file_sink(path: Path, *, fps: float, size: tuple[int, int]) -> FrameSink:
    """The sink for a .gif or .mp4 ``path`` (ExportError for anything else)."""
    check_target(path, size)
    return GifSink(path, fps=fps) if path.suffix.lower() == ".gif" else Mp4Sink(path, fps=fps)
