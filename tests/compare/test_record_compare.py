"""``python -m game compare RECORD``: a recorded or saved game against history (routes, milestones, losses,
plans, the percentile among AI games of the historical plan), its outputs and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.compare.record_rank import key, percentile
from game.compare.row import Columns, GameRow
from game.core.engine import Engine
from game.play.saves import write_save
from game.scenario.load import load_scenario
from game.sim.record import write_record
from game.sim.run import ai_phase, make_policies, run_game

ROOT = Path(__file__).resolve().parents[2]
SHUSHA = ROOT / "scenarios" / "shusha_2020_approach.yaml"


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Seed-1 AI games of the Shusha scenario, recorded: the historical plan and the dash."""
    folder = tmp_path_factory.mktemp("records")
    setup = load_scenario(SHUSHA)
    out = {}
    for name, plans in (("historical", {}), ("dash", {"attacker": "dash"})):
        out[name] = folder / f"{name}.jsonl"
        write_record(run_game(setup, 1, plans), out[name])
    return out


def compare(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["compare", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def routes_of(folder: Path) -> dict[str, dict]:
    data = json.loads((folder / "compare.json").read_text(encoding="utf-8"))
    return {r["group"]: r for r in data["routes"]}


def test_the_historical_plan_follows_the_documented_route_and_the_dash_does_not(
        records: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outs = {}
    for name, record in records.items():
        outs[name] = tmp_path / name
        code, out, err = compare(capsys, record, "--out", outs[name], "--history-runs", "0")
        assert code == 0, err
        for needle in ("Routes against the documented approach", "Fréchet", "Special-forces group 1",
                       "Special-forces group 2",
                       "Shusha-Lachin road cut", "[disputed]", "Losses", "killed", "Town damage",
                       "Plans played",
                       "Percentile among AI games of the historical plan: not computed (--history-runs 0)"):
            assert needle in out, needle
    hist, dash = routes_of(outs["historical"]), routes_of(outs["dash"])
    assert hist["sf_1"]["units"] == ["sf_1"] and hist["sf_2"]["units"] == ["sf_2"]
    assert hist["sf_1"]["frechet_km"] < 5.0 and hist["sf_1"]["corridor_share"] >= 0.8
    assert hist["sf_2"]["corridor_share"] >= 0.6
    for group in ("sf_1", "sf_2"):
        assert dash[group]["frechet_km"] > hist[group]["frechet_km"] + 2.0, group
        assert dash[group]["corridor_share"] < hist[group]["corridor_share"], group


def test_the_route_table_names_units_by_name_not_by_id(records: dict[str, Path], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = compare(capsys, records["historical"], "--out", tmp_path / "cmp", "--history-runs", "0")
    assert code == 0, err
    table = out.split("Routes against the documented approach")[1].split("Milestones")[0]
    assert "Special-forces group 1  the same unit" in table and "Special-forces group 2" in table
    assert "sf_1" not in table and "sf_2" not in table  # ids stay in compare.json only
    routes = routes_of(tmp_path / "cmp")
    assert routes["sf_1"]["name"] == "Special-forces group 1" and routes["sf_1"]["unit_names"] == \
        ["Special-forces group 1"]


def test_out_writes_the_report_json_and_map(records: dict[str, Path], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = compare(capsys, records["dash"], "--out", tmp_path / "cmp", "--history-runs", "0")
    assert code == 0 and "Wrote" in out
    data = json.loads((tmp_path / "cmp" / "compare.json").read_text(encoding="utf-8"))
    assert data["seed"] == 1 and data["finished"] and data["plans"]["attacker"]["id"] == "dash"
    assert "corridor" in data["definitions"].lower() and "similaritymeasures" in data["definitions"]
    assert [m["id"] for m in data["milestones"]] == ["road_cut", "stepanakert_road_cut", "city_entered",
                                                     "city_captured"]
    for m in data["milestones"]:
        assert m["status"] in ("inside", "early", "late", "not reached")
        assert (m["hours"] is None) == (not m["reached"])
    assert set(data["losses"]) == {"attacker", "defender"}
    report = (tmp_path / "cmp" / "report.md").read_text(encoding="utf-8")
    assert "| Documented route of | Units in this game | Fréchet distance | Within 1 km |" in report
    assert "| Special-forces group 1 | the same unit |" in report and "![" in report
    png = (tmp_path / "cmp" / "map.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000


def test_a_saved_unfinished_game_is_compared_up_to_its_turn(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    setup = load_scenario(SHUSHA)
    eng = Engine(setup, 4)
    policies = make_policies(setup)
    while eng.state.turn < 8:
        for _ in ai_phase(eng, policies[eng.state.side]):
            pass
    save = tmp_path / "save.jsonl"
    write_save(eng, save, humans=["attacker"])
    code, out, err = compare(capsys, save, "--out", tmp_path / "cmp")
    assert code == 0, err
    assert "saved, unfinished" in out and "the game is not finished" in out and "not reached yet" in out
    data = json.loads((tmp_path / "cmp" / "compare.json").read_text(encoding="utf-8"))
    assert not data["finished"] and data["percentile"] == {"skipped": "the game is not finished"}
    cut = eng.clock.end(eng.state.turn).isoformat(timespec="minutes")
    for r in data["routes"]:
        assert r["documented"][-1]["time"] == cut  # the documented route stops where the game stopped


def test_the_percentile_against_a_finished_batch(records: dict[str, Path], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    setup = load_scenario(SHUSHA)
    cols = Columns.of(setup)
    pair = {"attacker": "historical", "defender": "doctrine"}
    rows = [GameRow(plans=pair, seed=s, scores={"attacker": score, "defender": 0.0}, capture_hours=hours)
            for s, (score, hours) in enumerate([(1.0, 300.0), (1.0, 400.0), (0.1, None), (1.0, 372.0)])]
    rows.append(GameRow(plans={"attacker": "dash", "defender": "doctrine"}, seed=9, scores={"attacker": 0.0}))
    rows.append(GameRow(plans=pair, seed=10, error="RuntimeError: boom"))
    csv_path = tmp_path / "results.csv"
    csv_path.write_text("\n".join(",".join(r) for r in [cols.header(), *map(cols.cells, rows)]) + "\n")
    code, out, err = compare(capsys, records["historical"], "--against", csv_path)
    assert code == 0, err
    # this game: score 1.00, taken after 372 h: above 400 h and the failure, tied with 372 h, below 300 h
    assert "Percentile among AI games of the historical plan: 62 (by attacker score" in out
    assert "The 4 AI games" in out and "town taken in 3 of 4" in out
    code, out, err = compare(capsys, records["historical"], "--against", tmp_path / "missing.csv")
    assert code == 2 and "cannot read the batch results" in err and out == ""
    (tmp_path / "other.csv").write_text("a,b\n1,2\n")
    code, _, err = compare(capsys, records["historical"], "--against", tmp_path / "other.csv")
    assert code == 2 and "not a compare results.csv" in err


def test_the_percentile_from_ai_games_played_now(records: dict[str, Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = compare(capsys, records["dash"], "--history-runs", "2", "--jobs", "1", "--no-progress")
    assert code == 0, err
    assert "Percentile among AI games of the historical plan: " in out and "The 2 AI games" in out


def test_percentile_counts_ties_as_half() -> None:
    others = [key(1.0, 300), key(1.0, 400), key(0.1, None), key(1.0, 372)]
    assert percentile(key(1.0, 372), others) == pytest.approx(62.5)
    assert percentile(key(1.0, 10), others) == 100.0
    assert percentile(key(0.0, None), others) == 0.0
    assert key(0.5, None) < key(0.5, 1000) < key(0.6, None)


@pytest.mark.parametrize("damage", ["digest", "truncate", "garbage", "missing", "scenario"])
def test_a_bad_record_exits_2_with_one_line(records: dict[str, Path], tmp_path: Path, damage: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    lines = records["historical"].read_text().splitlines()
    bad = tmp_path / "bad.jsonl"
    if damage == "digest":  # tampered: a turn's digest changed
        i = next(i for i, line in enumerate(lines) if '"type": "digest"' in line and '"turn": 3,' in line)
        lines[i] = json.dumps({**json.loads(lines[i]), "digest": "0" * 64}, sort_keys=True)
    elif damage == "truncate":
        lines = lines[: len(lines) // 2]
    elif damage == "garbage":
        lines = ["this is not a record"]
    elif damage == "scenario":
        head = json.loads(lines[0])
        lines[0] = json.dumps({**head, "scenario_path": str(tmp_path / "gone.yaml")})
    if damage != "missing":
        bad.write_text("\n".join(lines) + "\n")
    code, out, err = compare(capsys, bad, "--history-runs", "0")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    expected = {"digest": "turn 4 diverges", "truncate": "incomplete", "garbage": "not valid JSON",
                "missing": "No such file", "scenario": "not found"}[damage]
    assert expected in err and str(bad) in err, err
