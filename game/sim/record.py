"""Game records: versioned JSON lines (header, actions, per-turn digests), written atomically."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.safefile import FileReadError, read_regular, temp_beside
from game.scenario.textcheck import plain_line

if TYPE_CHECKING:  # only for hints: the save picker lists saves without loading the engine
    from game.core.engine import Engine

FORMAT = "shusha-record"
FORMAT_VERSION = 1
MAX_RECORD_BYTES = 64 << 20  # a 40-turn game's record is well under 1 MB
MAX_LINE = 1 << 20  # characters in one line
STALE_TEMP_S = 60.0  # a temp file of an atomic write this old was left by a write that was killed
_DIGEST = re.compile(r"[0-9a-f]{64}")
_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}$")  # tempfile.mkstemp(prefix=".NAME.")


class RecordError(Exception):
    """A record file that cannot be used; the message names the file and line."""


@dataclass
class Record:
    header: dict[str, Any]
    actions: list[dict[str, Any]]  # {"turn": int, "action": {...}, "line": n}
    digests: list[str]  # digests[0]: start; digests[t + 1]: after turn t
    end: dict[str, Any]  # the closing line: turns, actions, final digest


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write a file atomically: temp file ``.NAME.XXXXXXXX`` in the same folder, fsync, rename.

    Stale temp files of earlier writes of the same name that were killed midway are removed first."""
    _atomic_write(path, text)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """``atomic_write_text`` for bytes."""
    _atomic_write(path, data)


def _atomic_write(path: str | Path, data: str | bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path.parent, name=path.name)
    fd, tmp = temp_beside(path)  # a normal file's mode (0666 & ~umask, or the replaced file's), not 0600
    try:
        with (os.fdopen(fd, "wb") if isinstance(data, bytes) else os.fdopen(fd, "w", encoding="utf-8")) as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def is_temp_name(filename: str, *, name: str | None = None, suffix: str = "") -> bool:
    """True for an atomic write's temp name ``.NAME.XXXXXXXX``; of ``name`` only, or of any name ending
    with ``suffix``. Example: ``is_temp_name(".game.jsonl.k2j4_x9a", suffix=".jsonl")`` is True."""
    m = _TEMP_NAME.match(filename)
    if m is None:
        return False
    return m["name"] == name if name is not None else m["name"].endswith(suffix)


