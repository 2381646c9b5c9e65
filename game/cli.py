"""Command line: ``python -m game {play,validate,info,simulate,compare,replay,render,build-native}``.

Each sub-command lives in the module that owns it; this file only parses arguments and dispatches.
User mistakes (bad files, bad arguments) exit with code 2 and a one-line message per problem.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

_REPO_SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "shusha_2020_approach.yaml"
DEFAULT_SCENARIO = str(_REPO_SCENARIO) if _REPO_SCENARIO.exists() else "scenarios/shusha_2020_approach.yaml"


def seed_value(text: str) -> int:
    """argparse type: a seed is a whole number from 0 to 2**63 - 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"expected a seed from 0 to 2**63 - 1, got {value}")
    return value


def plan_choice(text: str) -> tuple[str, str]:
    """argparse type: ``SIDE=PLAN`` (ids)."""
    side, eq, plan = text.partition("=")
    if not eq or not side.isidentifier() or not plan.isidentifier():
        raise argparse.ArgumentTypeError(f"expected SIDE=PLAN, e.g. attacker=historical, got {text!r}")
    return side, plan


def size_value(text: str) -> tuple[int, int]:
    """argparse type: ``WxH`` in pixels."""
    from game.ui.export_cmd import parse_size

    try:
        return parse_size(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m game", description="Shusha (Shushi) 2020 wargame")
    sub = p.add_subparsers(dest="command", required=True)

    pl = sub.add_parser("play", help="open the game window (start screen, then play against the AI or hot-seat)")
    pl.add_argument("scenario", nargs="?", default=None, help="scenario to preselect (default: the Shusha approach)")
    pl.add_argument("--frames", type=int, default=None, help=argparse.SUPPRESS)

    v = sub.add_parser("validate", help="check scenario files; exit 2 with file:line:col messages")
    v.add_argument("files", nargs="+")

    i = sub.add_parser("info", help="describe a scenario: map, places, forces, constraints, objectives")
    i.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO)
    i.add_argument("--json", action="store_true")

    s = sub.add_parser("simulate", help="play a full headless game with the built-in policy")
    s.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO)
    s.add_argument("--seed", type=seed_value, default=1, help="a whole number >= 0 (default 1)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--record", metavar="FILE", help="write the game's JSON-lines record")
    s.add_argument("--plan", action="append", type=plan_choice, default=[], metavar="SIDE=ID",
                   help="the plan a side plays, e.g. --plan attacker=road (repeat per side; default plans "
                        "otherwise; `info` lists them)")

    c = sub.add_parser("compare", help="compare plans over many seeded games (SCENARIO), or a recorded game "
                                       "against history (RECORD)")
    c.add_argument("target", nargs="?", default=DEFAULT_SCENARIO, metavar="SCENARIO|RECORD")
    c.add_argument("--plans", default=None, metavar="ID,ID,...",
                   help="attacker plans to compare (default: every attacker plan); side=id pairs also accepted")
    c.add_argument("--defender-plan", default=None, metavar="ID", help="the defender's plan (default: its default)")
    c.add_argument("--runs", type=int, default=20, metavar="N", help="seeded games per plan (default 20)")
    c.add_argument("--seed", type=seed_value, default=1, metavar="S", help="base seed the game seeds derive from")
    c.add_argument("--jobs", type=int, default=None, metavar="J", help="worker processes (default: all cores)")
    c.add_argument("--out", default=None, metavar="DIR", help="write results.csv/json, report.md and plots here")
    c.add_argument("--records", action="store_true", help="also write every game's record under DIR/records")
    c.add_argument("--backend", choices=("local", "dask"), default="local",
                   help="local process pool (default) or a Dask distributed cluster")
    c.add_argument("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786")
    c.add_argument("--no-progress", action="store_true", help="no progress bar")
    c.add_argument("--history-runs", type=int, default=20, metavar="N",
                   help="RECORD: AI games of the historical plan to rank the game among (default 20; 0: none)")
    c.add_argument("--against", default=None, metavar="DIR/results.csv",
                   help="RECORD: rank the game among a finished compare batch's games instead of running them")

    r = sub.add_parser("replay", help="watch a recorded game (--verify: check it), or a scenario's documented "
                       "history (--history); --export renders either to a GIF or MP4")
    r.add_argument("record", nargs="?", default=None, help="a game record or save")
    r.add_argument("--history", nargs="?", const=DEFAULT_SCENARIO, default=None, metavar="SCENARIO",
                   help="open the historical replay of SCENARIO (default: the Shusha approach)")
    r.add_argument("--frames", type=int, default=None, help=argparse.SUPPRESS)  # stop after N frames (tests)
    r.add_argument("--verify", action="store_true", help="check every turn's digest")
    r.add_argument("--scenario", help="scenario file (default: the path stored in the record)")
    r.add_argument("--continue-from", type=int, default=None, metavar="TURN",
                   help="play on from the start of turn TURN (1-based) in the client; the new game's record names "
                        "this one as its parent")
    r.add_argument("--side", choices=("attacker", "defender", "both", "none"), default=None,
                   help="with --continue-from: the sides you play (default attacker; none: watch the AI)")
    e = r.add_argument_group("export (headless; no window opens)")
    e.add_argument("--export", metavar="FILE.gif|FILE.mp4", help="render the replay to an animated GIF or an H.264 MP4")
    e.add_argument("--export-frames", metavar="DIR", help="render the replay to DIR/frame_00000.png ...")
    e.add_argument("--size", type=size_value, default=None, metavar="WxH", help="frame size (default 1280x720)")
    e.add_argument("--fps", type=float, default=None, help="frames per second of the video (default 12)")
    e.add_argument("--hours-per-frame", type=float, default=None, metavar="H",
                   help="one frame every H hours of the timeline (--history: default 2); for a RECORD, the "
                        "last action at or before each frame time (its clock moves only turn by turn)")
    e.add_argument("--actions-per-frame", type=int, default=None, metavar="N",
                   help="RECORD: one frame every N recorded actions (default 1: every action)")
    e.add_argument("--max-frames", type=int, default=None, metavar="N", help="stop after N frames (a short clip)")

    b = sub.add_parser("build-native", help="compile the engine's and the AI's hot modules (mypyc) for faster "
                                            "games and batches; optional, games play the same without it")
    b.add_argument("--status", action="store_true", help="only say whether a build is in use (and why not)")
    b.add_argument("--force", action="store_true", help="build again even if a build of these sources exists")

    m = sub.add_parser("render", help="draw the scenario's map to a PNG (headless)")
    m.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO)
    m.add_argument("--out", required=True, metavar="FILE.png")
    m.add_argument("--units", action="store_true", help="draw the units at the scenario start")
    m.add_argument("--fog", metavar="SIDE", help="shade that side's fog of war (fresh game, seed 1)")
    m.add_argument("--px", type=int, default=8, help="pixels per cell (default 8)")
    return p


