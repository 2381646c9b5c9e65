"""Rule parameters are data: every one has a value and a source, scenarios override them, bad ones are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.engine import Engine
from game.core.params import RuleParams
from game.scenario.errors import ScenarioError
from game.scenario.load import load_scenario
from game.scenario.rules import read_rules_file

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.yaml"


def with_overrides(tmp_path: Path, block: str) -> Path:
    p = tmp_path / "tiny_params.yaml"
    p.write_text(TINY.read_text(encoding="utf-8") + block, encoding="utf-8")
    return p


def test_the_rule_file_gives_every_parameter_a_value_and_a_source() -> None:
    spec = read_rules_file("default")
    assert set(spec.rule_params) == set(RuleParams.names())
    assert all(p.source.strip() for p in spec.rule_params.values())


def test_a_scenario_overrides_parameters(tmp_path: Path, tiny) -> None:
    path = with_overrides(tmp_path, "rule_params:\n  stack_limit: {value: 1, source: test}\n"
                                    "  fire_max_minutes: {value: 20, source: test}\n")
    setup = load_scenario(path)
    assert setup.params.stack_limit == 1 and setup.params.fire_max_minutes == 20
    assert setup.params.rout_morale == tiny.params.rout_morale  # the rest from the rule set
    assert Engine(setup, 1).ctx.fire_minutes() == 20  # a 6-hour turn: capped by the override


@pytest.mark.parametrize(("block", "message"), [
    ("rule_params:\n  stack_limt: {value: 1, source: test}\n", "rule_params.stack_limt: unknown rule parameter"),
    ("rule_params:\n  stack_limit: {value: 1.5, source: test}\n", "rule_params.stack_limit.value: expected a whole"),
    ("rule_params:\n  rout_morale: {value: 140, source: test}\n",
     "rule_params.rout_morale.value: expected a number from 0 to 100"),
    ("rule_params:\n  rout_morale: {value: .nan, source: test}\n", "rule_params.rout_morale.value"),
    ("rule_params:\n  rout_morale: {value: 10}\n", "rule_params.rout_morale.source: missing required key"),
])
def test_bad_overrides_are_named_with_their_line(tmp_path: Path, block: str, message: str) -> None:
    path = with_overrides(tmp_path, block)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    text = str(err.value)
    assert message in text, text
    assert f"{path}:" in text and ": rule_params" in text


def test_milestones_are_declared_by_the_scenario(tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace(
        "objective: take_town, ends_game: true}", "objective: take_twon, ends_game: true}")
    text = text.replace("    - {id: city_entered, name: Town entered, earliest",
                        "    - {id: town_entered, name: Town entered, earliest")
    p = tmp_path / "ms.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(p)
    msg = str(err.value)
    assert "milestones.1.objective: unknown objective 'take_twon'" in msg
    assert "history.milestones.0.id: unknown milestone 'town_entered': declare it under milestones" in msg


def test_each_side_has_a_role(tmp_path: Path) -> None:
    p = tmp_path / "roles.yaml"
    p.write_text(TINY.read_text(encoding="utf-8").replace("role: defender", "role: attacker"), encoding="utf-8")
    with pytest.raises(ScenarioError, match="one side with role attacker and one with role defender"):
        load_scenario(p)
