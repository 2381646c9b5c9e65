"""Loaded scenarios kept on disk between runs, so that the start screen lists them without parsing, validating
and rasterising each one again (for the Shusha scenario, about 0.7 s with the loader's imports).

An entry is the pickled GameSetup of one scenario file, in ``scenarios/`` under the user's cache folder
(``$SHUSHA_CACHE_DIR``, else ``$XDG_CACHE_HOME/shusha-wargame``, else ``~/.cache/shusha-wargame``), one file
per scenario path. It is used only while its key still matches: the path as given, the SHA-256 of the file's
bytes, the game's own code and data (every ``.py`` and ``.yaml`` file of the ``game`` package) and the
versions of Python and numpy. Anything else (no entry, an old key, a truncated, corrupt or foreign file) is a
miss: the scenario is loaded as usual and the entry rewritten atomically. A scenario with problems is never
stored (its problems are found again each time), and a cache folder that cannot be written only costs time.

Entries are pickles read back by :class:`SetupUnpickler`, which builds only what a setup is made of (the game's
own data classes, dates, numpy arrays): an entry that names anything else, such as a function that would run
code, is a miss like a damaged one. Saves and records stay versioned JSON; this is a cache. Example::

    setup = load_cached("scenarios/shusha_2020_approach.yaml")  # as load_scenario gives it; faster next time
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib
import io
import os
import pickle
import sys
from pathlib import Path

import numpy as np

from game.cachedir import user_cache
from game.core.setup import GameSetup
from game.safefile import FileReadError, read_regular
from game.scenario.yamlread import MAX_BYTES
from game.sim.record import atomic_write_bytes

SETUP_GLOBALS = {  # what a pickled setup names besides the game's data classes
    ("datetime", "datetime"), ("datetime", "timedelta"), ("datetime", "timezone"), ("datetime", "date"),
    ("numpy", "dtype"), ("numpy", "ndarray"), ("numpy._core.numeric", "_frombuffer"),
    ("numpy.core.numeric", "_frombuffer"), ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "scalar"),
    ("numpy.core.multiarray", "scalar"), ("builtins", "frozenset"), ("builtins", "set"),
}
MAGIC = b"shusha-scenario-cache 1\n"  # then the key and the body's SHA-256 (hex lines), then the pickle
HEAD_BYTES = len(MAGIC) + 2 * 65
MAX_ENTRY_BYTES = 256 << 20  # the Shusha scenario's entry is about 2 MB
GAME_PACKAGE = Path(__file__).resolve().parents[1]


def cache_dir() -> Path:
    """The game's cache folder: $SHUSHA_CACHE_DIR, else $XDG_CACHE_HOME/shusha-wargame, else
    ~/.cache/shusha-wargame."""
    env = os.environ.get("SHUSHA_CACHE_DIR")
    return Path(env) if env else user_cache()


@functools.cache
def code_fingerprint() -> str:
    """SHA-256 over the game package's ``.py`` and ``.yaml`` files (names and bytes): a new version of the
    loader, the core classes or the rule data makes every entry stale."""
    h = hashlib.sha256()
    for p in sorted(GAME_PACKAGE.rglob("*")):
        if p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts and p.is_file():
            h.update(p.relative_to(GAME_PACKAGE).as_posix().encode() + b"\0")
            h.update(p.read_bytes() + b"\0")
    return h.hexdigest()


def entry_path(path: str | os.PathLike[str]) -> Path:
    """The cache file of the scenario at ``path`` (named by the path as given)."""
    name = hashlib.sha256(os.fsencode(path)).hexdigest()[:32]
    return cache_dir() / "scenarios" / f"{name}.pickle"


def entry_key(path: str | os.PathLike[str], sha256: str) -> bytes:
    """What an entry must match to be used: the path as given, the file's SHA-256, the code, the versions."""
    parts = (os.fsencode(path), sha256.encode(), code_fingerprint().encode(), sys.version.encode(),
             np.__version__.encode(), str(pickle.HIGHEST_PROTOCOL).encode())
    return hashlib.sha256(b"\0".join(parts)).hexdigest().encode()


def load_cached(path: str | os.PathLike[str]) -> GameSetup:
    """``load_scenario(path)``, from the cache when it holds this file's setup; raises ScenarioError as
    ``load_scenario`` does."""
    setup = cached(path)
    return setup if setup is not None else load_and_store(path)


def cached(path: str | os.PathLike[str]) -> GameSetup | None:
    """The cached setup of the scenario file at ``path`` as it is now, or None."""
    try:
        raw = read_regular(path, max_bytes=MAX_BYTES)
    except FileReadError:
        return None  # the loader says what is wrong, in its words
    try:
        return read_entry(path, hashlib.sha256(raw).hexdigest())
    except OSError:  # the game's own files could not be read for the key
        return None


def load_and_store(path: str | os.PathLike[str]) -> GameSetup:
    """``load_scenario(path)``, then its setup stored in the cache."""
    from game.scenario.load import load_scenario  # pydantic, the schema, tcod: only on a miss

    setup = load_scenario(path)
    write_entry(path, setup)
    return setup


def read_entry(path: str | os.PathLike[str], sha256: str) -> GameSetup | None:
    """The cached setup of the file at ``path`` whose bytes have ``sha256``, or None (no usable entry)."""
    try:
        data = read_regular(entry_path(path), max_bytes=MAX_ENTRY_BYTES)
    except FileReadError:
        return None
    body = data[HEAD_BYTES:]
    if data[:HEAD_BYTES] != _head(path, sha256, body):
        return None  # another file's, an old key, or damaged
    try:
        setup = SetupUnpickler(io.BytesIO(body)).load()
    except Exception:  # a damaged entry can fail in many ways: it is only a miss
        return None
    if not isinstance(setup, GameSetup) or setup.sha256 != sha256 or setup.source_path != str(path):
        return None
    return setup


class SetupUnpickler(pickle.Unpickler):
    """Unpickles a setup and nothing else: a global is allowed only if it is a data class of ``game.core`` or in
    :data:`SETUP_GLOBALS` (anything else raises UnpicklingError, so no entry can make the game run code)."""

    def find_class(self, module: str, name: str) -> object:
        if (module, name) in SETUP_GLOBALS:
            return super().find_class(module, name)
        if module.startswith("game.core.") and "." not in name:
            obj = getattr(importlib.import_module(module), name, None)
            if isinstance(obj, type) and dataclasses.is_dataclass(obj):
                return obj
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a scenario setup")


def write_entry(path: str | os.PathLike[str], setup: GameSetup) -> None:
    """Store ``setup`` (loaded from ``path``) atomically; best effort: a cache that cannot be written is
    skipped silently."""
    try:
        body = pickle.dumps(setup, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write_bytes(entry_path(path), _head(path, setup.sha256, body) + body)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):  # unwritable; a class pickle refuses
        pass


def _head(path: str | os.PathLike[str], sha256: str, body: bytes) -> bytes:
    return MAGIC + entry_key(path, sha256) + b"\n" + hashlib.sha256(body).hexdigest().encode() + b"\n"
