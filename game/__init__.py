"""Shusha 1920-2020 wargame package: a headless engine (``game.core``) with edges around it."""

__version__ = "0.1.0"