def _scenario_problem(path: str | None) -> str | None:
    """Why ``play`` cannot open the scenario file ``path`` (None when it can try, or when none was given)."""
    if path is None:
        return None
    if not Path(path).exists():
        return "cannot read: no such scenario file"
    from game.safefile import FileReadError, check_regular

    try:
        check_regular(os.stat(path).st_mode)
    except FileReadError as e:
        return str(e)
    except OSError as e:
        return f"cannot read: {e.strerror or e}"
    return None


EXPORT_ONLY = ("size", "fps", "hours_per_frame", "actions_per_frame", "max_frames")


def _flag(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def replay_misfit(args: argparse.Namespace) -> str | None:
    """Why the ``replay`` options given do not fit together (an option the chosen mode would ignore), or None.

    Modes: the viewer on RECORD (--scenario), --verify (--scenario), --continue-from (--side, --scenario),
    --history [SCENARIO], and --export/--export-frames of RECORD (--scenario, --actions-per-frame) or of
    --history; the export options (--size, --fps, --hours-per-frame, --max-frames) only with an export."""
    given = {d for d in ("verify", "continue_from", "side", "scenario", "frames", *EXPORT_ONLY)
             if getattr(args, d) not in (None, False)}
    exporting = args.export is not None or args.export_frames is not None
    if exporting:
        mode = "--export of --history" if args.history is not None else "--export of a RECORD"
        allowed = set(EXPORT_ONLY) | ({"scenario"} if args.history is None else set())
        if args.history is not None:
            allowed.discard("actions_per_frame")
    elif args.history is not None:
        mode, allowed = "--history", {"frames"}
    elif args.continue_from is not None:
        mode, allowed = "--continue-from", {"continue_from", "side", "scenario", "frames"}
    elif args.verify:
        mode, allowed = "--verify", {"verify", "scenario"}
    else:
        mode, allowed = "the replay viewer", {"scenario", "frames"}
    extra = sorted(given - allowed, key=lambda d: _flag(d))
    if not extra:
        return None
    hints = {"side": " (it says who plays on with --continue-from TURN)",
             "actions_per_frame": " (it paces a RECORD's export; --hours-per-frame paces --history)",
             "scenario": " (--history takes the scenario itself: --history FILE)" if args.history else ""}
    hint = "".join(hints.get(d, "") for d in extra) or \
        (" (export options need --export FILE or --export-frames DIR)" if set(extra) & set(EXPORT_ONLY) else "")
    names = ", ".join(_flag(d) for d in extra)
    return f"replay: {names} does not apply to {mode}{hint}; leave it out"


def _export(args: argparse.Namespace) -> int:
    """``replay ... --export FILE`` / ``--export-frames DIR``: checks the arguments, then game.ui.export_cmd."""
    if (args.history is None) == (args.record is None) or args.verify or args.continue_from is not None:
        print("replay --export: give either RECORD or --history [SCENARIO] (not --verify or --continue-from)",
              file=sys.stderr)
        return 2
    problem = _scenario_problem(args.history)
    if problem:
        print(f"{args.history}: {problem}", file=sys.stderr)
        return 2
    from game.ui.export_cmd import export_main

    return export_main(history=args.history, record=args.record, scenario=args.scenario, out=args.export,
                       frames_dir=args.export_frames, size=args.size or (1280, 720),
                       fps=12.0 if args.fps is None else args.fps,
                       hours_per_frame=args.hours_per_frame, actions_per_frame=args.actions_per_frame,
                       max_frames=args.max_frames)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = build_parser().parse_args(argv)
    if args.command in ("simulate", "compare") or (args.command == "replay" and args.verify):
        from game.native import activate

        activate()  # headless games: the compiled modules if built (game.native); the window stays pure Python
    if args.command == "play":
        problem = _scenario_problem(args.scenario)
        if problem:
            print(f"{args.scenario}: {problem}", file=sys.stderr)
            return 2
        from game.ui.app import play_main

        return play_main(args.scenario, frames=args.frames)
    if args.command == "build-native":
        from game.native import build_main

        return build_main(force=args.force, status_only=args.status)
    if args.command == "validate":
        from game.scenario.report import validate_main

        return validate_main(args.files)
    if args.command == "info":
        from game.scenario.info import info_main

        return info_main(args.scenario, as_json=args.json)
    if args.command == "simulate":
        from game.sim.simulate import simulate_main

        return simulate_main(args.scenario, seed=args.seed, as_json=args.json, record=args.record,
                             plans=dict(args.plan))
    if args.command == "compare":
        from game.compare.cli import compare_main

        return compare_main(args)
    if args.command == "replay":
        misfit = replay_misfit(args) if (args.history is None) != (args.record is None) else None
        if misfit:
            print(misfit, file=sys.stderr)
            return 2
        if args.export is not None or args.export_frames is not None:
            return _export(args)
        if args.history is not None:
            if args.record is not None or args.verify:
                print("replay: give either RECORD (with --verify) or --history [SCENARIO], not both", file=sys.stderr)
                return 2
            problem = _scenario_problem(args.history)
            if problem:
                print(f"{args.history}: {problem}", file=sys.stderr)
                return 2
            from game.ui.replay_cmd import history_replay_main

            return history_replay_main(args.history, frames=args.frames)
        if args.record is None:
            print("replay: give a RECORD to replay, or --history [SCENARIO] for the documented approach",
                  file=sys.stderr)
            return 2
        if args.continue_from is not None:
            from game.play.continue_cmd import continue_main

            return continue_main(args.record, args.continue_from, args.side or "attacker", scenario=args.scenario,
                                 frames=args.frames)
        if not args.verify:
            from game.ui.replay_record import record_replay_main

            return record_replay_main(args.record, scenario=args.scenario, frames=args.frames)
        from game.sim.replay import replay_main

        return replay_main(args.record, verify=args.verify, scenario=args.scenario)
    if args.command == "render":
        from game.ui.render_cmd import render_main

        return render_main(args.scenario, args.out, units=args.units, fog=args.fog, px=args.px)
    print(f"unknown command {args.command}", file=sys.stderr)
    return 2
