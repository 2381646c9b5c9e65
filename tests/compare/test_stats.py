"""Intervals, quartiles, seeds and the --plans syntax."""

from __future__ import annotations

import math

import pytest

from game.compare.batch import derive_seeds, resolve_pairs
from game.compare.batch_cmd import UsageError, parse_pairs
from game.compare.stats import quartiles, share, wilson
from game.core.setup import GameSetup


@pytest.mark.parametrize(("k", "n", "low", "high"), [(5, 10, 0.2366, 0.7634), (0, 10, 0.0, 0.2775),
                                                     (10, 10, 0.7225, 1.0), (1, 3, 0.0615, 0.7923)])
def test_wilson_interval_matches_known_values(k: int, n: int, low: float, high: float) -> None:
    lo, hi = wilson(k, n)
    assert lo == pytest.approx(low, abs=1e-4) and hi == pytest.approx(high, abs=1e-4)


def test_a_share_of_no_games_has_no_interval() -> None:
    s = share(0, 0)
    assert math.isnan(s.p) and math.isnan(s.low) and math.isnan(s.high)


def test_quartiles() -> None:
    q = quartiles([1, 2, 3, 4, 5])
    assert q is not None and (q.q1, q.median, q.q3, q.n) == (2.0, 3.0, 4.0, 5)
    assert quartiles([]) is None


def test_seeds_are_reproducible_in_range_and_a_longer_batch_extends_a_shorter_one() -> None:
    seeds = derive_seeds(7, 50)
    assert seeds == derive_seeds(7, 50)
    assert seeds[:10] == derive_seeds(7, 10)
    assert len(set(seeds)) == 50 and all(0 <= s < 2**63 for s in seeds)
    assert derive_seeds(8, 5) != seeds[:5]


def test_plans_syntax(shusha: GameSetup) -> None:
    assert parse_pairs(None, shusha) == [{"attacker": p} for p in
                                          ("historical", "road", "lachin", "dash", "bombard", "armour")]
    assert parse_pairs("road, dash", shusha, "mobile_reserve") == [
        {"defender": "mobile_reserve", "attacker": "road"}, {"defender": "mobile_reserve", "attacker": "dash"}]
    assert parse_pairs("attacker=road,defender=mobile_reserve", shusha) == [
        {"attacker": "road", "defender": "mobile_reserve"}]
    assert parse_pairs("historical,attacker=road,defender=mobile_reserve,attacker=dash", shusha) == [
        {"attacker": "historical"}, {"attacker": "road", "defender": "mobile_reserve"}, {"attacker": "dash"}]
    with pytest.raises(UsageError, match="expected ID or SIDE=ID"):
        parse_pairs("attacker=", shusha)
    with pytest.raises(UsageError, match="no plan given"):
        parse_pairs(",", shusha)


def test_pairs_are_completed_with_default_plans_and_deduplicated(shusha: GameSetup) -> None:
    pairs = resolve_pairs(shusha, [{"attacker": "road"}, {"attacker": "road", "defender": "doctrine"}])
    assert pairs == [{"attacker": "road", "defender": "doctrine"}]
    with pytest.raises(ValueError, match="attacker has no plan 'nope'"):
        resolve_pairs(shusha, [{"attacker": "nope"}])
    with pytest.raises(ValueError, match="no side 'foo'"):
        resolve_pairs(shusha, [{"foo": "road"}])