def remove_stale_temps(folder: str | Path, *, name: str | None = None, suffix: str = "",
                       max_age_s: float = STALE_TEMP_S) -> list[Path]:
    """Delete temp files of atomic writes (see ``is_temp_name``) in ``folder`` older than ``max_age_s``:
    leftovers of a write that was killed. Best effort: never raises; returns what it removed."""
    removed: list[Path] = []
    cutoff = time.time() - max_age_s
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_temp_name(entry.name, name=name, suffix=suffix):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def record_lines(eng: Engine, *, parent: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The record as JSON objects: header, then actions interleaved with each turn's digest.

    ``parent`` (a branch: see :func:`parent_field`) goes into the header as ``parent``."""
    out: list[dict[str, Any]] = [{"type": "header", **eng.header(), **({"parent": parent} if parent else {})}]
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


def write_record(eng: Engine, path: str | Path, *, parent: dict[str, Any] | None = None) -> None:
    lines = record_lines(eng, parent=parent)
    atomic_write_text(path, "".join(json.dumps(line, sort_keys=True) + "\n" for line in lines))


def file_sha256(path: str | Path) -> str:
    """SHA-256 (hex) of a record file's bytes, read as :func:`read_record` reads it; RecordError if unreadable."""
    try:
        return hashlib.sha256(read_regular(path, max_bytes=MAX_RECORD_BYTES)).hexdigest()
    except FileReadError as e:
        raise RecordError(f"{path}: {e}") from None


def parent_field(path: str | Path, *, step: int, turn: int) -> dict[str, Any]:
    """The header's ``parent`` of a game continued from ``path`` after its first ``step`` actions (in
    ``turn``, 0-based): the parent's absolute path, its sha256, the step and the turn."""
    return {"path": str(Path(path).resolve()), "sha256": file_sha256(path), "step": step, "turn": turn}


def read_record(path: str | Path) -> Record:
    """Parse a record file; raises RecordError naming the file, line and problem."""
    reader = _RecordReader(str(path))
    text = _read_text(path)
    lines = text.splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            reader.add(n, line)
        except RecordError as e:
            if n == len(lines) and not text.endswith("\n") and "not valid JSON" in str(e):
                raise RecordError(f"{path}:{n}: the record was cut off in the middle of this line (the file ends "
                                  "before the line does): it was truncated or is still being written") from None
            raise
    return reader.finish()


def _read_text(path: str | Path) -> str:
    """The file's text: a regular file of at most MAX_RECORD_BYTES in UTF-8 (never blocks on a pipe)."""
    try:
        return read_regular(path, max_bytes=MAX_RECORD_BYTES).decode("utf-8")
    except FileReadError as e:
        raise RecordError(f"{path}: {e}") from None
    except UnicodeDecodeError as e:
        raise RecordError(f"{path}: cannot read: not UTF-8 text (byte 0x{e.object[e.start]:02x} at offset "
                          f"{e.start})") from None


class _NotFinite(ValueError):
    """A NaN or Infinity in a JSON line (Python's json accepts them; a record never holds them)."""


def _reject_constant(name: str) -> Any:
    raise _NotFinite(name)


def parse_line(where: str, line: str) -> Any:
    """One JSON line as data; raises RecordError ``where: ...`` (``FILE:LINE``) for anything else."""
    if len(line) > MAX_LINE:
        raise RecordError(f"{where}: the line is too long ({len(line):,} characters; the limit is {MAX_LINE:,})")
    try:
        return json.loads(line, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise RecordError(f"{where}: not valid JSON ({e.msg} at column {e.colno})") from None
    except _NotFinite as e:
        raise RecordError(f"{where}: not valid JSON ({e} is not a number a record can hold)") from None
    except RecursionError:
        raise RecordError(f"{where}: not valid record data (lists or objects nested too deeply)") from None
    except ValueError:  # Python's limit on the digits of an integer
        raise RecordError(f"{where}: not valid record data (a number with too many digits)") from None


def _check_digest(where: str, digest: Any) -> str:
    """``digest`` if it is a SHA-256 in hexadecimal; else RecordError (the value shown shortened, escaped)."""
    if isinstance(digest, str) and _DIGEST.fullmatch(digest):
        return digest
    shown = repr(digest if not isinstance(digest, str) or len(digest) <= 70 else digest[:67] + "...")
    raise RecordError(f"{where}: the digest must be a SHA-256 in hexadecimal (64 digits 0-9, a-f), got {shown}")


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


@dataclass
class _RecordReader:
    """Builds a Record line by line, checking the order: header, digest -1, then per turn t its actions
    and the digest of turn t, then the end line."""

    path: str
    header: dict[str, Any] | None = None
    actions: list[dict[str, Any]] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)
    end: dict[str, Any] | None = None

    def add(self, n: int, line: str) -> None:
        """Take line ``n`` (1-based) of the file."""
        where = f"{self.path}:{n}"
        if self.end is not None:
            raise RecordError(f"{where}: unexpected line after the record's end line")
        obj = parse_line(where, line)
        kind = obj.get("type") if isinstance(obj, dict) else None
        if n == 1:
            self._header(obj, kind)
        elif kind == "end":
            self._end(where, obj)
        elif kind == "action" and isinstance(obj.get("action"), dict) and _is_int(obj.get("turn")):
            self._action(where, n, obj)
        elif kind == "digest":
            self._digest(where, obj)
        else:
            raise RecordError(f"{where}: expected an action or digest line, got {line[:60]!r}")

    def _header(self, obj: Any, kind: Any) -> None:
        path = self.path
        if kind != "header" or obj.get("format") != FORMAT:
            raise RecordError(f"{path}:1: not a {FORMAT} file (expected a header line first)")
        if obj.get("format_version") != FORMAT_VERSION:
            raise RecordError(f"{path}:1: format_version {obj.get('format_version')!r} is not supported "
                              f"(expected {FORMAT_VERSION})")
        _check_header(path, obj)
        self.header = obj

    def _action(self, where: str, n: int, obj: dict[str, Any]) -> None:
        turn = len(self.digests) - 1  # the turn after the last digest line
        if turn < 0:
            raise RecordError(f"{where}: an action before the starting digest line (turn -1)")
        if obj["turn"] != turn:
            raise RecordError(f"{where}: the action is for turn {obj['turn']}, but the digest lines so far put "
                              f"it in turn {turn}")
        self.actions.append({"turn": obj["turn"], "action": obj["action"], "line": n})

    def _digest(self, where: str, obj: dict[str, Any]) -> None:
        expected = len(self.digests) - 1
        turn, digest = obj.get("turn"), _check_digest(where, obj.get("digest"))
        if not _is_int(turn) or turn != expected:
            raise RecordError(f"{where}: the digest line's turn is {turn!r}, expected {expected} "
                              "(digest lines count turns -1, 0, 1, ... in order)")
        self.digests.append(digest)

    def _end(self, where: str, obj: dict[str, Any]) -> None:
        _check_digest(where, obj.get("digest"))
        for key in ("actions", "turns"):
            if not _is_int(obj.get(key)):
                raise RecordError(f"{where}: the end line's {key} must be a whole number, got {obj.get(key)!r}")
        self.end = obj

    def finish(self) -> Record:
        """The complete Record; raises RecordError when the file ended early or its counts disagree."""
        path, end = self.path, self.end
        if self.header is None:
            raise RecordError(f"{path}: empty record (expected a header line)")
        if end is None:
            raise RecordError(f"{path}: the record is incomplete (no end line): it was cut off or is still "
                              "being written")
        if end["actions"] != len(self.actions) or end.get("turns") != len(self.digests) - 1:
            raise RecordError(f"{path}: the end line counts {end['actions']} actions and {end.get('turns')} "
                              f"turns, the file holds {len(self.actions)} and {len(self.digests) - 1}")
        parent = self.header.get("parent")
        if parent is not None and parent["step"] > len(self.actions):
            raise RecordError(f"{path}:1: parent.step is {parent['step']}, but the record holds only "
                              f"{len(self.actions)} actions")
        return Record(self.header, self.actions, self.digests, end)


def _check_header(path: str | Path, obj: dict[str, Any]) -> None:
    """The header fields a replay needs, with the right types."""
    seed = obj.get("seed")
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**63:
        raise RecordError(f"{path}:1: seed must be a whole number >= 0, got {seed!r}")
    for key in ("scenario_path", "scenario_sha256", "scenario_id"):
        if not isinstance(obj.get(key), str):
            raise RecordError(f"{path}:1: {key} must be text, got {obj.get(key)!r}")
        try:
            plain_line(obj[key])
        except ValueError as e:
            raise RecordError(f"{path}:1: {key}: {e}") from None
    if not str(obj["scenario_path"]).endswith((".yaml", ".yml")):
        raise RecordError(f"{path}:1: scenario_path must name a .yaml scenario file")
    plans = obj.get("plans", {})
    if not isinstance(plans, dict) or not all(isinstance(k, str) and isinstance(v, str) and k.isidentifier()
                                              and v.isidentifier() for k, v in plans.items()):
        raise RecordError(f"{path}:1: plans must map sides to plan ids, got {plans!r}"[:300])
    if "parent" in obj:
        _check_parent(path, obj["parent"])


def _check_parent(path: str | Path, parent: Any) -> None:
    """A branch's ``parent``: {path: a .jsonl record, sha256, step >= 0, turn >= 0}."""
    where = f"{path}:1: parent"
    if not isinstance(parent, dict) or set(parent) != {"path", "sha256", "step", "turn"}:
        raise RecordError(f"{where} must be a mapping with path, sha256, step and turn, got {parent!r}"[:300])
    if not isinstance(parent["path"], str) or not parent["path"]:
        raise RecordError(f"{where}.path must be the parent record's file name, got {parent['path']!r}"[:300])
    try:
        plain_line(parent["path"])
    except ValueError as e:
        raise RecordError(f"{where}.path: {e}") from None
    _check_digest(f"{where}.sha256", parent["sha256"])
    for key in ("step", "turn"):
        if not _is_int(parent[key]) or parent[key] < 0:
            raise RecordError(f"{where}.{key} must be a whole number >= 0, got {parent[key]!r}")
