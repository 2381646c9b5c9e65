"""Load a scenario file into a GameSetup: safe YAML, schema, cross checks, rasterised map, core objects.

Example::

    setup = load_scenario("tests/data/tiny.yaml")   # raises ScenarioError listing every problem found
    setup.grid.shape, [u.id for u in setup.units]
"""

from __future__ import annotations

import os

from pydantic import ValidationError

from game.core.grid import Grid
from game.core.setup import GameSetup
from game.core.units import UnitType
from game.scenario import checks, checks_grid, checks_plans, checks_time
from game.scenario.build import build_setup
from game.scenario.errors import Reporter, ScenarioError
from game.scenario.explain import report_validation_error, show
from game.scenario.rasterise import build_grid
from game.scenario.rules import (
    DATA_DIR,
    Rules,
    check_params,
    load_rules,
    override_params,
    unit_type_from_spec,
)
from game.scenario.schema import ScenarioFile
from game.scenario.yamlread import read_yaml

__all__ = ["load_rules", "load_scenario", "ScenarioError"]


def load_scenario(path: str | os.PathLike[str]) -> GameSetup:
    """Read, validate and rasterise a scenario file; raises ScenarioError with all problems found."""
    doc = read_yaml(path)
    rep = doc.reporter()
    sc = validate_scenario(doc.data, rep)
    rules = _rules(sc, rep)
    if rules is None:
        rep.raise_if_any()
        raise AssertionError("unreachable")
    types = dict(rules.unit_types)
    types.update({t.id: unit_type_from_spec(t) for t in sc.unit_types if t.id not in rules.unit_types})
    check_params(sc.rule_params, ("rule_params",), rep)
    grid = check_and_rasterise(sc, rules, types, rep)
    rep.raise_if_any()
    assert grid is not None
    return build_setup(sc, grid, types, rules.weather, override_params(rules.params, sc.rule_params),
                       sha256=doc.sha256, source_path=str(path))


def validate_scenario(data: object, rep: Reporter) -> ScenarioFile:
    """Schema-validate the plain data; raises ScenarioError when it does not fit the schema."""
    if not isinstance(data, dict):
        rep.add((), f"expected a mapping of scenario keys (format, id, title, ...), got {show(data)}")
        rep.raise_if_any()
    try:
        return ScenarioFile.model_validate(data)
    except ValidationError as e:
        report_validation_error(e, ScenarioFile, rep)
        raise ScenarioError(rep.sorted()) from None


def check_and_rasterise(sc: ScenarioFile, rules: Rules, types: dict[str, UnitType],
                        rep: Reporter) -> Grid | None:
    """Run every cross check and build the grid (None when the map itself has problems)."""
    table, rule_types, effects, _ = rules
    checks.check_ids(sc, rep)
    checks.check_sides(sc, rep)
    checks.check_types(sc, types, set(rule_types), set(table.move_classes), rep)
    checks.check_terrain(sc, table, rep)
    checks.check_weather(sc, effects, rep)
    checks.check_references(sc, rep)
    checks_time.check_times(sc, rep)
    checks_plans.check_plans(sc, set(effects), rep, types)
    n = len(rep.problems)
    grid = build_grid(sc.map, table, scenario_id=sc.id, rep=rep)
    if grid is None or len(rep.problems) > n:
        return grid
    places = {p.id: p for p in grid.places}
    checks_grid.check_places_on_map(sc, grid, rep)
    checks_grid.check_units_on_map(sc, grid, types, places, rep)
    checks_grid.check_history_on_map(sc, grid, places, rep)
    checks_plans.check_plan_cells(sc, grid, places, rep)
    return grid


def _rules(sc: ScenarioFile, rep: Reporter) -> Rules | None:
    """The scenario's rule set, or None with a problem at ``rules`` when it does not exist."""
    if not (DATA_DIR / f"{sc.rules}.yaml").is_file():
        names = sorted(p.stem for p in DATA_DIR.glob("*.yaml"))
        rep.add(("rules",), f"unknown rule set {sc.rules!r} (available: {', '.join(names)})")
        return None
    try:
        return load_rules(sc.rules)
    except ScenarioError as e:
        rep.problems.extend(e.problems)
        return None
