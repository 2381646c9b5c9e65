"""The on-disk cache of loaded scenarios (``game.scenario.cache``): a setup read back from it is the setup the
loader gives (the same game, digest for digest); a changed file, a new version of the game or a damaged entry
is never used; a cache that cannot be written costs only time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.scenario import cache
from game.scenario import load as load_mod
from game.scenario.errors import ScenarioError
from game.sim.run import GameRunner
from tests.conftest import SHUSHA_PATH, TINY
from tests.sim.test_digests_golden import GOLDEN


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SHUSHA_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def no_loader(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the loader's runs (the cache's misses)."""
    calls: list[str] = []
    real = load_mod.load_scenario

    def counting(path: object) -> object:
        calls.append(str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(load_mod, "load_scenario", counting)
    return calls


def copy_tiny(tmp_path: Path) -> Path:
    path = tmp_path / "scen" / "tiny.yaml"
    path.parent.mkdir()
    shutil.copy(TINY, path)
    return path


def test_a_cached_setup_plays_the_same_game(cache_dir: Path, no_loader: list[str]) -> None:
    cache.load_cached(SHUSHA_PATH)
    setup = cache.load_cached(SHUSHA_PATH)
    assert no_loader == [str(SHUSHA_PATH)]  # the second came from the cache
    seed, plans, digest = GOLDEN[2]
    assert GameRunner(setup).play(seed, plans).state.digest() == digest
    assert setup.source_path == str(SHUSHA_PATH)
    assert setup.sha256 == load_mod.load_scenario(SHUSHA_PATH).sha256


def test_a_changed_file_is_loaded_again(cache_dir: Path, no_loader: list[str], tmp_path: Path) -> None:
    path = copy_tiny(tmp_path)
    assert cache.load_cached(path).title == "Tiny test map"
    path.write_text(path.read_text().replace("title: Tiny test map", "title: Tiny map, edited"))
    assert cache.load_cached(path).title == "Tiny map, edited"
    assert cache.load_cached(path).title == "Tiny map, edited"
    assert len(no_loader) == 2


def test_a_new_version_of_the_game_loads_again(cache_dir: Path, no_loader: list[str], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_tiny(tmp_path)
    cache.load_cached(path)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "0" * 64)  # e.g. an edited rule file or loader
    cache.load_cached(path)
    assert len(no_loader) == 2


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty", "folder", "other file's"])
def test_a_damaged_entry_is_ignored_and_replaced(cache_dir: Path, no_loader: list[str], tmp_path: Path,
                                                 damage: str) -> None:
    path = copy_tiny(tmp_path)
    good = cache.load_cached(path)
    entry = cache.entry_path(path)
    data = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":  # one letter of the briefing changed: it unpickles, but its checksum is wrong
        entry.write_bytes(data.replace(b"plateau town", b"plateau gown"))
    elif damage == "garbage":
        entry.write_bytes(b"\x80\x05not a pickle at all" * 10)
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "folder":
        entry.unlink()
        entry.mkdir()
    else:  # a valid entry of another scenario put in this one's place
        cache.load_cached(SHUSHA_PATH)
        shutil.copy(cache.entry_path(SHUSHA_PATH), entry)
    setup = cache.load_cached(path)
    assert (setup.title, setup.briefing, setup.scenario_id) == (good.title, good.briefing, "tiny_test")
    assert len(no_loader) == 2 + (damage == "other file's")
    if damage != "folder":  # rewritten: the next start uses it again
        cache.load_cached(path)
        assert len(no_loader) == 2 + (damage == "other file's")


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        no_loader: list[str]) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("")
    monkeypatch.setenv("SHUSHA_CACHE_DIR", str(blocker))
    path = copy_tiny(tmp_path)
    assert cache.load_cached(path).scenario_id == "tiny_test"
    assert cache.load_cached(path).scenario_id == "tiny_test"
    assert len(no_loader) == 2


def test_a_scenario_with_problems_is_not_stored(cache_dir: Path, tmp_path: Path) -> None:
    path = copy_tiny(tmp_path)
    path.write_text(path.read_text().replace("format: 1", "format: 99"))
    with pytest.raises(ScenarioError, match="format"):
        cache.load_cached(path)
    assert not cache.entry_path(path).exists()


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SHUSHA_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "shusha-wargame"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "shusha-wargame"


class _RunsCode:
    """A pickle that would call a function on load (here a harmless one that leaves a mark)."""

    def __init__(self, mark: Path) -> None:
        self.mark = mark

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return Path.touch, (str(self.mark),)  # type: ignore[return-value]


def test_an_entry_that_would_run_code_is_refused(cache_dir: Path, no_loader: list[str], tmp_path: Path) -> None:
    """Even with a right key and checksum, an entry is only ever read back as a setup's data."""
    import pickle

    path = copy_tiny(tmp_path)
    good = cache.load_cached(path)
    mark = tmp_path / "ran"
    body = pickle.dumps(_RunsCode(mark))
    cache.entry_path(path).write_bytes(cache._head(path, good.sha256, body) + body)
    setup = cache.load_cached(path)
    assert not mark.exists()
    assert setup.title == good.title and len(no_loader) == 2  # a miss: loaded again and stored afresh
