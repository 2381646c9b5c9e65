"""The scenarios a player can choose: every ``*.yaml`` in a folder, loaded (or found broken) and cached."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.core.setup import GameSetup
from game.scenario.errors import ScenarioError
from game.scenario.load import load_scenario

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


def load_entry(path: Path) -> ScenarioEntry:
    """Load one scenario file (cached while the file is unchanged); never raises."""
    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_mtime, st.st_size)
    except OSError as e:
        return ScenarioEntry(path, problems=f"{path}: cannot read: {e.strerror or e}")
    if key in _cache:
        return _cache[key]
    try:
        entry = ScenarioEntry(path, setup=load_scenario(path))
    except ScenarioError as e:
        entry = ScenarioEntry(path, problems=str(e))
    except (OSError, ValueError, RecursionError, MemoryError) as e:  # the loader should not, but never crash
        entry = ScenarioEntry(path, problems=f"{path}: cannot be loaded: {type(e).__name__}: {e}")
    _cache[key] = entry
    return entry


def scan(folder: Path, extra: str | None = None) -> list[ScenarioEntry]:
    """Every ``*.yaml`` in ``folder`` by file name, plus ``extra`` when it is a file outside it."""
    try:
        paths = sorted(p for p in Path(folder).glob("*.yaml") if p.is_file())
    except OSError:
        paths = []
    if extra:
        p = Path(extra)
        if p.is_file() and all(p.resolve() != q.resolve() for q in paths):
            paths.append(p)
    return [load_entry(p) for p in paths]


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
