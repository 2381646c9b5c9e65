"""Events, actions and results, whose ``__init__`` ``quick_init`` writes, behave exactly as the frozen dataclasses
they are: same parameters and defaults, frozen, equal, hashable, printable, picklable, replaceable."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from typing import Any

import pytest

from game.core import actions as A
from game.core import events as E
from game.core.engine import Result
from game.core.frozen import quick_init


def concrete(base: type) -> list[type]:
    """``base`` and every class derived from it."""
    return [base] + [c for sub in base.__subclasses__() for c in concrete(sub)]


RECORDS = sorted({c for c in (*concrete(E.Event), *concrete(A.Action), Result) if dataclasses.fields(c)},
                 key=lambda c: c.__qualname__)


def sample(cls: type) -> dict[str, Any]:
    """A value of the right type for each field of ``cls`` (not its default)."""
    values = {"turn": 3, "seen_by": ("attacker",), "path": ((1, 2), (1, 3)), "disputed": True, "won": True,
              "taken": True, "indirect": True, "ok": True, "events": (E.Notice(1, "n"),), "losses": (4, 5),
              "targets": ("d1", "d2"), "distance_m": 812.5, "hours": 1.5, "minutes_left": 30.0,
              "casualties": 7, "cells": 12}
    out: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in values:
            out[f.name] = values[f.name]
        elif "Cell" in str(f.type):
            out[f.name] = (5, 6)
        else:
            out[f.name] = f"{f.name}-x"
    return out


def dataclass_signature(cls: type) -> list[tuple[str, Any]]:
    """The (name, default) of each ``__init__`` parameter the dataclass itself would declare."""
    return [(f.name, f.default if f.default is not dataclasses.MISSING else inspect.Parameter.empty)
            for f in dataclasses.fields(cls)]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__qualname__)
def test_a_record_built_by_the_quick_init_is_the_frozen_dataclass_it_was(cls: type) -> None:
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [(p.name, p.default) for p in params] == dataclass_signature(cls)
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params)
    kwargs = sample(cls)
    rec = cls(**kwargs)
    assert {f.name: getattr(rec, f.name) for f in dataclasses.fields(cls)} == kwargs
    assert rec == cls(*kwargs.values()) and hash(rec) == hash(cls(*kwargs.values()))
    assert dataclasses.asdict(rec) == dataclasses.asdict(cls(**kwargs))
    assert repr(rec).startswith(f"{cls.__name__}(") and pickle.loads(pickle.dumps(rec)) == rec
    for name in kwargs:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(rec, name, None)
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(rec, name)
    first = next(iter(kwargs))
    assert getattr(dataclasses.replace(rec, **{first: kwargs[first]}), first) == kwargs[first]
    required = [n for n, d in dataclass_signature(cls) if d is inspect.Parameter.empty]
    if required:
        with pytest.raises(TypeError, match=required[-1]):
            cls(**{k: v for k, v in kwargs.items() if k != required[-1]})
    with pytest.raises(TypeError, match="no_such_field"):
        cls(**kwargs, no_such_field=1)


def test_the_defaults_are_those_of_the_dataclass() -> None:
    ev = E.UnitMoved(2, "moved")
    assert (ev.seen_by, ev.unit, ev.frm, ev.to, ev.hours, ev.path) == ((), "", (0, 0), (0, 0), 0.0, ())
    assert A.Move("a1", (3, 4)).path is None and A.Fire("a1", "d1").weapon is None
    assert Result(False) == Result(False, "", ())


def test_quick_init_refuses_what_it_cannot_copy() -> None:
    @dataclasses.dataclass
    class Mutable:
        x: int

    @dataclasses.dataclass(frozen=True)
    class Factory:
        xs: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True)
    class Later:
        x: int

        def __post_init__(self) -> None:
            pass

    @dataclasses.dataclass(frozen=True, slots=True)
    class Slotted:
        x: int

    for cls in (Mutable, Factory, Later, Slotted):
        with pytest.raises(TypeError, match="quick_init"):
            quick_init(cls)
