"""The base of the frozen dataclasses a game's setup is made of: they pickle by calling the class with their
fields. A frozen class compiled by the native build (``game.native``) cannot be unpickled field by field, and
the scenario cache (``game.scenario.cache``) and process pools pickle setups; uncompiled it works the same."""

from __future__ import annotations

from dataclasses import fields
from typing import Any


class Frozen:
    """Mixin for ``@dataclass(frozen=True)`` classes whose fields are all ``__init__`` arguments."""

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return type(self), tuple(getattr(self, f.name) for f in fields(self))  # type: ignore[arg-type]
