"""The game's folder in the user's cache: ``$XDG_CACHE_HOME/shusha-wargame``, else ``~/.cache/shusha-wargame``
(scenario setups, ``game.scenario.cache``; native builds, ``game.native``; each with its own override)."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache() -> Path:
    """``$XDG_CACHE_HOME/shusha-wargame`` (an absolute XDG_CACHE_HOME only), else ``~/.cache/shusha-wargame``."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache") / "shusha-wargame"
