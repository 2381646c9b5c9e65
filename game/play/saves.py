"""Saved games: a record (versioned JSON lines, written atomically) plus who plays which side.

Loading replays the recorded actions on the scenario and checks every turn's digest, so a save can
never put the engine in a state the rules could not reach.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.sim.record import (
    RecordError,
    atomic_write_text,
    is_temp_name,
    read_record,
    record_lines,
    remove_stale_temps,
)

if TYPE_CHECKING:  # the engine is loaded when a save is: listing saves (the start screen) needs none of it
    from game.core.engine import Engine

SAVE_SUFFIX = ".jsonl"
AUTOSAVE_PREFIX = "autosave-"


class SaveError(Exception):
    """A save that cannot be loaded; the message names the file and says why, for the player."""


def save_dir() -> Path:
    """Where saves go: $SHUSHA_SAVE_DIR, else ~/.local/share/shusha-wargame/saves."""
    env = os.environ.get("SHUSHA_SAVE_DIR")
    return Path(env) if env else Path.home() / ".local" / "share" / "shusha-wargame" / "saves"


def write_save(eng: Engine, path: str | Path, *, humans: list[str], note: str = "",
               ai: dict[str, Any] | None = None, parent: dict[str, Any] | None = None) -> None:
    """Write the game as a record whose header also says which sides humans play and what the AI
    remembers (its standing orders), atomically; leftovers of killed saves in the folder are removed.
    ``parent``: the record a continued game branched from (its header's ``parent``)."""
    lines = record_lines(eng, parent=parent)
    lines[0] = {**lines[0], "save": {"humans": sorted(humans), "saved_at": datetime.now().isoformat(
        timespec="seconds"), "note": note, "turn": eng.state.turn, "ai": ai or {}}}
    atomic_write_text(path, "".join(json.dumps(line, sort_keys=True) + "\n" for line in lines))
    remove_stale_temps(Path(path).parent, suffix=SAVE_SUFFIX)


def autosave_name(scenario_id: str, humans: list[str], seed: int, started: datetime) -> str:
    """One autosave file per game, named by scenario, who plays (the human side, ``hotseat`` or ``watch``),
    seed and the time the game started, e.g. ``autosave-shusha_2020_approach-attacker-seed3-20250603-1402.jsonl``.
    A watched computer game therefore never overwrites a played game's autosave."""
    who = humans[0] if len(humans) == 1 else "hotseat" if humans else "watch"
    return f"{AUTOSAVE_PREFIX}{scenario_id}-{who}-seed{seed}-{started:%Y%m%d-%H%M%S}{SAVE_SUFFIX}"


def list_save_files(folder: str | Path) -> list[Path]:
    """The saves in ``folder``: regular ``*.jsonl`` files, not hidden, never an atomic write's temp file.

    Stale temp files of saves killed midway (``.NAME.jsonl.XXXXXXXX``, over a minute old) are removed."""
    remove_stale_temps(folder, suffix=SAVE_SUFFIX)
    try:
        found = [p for p in Path(folder).iterdir()
                 if p.name.endswith(SAVE_SUFFIX) and not p.name.startswith(".") and p.is_file()]
    except OSError:
        return []
    return sorted(p for p in found if not is_temp_name(p.name))


def read_save(path: str | Path, scenario: str | None = None) -> tuple[Engine, list[str], dict[str, Any]]:
    """Rebuild a saved game; returns (engine, human sides, AI memory). Raises SaveError with a clear message
    for any problem with the save or its scenario (unreadable, malformed, tampered with, changed)."""
    from game.scenario.errors import ScenarioError
    from game.sim.replay import Divergence

    try:
        return _read_save(path, scenario)
    except RecordError as e:
        raise SaveError(f"This save cannot be read: {e}") from None
    except ScenarioError as e:
        raise SaveError(f"{path}: its scenario no longer loads:\n{e}") from None
    except Divergence as e:
        raise SaveError(f"This save is damaged: {e}") from None
    except (ValueError, OSError, RecursionError) as e:
        raise SaveError(f"This save cannot be loaded: {e}") from None


def save_parent(path: str | Path) -> dict[str, Any] | None:
    """The ``parent`` field of a save's header (None for a game not continued from a record); the save was
    already read and checked by :func:`read_save`."""
    try:
        return read_record(path).header.get("parent")
    except RecordError:
        return None


def _read_save(path: str | Path, scenario: str | None) -> tuple[Engine, list[str], dict[str, Any]]:
    from game.play.savemeta import check_save_meta
    from game.scenario.load import load_scenario
    from game.sim.replay import replay

    rec = read_record(path)
    scen = scenario or rec.header.get("scenario_path")
    if not isinstance(scen, str) or not Path(scen).exists():
        raise SaveError(f"{path}: its scenario file {scen!r} is missing.")
    setup = load_scenario(scen)
    if rec.header.get("scenario_sha256") != setup.sha256:
        raise SaveError(f"{path}: the scenario {scen} has changed since this game was saved.")
    eng = replay(rec, setup, verify=True, source=str(path))
    humans, ai = check_save_meta(f"{path}:1", rec.header.get("save"), eng)
    return eng, humans, ai
