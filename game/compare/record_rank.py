"""Where a recorded game falls among AI games of the historical plan: the percentile of ``compare RECORD``.

- **Metric**: the attacker's score (the share of its objective points), ties broken by the time to capture
  the town (hours from the scenario start to the end of the turn of the capture milestone, as in the batch's
  ``capture_hours``; sooner ranks higher, never ranks below any capture).
- **Percentile**: the share of the distribution's games this game ranks above, ties counted as half (the
  ``mean`` kind of ``scipy.stats.percentileofscore``). 100: better for the attacker than every AI game.
- **Distribution**: the historical plan (the attacker's plan whose basis is ``historical``) against the
  defender's default plan, on ``--history-runs`` seeds derived from ``--seed`` (``game.compare.batch``), or
  that pair's rows of a finished batch's ``results.csv`` (``--against``).
"""

from __future__ import annotations

import argparse
import csv
import math
from pathlib import Path
from typing import Any

from game.compare.row import capture_milestone
from game.compare.stats import quartiles
from game.core.engine import Engine
from game.core.plans import default_plan, plans_of
from game.core.setup import GameSetup

METRIC = "attacker score, then time to capture the town, sooner first"
Key = tuple[float, float]


class RankError(Exception):
    """A distribution that cannot be used (unreadable CSV, no games of the pair); one line for the user."""


def key(score: float, capture_hours: float | None) -> Key:
    """The ranking key: higher is better for the attacker. Example: ``key(1.0, 300) > key(1.0, 320)``."""
    return score, -capture_hours if capture_hours is not None else -math.inf


def percentile(mine: Key, others: list[Key]) -> float:
    """Mid-rank percentile of ``mine`` among ``others``.

    Example: ``percentile((1, 0), [(0, 0), (1, 0)]) == 75``."""
    below = sum(k < mine for k in others)
    ties = sum(k == mine for k in others)
    return 100.0 * (below + 0.5 * ties) / len(others)


def historical_pair(setup: GameSetup) -> dict[str, str] | None:
    """``{attacker: historical plan, defender: default plan}``; None without a historical attacker plan."""
    attacker, defender = setup.side_with_role("attacker"), setup.side_with_role("defender")
    hist = next((p for p in plans_of(setup, attacker) if p.basis == "historical"), None)
    if hist is None:
        return None
    pair = {attacker: hist.id}
    dplan = default_plan(setup, defender)
    return pair | ({defender: dplan.id} if dplan else {})


def game_values(eng: Engine) -> tuple[float, float | None]:
    """This game's attacker score and capture hours (None when the town was not taken)."""
    setup = eng.setup
    score = float(eng.outcome().scores.get(setup.side_with_role("attacker"), 0.0))
    t = eng.state.milestones.get(capture_milestone(setup) or "")
    hours = None if t is None else (eng.clock.end(t) - eng.clock.start(0)).total_seconds() / 3600.0
    return score, hours


def rows_from_csv(path: str, setup: GameSetup, pair: dict[str, str]) -> list[tuple[float, float | None]]:
    """(score, capture hours) of the pair's games without an error in a batch's ``results.csv``."""
    attacker, defender = setup.side_with_role("attacker"), setup.side_with_role("defender")
    score_col = f"score_{attacker}"
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise RankError(f"{path}: cannot read the batch results: {e}") from None
    need = {"plan", "defender_plan", score_col, "capture_hours", "error"}
    if not rows or not need <= set(rows[0]):
        raise RankError(f"{path}: not a compare results.csv of this scenario (needs columns "
                        f"{', '.join(sorted(need))})")
    out = []
    for n, r in enumerate(rows, 2):
        if r["plan"] != pair[attacker] or r["defender_plan"] != pair.get(defender, "") or r["error"]:
            continue
        try:
            out.append((float(r[score_col]), float(r["capture_hours"]) if r["capture_hours"] else None))
        except ValueError:
            raise RankError(f"{path}:{n}: {score_col} or capture_hours is not a number") from None
    if not out:
        raise RankError(f"{path}: no finished games of {pair[attacker]} against "
                        f"{pair.get(defender, 'the default')}")
    return out


def rows_from_batch(args: argparse.Namespace, setup: GameSetup, pair: dict[str, str],
                    runs: int) -> list[tuple[float, float | None]]:
    """Play the pair on ``runs`` seeds derived from ``args.seed`` with the batch runner."""
    from game.compare.batch import BackendError, derive_seeds, run_batch
    from game.compare.batch_cmd import cores

    attacker = setup.side_with_role("attacker")
    try:
        result = run_batch(setup.source_path, [pair], derive_seeds(getattr(args, "seed", 1), runs),
                           jobs=getattr(args, "jobs", None) or cores(),
                           backend=getattr(args, "backend", "local"),
                           scheduler=getattr(args, "scheduler", None),
                           progress=not getattr(args, "no_progress", True))
    except (BackendError, ValueError) as e:
        raise RankError(str(e)) from None
    if result.interrupted:
        raise RankError(f"interrupted after {len(result.rows)} of {runs} AI games of the historical plan")
    return [(r.scores.get(attacker, 0.0), r.capture_hours) for r in result.rows if r.ok]


def rank(eng: Engine, values: list[tuple[float, float | None]], source: str) -> dict[str, Any]:
    """The percentile entry of the report: this game's values, its percentile, the distribution's spread."""
    score, hours = game_values(eng)
    keys = [key(s, h) for s, h in values]
    taken = [h for _, h in values if h is not None]
    spread = quartiles([s for s, _ in values])
    return {"metric": METRIC, "games": len(values), "source": source,
            "percentile": round(percentile(key(score, hours), keys), 1), "score": score,
            "capture_hours": hours,
            "value_text": f"score {score:.2f}, " + (f"town taken after {hours:.0f} h" if hours is not None
                                                     else "town not taken"),
            "median_score": spread.median if spread else None, "captured": len(taken),
            "median_capture_hours": quartiles(taken).median if taken else None}


def history_percentile(args: argparse.Namespace, eng: Engine) -> dict[str, Any]:
    """The percentile of the game among AI games of the historical plan, or ``{"skipped": why}``."""
    setup = eng.setup
    pair = historical_pair(setup)
    runs = getattr(args, "history_runs", 0)
    against = getattr(args, "against", None)
    if pair is None:
        return {"skipped": "the scenario has no historical plan for the attacker"}
    if not eng.state.game_over:
        return {"skipped": "the game is not finished"}
    if against:
        return rank(eng, rows_from_csv(against, setup, pair), f"{Path(against)}")
    if runs < 1:
        return {"skipped": "not computed (--history-runs 0)"}
    values = rows_from_batch(args, setup, pair, runs)
    if not values:
        raise RankError("none of the AI games of the historical plan finished")
    return rank(eng, values, f"seeds derived from {getattr(args, 'seed', 1)}")


def percentile_line(p: dict[str, Any] | None) -> str:
    """The report's percentile lines (two when computed)."""
    head = "Percentile among AI games of the historical plan"
    if p is None or p.get("skipped"):
        return f"{head}: {p['skipped'] if p else 'not computed'}"
    median = p["median_capture_hours"]
    return (f"{head}: {p['percentile']:.0f} (by {p['metric']})\n"
            f"  This game: {p['value_text']}. The {p['games']} AI games ({p['source']}): median score "
            f"{p['median_score']:.2f}, town taken in {p['captured']} of {p['games']}"
            + (f", after a median {median:.0f} h" if median is not None else ""))
