"""The optional compiled build (``python -m game build-native``): used only for exactly the sources on disk, and
games play the same with it as without it.

CI builds it (``SHUSHA_REQUIRE_NATIVE=1``), so there the tests that need a build fail instead of being skipped."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import game
from game import native
from tests.conftest import SHUSHA_PATH

ROOT = Path(game.__file__).resolve().parents[1]
PLAY = """
import sys
sys.path.insert(0, sys.argv[1])
import game
from game import native
native.activate()
import game.core.units
from game.sim.run import GameRunner
print(game.core.units.__file__)
print(native.status())
print(GameRunner.from_path(sys.argv[2]).result(int(sys.argv[3]), {}).digest)
"""


@pytest.fixture
def native_build() -> Path:
    """The build in use in this process; skipped without one, except where one is required (CI)."""
    where = native.active()
    if where is None:
        if os.environ.get("SHUSHA_REQUIRE_NATIVE") == "1":
            pytest.fail(f"SHUSHA_REQUIRE_NATIVE=1 but {native.status()}")
        pytest.skip(native.status())
    return where


def play_in_child(root: Path, seed: int, **env: str) -> tuple[str, str, str]:
    """(units module file, status line, final digest) of a game played in a fresh interpreter on ``root``."""
    out = subprocess.run([sys.executable, "-c", PLAY, str(root), str(SHUSHA_PATH), str(seed)], text=True,
                         capture_output=True, check=True, env={**os.environ, **env}, cwd=root)
    units_file, status, digest = out.stdout.strip().splitlines()[-3:]
    return units_file, status, digest


def test_the_compiled_modules_are_the_ones_loaded(native_build: Path) -> None:
    import game.ai.plan_policy
    import game.core.units

    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    for mod in (game.core.units, game.ai.plan_policy):
        assert mod.__file__ is not None and mod.__file__.endswith(suffix), mod.__file__
        assert native_build in Path(mod.__file__).parents  # (mypyc names it after the source under the build)
    assert "in use" in native.status()


def test_native_and_pure_python_play_exactly_the_same_game(native_build: Path) -> None:
    pure_file, pure_status, pure_digest = play_in_child(ROOT, 3, SHUSHA_NATIVE="0")
    fast_file, fast_status, fast_digest = play_in_child(ROOT, 3)
    assert pure_file.endswith(".py") and "SHUSHA_NATIVE=0" in pure_status
    assert fast_file.endswith(sysconfig.get_config_var("EXT_SUFFIX")) and "in use" in fast_status
    assert fast_digest == pure_digest


def test_the_headless_commands_use_the_build_and_the_window_does_not(native_build: Path, tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "game", "compare", str(SHUSHA_PATH), "--plans", "historical",
                          "--runs", "1", "--jobs", "1", "--no-progress", "--out", str(tmp_path / "cmp")],
                         text=True, capture_output=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "(native build)" in out.stdout
    probe = ("import sys, types; fake = types.ModuleType('game.ui.app'); fake.play_main = lambda *a, **k: 0; "
             "sys.modules['game.ui.app'] = fake; from game import native; from game.cli import main; "
             "main(['play']); print(native.active())")
    out = subprocess.run([sys.executable, "-c", probe], text=True, capture_output=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "None"  # the window's command leaves the compiled modules alone


def test_the_c_dijkstra_gives_scipys_distances_on_every_planning_graph(native_build: Path, shusha) -> None:
    """The build's C Dijkstra (game/ai/_griddist.c) and scipy's agree cell for cell: on windows of every class,
    climbing or not, every route style, with goals anywhere (also where nothing reaches them) and the whole map."""
    import numpy as np

    from game.ai.fields import FieldCache, distances_to, native_griddist, scipy_distances_to, steps_by_cell

    assert native_griddist() is not None and native_build in Path(native_griddist().__file__).parents
    fields, rng, checked, unreachable = FieldCache(shusha), np.random.default_rng(5), 0, 0
    rows, cols = shusha.grid.shape
    for mc in shusha.grid.table.move_classes:
        for climb in (False, True):
            for style in ("fastest", "concealed", "road"):
                by_cell = steps_by_cell(fields.graph(mc, climb, style))
                boxes = [(0, 0, rows, cols)] + [(t, left, t + int(rng.integers(1, 70)), left + int(rng.integers(1, 70)))
                                                for t, left in rng.integers(0, min(rows, cols) - 1, (6, 2))]
                for top, left, bottom, right in boxes:
                    window = by_cell[top:bottom, left:right]
                    goal = (int(rng.integers(0, window.shape[0])), int(rng.integers(0, window.shape[1])))
                    fast, reference = distances_to(window, goal), scipy_distances_to(window, goal)
                    assert fast.dtype == reference.dtype == np.int32
                    np.testing.assert_array_equal(fast, reference)
                    checked += 1
                    unreachable += int((reference == np.iinfo(np.int32).max).any())
    assert checked >= 40 and unreachable > 0  # (windows cut by cliffs and rivers: cells no path reaches)


def test_the_c_dijkstra_gives_scipys_distances_for_any_spread_of_step_costs(native_build: Path) -> None:
    """Costs within a few hundredfold of each other go by the bucket queue, costs spread farther (1 s next to
    a million) by the binary heap: scipy's distances either way, with odd least costs and cells cut off."""
    import numpy as np

    from game.ai.fields import distances_to, scipy_distances_to

    rng = np.random.default_rng(11)
    for low, high in ((1, 2), (37, 5000), (250, 43762), (1, 1_000_000)):
        for _ in range(5):
            rows, cols = (int(x) for x in rng.integers(1, 40, 2))
            steps = rng.integers(low, high + 1, (rows, cols, 8)).astype(np.int32)
            steps[rng.random(steps.shape) < 0.3] = 0
            goal = (int(rng.integers(0, rows)), int(rng.integers(0, cols)))
            np.testing.assert_array_equal(distances_to(steps, goal), scipy_distances_to(steps, goal))


