"""``python -m game compare SCENARIO``: every chosen plan pair over the same seeded games; tables, files, plots.

Exit 0 when done, 2 with one line on stderr for bad input (plans, sides, numbers, scenario, output
folder, backend), 130 after Ctrl+C (what finished is printed and written, marked INCOMPLETE).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import tempfile
from pathlib import Path

from game.compare.batch import BackendError, derive_seeds, resolve_pairs, run_batch
from game.compare.report import RunInfo, print_report, stats_of, write_outputs
from game.compare.worker import load_once
from game.core.plans import plans_of
from game.core.setup import GameSetup


class UsageError(Exception):
    """Bad input: the message is the one line printed on stderr."""


def parse_pairs(text: str | None, setup: GameSetup, defender_plan: str | None = None) -> list[dict[str, str]]:
    """``--plans``: ``ID,ID`` are attacker plans (a pair each); ``SIDE=ID`` items build one pair until a side
    repeats. Default: every attacker plan. ``defender_plan`` goes to the pairs that do not name the defender.

    Example: ``road,attacker=dash,defender=mobile_reserve`` -> ``[{attacker: road}, {attacker: dash,
    defender: mobile_reserve}]``. Sides are side ids or roles.
    """
    attacker, defender = setup.side_with_role("attacker"), setup.side_with_role("defender")
    if text is None:
        pairs: list[dict[str, str]] = [{attacker: p.id} for p in plans_of(setup, attacker)] or [{}]
    else:
        pairs = _pairs(text, attacker, {role: side for side, role in setup.roles.items()})
    if defender_plan:
        pairs = [{defender: defender_plan, **p} for p in pairs]
    return pairs


def _pairs(text: str, attacker: str, by_role: dict[str, str]) -> list[dict[str, str]]:
    pairs: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for item in (t.strip() for t in text.split(",")):
        if not item:
            continue
        side, eq, pid = item.partition("=")
        side, pid = side.strip(), pid.strip()
        if not (pid if eq else side).isidentifier() or (eq and not side):
            raise UsageError(f"--plans: expected ID or SIDE=ID, got {item!r}")
        if not eq:
            pairs.append({attacker: side})
            current = None
            continue
        side = by_role.get(side, side)
        if current is None or side in current:
            current = {}
            pairs.append(current)
        current[side] = pid
    if not pairs:
        raise UsageError("--plans: no plan given")
    return pairs


def command_line(args: argparse.Namespace) -> str:
    """The command as typed when run from ``python -m game`` or ``shusha``; else an equivalent one."""
    prog = Path(sys.argv[0]) if sys.argv else Path()
    ours = prog.name == "shusha" or (prog.name == "__main__.py" and prog.parent.name == "game")
    if ours and sys.argv[1:2] == ["compare"]:
        return shlex.join(["python", "-m", "game", *sys.argv[1:]])
    parts = ["python", "-m", "game", "compare", args.target, "--runs", str(args.runs), "--seed", str(args.seed)]
    for flag, value in (("--plans", args.plans), ("--defender-plan", args.defender_plan), ("--jobs", args.jobs),
                        ("--out", args.out), ("--backend", args.backend), ("--scheduler", args.scheduler)):
        if value is not None:
            parts += [flag, str(value)]
    return shlex.join(parts + ["--records"] * bool(args.records) + ["--no-progress"] * bool(args.no_progress))


def cores() -> int:
    """The cores this process may use (the default --jobs)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def check_numbers(args: argparse.Namespace) -> None:
    if args.runs < 1:
        raise UsageError(f"--runs must be at least 1, got {args.runs}")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {args.jobs}")
    if args.records and not args.out:
        raise UsageError("--records needs --out DIR (the records go to DIR/records)")
    if args.scheduler and args.backend != "dask":
        raise UsageError("--scheduler needs --backend dask")


def prepare_out(out: str, records: bool) -> Path:
    """Create the output folder (and records/) and check that it takes a file; UsageError if not."""
    path = Path(out)
    try:
        (path / "records" if records else path).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as e:
        raise UsageError(f"{out}: cannot write the results there: {e.strerror or e}") from None
    return path


def load(target: str) -> GameSetup:
    from game.scenario.errors import ScenarioError

    try:
        return load_once(target)
    except ScenarioError as e:
        raise UsageError(str(e)) from None


def compare_batch_main(args: argparse.Namespace) -> int:
    """CLI entry (see the module docstring for the exit codes)."""
    try:
        return _main(args)
    except UsageError as e:
        print(e, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("compare: interrupted", file=sys.stderr)
        return 130


def _main(args: argparse.Namespace) -> int:
    check_numbers(args)
    out = prepare_out(args.out, args.records) if args.out else None
    setup = load(args.target)
    try:
        pairs = resolve_pairs(setup, parse_pairs(args.plans, setup, args.defender_plan))
    except ValueError as e:
        raise UsageError(f"{args.target}: {e}") from None
    seeds = derive_seeds(args.seed, args.runs)
    jobs = args.jobs or cores()
    try:
        result = run_batch(args.target, pairs, seeds, jobs=jobs, backend=args.backend, scheduler=args.scheduler,
                           records_dir=out / "records" if out and args.records else None,
                           progress=not args.no_progress)
    except BackendError as e:
        raise UsageError(str(e)) from None
    stats = stats_of(result)
    info = RunInfo(command=command_line(args), scenario=args.target, base_seed=args.seed, out=args.out or "DIR")
    print_report(result, stats, info)
    if out is not None:
        from game.compare.plots import write_plots

        plots = write_plots(out, result, stats) if result.rows else []
        write_outputs(out, result, stats, info, plots, records=args.records)
        print(f"Wrote {out / 'results.csv'}, results.json, report.md" + (" and plots" if plots else ""))
    return 130 if result.interrupted else 0
