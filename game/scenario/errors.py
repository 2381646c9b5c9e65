"""Scenario problems with file:line:col positions, and the exception that carries them.

Example: ``Problem("s.yaml", 12, 7, ("forces", 0, "units", 2, "at", "cell"), "expected a list [row, col]")``
prints as ``s.yaml:12:7: forces.0.units.2.at.cell: expected a list [row, col]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

KeyPath = tuple[str | int, ...]
Mark = tuple[int, int]  # 1-based (line, col)


def format_path(path: KeyPath | None) -> str:
    """Return ``a.0.b`` for a key path; ``(top)`` for the document itself."""
    if path is None:
        return ""
    return ".".join(str(p) for p in path) if path else "(top)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file. ``line`` 0 means no position; ``path`` None means no key path."""

    file: str
    line: int
    col: int
    path: KeyPath | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line > 0 else self.file
        if self.path is None:
            return f"{where}: {self.message}"
        return f"{where}: {format_path(self.path)}: {self.message}"

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.line, self.col)


class ScenarioError(Exception):
    """A scenario or rule file that cannot be loaded; ``problems`` lists everything found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Reporter:
    """Collects problems for one file, locating each key path by the YAML node marks.

    ``marks`` maps key paths to value-node marks; ``key_marks`` maps a mapping entry's path to the mark
    of its key. A path that does not exist is placed at the deepest existing node on it.
    """

    file: str
    marks: Mapping[KeyPath, Mark] = field(default_factory=dict)
    key_marks: Mapping[KeyPath, Mark] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def mark(self, path: KeyPath, *, at_key: bool = False) -> Mark:
        """Return the (line, col) for ``path``: its key or value node, else its deepest existing prefix."""
        if at_key and path in self.key_marks:
            return self.key_marks[path]
        for n in range(len(path), -1, -1):
            m = self.marks.get(path[:n])
            if m is not None:
                return m
        return (1, 1)

    def add(self, path: KeyPath, message: str, *, at_key: bool = False) -> None:
        """Record a problem at ``path``."""
        line, col = self.mark(path, at_key=at_key)
        self.problems.append(Problem(self.file, line, col, path, message))

    def add_at(self, line: int, col: int, path: KeyPath | None, message: str) -> None:
        """Record a problem at an explicit position."""
        self.problems.append(Problem(self.file, line, col, path, message))

    def sorted(self) -> list[Problem]:
        """Problems in file order (stable for problems on the same mark), without exact duplicates."""
        seen: set[Problem] = set()
        out: list[Problem] = []
        for p in sorted(self.problems, key=lambda p: p.sort_key):
            if p not in seen:
                seen.add(p)
                out.append(p)
        return out

    def raise_if_any(self) -> None:
        """Raise ScenarioError with all problems recorded so far, if there are any."""
        if self.problems:
            raise ScenarioError(self.sorted())