def test_the_c_dijkstra_refuses_a_window_that_does_not_fit(native_build: Path) -> None:
    import numpy as np

    from game.ai.fields import native_griddist
    from game.core.grid import DIRS

    steps, out = np.ones((3, 4, 8), dtype=np.int32), np.empty((3, 4), dtype=np.int32)
    native_griddist().distances(steps, out, 3, 4, 0, DIRS)
    assert out[0, 0] == 0 and out[2, 3] == 3  # three diagonal steps of one second
    for bad in ((steps, out, 3, 4, 12, DIRS), (steps, np.empty((3, 3), dtype=np.int32), 3, 4, 0, DIRS),
                (steps, out, 3, 4, 0, DIRS[:7])):
        with pytest.raises(ValueError):
            native_griddist().distances(*bad)


def test_the_c_viewshed_gives_numpys_window_on_every_cell(native_build: Path, shusha) -> None:
    """The build's C viewshed (game/core/_viewshed.c) and numpy's agree cell for cell at every radius games use
    and a few more: observers on every edge cell and corner of the map and a sample of its inside, and on
    made-up grids whose heights carry every bit of a float32 (sight lines that just graze a treetop)."""
    import copy

    import numpy as np

    from game.core.los import _ray_cells, native_viewshed, numpy_viewshed, viewshed, window_origin

    assert native_viewshed() is not None and native_build in Path(native_viewshed().__file__).parents
    grid, rng = shusha.grid, np.random.default_rng(8)
    rows, cols = grid.shape
    edge = [(r, c) for r in range(rows) for c in (0, 1, cols - 2, cols - 1)]
    edge += [(r, c) for r in (0, 1, rows - 2, rows - 1) for c in range(cols)]
    inside = [(int(r), int(c)) for r, c in rng.integers(0, (rows, cols), (400, 2))]
    made_up = copy.copy(grid)
    made_up.elevation = (grid.elevation + rng.normal(0, 30, grid.shape)).astype(np.float32)
    made_up.sight_height = (made_up.elevation + rng.choice([0.0, 0.0, 7.3, 19.9, 25.0], grid.shape)
                            * rng.random(grid.shape)).astype(np.float32)
    differing, hidden = 0, 0
    for radius in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 18, 20, 27, 40):
        step = 1 if radius <= 6 else (3 if radius <= 20 else 12)
        for g in (grid, made_up):
            for obs in (edge + inside)[::step]:
                fast = viewshed(g, obs, radius)
                top, left = window_origin(g, obs, radius)
                whole = numpy_viewshed(g, obs, radius)
                reference = whole[top - obs[0] + radius:, left - obs[1] + radius:][:fast.shape[0], :fast.shape[1]]
                assert fast.dtype == np.bool_ and fast.shape == reference.shape
                differing += int((fast != reference).sum())
                dr, dc = _ray_cells(radius)[:2]
                hidden += int((~whole[dr + radius, dc + radius]).sum())  # targets within the circle not seen
    assert differing == 0 and hidden > 1000


def test_the_c_viewshed_rounds_the_sight_line_as_numpy_does(native_build: Path, shusha) -> None:
    """A treetop that grazes the sight line: numpy computes the line's rise in float32 (NumPy 2 promotion rules),
    and in float64 this treetop would hide the target. The C viewshed sees the target, as numpy does."""
    import copy

    import numpy as np

    from game.core.los import numpy_viewshed, viewshed

    for ground, top, target in ((1631.7071533203125, 820.5921020507812, 5.4770002365112305),
                                (1459.3109130859375, 907.3110961914062, 351.3112487792969)):
        line = ground + 2 + 0.5 * (target + 2 - (ground + 2))  # in float64 all the way
        assert top > line  # (so computed, the treetop blocks)
        tiny = copy.copy(shusha.grid)
        tiny.elevation = np.array([[ground, target, target]], dtype=np.float32)
        tiny.sight_height = np.array([[ground, top, target]], dtype=np.float32)
        tiny.shape = (1, 3)
        reference = numpy_viewshed(tiny, (0, 0), 2)[2:3, 2:5]
        assert reference.tolist() == [[True, True, True]]
        np.testing.assert_array_equal(viewshed(tiny, (0, 0), 2), reference)


