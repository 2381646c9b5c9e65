"""Saved games: a record (versioned JSON lines, written atomically) plus who plays which side.

Loading replays the recorded actions on the scenario and checks every turn's digest, so a save can
never put the engine in a state the rules could not reach.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from game.core.engine import Engine
from game.sim.record import RecordError, atomic_write_text, read_record, record_lines
from game.sim.replay import Divergence, replay


class SaveError(Exception):
    """A save that cannot be loaded; the message names the file and says why, for the player."""


def save_dir() -> Path:
    """Where saves go: $SHUSHA_SAVE_DIR, else ~/.local/share/shusha-wargame/saves."""
    env = os.environ.get("SHUSHA_SAVE_DIR")
    return Path(env) if env else Path.home() / ".local" / "share" / "shusha-wargame" / "saves"


def write_save(eng: Engine, path: str | Path, *, humans: list[str], note: str = "",
               ai: dict[str, Any] | None = None) -> None:
    """Write the game as a record whose header also says which sides humans play and what the AI
    remembers (its standing orders), atomically."""
    lines = record_lines(eng)
    lines[0] = {**lines[0], "save": {"humans": sorted(humans), "saved_at": datetime.now().isoformat(
        timespec="seconds"), "note": note, "turn": eng.state.turn, "ai": ai or {}}}
    atomic_write_text(path, "".join(json.dumps(line, sort_keys=True) + "\n" for line in lines))


def read_save(path: str | Path, scenario: str | None = None) -> tuple[Engine, list[str], dict[str, Any]]:
    """Rebuild a saved game; returns (engine, human sides, AI memory). Raises SaveError with a clear message."""
    from game.scenario.errors import ScenarioError
    from game.scenario.load import load_scenario

    try:
        rec = read_record(path)
    except RecordError as e:
        raise SaveError(f"This save cannot be read: {e}") from None
    scen = scenario or rec.header.get("scenario_path")
    if not isinstance(scen, str) or not Path(scen).exists():
        raise SaveError(f"{path}: its scenario file {scen!r} is missing.")
    try:
        setup = load_scenario(scen)
    except ScenarioError as e:
        raise SaveError(f"{path}: its scenario no longer loads:\n{e}") from None
    if rec.header.get("scenario_sha256") != setup.sha256:
        raise SaveError(f"{path}: the scenario {scen} has changed since this game was saved.")
    try:
        eng = replay(rec, setup, verify=True, source=str(path))
    except Divergence as e:
        raise SaveError(f"This save is damaged: {e}") from None
    meta: dict[str, Any] = rec.header.get("save") or {}
    humans = [s for s in meta.get("humans", []) if s in setup.sides]
    ai = meta.get("ai") if isinstance(meta.get("ai"), dict) else {}
    return eng, humans, ai
