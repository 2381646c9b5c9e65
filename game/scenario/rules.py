"""Load rule data (``game/data/<name>.yaml``) into core terrain, unit-type and weather objects."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError

from game.core.params import RuleParams
from game.core.setup import WeatherEffect
from game.core.terrain import MoveClass, TerrainTable, TerrainType
from game.core.units import UnitType, Weapon
from game.scenario.checks import check_unique
from game.scenario.errors import KeyPath, Problem, Reporter, ScenarioError
from game.scenario.explain import report_validation_error
from game.scenario.schema import ParamSpec, RulesFile, UnitTypeSpec
from game.scenario.yamlread import read_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class Rules(NamedTuple):
    """A rule set: terrain table, unit types by id, weather effects by kind, rule parameters."""

    table: TerrainTable
    unit_types: dict[str, UnitType]
    weather: dict[str, WeatherEffect]
    params: RuleParams


def rules_path(name: str) -> Path:
    """Path of the rule file called ``name``; raises ScenarioError for names that are not ids."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", name):
        raise ScenarioError([Problem(name, 0, 0, None, "rule set names are ids like 'default'")])
    return DATA_DIR / f"{name}.yaml"


def load_rules(name: str = "default") -> Rules:
    """The rule set (terrain table, unit types, weather effects, parameters) of ``game/data/<name>.yaml``."""
    return rules_from_spec(read_rules_file(name))


def read_rules_file(name: str) -> RulesFile:
    """Read and validate a rule file (cached per name and modification time)."""
    path = rules_path(name)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as e:
        raise ScenarioError([Problem(str(path), 0, 0, None, f"cannot read: {e.strerror or e}")]) from None
    return _read_cached(str(path), mtime)


@lru_cache(maxsize=8)
def _read_cached(path: str, mtime: int) -> RulesFile:
    doc = read_yaml(path)
    rep = doc.reporter()
    try:
        spec = RulesFile.model_validate(doc.data)
    except ValidationError as e:
        report_validation_error(e, RulesFile, rep)
        raise ScenarioError(rep.sorted()) from None
    check_rules(spec, rep)
    rep.raise_if_any()
    return spec


def check_rules(spec: RulesFile, rep: Reporter) -> None:
    """Ids unique within each table; unit types use declared movement classes."""
    for key, attr in (("terrain_types", "id"), ("move_classes", "id"), ("unit_types", "id"), ("weather", "kind")):
        items = getattr(spec, key)
        check_unique((((key, i, attr), getattr(x, attr)) for i, x in enumerate(items)), key.rstrip("s"), rep)
    check_params(spec.rule_params, ("rule_params",), rep)
    missing = [n for n in RuleParams.names() if n not in spec.rule_params]
    if missing:
        rep.add(("rule_params",), f"missing rule parameters: {', '.join(missing)} (every parameter needs a "
                                  "value and a source)")
    classes = {m.id for m in spec.move_classes}
    for i, u in enumerate(spec.unit_types):
        if u.move_class not in classes:
            rep.add(("unit_types", i, "move_class"),
                    f"movement class {u.move_class!r} is not in move_classes ({', '.join(sorted(classes))})")


def rules_from_spec(spec: RulesFile) -> Rules:
    """Turn a validated RulesFile into core objects."""
    terrain = [
        TerrainType(id=t.id, name=t.name, cover=t.cover, concealment=t.concealment, obstacle_m=t.obstacle_m,
                    speed=dict(t.speed), color=t.color, dupuy_terrain=t.dupuy_terrain, source=t.source)
        for t in spec.terrain_types
    ]
    classes = {
        m.id: MoveClass(id=m.id, road_kmh=m.road_kmh, offroad_kmh=m.offroad_kmh, tobler=m.tobler,
                        max_slope=m.max_slope, night_factor=m.night_factor, road_only=m.road_only,
                        source=m.source)
        for m in spec.move_classes
    }
    table = TerrainTable(types=terrain, move_classes=classes)
    units = {u.id: unit_type_from_spec(u) for u in spec.unit_types}
    weather = {w.kind: WeatherEffect(w.kind, w.sight_factor, w.move_factor) for w in spec.weather}
    params = RuleParams.from_values({k: p.value for k, p in spec.rule_params.items()})
    return Rules(table, units, weather, params)


def check_params(values: dict[str, ParamSpec], path: KeyPath, rep: Reporter) -> None:
    """Every parameter is known and in its range (problems at ``path.NAME.value``)."""
    for name, p in values.items():
        if name not in RuleParams.names():
            rep.add(path + (name,), f"unknown rule parameter {name!r} (the parameters are listed under "
                                    "rule_params in game/data/default.yaml)")
            continue
        why = RuleParams.problem(name, p.value)
        if why:
            rep.add(path + (name, "value"), why)


def override_params(params: RuleParams, values: dict[str, ParamSpec]) -> RuleParams:
    """The rule set's parameters with a scenario's checked overrides applied."""
    merged = {n: getattr(params, n) for n in RuleParams.names()}
    merged.update({k: p.value for k, p in values.items()})
    return RuleParams.from_values(merged)


def unit_type_from_spec(u: UnitTypeSpec) -> UnitType:
    """Convert a unit type from the schema into the core dataclass."""
    weapons = tuple(
        Weapon(id=w.id, range_m=w.range_m, firepower=w.firepower, indirect=w.indirect, heavy=w.heavy,
               ammo_per_shot=w.ammo_per_shot, damage=w.damage, name=w.name or "")
        for w in u.weapons
    )
    return UnitType(id=u.id, name=u.name, unit_class=u.unit_class, move_class=u.move_class,
                    headcount=u.headcount, weapons=weapons, capabilities=frozenset(u.capabilities),
                    spotting_m=u.spotting_m, march_fraction=u.march_fraction, assault_power=u.assault_power,
                    symbol=u.symbol, description=u.description)
