"""The scenarios a player can choose: every ``*.yaml`` in a folder, loaded (or found broken) and cached, in
this process and on disk (``game.scenario.cache``: the start screen's first frame needs no loader)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.core.setup import GameSetup
from game.scenario.cache import cached, load_and_store
from game.scenario.errors import ScenarioError

DEFAULT_SCENARIO = "shusha_2020_approach.yaml"

_cache: dict[tuple[str, float, int], ScenarioEntry] = {}


@dataclass(frozen=True)
class ScenarioEntry:
    """A scenario file: its loaded setup, or the problems that stop it loading."""

    path: Path
    setup: GameSetup | None = None
    problems: str = ""

    @property
    def broken(self) -> bool:
        return self.setup is None

    @property
    def title(self) -> str:
        """The scenario's title; a broken file shows its name."""
        return self.setup.title if self.setup else f"Broken: {self.path.name}"


def load_entry(path: Path, before_loading: Callable[[], None] | None = None) -> ScenarioEntry:
    """Load one scenario file (kept while the file is unchanged); never raises. ``before_loading`` is called
    first when the file is in neither cache (loading takes a while)."""
    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_mtime, st.st_size)
    except OSError as e:
        return ScenarioEntry(path, problems=f"{path}: cannot read: {e.strerror or e}")
    if key in _cache:
        return _cache[key]
    setup = cached(path)
    if setup is not None:
        entry = ScenarioEntry(path, setup=setup)
    else:
        if before_loading is not None:
            before_loading()
        try:
            entry = ScenarioEntry(path, setup=load_and_store(path))
        except ScenarioError as e:
            entry = ScenarioEntry(path, problems=str(e))
        except (OSError, ValueError, RecursionError, MemoryError) as e:  # the loader should not; never crash
            entry = ScenarioEntry(path, problems=f"{path}: cannot be loaded: {type(e).__name__}: {e}")
    _cache[key] = entry
    return entry


def scan(folder: Path, extra: str | None = None,
         before_loading: Callable[[], None] | None = None) -> list[ScenarioEntry]:
    """Every ``*.yaml`` in ``folder`` by file name, plus ``extra`` when it is a file outside it;
    ``before_loading`` is called before each file that is in neither cache is loaded."""
    try:
        paths = sorted(p for p in Path(folder).glob("*.yaml") if p.is_file())
    except OSError:
        paths = []
    if extra:
        p = Path(extra)
        if p.is_file() and all(p.resolve() != q.resolve() for q in paths):
            paths.append(p)
    return [load_entry(p, before_loading) for p in paths]


def initial_index(entries: list[ScenarioEntry], preselect: str | None) -> int:
    """Which entry to select first: ``preselect`` (a path, file name or stem), else the default scenario,
    else the first one that loads."""
    if not entries:
        return -1
    wanted: list[str] = [preselect] if preselect else []
    wanted.append(DEFAULT_SCENARIO)
    for w in wanted:
        wp = Path(w)
        for i, e in enumerate(entries):
            if (wp.is_file() and wp.resolve() == e.path.resolve()) or w in (e.path.name, e.path.stem):
                return i
    return next((i for i, e in enumerate(entries) if not e.broken), 0)
