"""Export a replay to a GIF, an MP4 or numbered PNGs, headless, with the replay viewer's own drawing.

``frame_steps`` picks the step of every frame: for the documented history (time advances every step) the step
at each ``hours_per_frame`` from the start; for a recorded game (time stands still within a turn) every
``actions_per_frame``-th action. ``export`` draws each with ``ReplayViewer.draw`` at ``size`` (controls
hidden: captions, clock, legend and the scrubber with its marks and night bands) and hands the frames to
``game.ui.export_writers``, which writes atomically (temp file, then rename).

Example::

    viewer = ReplayViewer(HistoryTimeline(setup), setup.grid, setup.unit_types, setup.sides, controls=False)
    export(viewer, frame_steps(viewer.timeline, hours_per_frame=2), Path("approach.mp4"), fps=12)
"""

from __future__ import annotations

import math
import time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pygame

from game.history.scene import Timeline
from game.ui.export_writers import FrameSink, PngSink, file_sink
from game.ui.replay_viewer import ReplayViewer

Progress = Callable[[int, int], None]


def frame_steps(timeline: Timeline, *, hours_per_frame: float | None = None, actions_per_frame: int | None = None,
                max_frames: int | None = None) -> list[int]:
    """The step shown in each frame, in order (the last step always ends the list).

    With ``hours_per_frame``: the last step at or before each frame time ``start + k * hours``; with
    ``actions_per_frame``: every n-th step. Example: a 10-hour history at 1 h per step and 2 h per frame gives
    steps 0, 2, 4, 6, 8, 10."""
    steps = timeline.steps
    if actions_per_frame is not None:
        out = list(range(0, steps, max(1, actions_per_frame)))
    else:
        hours = hours_per_frame or 2.0
        stamps = [timeline.time_at(k).timestamp() for k in range(steps)]
        n = math.floor((stamps[-1] - stamps[0]) / 3600.0 / hours + 1e-9) + 1
        out = [max(0, bisect_right(stamps, stamps[0] + k * hours * 3600.0 + 1e-6) - 1) for k in range(n)]
    if out[-1] != steps - 1:
        out.append(steps - 1)
    return out[:max_frames] if max_frames else out


def render_frame(viewer: ReplayViewer, step: int, surface: pygame.Surface) -> np.ndarray:
    """Draw ``step`` onto ``surface`` and return it as an RGB array ``[height, width, 3]``."""
    viewer.seek(step)
    viewer.draw(surface)
    w, h = surface.get_size()
    return np.frombuffer(pygame.image.tobytes(surface, "RGB"), dtype=np.uint8).reshape(h, w, 3)


def export(viewer: ReplayViewer, steps: Sequence[int], out: Path | None, *, fps: float,
           size: tuple[int, int] = (1280, 720), frames_dir: Path | None = None,
           progress: Progress | None = None) -> dict[str, float]:
    """Render ``steps`` into ``out`` (.gif or .mp4) and/or ``frames_dir`` (frame_00000.png ...); returns the
    figures: frames, seconds, bytes written, seconds per frame."""
    viewer.controls = False
    viewer.view.tile_budget_ms = None  # every tile of every frame, never a half-drawn map
    surface = pygame.Surface(size)
    sinks: list[FrameSink] = []
    t0 = time.perf_counter()
    try:
        if out is not None:
            sinks.append(file_sink(out, fps=fps, size=size))
        if frames_dir is not None:
            sinks.append(PngSink(frames_dir))
        for i, step in enumerate(steps):
            frame = render_frame(viewer, step, surface)
            for sink in sinks:
                sink.add(frame)
            if progress is not None:
                progress(i + 1, len(steps))
        written = sum(sink.finish() for sink in sinks)
    except BaseException:
        for sink in sinks:
            sink.abort()
        raise
    seconds = time.perf_counter() - t0
    return {"frames": len(steps), "seconds": seconds, "bytes": written, "per_frame": seconds / max(1, len(steps))}
