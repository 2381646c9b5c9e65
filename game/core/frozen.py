"""Helpers for the frozen dataclasses of the game.

:class:`Frozen` is the base of those a game's setup is made of: they pickle by calling the class with their
fields. A frozen class compiled by the native build (``game.native``) cannot be unpickled field by field, and
the scenario cache (``game.scenario.cache``) and process pools pickle setups; uncompiled it works the same.

:func:`quick_init` gives the small records made by the thousand in every game (events, actions, results) an
``__init__`` about twice as quick as the one ``@dataclass(frozen=True)`` writes, and changes nothing else.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any, TypeVar

T = TypeVar("T")


class Frozen:
    """Mixin for ``@dataclass(frozen=True)`` classes whose fields are all ``__init__`` arguments."""

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return type(self), tuple(getattr(self, f.name) for f in fields(self))  # type: ignore[arg-type]


def quick_init(cls: type[T]) -> type[T]:
    """Replace the ``__init__`` of a frozen dataclass by one with the same parameters and defaults that puts the
    fields straight into the new instance's ``__dict__`` (the dataclass's own sets each one through
    ``object.__setattr__``). The instances stay frozen (assigning a field still raises
    ``FrozenInstanceError``) and compare, hash, print, pickle and ``dataclasses.replace`` as before.

    Apply it above ``@dataclass(frozen=True)``, to each class (a subclass gets its own dataclass ``__init__``)::

        @quick_init
        @dataclass(frozen=True)
        class Hold(Action):
            unit: str

    Only for plain fields: a default factory, ``init=False``, keyword-only fields, ``__post_init__`` or
    ``__slots__`` raise TypeError here, at import.
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen:
        raise TypeError(f"quick_init: {cls.__name__} is not a frozen dataclass")
    if hasattr(cls, "__post_init__") or not getattr(cls, "__dictoffset__", 0):
        raise TypeError(f"quick_init: {cls.__name__} has __post_init__ or no instance __dict__")
    args: list[str] = []
    body: list[str] = []
    defaults: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if (not f.init or f.kw_only is True or f.default_factory is not MISSING
                or f.name in ("self", "_fields")):
            raise TypeError(f"quick_init: field {cls.__name__}.{f.name} is not a plain field")
        if f.default is MISSING:
            args.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            args.append(f"{f.name}=_default_{f.name}")
        body.append(f"    _fields[{f.name!r}] = {f.name}")
    if not body:
        return cls  # nothing to set
    source = "\n".join([f"def __init__(self, {', '.join(args)}):", "    _fields = self.__dict__", *body])
    namespace: dict[str, Any] = {}
    exec(source, defaults, namespace)  # as dataclasses and namedtuple make their methods
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = dict(cls.__init__.__annotations__)
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
