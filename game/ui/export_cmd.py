"""``python -m game replay --history [SCENARIO] --export FILE`` and ``replay RECORD --export FILE``: render a
replay headless to a GIF or MP4 (and/or ``--export-frames DIR``).

The command sets ``SDL_VIDEODRIVER=dummy`` itself. A record is walked and checked whole before the first
frame: one that does not match this version of the game or scenario exits 2 with the message and writes no
file; so do a bad scenario, record, size or extension. Progress goes to stderr, the result (frames, seconds,
size) to stdout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DEFAULT_SIZE = (1280, 720)


def parse_size(text: str) -> tuple[int, int]:
    """``WxH`` -> (W, H); ValueError with a message for anything else (sides 64..4096 px)."""
    w, x, h = text.lower().partition("x")
    if not x or not w.isdigit() or not h.isdigit():
        raise ValueError(f"expected WIDTHxHEIGHT, e.g. 1280x720, got {text!r}")
    size = int(w), int(h)
    if not all(64 <= v <= 4096 for v in size):
        raise ValueError(f"width and height must be 64 to 4096 px, got {text!r}")
    return size


def _fail(message: object) -> int:
    print(message, file=sys.stderr)
    return 2


def _progress(done: int, total: int) -> None:
    if done == total or done % max(1, total // 20) == 0:
        print(f"\rrendering frame {done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)


def export_main(*, history: str | None, record: str | None, scenario: str | None, out: str | None,
                frames_dir: str | None, size: tuple[int, int] = DEFAULT_SIZE, fps: float = 12.0,
                hours_per_frame: float | None = None, actions_per_frame: int | None = None,
                max_frames: int | None = None) -> int:
    """CLI entry (see the module docstring); returns the exit code."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.ui.export_writers import ExportError, check_target

    if fps <= 0 or fps > 120:
        return _fail(f"--fps must be above 0 and at most 120, got {fps}")
    if (hours_per_frame is not None and hours_per_frame <= 0) or (actions_per_frame is not None
                                                                  and actions_per_frame < 1):
        return _fail("--hours-per-frame must be above 0 and --actions-per-frame at least 1")
    if max_frames is not None and max_frames < 1:
        return _fail(f"--max-frames must be at least 1, got {max_frames}")
    try:
        if out is not None:
            check_target(Path(out), size)
    except ExportError as e:
        return _fail(e)
    loaded = _load(history, record, scenario)
    if isinstance(loaded, str):
        return _fail(loaded)
    timeline, setup, extras = loaded
    import pygame

    from game.ui.export import export, frame_steps
    from game.ui.replay_viewer import ReplayViewer

    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1, 1))  # a (dummy) display, so map tiles can be converted to its format
    viewer = ReplayViewer(timeline, setup.grid, setup.unit_types, setup.sides, side_names=setup.side_names,
                          controls=False, daylight=setup.daylight, extras=extras, follow=False)
    by_actions = record is not None and hours_per_frame is None
    steps = frame_steps(timeline, hours_per_frame=None if by_actions else (hours_per_frame or 2.0),
                        actions_per_frame=(actions_per_frame or 1) if by_actions else None, max_frames=max_frames)
    try:
        figures = export(viewer, steps, Path(out) if out else None, fps=fps, size=size,
                         frames_dir=Path(frames_dir) if frames_dir else None, progress=_progress)
    except (ExportError, OSError) as e:
        return _fail(f"export failed, nothing written: {e}")
    finally:
        pygame.quit()
    where = ", ".join(str(p) for p in (out, frames_dir) if p)
    print(f"{where}: {figures['frames']:.0f} frames at {size[0]}x{size[1]}, {fps:g} fps "
          f"({figures['frames'] / fps:.1f} s of video); rendered and written in {figures['seconds']:.1f} s "
          f"({figures['per_frame'] * 1000:.0f} ms per frame); {figures['bytes'] / 1e6:.2f} MB")
    return 0


def _load(history: str | None, record: str | None, scenario: str | None) -> tuple | str:
    """(timeline, setup, extras) of the replay to export, or the one-line message why it cannot be."""
    if history is not None:
        from game.history.timeline import HistoryTimeline
        from game.scenario.errors import ScenarioError
        from game.scenario.load import load_scenario

        try:
            setup = load_scenario(history)
            return HistoryTimeline(setup), setup, None
        except ScenarioError as e:
            return str(e)
        except ValueError as e:
            return f"{history}: {e}"
    assert record is not None
    from game.sim.record import RecordError
    from game.ui.replay_panels import RecordExtras
    from game.ui.replay_record import open_checked, turn_events

    try:
        rec = open_checked(record, scenario)
    except RecordError as e:
        return str(e)
    if rec.divergence is not None:
        return str(rec.divergence)  # checked whole before the first frame: no file for a diverging record
    extras = RecordExtras(events=turn_events(rec), can_continue=False)
    return rec, rec.setup, extras
