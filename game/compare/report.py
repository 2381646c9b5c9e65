"""The batch's outputs: the printed tables, ``results.csv`` (one row per game, stable columns),
``results.json`` (rows with wall time, per-pair numbers, provenance) and ``report.md`` (tables, plots,
provenance and how to re-run any row).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game import __version__
from game.compare.batch import BatchResult
from game.compare.row import GameRow, record_name
from game.compare.stats import PairStats, pair_stats
from game.compare.tables import CF_NOTE, all_tables, as_markdown, as_text
from game.native import speed_note
from game.sim.record import atomic_write_text

SEED_RULE = "numpy.random.SeedSequence(S).generate_state(N, uint64) & (2**63 - 1)"


@dataclass(frozen=True)
class RunInfo:
    """How the batch was asked for: the command line, the scenario as given, the base seed."""

    command: str
    scenario: str
    base_seed: int | None = None
    out: str = "DIR"  # the output folder as given


def stats_of(result: BatchResult) -> list[PairStats]:
    return [pair_stats(result.setup, pair, result.rows_of(pair)) for pair in result.pairs]


def incomplete_line(result: BatchResult) -> str:
    """The INCOMPLETE mark of an interrupted batch ("" when complete)."""
    if not result.interrupted:
        return ""
    total = len(result.pairs) * len(result.seeds)
    return (f"INCOMPLETE: interrupted after {len(result.rows)} of {total} games; "
            "the numbers cover the finished games only")


def header_lines(result: BatchResult, info: RunInfo) -> list[str]:
    setup = result.setup
    seeds = f"derived from {info.base_seed} ({SEED_RULE})" if info.base_seed is not None else "given"
    lines = [f"{setup.title}: {len(result.pairs)} plan pair(s) x {len(result.seeds)} games, seeds {seeds}",
             f"Scenario {info.scenario} ({setup.scenario_id}), sha256 {setup.sha256}; game version {__version__}",
             f"Command: {info.command}"]
    mark = incomplete_line(result)
    return [mark, *lines] if mark else lines


def print_report(result: BatchResult, stats: list[PairStats], info: RunInfo) -> None:
    print("\n".join(header_lines(result, info)))
    for t in all_tables(result, stats):
        print()
        print(as_text(t))
    print()
    print(CF_NOTE)
    print(f"Batch wall time {result.wall_s:.1f} s ({speed_note()})")


def csv_text(result: BatchResult) -> str:
    """``results.csv``: a header, then one row per finished game in (pair, seed) order; no wall time."""
    cols = result.columns
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols.header())
    for row in result.rows:
        w.writerow(cols.cells(row))
    return buf.getvalue()


def _finite(x: Any) -> Any:
    """JSON-ready: NaN -> None, recursively."""
    if isinstance(x, float) and math.isnan(x):
        return None
    if isinstance(x, dict):
        return {k: _finite(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_finite(v) for v in x]
    return x


def json_text(result: BatchResult, stats: list[PairStats], info: RunInfo) -> str:
    setup = result.setup
    doc = {"complete": not result.interrupted, "incomplete": incomplete_line(result), "command": info.command,
           "scenario": {"path": info.scenario, "id": setup.scenario_id, "title": setup.title,
                        "sha256": setup.sha256},
           "game_version": __version__, "base_seed": info.base_seed, "seed_rule": SEED_RULE,
           "seeds": result.seeds, "pairs": result.pairs, "wall_s": round(result.wall_s, 3),
           "columns": result.columns.header(), "stats": [dataclasses.asdict(s) for s in stats],
           "rows": [r.to_json() for r in result.rows]}
    return json.dumps(_finite(doc), indent=1, allow_nan=False) + "\n"


def rerun_command(scenario: str, row: GameRow) -> str:
    """The ``simulate`` command that plays this row's game again, exactly."""
    plans = [a for side, pid in row.plans.items() for a in ("--plan", f"{side}={pid}")]
    return shlex.join(["python", "-m", "game", "simulate", scenario, "--seed", str(row.seed), *plans])


def markdown_text(result: BatchResult, stats: list[PairStats], info: RunInfo, plots: list[tuple[str, str]],
                  records: bool) -> str:
    mark = incomplete_line(result)
    out = [f"# Compare outcomes: {result.setup.title}", ""]
    if mark:
        out += [f"**{mark}.**", ""]
    out += [f"- {line}" for line in header_lines(result, info) if line != mark]
    out += [f"- Batch wall time {result.wall_s:.1f} s (wall time is in results.json, not in results.csv)", "",
            CF_NOTE, ""]
    for t in all_tables(result, stats):
        out += [as_markdown(t), ""]
    out += ["## Plots", ""] + [f"![{title}]({name})\n" for title, name in plots]
    out += ["## Re-run a row", "", "Every row of results.csv is one game; this plays it again exactly (same digest):",
            "", "```", rerun_command(info.scenario, result.rows[0]) if result.rows else
            "python -m game simulate SCENARIO --seed N --plan attacker=X --plan defender=Y", "```", "",
            "with the row's `seed`, `plan` (attacker) and `defender_plan`."]
    if records and result.rows:
        name = record_name(result.rows[0], result.columns)
        records_dir = shlex.quote(f"{info.out.rstrip('/')}/records")
        out += ["", f"Every game's record is in `{records_dir}/<plan>-<defender plan>-<seed>.jsonl`; replay one "
                f"and check every turn's digest with `python -m game replay {records_dir}/{name} --verify`."]
    return "\n".join(out) + "\n"


def write_outputs(out_dir: Path, result: BatchResult, stats: list[PairStats], info: RunInfo,
                  plots: list[tuple[str, str]], *, records: bool) -> None:
    """Write results.csv, results.json and report.md into ``out_dir`` (each atomically)."""
    atomic_write_text(out_dir / "results.csv", csv_text(result))
    atomic_write_text(out_dir / "results.json", json_text(result, stats, info))
    atomic_write_text(out_dir / "report.md", markdown_text(result, stats, info, plots, records))
