"""``python -m game render``: writes a PNG headless; exit 2 with a message for bad input."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402

from game.cli import main  # noqa: E402
from tests.conftest import TINY  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    return subprocess.run([sys.executable, "-m", "game", "render", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_render_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    p = run(str(TINY), "--out", str(out), "--units", "--fog", "attacker", "--px", "6")
    assert p.returncode == 0, p.stderr
    img = pygame.image.load(str(out))
    assert img.get_size() == (16 * 6, 12 * 6)
    assert not list(tmp_path.glob(".*tmp*"))


def test_missing_scenario_exits_2(tmp_path: Path) -> None:
    p = run(str(tmp_path / "nope.yaml"), "--out", str(tmp_path / "m.png"))
    assert p.returncode == 2
    assert "nope.yaml" in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "m.png").exists()


def test_bad_output_side_and_px_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["render", str(TINY), "--out", str(tmp_path / "no" / "dir" / "m.png")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["render", str(TINY), "--out", str(tmp_path / "m.jpg")]) == 2
    assert main(["render", str(TINY), "--out", str(tmp_path / "m.png"), "--fog", "martians"]) == 2
    assert "martians" in capsys.readouterr().err
    assert main(["render", str(TINY), "--out", str(tmp_path / "m.png"), "--px", "0"]) == 2
    assert main(["render", str(TINY), "--out", str(tmp_path / "m.png"), "--px", "3"]) == 0
    assert (tmp_path / "m.png").is_file()
