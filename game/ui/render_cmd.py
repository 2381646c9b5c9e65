"""``python -m game render SCENARIO --out map.png [--units] [--fog SIDE] [--px N]``: the map as a PNG.

Headless: no window is opened (SDL's dummy video driver is used when no display is set). With
``--units`` the scenario's starting units are drawn; with ``--fog SIDE`` that side's fog of war from a
fresh ``Engine(setup, seed=1)`` is shaded and, with ``--units``, only the enemy units that side has
spotted are shown. Exit 0 on success, 2 with a message for a bad scenario, side, size or output path.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

MAX_PX = 32


def render_main(scenario: str, out: str, units: bool = False, fog: str | None = None, px: int = 8) -> int:
    """Render ``scenario``'s map to the PNG ``out``; returns the process exit code."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if not 1 <= px <= MAX_PX:
        return _fail(f"--px must be between 1 and {MAX_PX}, got {px}")
    target = Path(out)
    problem = _check_output(target)
    if problem:
        return _fail(problem)
    from game.scenario.errors import ScenarioError
    from game.scenario.load import load_scenario

    try:
        setup = load_scenario(scenario)
    except ScenarioError as e:
        return _fail(str(e))
    if fog is not None and fog not in setup.sides:
        return _fail(f"--fog: unknown side {fog!r} (sides: {', '.join(setup.sides)})")
    import pygame

    from game.ui.compose import compose_map

    surf = compose_map(setup, px=px, units=units, fog_side=fog)
    tmp = target.with_name(f".{target.stem}.tmp.png")
    try:
        pygame.image.save(surf, str(tmp))
        os.replace(tmp, target)
    except (OSError, pygame.error) as e:
        tmp.unlink(missing_ok=True)
        return _fail(f"{out}: cannot write: {e}")
    w, h = surf.get_size()
    print(f"wrote {out} ({w}x{h} px, {px} px per cell)")
    return 0


def _check_output(target: Path) -> str | None:
    """A message if ``target`` cannot be a PNG we can write, else None."""
    if target.suffix.lower() != ".png":
        return f"{target}: the output must be a .png file"
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        return f"{target}: cannot write: directory {parent} does not exist"
    if target.is_dir():
        return f"{target}: cannot write: it is a directory"
    if not os.access(parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        return f"{target}: cannot write: permission denied"
    return None


def _fail(message: str) -> int:
    print(f"render: {message}", file=sys.stderr)
    return 2
