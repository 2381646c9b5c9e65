"""``python -m game validate FILE...``: print ``file: ok`` or one ``file:line:col: path: message`` per problem."""

from __future__ import annotations

import sys
from typing import TextIO

from game.scenario.errors import Problem, ScenarioError
from game.scenario.load import load_scenario


def check_file(path: str) -> list[Problem]:
    """All problems of one scenario file (empty when it loads); never raises for a bad file."""
    try:
        load_scenario(path)
    except ScenarioError as e:
        return e.problems
    except RecursionError:
        return [Problem(path, 0, 0, None, "structure too deeply nested")]
    except MemoryError:
        return [Problem(path, 0, 0, None, "too large to load into memory")]
    return []


def validate_main(files: list[str], *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Validate each file; exit code 0 when all are valid, 2 when any has a problem."""
    out = out or sys.stdout
    err = err or sys.stderr
    status = 0
    for path in files:
        problems = check_file(path)
        if problems:
            status = 2
            for p in problems:
                print(p, file=err)
        else:
            print(f"{path}: ok", file=out)
    return status
