"""The batch runner: same seeds, same results.csv (any number of workers, any backend, any run); a game
that raises is a row with its error; Ctrl+C keeps what finished."""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from game.compare import worker
from game.compare.batch import derive_seeds, run_batch
from game.compare.report import RunInfo, csv_text, markdown_text, stats_of
from game.compare.row import GameRow
from game.scenario.load import load_scenario
from game.sim.run import run_game

PAIRS = [{"attacker": "assault"}, {"attacker": "shell", "defender": "gather"}]
ROOT = Path(__file__).resolve().parents[2]


def test_same_seeds_same_csv_with_one_or_two_workers_and_across_runs(tiny_plans: str) -> None:
    seeds = derive_seeds(3, 4)
    one = run_batch(tiny_plans, PAIRS, seeds, jobs=1)
    two = run_batch(tiny_plans, PAIRS, seeds, jobs=2)
    again = run_batch(tiny_plans, PAIRS, seeds, jobs=2)
    assert csv_text(one) == csv_text(two) == csv_text(again)
    assert [r.seed for r in one.rows] == seeds * 2
    assert [r.plans for r in one.rows] == [{"attacker": "assault", "defender": "stand"}] * 4 + [
        {"attacker": "shell", "defender": "gather"}] * 4
    assert all((a == b).all() for a, b in zip(one.visits, two.visits, strict=True))


def test_a_row_is_the_game_simulate_plays(tiny_plans: str) -> None:
    """The digest in the row is the digest of ``run_game`` (the watcher only reads the game)."""
    seed = derive_seeds(3, 1)[0]
    row = run_batch(tiny_plans, PAIRS[1:], [seed]).rows[0]
    eng = run_game(load_scenario(tiny_plans), seed, PAIRS[1])
    assert row.digest == eng.state.digest() and row.turns == eng.state.turn + 1
    assert row.lifts == "attacker: no-fire zones lifted"


def test_the_dask_backend_gives_the_same_csv(tiny_plans: str) -> None:
    distributed = pytest.importorskip("dask.distributed")
    seeds = derive_seeds(5, 3)
    local = run_batch(tiny_plans, PAIRS, seeds, jobs=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        remote = run_batch(tiny_plans, PAIRS, seeds, backend="dask", scheduler=cluster.scheduler_address)
    assert csv_text(remote) == csv_text(local)
    assert not remote.interrupted


def test_a_game_that_raises_is_a_row_with_its_error(tiny_plans: str, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = derive_seeds(1, 3)
    play = worker._play

    def flaky(task: worker.GameTask, t0: float) -> worker.GameResult:
        if task.seed == seeds[1] and task.plans["attacker"] == "assault":
            raise RuntimeError("boom")
        return play(task, t0)

    monkeypatch.setattr(worker, "_play", flaky)
    result = run_batch(tiny_plans, PAIRS, seeds, jobs=1)
    assert len(result.rows) == 6 and not result.interrupted
    bad = [r for r in result.rows if not r.ok]
    assert [(r.seed, r.error) for r in bad] == [(seeds[1], "RuntimeError: boom")]
    line = next(x for x in csv_text(result).splitlines() if str(seeds[1]) in x and x.startswith("assault"))
    assert line.endswith(",RuntimeError: boom") and ",,," in line
    stats = stats_of(result)
    assert (stats[0].games, stats[0].errors) == (2, 1) and (stats[1].games, stats[1].errors) == (3, 0)


def test_ctrl_c_keeps_the_finished_games_and_marks_the_report_incomplete(tiny_plans: str) -> None:
    seen: list[GameRow] = []

    def interrupt_after_two(row: GameRow) -> None:
        seen.append(row)
        if len(seen) == 2:
            raise KeyboardInterrupt

    result = run_batch(tiny_plans, PAIRS, derive_seeds(1, 4), jobs=1, on_game=interrupt_after_two)
    assert result.interrupted and len(result.rows) == 2
    md = markdown_text(result, stats_of(result), RunInfo("python -m game compare ...", tiny_plans, 1), [], False)
    assert "**INCOMPLETE: interrupted after 2 of 8 games" in md


def test_ctrl_c_stops_the_worker_processes(tiny_plans: str) -> None:
    def interrupt(row: GameRow) -> None:
        raise KeyboardInterrupt

    result = run_batch(tiny_plans, PAIRS, derive_seeds(1, 20), jobs=2, on_game=interrupt)
    assert result.interrupted and 1 <= len(result.rows) < 40
    assert multiprocessing.active_children() == []


def default_sigint() -> None:
    """In the child: Ctrl+C as in a terminal (a shell starts background jobs with SIGINT ignored, and a test run
    in one would pass that on)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX signals")
def test_ctrl_c_on_the_command_line_writes_an_incomplete_report(tiny_plans: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "game", "compare", tiny_plans, "--runs", "20000", "--jobs", "2",
                             "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=default_sigint)
    seen: list[str] = []
    reader = threading.Thread(target=lambda: seen.extend(iter(lambda: proc.stderr.read(1), "")), daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while not re.search(r"\| *[1-9]\d*/\d+ ", "".join(seen)) and time.monotonic() < deadline:
        time.sleep(0.1)  # until the progress bar shows finished games (the whole batch would take minutes)
    proc.send_signal(signal.SIGINT)
    stdout = proc.stdout.read()
    proc.wait(timeout=60)
    reader.join(timeout=10)
    stderr = "".join(seen)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stdout.startswith("INCOMPLETE: interrupted after")
    assert "**INCOMPLETE: interrupted after" in (out / "report.md").read_text()
    assert (out / "results.csv").read_text().count("\n") < 4001
