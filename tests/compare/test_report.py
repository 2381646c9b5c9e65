"""``python -m game compare`` on the Shusha scenario: the report's numbers recomputed from results.csv, the
files, the plots, the records, and the same results.csv with one worker as with two."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread
from scipy.stats import binomtest

from game.cli import main
from game.compare.stats import GRADES, share
from game.compare.tables import pct
from game.core.setup import GameSetup
from game.sim.calibration import in_window
from game.sim.record import read_record
from tests.conftest import SHUSHA_PATH

ROOT = Path(__file__).resolve().parents[2]
ARGS = ["compare", str(SHUSHA_PATH), "--plans", "historical,bombard", "--runs", "3", "--seed", "1", "--no-progress"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One batch of 2 plans x 3 games on two workers, with records."""
    path = tmp_path_factory.mktemp("compare") / "out"
    assert main([*ARGS, "--jobs", "2", "--out", str(path), "--records"]) == 0
    return path


def rows(out: Path) -> list[dict[str, str]]:
    with (out / "results.csv").open(newline="") as f:
        return list(csv.DictReader(f))


def test_results_csv_is_the_same_with_one_worker(out: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main([*ARGS, "--jobs", "1", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "results.csv").read_bytes() == (out / "results.csv").read_bytes()
    assert "wall" not in (out / "results.csv").read_text().splitlines()[0]


def test_the_report_numbers_come_from_results_csv(out: Path, shusha: GameSetup) -> None:
    table, doc = rows(out), json.loads((out / "results.json").read_text())
    report = (out / "report.md").read_text()
    assert doc["complete"] and len(table) == 6 and len(doc["rows"]) == 6
    windows = {m.id: m for m in shusha.milestones}
    for stats in doc["stats"]:
        plan = stats["pair"]["attacker"]
        games = [r for r in table if r["plan"] == plan and not r["error"]]
        n = len(games)
        assert stats["games"] == n == 3
        cells = []
        for g in GRADES:
            k = sum(r["grade"] == g for r in games)
            ci = binomtest(k, n).proportion_ci(method="wilson") if n else None
            got = stats["grades"][g]
            assert (got["k"], got["n"]) == (k, n)
            assert got["low"] == pytest.approx(ci.low) and got["high"] == pytest.approx(ci.high)
            cells.append(pct(share(k, n)))
        label = plan + (" (CF)" if plan == "bombard" else "")
        assert f"| {label} | {n} | {' | '.join(cells)} | 0 |" in report
        hours = [float(r["capture_hours"]) for r in games if r["capture_hours"]]
        if hours:
            assert stats["capture"]["median"] == pytest.approx(float(np.median(hours)))
        assert stats["never"]["k"] == n - len(hours)
        for mid, m in windows.items():
            spans = [(datetime.fromisoformat(r[f"{mid}_start"]), datetime.fromisoformat(r[f"{mid}_end"]))
                     if r[f"{mid}_start"] else None for r in games]
            assert stats["windows"][mid]["k"] == sum(in_window(s, m) for s in spans)
        for side in ("attacker", "defender"):
            mean = np.mean([int(r[f"loss_{side}_killed"]) for r in games])
            assert stats["losses"][side]["killed"] == pytest.approx(mean)
            assert stats["exposure"][side] == pytest.approx(np.mean([int(r[f"exposure_{side}"]) for r in games]))


def test_the_report_has_provenance_counterfactual_marks_and_how_to_rerun(out: Path, shusha: GameSetup) -> None:
    report = (out / "report.md").read_text()
    first = rows(out)[0]
    assert shusha.sha256 in report and "game version 0.1.0" in report
    assert f"Command: python -m game compare {SHUSHA_PATH} --runs 3 --seed 1 --plans historical,bombard" in report
    assert "COUNTERFACTUAL: lifts no_fire_zones" in report and "INCOMPLETE" not in report
    assert (f"python -m game simulate {SHUSHA_PATH} --seed {first['seed']} --plan attacker=historical "
            "--plan defender=doctrine") in report
    assert all(r["lifts"] == ("attacker: no-fire zones lifted" if r["plan"] == "bombard" else "") for r in rows(out))


def test_every_game_has_its_record_with_the_rows_digest(out: Path) -> None:
    table = rows(out)
    records = sorted((out / "records").glob("*.jsonl"))
    assert len(records) == 6
    r = table[0]
    rec = read_record(out / "records" / f"{r['plan']}-{r['defender_plan']}-{r['seed']}.jsonl")
    assert rec.end["digest"] == r["digest"] and rec.header["seed"] == int(r["seed"])


@pytest.mark.parametrize("name", ["outcomes.png", "milestones.png", "losses.png", "heatmap.png"])
def test_the_plots_are_drawn(out: Path, name: str) -> None:
    path = out / name
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000
    pixels = imread(path)
    assert pixels.shape[0] > 300 and pixels.shape[1] > 500 and pixels.std() > 0.05
    assert f"]({name})" in (out / "report.md").read_text()


def test_the_batch_half_never_imports_pygame() -> None:
    code = ("import sys, game.compare.batch_cmd, game.compare.plots, game.compare.report; "
            "assert 'pygame' not in sys.modules, 'pygame imported'")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True).returncode == 0
