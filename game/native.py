"""An optional compiled build (mypyc) of the engine's and the AI's hot modules: the same code, faster.

``python -m game build-native`` compiles :data:`MODULES` with mypyc into a cache directory named by a digest of
the engine's and the AI's sources (``game/core``, ``game/ai``) and of this Python. :func:`activate`, called first
thing by the headless commands (``simulate``, ``compare``, ``replay --verify``), the benchmarks and the test
suite, loads the compiled modules in place of the ``.py`` files only when a build of exactly the sources on disk
exists for this interpreter: edit one of them and the pure Python modules are used again until the next build,
so a stale build is never run. ``SHUSHA_NATIVE=0`` turns the build off. The game window stays on the pure Python
modules: a compiled function refuses a value of another type than it declares (a numpy integer for an ``int``),
and a window must not lose a game to a path no test took; its frame budget does not need the speed.

The compiled modules are the same source files, so a game plays exactly the same either way (a test compares
the final digests). Only the speed differs: a headless game takes a little over half the CPU time.

Example::

    $ python -m game build-native          # once after installing (about 2 minutes; needs a C compiler)
    $ python -m game build-native --status # is it in use?
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import sysconfig
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from game.cachedir import user_cache

ENV = "SHUSHA_NATIVE"  # "0": never load the compiled modules
ENV_DIR = "SHUSHA_NATIVE_DIR"  # where builds are kept (default: the user's cache directory)
PACKAGE = Path(__file__).resolve().parent  # the ``game`` package
HASHED = ("core", "ai")  # the sub-packages whose sources a build depends on (the modules and their types)
# The hot path of a headless game: the rules, the state, the spotting and the AI's decisions. A compiled function
# checks its arguments' declared types (a numpy integer is not an ``int``): modules that clients call with values
# straight from numpy (the grid, pathing, place names) stay pure Python.
MODULES = (
    "game.core.frozen", "game.core.units", "game.core.state", "game.core.engine", "game.core.params",
    "game.core.clock", "game.core.setup", "game.core.plans", "game.core.memo", "game.core.spotting",
    "game.core.context", "game.core.los", "game.core.steps",
    "game.core.rules.ambush", "game.core.rules.combat", "game.core.rules.constraints", "game.core.rules.control",
    "game.core.rules.losses", "game.core.rules.morale", "game.core.rules.movement", "game.core.rules.posture",
    "game.core.rules.turns", "game.core.rules.upkeep", "game.core.rules.victory",
    "game.ai.descent", "game.ai.fields", "game.ai.plan_policy", "game.ai.tactics", "game.ai.targets",
    "game.ai.tasks", "game.ai.view",
)
# Plain C extensions of the build (module -> source under ``game``), each with a pure Python fallback in the module
# that uses it: the AI's distance fields (scipy's Dijkstra without the build) and the viewsheds (numpy without it).
# They are compiled without fused multiply-add (-ffp-contract=off): their floating point results must be numpy's.
C_EXTENSIONS = {"game.ai._griddist": "ai/_griddist.c", "game.core._viewshed": "core/_viewshed.c"}
C_FLAGS = ("-O2", "-ffp-contract=off")
MYPY_FLAGS = ("--ignore-missing-imports", "--follow-imports=silent")
MANIFEST = "manifest.json"

_active: Path | None = None


def sources_digest(package: Path = PACKAGE) -> str:
    """SHA-256 of this interpreter's tag and every source file (Python and C) of :data:`HASHED` under ``package``."""
    h = hashlib.sha256()
    h.update(f"{sys.implementation.cache_tag} {sysconfig.get_platform()} {' '.join(MODULES)}".encode())
    for sub in HASHED:
        for path in sorted(p for p in (package / sub).rglob("*") if p.suffix in (".py", ".c")):
            h.update(path.relative_to(package).as_posix().encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def cache_root() -> Path:
    """Where builds are kept: ``$SHUSHA_NATIVE_DIR``, else ``native`` in the game's user cache folder (not
    under ``$SHUSHA_CACHE_DIR``, which only moves the scenario cache: tests point that at a temporary folder)."""
    env = os.environ.get(ENV_DIR)
    return Path(env) if env else user_cache() / "native"


def build_dir(digest: str | None = None) -> Path:
    """The directory of the build for ``digest`` (the sources on disk by default)."""
    return cache_root() / (digest or sources_digest())[:24]


def read_manifest(where: Path) -> dict[str, str] | None:
    """Module name -> extension file name of a complete build in ``where`` (None if there is none)."""
    try:
        data = json.loads((where / MANIFEST).read_text(encoding="utf-8"))
        files = dict(data["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return files if all((where / f).is_file() for f in files.values()) else None


class _Finder(importlib.abc.MetaPathFinder):
    """Finds the compiled extension of each module of a build (and mypyc's shared library)."""

    def __init__(self, where: Path, files: dict[str, str]) -> None:
        self.paths = {name: str(where / f) for name, f in files.items()}

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        file = self.paths.get(fullname)
        if file is None:
            return None
        return importlib.util.spec_from_file_location(
            fullname, file, loader=importlib.machinery.ExtensionFileLoader(fullname, file))


def activate() -> Path | None:
    """Load the compiled modules from now on if a build of the sources on disk exists (the build's directory),
    else change nothing (None). Call before any of :data:`MODULES` is imported (then it changes nothing), e.g.
    first thing in a script that plays many games: ``from game import native; native.activate()``."""
    global _active
    if _active is not None or os.environ.get(ENV, "1") == "0":
        return _active
    try:
        where = build_dir()
    except OSError:
        return None
    files = read_manifest(where)
    if files is None or any(m in sys.modules for m in MODULES):
        return None
    sys.meta_path.insert(0, _Finder(where, files))
    _active = where
    return where


@functools.cache
def extension(name: str) -> Any:
    """The C extension module ``name`` of :data:`C_EXTENSIONS` from the active build, or None without one (its
    user then takes its pure Python way)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def active() -> Path | None:
    """The build in use in this process (None: the pure Python modules)."""
    return _active


def status() -> str:
    """One line for people: whether the compiled modules are in use, and if not, why."""
    if _active is not None:
        return (f"native build in use: {len(MODULES)} compiled modules and {len(C_EXTENSIONS)} C extension(s) "
                f"from {_active}")
    if os.environ.get(ENV, "1") == "0":
        return f"native build off ({ENV}=0): pure Python modules"
    return ("no native build for these sources: pure Python modules (games play the same, batches run about "
            "1.8x slower); `python -m game build-native` compiles them")


def speed_note() -> str:
    """A few words for a batch's timing line: which modules it ran on."""
    if _active is not None:
        return "native build"
    return "pure Python; `python -m game build-native` makes batches about 1.8x faster"


def build(*, force: bool = False, jobs: int | None = None, quiet: bool = False) -> Path:
    """Compile :data:`MODULES` of the sources on disk (a copy of them, so an edit during the build cannot mix
    in) into :func:`build_dir`; returns it. Raises BuildError with the reason when it cannot."""
    import shutil
    import tempfile

    digest = sources_digest()
    dest = build_dir(digest)
    if not force and read_manifest(dest) is not None:
        return dest
    try:
        import mypyc  # noqa: F401  (only to say clearly that it is missing)
    except ImportError:
        raise BuildError("mypyc is not installed (it comes with mypy: python -m pip install mypy)") from None
    cc = sysconfig.get_config_var("CC") or "cc"
    if shutil.which(cc.split()[0]) is None:  # (CC can carry flags: "gcc -pthread")
        raise BuildError(f"no C compiler ({cc.split()[0]}) found: install one (Debian/Ubuntu: apt-get install gcc)")
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix="building-") as tmp:
        work = Path(tmp) / "src"
        shutil.copytree(PACKAGE, work / "game", ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
        if sources_digest(work / "game") != digest:
            raise BuildError("the sources changed during the build: run it again")
        _compile(work, jobs or os.cpu_count() or 1, quiet)
        files = {}
        staged = Path(tmp) / "build"
        staged.mkdir()
        for ext in work.rglob("*" + (sysconfig.get_config_var("EXT_SUFFIX") or ".so")):
            rel = ext.relative_to(work)
            if rel.parts[0] == "build":  # setuptools' own copies: the in-place ones are next to the sources
                continue
            name = ".".join(rel.parts[:-1] + (rel.name.split(".")[0],))
            target = "__".join(rel.parts)
            shutil.copy2(ext, staged / target)
            files[name] = target
        missing = [m for m in MODULES + tuple(C_EXTENSIONS) if m not in files]
        if not set(files) - set(MODULES) - set(C_EXTENSIONS):
            missing.append("mypyc's shared library")
        if missing:
            raise BuildError(f"the build made no extension for {', '.join(missing)}")
        (staged / MANIFEST).write_text(json.dumps({"digest": digest, "files": files}, indent=1, sort_keys=True),
                                       encoding="utf-8")
        if dest.exists():
            shutil.rmtree(dest)
        os.replace(staged, dest)  # whole or not at all: the manifest is only ever seen with its files
    return dest


def _compile(work: Path, jobs: int, quiet: bool) -> None:
    """Run mypyc and the C compiler on the copy in ``work`` (a child process: setuptools and mypy stay out of
    this one); the extensions are left next to the copied sources."""
    import subprocess

    paths = [str(Path(*m.split("."))) + ".py" for m in MODULES]
    c_exts = [(name, str(Path("game", src))) for name, src in C_EXTENSIONS.items()]
    script = ("import sys; from setuptools import Extension, setup; from mypyc.build import mypycify; "
              f"c = [Extension(name, [src], extra_compile_args={list(C_FLAGS)!r}) for name, src in {c_exts!r}]; "
              "setup(name='shusha_native', ext_modules=mypycify(sys.argv[1:], opt_level='3', multi_file=True) + c, "
              f"script_args=['-q', 'build_ext', '--inplace', '-j', '{jobs}'])")
    out = subprocess.run([sys.executable, "-c", script, *MYPY_FLAGS, *paths], cwd=work, text=True,
                         capture_output=True, env={**os.environ, ENV: "0"})
    if not quiet and out.stdout.strip():
        print(out.stdout.strip())
    if out.returncode != 0:
        tail = "\n".join((out.stdout + out.stderr).strip().splitlines()[-15:])
        raise BuildError(f"mypyc failed (exit {out.returncode}):\n{tail}")


class BuildError(RuntimeError):
    """A native build could not be made (the reason is the message)."""


def build_main(*, force: bool = False, status_only: bool = False) -> int:
    """``python -m game build-native [--force] [--status]``: exit 0 when the build is ready (or only the status
    was asked), 1 when it could not be made (the game still runs, in pure Python)."""
    if status_only:
        activate()
        print(status())
        return 0
    print(f"compiling {len(MODULES)} modules with mypyc and {len(C_EXTENSIONS)} C extension(s) (about 2 minutes on 2 "
          "cores)...", flush=True)
    try:
        where = build(force=force)
    except BuildError as e:
        print(f"build-native: {e}\nThe game runs without it (pure Python, same games, batches slower).",
              file=sys.stderr)
        return 1
    print(f"native build ready in {where}: headless games and batches started from now on use it")
    return 0
