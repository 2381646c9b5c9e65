"""Game records: versioned JSON lines (header, actions, per-turn digests), written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.core.engine import Engine

FORMAT = "shusha-record"
FORMAT_VERSION = 1


class RecordError(Exception):
    """A record file that cannot be used; the message names the file and line."""


@dataclass
class Record:
    header: dict[str, Any]
    actions: list[dict[str, Any]]  # {"turn": int, "action": {...}, "line": n}
    digests: list[str]  # digests[0]: start; digests[t + 1]: after turn t
    end: dict[str, Any]  # the closing line: turns, actions, final digest


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write a file atomically: temp file in the same folder, fsync, rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def record_lines(eng: Engine) -> list[dict[str, Any]]:
    """The record as JSON objects: header, then actions interleaved with each turn's digest."""
    out: list[dict[str, Any]] = [{"type": "header", **eng.header()}]
    out.append({"type": "digest", "turn": -1, "digest": eng.record.digests[0]})
    by_turn: dict[int, list[dict[str, Any]]] = {}
    for a in eng.record.actions:
        by_turn.setdefault(a["turn"], []).append(a)
    for t in range(len(eng.record.digests) - 1):
        for a in by_turn.get(t, []):
            out.append({"type": "action", "turn": t, "action": a["action"]})
        out.append({"type": "digest", "turn": t, "digest": eng.record.digests[t + 1]})
    last = len(eng.record.digests) - 1
    for a in by_turn.get(last, []):  # actions of a turn that has not ended yet (saved mid-game)
        out.append({"type": "action", "turn": last, "action": a["action"]})
    out.append({"type": "end", "turns": last, "actions": len(eng.record.actions), "digest": eng.state.digest(),
                "game_over": eng.state.game_over})
    return out


def write_record(eng: Engine, path: str | Path) -> None:
    atomic_write_text(path, "".join(json.dumps(line, sort_keys=True) + "\n" for line in record_lines(eng)))


def read_record(path: str | Path) -> Record:
    """Parse a record file; raises RecordError naming the file, line and problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RecordError(f"{path}: cannot read: {e}") from None
    header: dict[str, Any] | None = None
    actions: list[dict[str, Any]] = []
    digests: list[str] = []
    end: dict[str, Any] | None = None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if end is not None:
            raise RecordError(f"{path}:{n}: unexpected line after the record's end line")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise RecordError(f"{path}:{n}: not valid JSON ({e.msg})") from None
        kind = obj.get("type") if isinstance(obj, dict) else None
        if n == 1:
            if kind != "header" or obj.get("format") != FORMAT:
                raise RecordError(f"{path}:1: not a {FORMAT} file (expected a header line first)")
            if obj.get("format_version") != FORMAT_VERSION:
                raise RecordError(f"{path}:1: format_version {obj.get('format_version')!r} is not supported "
                                  f"(expected {FORMAT_VERSION})")
            _check_header(path, obj)
            header = obj
        elif kind == "end" and isinstance(obj.get("digest"), str) and isinstance(obj.get("actions"), int):
            end = obj
        elif kind == "action" and isinstance(obj.get("action"), dict) and isinstance(obj.get("turn"), int):
            actions.append({"turn": obj["turn"], "action": obj["action"], "line": n})
        elif kind == "digest" and isinstance(obj.get("digest"), str):
            digests.append(obj["digest"])
        else:
            raise RecordError(f"{path}:{n}: expected an action or digest line, got {line[:60]!r}")
    if header is None:
        raise RecordError(f"{path}: empty record (expected a header line)")
    if end is None:
        raise RecordError(f"{path}: the record is incomplete (no end line): it was cut off or is still being "
                          "written")
    if end["actions"] != len(actions) or end.get("turns") != len(digests) - 1:
        raise RecordError(f"{path}: the end line counts {end['actions']} actions and {end.get('turns')} turns, "
                          f"the file holds {len(actions)} and {len(digests) - 1}")
    return Record(header, actions, digests, end)


def _check_header(path: str | Path, obj: dict[str, Any]) -> None:
    """The header fields a replay needs, with the right types."""
    seed = obj.get("seed")
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**63:
        raise RecordError(f"{path}:1: seed must be a whole number >= 0, got {seed!r}")
    for key in ("scenario_path", "scenario_sha256", "scenario_id"):
        if not isinstance(obj.get(key), str):
            raise RecordError(f"{path}:1: {key} must be text, got {obj.get(key)!r}")
    if not str(obj["scenario_path"]).endswith((".yaml", ".yml")):
        raise RecordError(f"{path}:1: scenario_path must name a .yaml scenario file")