def test_the_c_viewshed_refuses_buffers_that_do_not_fit(native_build: Path) -> None:
    import numpy as np

    from game.core.los import _ray_cells, native_viewshed

    ground, rays, out = np.zeros((3, 4), dtype=np.float32), _ray_cells(1), np.empty((3, 3), dtype=bool)
    native_viewshed().viewshed(ground, ground, 3, 4, 0, 0, 1, *rays, out)
    # flat ground: the own cell and those within the circle of 1 cell are seen, the corners are beyond it
    assert out.tolist() == [[False, True, False], [True, True, True], [False, True, False]]
    for bad, error in (((ground.astype(np.float64), ground, 3, 4, 0, 0, 1, *rays, out), TypeError),
                       ((ground, ground, 3, 4, 0, 0, 1, *rays, out.astype(np.int32)), TypeError),
                       ((ground, ground, 3, 4, 3, 0, 1, *rays, out), ValueError),
                       ((ground, ground, 3, 4, 0, 0, 2, *rays, out), ValueError)):
        with pytest.raises(error):
            native_viewshed().viewshed(*bad)


def test_an_edited_source_is_never_run_from_an_older_build(native_build: Path, tmp_path: Path) -> None:
    copy = tmp_path / "checkout"
    shutil.copytree(ROOT / "game", copy / "game", ignore=shutil.ignore_patterns("__pycache__"))
    assert native.sources_digest(copy / "game") == native.sources_digest()
    with open(copy / "game" / "core" / "rules" / "combat.py", "a", encoding="utf-8") as f:
        f.write("\n# an edit\n")
    assert native.sources_digest(copy / "game") != native.sources_digest()
    units_file, status, _ = play_in_child(copy, 3)
    assert units_file == str(copy / "game" / "core" / "units.py")
    assert "no native build for these sources" in status and "build-native" in status


def test_a_build_with_a_missing_file_is_no_build(tmp_path: Path) -> None:
    (tmp_path / "a.so").write_bytes(b"")
    (tmp_path / native.MANIFEST).write_text(json.dumps({"files": {"game.core.units": "a.so"}}))
    assert native.read_manifest(tmp_path) == {"game.core.units": "a.so"}
    (tmp_path / native.MANIFEST).write_text(json.dumps({"files": {"game.core.units": "b.so"}}))
    assert native.read_manifest(tmp_path) is None
    (tmp_path / native.MANIFEST).write_text("{not json")
    assert native.read_manifest(tmp_path) is None


def test_without_a_c_compiler_the_build_says_so_and_the_game_goes_on(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("mypyc")
    monkeypatch.setenv(native.ENV_DIR, str(tmp_path))
    real = sysconfig.get_config_var
    monkeypatch.setattr(sysconfig, "get_config_var", lambda k: "no-such-cc -pthread" if k == "CC" else real(k))
    assert native.build_main() == 1
    err = capsys.readouterr().err
    assert "no C compiler (no-such-cc) found" in err and "The game runs without it" in err
    assert list(tmp_path.iterdir()) == []  # nothing half-made left behind


def test_a_unit_copy_keeps_every_field() -> None:
    """``Unit.copy`` names every field (for the compiled build): a field added later must be copied too."""
    from dataclasses import fields

    from game.core.units import Unit

    values = {"id": "u", "side": "attacker", "type_id": "t", "name": "U", "row": 3, "col": 4, "strength": 7,
              "climb_to": (5, 6), "posture": "dug_in"}
    u = Unit(**values)
    for f in fields(Unit):
        if f.name not in values:
            old = getattr(u, f.name)
            setattr(u, f.name, (not old) if isinstance(old, bool) else old + 1)
    twin = u.copy()
    assert twin is not u
    assert twin.as_dict() == u.as_dict() and all(getattr(twin, f.name) == getattr(u, f.name) for f in fields(Unit))
    assert set(u.as_dict()) == {f.name for f in fields(Unit)}


def test_the_compiled_modules_type_check(tmp_path: Path) -> None:
    """mypyc compiles only code that type-checks: an edit that breaks it would make ``build-native`` fail."""
    pytest.importorskip("mypy")
    paths = [str(Path(*m.split("."))) + ".py" for m in native.MODULES]
    out = subprocess.run([sys.executable, "-m", "mypy", *native.MYPY_FLAGS, f"--cache-dir={tmp_path}", *paths],
                         cwd=ROOT, text=True, capture_output=True)
    assert out.returncode == 0, out.stdout[-3000:]
