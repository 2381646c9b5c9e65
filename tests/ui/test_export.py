"""``replay ... --export``: the approach to a GIF (frame count from the timeline and --hours-per-frame, read back
with imageio) and PNG frames that look right (start, night, climb, end), a short MP4 (H.264, yuv420p), a
record by actions, and clean refusals (a tampered record, a bad extension, an odd MP4 size) that write nothing."""

from __future__ import annotations

import math
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import imageio.v2 as iio2
import imageio.v3 as iio
import numpy as np
import pytest

from game.cli import main
from game.core.setup import GameSetup
from game.history.timeline import HistoryTimeline
from game.ui.export import frame_steps
from tests.sim.test_timeline import recorded, tamper

OUT = Path(__file__).resolve().parent / "out"


class Hours:
    """A stand-in timeline: ``n`` hourly steps from noon."""

    title = "t"

    def __init__(self, n: int) -> None:
        self.steps = n

    def time_at(self, step: int) -> datetime:
        return datetime(2020, 11, 1, 12) + timedelta(hours=step)


def test_frame_steps_follow_the_clock_or_the_actions() -> None:
    assert frame_steps(Hours(11), hours_per_frame=2) == [0, 2, 4, 6, 8, 10]
    assert frame_steps(Hours(12), hours_per_frame=2) == [0, 2, 4, 6, 8, 10, 11]  # the last step always ends it
    assert frame_steps(Hours(11), hours_per_frame=0.5) == [k // 2 for k in range(21)]  # time-true pace
    assert frame_steps(Hours(10), actions_per_frame=4) == [0, 4, 8, 9]
    assert frame_steps(Hours(10), actions_per_frame=4, max_frames=2) == [0, 4]


def test_the_approach_exports_to_a_gif_and_frames_that_look_right(shusha: GameSetup, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    gif, frames = tmp_path / "approach.gif", OUT / "export_frames"
    OUT.mkdir(parents=True, exist_ok=True)  # a fresh clone has no tests/ui/out (ignored by git)
    shutil.rmtree(frames, ignore_errors=True)
    assert main(["replay", "--history", "--export", str(gif), "--export-frames", str(frames),
                 "--hours-per-frame", "12"]) == 0
    tl = HistoryTimeline(shusha)
    span = (tl.time_at(tl.steps - 1) - tl.time_at(0)).total_seconds() / 3600
    expected = math.floor(span / 12) + 1 + (span % 12 != 0)
    read = iio.imread(gif, index=None)
    assert read.shape == (expected, 720, 1280, 3)
    out = capsys.readouterr().out
    assert f"{expected} frames at 1280x720" in out and "MB" in out
    pngs = sorted(frames.glob("frame_*.png"))
    assert len(pngs) == expected
    steps = frame_steps(tl, hours_per_frame=12)

    def at(when: datetime) -> np.ndarray:
        k = min(range(len(steps)), key=lambda i: abs(tl.time_at(steps[i]) - when))
        return iio.imread(pngs[k]).astype(float)

    start, end = iio.imread(pngs[0]).astype(float), iio.imread(pngs[-1]).astype(float)
    day, night = at(datetime(2020, 10, 31, 12)), at(datetime(2020, 11, 1, 0))
    climb = at(datetime(2020, 11, 6, 0))
    box = (slice(200, 600), slice(300, 900))  # the middle of the map, below the captions
    assert night[box].mean() < 0.8 * day[box].mean()  # night shading
    assert not np.array_equal(start, end) and not np.array_equal(day, climb)
    assert start[656:].std() > 10  # the scrubber (with its marks) is in the frame
    for name, img in (("start", start), ("night", night), ("climb", climb), ("end", end)):
        iio.imwrite(OUT / f"export_{name}.png", img.astype(np.uint8))
    assert not list(tmp_path.glob(".*"))  # no temp file left


def test_a_short_mp4_is_h264_yuv420p(tmp_path: Path) -> None:
    mp4 = tmp_path / "clip.mp4"
    assert main(["replay", "--history", "--export", str(mp4), "--hours-per-frame", "24", "--max-frames", "8",
                 "--size", "640x360", "--fps", "8"]) == 0
    reader = iio2.get_reader(mp4)
    meta = reader.get_meta_data()
    assert reader.count_frames() == 8 and meta["size"] == (640, 360) and meta["fps"] == 8
    assert meta["codec"] == "h264" and meta["pix_fmt"].startswith("yuv420p")
    reader.close()


def test_a_record_exports_one_frame_per_n_actions(tiny: GameSetup, tmp_path: Path) -> None:
    rec = recorded(tiny, tmp_path / "g.jsonl")
    gif = tmp_path / "g.gif"
    assert main(["replay", str(rec), "--export", str(gif), "--actions-per-frame", "5", "--size", "640x400"]) == 0
    from game.sim.record import read_record

    steps = len(read_record(rec).actions) + 1
    frames = iio.imread(gif, index=None)
    assert frames.shape[0] == math.ceil(steps / 5) + ((steps - 1) % 5 != 0) and frames.shape[1:] == (400, 640, 3)


def test_refusals_write_nothing(tiny: GameSetup, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rec = recorded(tiny, tmp_path / "g.jsonl")
    bad = tmp_path / "bad.jsonl"
    turn = tamper(rec, bad)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["replay", str(bad), "--export", str(tmp_path / "bad.gif"),
                 "--export-frames", str(tmp_path / "frames")]) == 2
    err = capsys.readouterr().err
    assert f"from turn {turn + 1} " in err and "Traceback" not in err
    assert main(["replay", "--history", "--export", str(tmp_path / "x.avi")]) == 2
    assert "unknown export format '.avi'" in capsys.readouterr().err
    assert main(["replay", "--history", "--export", str(tmp_path / "x.mp4"), "--size", "641x360"]) == 2
    assert "even width and height" in capsys.readouterr().err
    assert main(["replay", "--history", "--export", str(tmp_path / "nodir" / "x.gif")]) == 2
    assert main(["replay", str(tmp_path / "missing.jsonl"), "--export", str(tmp_path / "m.gif")]) == 2
    assert "missing.jsonl" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no file, no temp file
