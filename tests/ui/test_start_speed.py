"""The start screen opens quickly (issue 3: its first frame within 1.5 s of ``python -m game play``): it is
drawn before the loader, the engine, the AI and tcod are imported, complete by its second frame, and a
scenario that is not cached yet gets a "Loading the scenarios" frame first instead of a window left black.
The times themselves: ``benchmarks/bench_client.py``."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui import catalogue  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.start import StartScreen  # noqa: E402
from game.ui.style import draw_backdrop  # noqa: E402
from tests.conftest import TINY  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# what the start screen does without: each takes a noticeable part of a second to import
HEAVY = ("tcod", "scipy", "matplotlib", "pydantic", "game.scenario.load", "game.core.engine", "game.ai",
         "game.play.session")

# ``python -m game play --frames 5``, reporting the heavy modules present at the first flip and at the end
RUN = f"""
import json, runpy, sys
import pygame
HEAVY = {HEAVY!r}
_flip, seen = pygame.display.flip, []
def flip():
    _flip()
    if not seen:
        seen.append([m for m in HEAVY if m in sys.modules])
pygame.display.flip = flip
sys.argv = ["game", "play", "--frames", "5"]
try:
    runpy.run_module("game", run_name="__main__", alter_sys=True)
finally:
    from game.ui import warmup
    warmup.wait()
    print(json.dumps({{"first": seen[0], "end": [m for m in HEAVY if m in sys.modules]}}))
"""


def run_play(cache: Path) -> dict[str, list[str]]:
    env = {**os.environ, "SHUSHA_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", RUN], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_frame_comes_before_the_heavy_imports(tmp_path: Path) -> None:
    cold = run_play(tmp_path)  # an empty cache: the "Loading the scenarios" frame comes first
    assert cold["first"] == []
    warm = run_play(tmp_path)  # the start screen itself
    assert warm["first"] == []
    # behind the shown screen the session (engine, AI, tcod) is imported, so that Start does not wait for it
    assert {"game.play.session", "game.core.engine", "tcod"} <= set(warm["end"])
    assert "pydantic" not in warm["end"] and "game.scenario.load" not in warm["end"]  # nothing was loaded


def briefing_drawn(app: App, scr: StartScreen) -> bool:
    """Whether the briefing box shows on the window (its area is not bare backdrop)."""
    bare = pygame.Surface(app.ctx.size)
    draw_backdrop(bare)
    area = scr._briefing_rect
    return pygame.image.tobytes(app.ctx.surface.subsurface(area), "RGB") != \
        pygame.image.tobytes(bare.subsurface(area), "RGB")


def test_the_screen_is_complete_by_its_second_frame(tmp_path: Path) -> None:
    app = App(size=(1280, 800), saves=tmp_path)
    scr = app.screen
    assert isinstance(scr, StartScreen)
    app.step([])
    assert scr.start_button.is_enabled and scr.scenario_list.get_single_selection() is not None
    app.step([])
    assert briefing_drawn(app, scr)
    assert "Shusha" in scr.briefing.html_text
    pygame.quit()


def test_a_scenario_not_cached_yet_shows_a_loading_frame_first(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHUSHA_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(TINY, folder / "tiny.yaml")
    app = App(size=(1280, 800), saves=tmp_path)
    app.ctx.scenarios = folder
    shown: list[pygame.Surface] = []
    monkeypatch.setattr(pygame.display, "flip", lambda: shown.append(app.ctx.surface.copy()))
    scr = StartScreen(app.ctx)
    assert len(shown) == 1 and scr.entry is not None and scr.entry.title == "Tiny test map"
    bare = pygame.Surface(app.ctx.size)
    draw_backdrop(bare)
    centre = pygame.Rect(0, 0, 600, 80)
    centre.center = (640, 400)
    assert pygame.image.tobytes(shown[0].subsurface(centre), "RGB") != \
        pygame.image.tobytes(bare.subsurface(centre), "RGB")  # the notice's text is on it
    scr.close()
    monkeypatch.setattr(catalogue, "_cache", {})  # as in a new process: only the disk cache holds it
    StartScreen(app.ctx).close()
    assert len(shown) == 1  # no loading frame: it came from the cache
    pygame.quit()
