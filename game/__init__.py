"""Shusha 1920-2020 wargame package: a headless engine (``game.core``) with edges around it."""

from game import native as _native

__version__ = "0.1.0"

_native.activate()  # the compiled hot modules, if a build of exactly these sources exists (see game.native)
