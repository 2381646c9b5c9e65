"""One game of a batch as a row: the summary a worker sends back, and its stable CSV columns.

The columns depend only on the scenario (its sides, its milestones), never on which games ran or in which
order, so ``results.csv`` is byte-identical for the same scenario, plans and seeds. Wall time is kept out
of the CSV (it goes to ``results.json`` and the printed table) for the same reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.core.setup import GameSetup
from game.core.state import LOSS_KINDS

MilestoneAt = tuple[int, str, str]  # (turn, 1-based; start and end of that turn, ISO to the minute)


@dataclass(frozen=True)
class GameRow:
    """What one seeded game did (every field empty but ``plans``, ``seed`` and ``error`` when it raised)."""

    plans: dict[str, str]  # side -> plan id played
    seed: int
    grade: str = ""  # the attacker's grade
    grades: dict[str, str] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    turns: int | None = None
    milestones: dict[str, MilestoneAt] = field(default_factory=dict)
    capture_hours: float | None = None  # scenario start -> end of the turn of the capture milestone
    losses: dict[str, dict[str, int]] = field(default_factory=dict)
    damage: float | None = None  # mean building damage of the town's cells, 0..1
    exposure: dict[str, int] = field(default_factory=dict)  # side -> unit-turns inside enemy sight
    climbs: int | None = None
    refused: int | None = None
    lifts: str = ""  # the constraints the plans lifted ("" within history)
    digest: str = ""
    wall_s: float = 0.0  # not in the CSV (not reproducible)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    def to_json(self) -> dict[str, Any]:
        return {"plans": dict(self.plans), "seed": self.seed, "grade": self.grade, "grades": dict(self.grades),
                "scores": dict(self.scores), "turns": self.turns,
                "milestones": {k: list(v) for k, v in self.milestones.items()},
                "capture_hours": self.capture_hours, "losses": {s: dict(v) for s, v in self.losses.items()},
                "damage": self.damage, "exposure": dict(self.exposure), "climbs": self.climbs,
                "refused": self.refused, "lifts": self.lifts, "digest": self.digest,
                "wall_s": round(self.wall_s, 3), "error": self.error}


def capture_milestone(setup: GameSetup) -> str | None:
    """The milestone that dates the capture: the one achieving the attacker's capture_zone objective, else
    the first one that ends the game (None when the scenario declares neither)."""
    attacker = setup.side_with_role("attacker")
    captures = {o.id for o in setup.objectives if o.side == attacker and o.kind == "capture_zone"}
    m = next((m for m in setup.milestone_defs if m.objective in captures), None)
    m = m or next((m for m in setup.milestone_defs if m.ends_game), None)
    return m.id if m else None


@dataclass(frozen=True)
class Columns:
    """The CSV layout of a scenario's rows: fixed columns, then per side, per milestone, per loss kind."""

    attacker: str
    defender: str
    sides: tuple[str, ...]
    milestones: tuple[str, ...]

    @classmethod
    def of(cls, setup: GameSetup) -> Columns:
        return cls(attacker=setup.side_with_role("attacker"), defender=setup.side_with_role("defender"),
                   sides=tuple(setup.sides), milestones=tuple(m.id for m in setup.milestone_defs))

    def header(self) -> list[str]:
        sides, ms = self.sides, self.milestones
        return ["plan", "defender_plan", "seed", "grade",
                *(f"grade_{s}" for s in sides), *(f"score_{s}" for s in sides), "turns",
                *(f"{m}_{part}" for m in ms for part in ("turn", "start", "end")), "capture_hours",
                *(f"loss_{s}_{k}" for s in sides for k in LOSS_KINDS), "damage",
                *(f"exposure_{s}" for s in sides), "climbs", "refused", "lifts", "digest", "error"]

    def cells(self, row: GameRow) -> list[str]:
        """The row's values in :meth:`header` order, as text ("" for a value the game does not have)."""
        sides, ms = self.sides, self.milestones
        at = [row.milestones.get(m) for m in ms]
        values: list[Any] = [
            row.plans.get(self.attacker, ""), row.plans.get(self.defender, ""), row.seed, row.grade,
            *(row.grades.get(s) for s in sides), *(row.scores.get(s) for s in sides), row.turns,
            *(v for a in at for v in (a or (None, None, None))), row.capture_hours,
            *(row.losses.get(s, {}).get(k) for s in sides for k in LOSS_KINDS), row.damage,
            *(row.exposure.get(s) for s in sides), row.climbs, row.refused, row.lifts, row.digest, row.error]
        return [_text(v) for v in values]


def _text(v: Any) -> str:
    """A CSV cell: None -> "", floats rounded to 4 places (the same text on every machine)."""
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(round(v, 4))
    return str(v)


def record_name(row: GameRow, cols: Columns) -> str:
    """The record's file name under DIR/records: ``<plan>-<defender plan>-<seed>.jsonl``."""
    plan = row.plans.get(cols.attacker) or "default"
    return f"{plan}-{row.plans.get(cols.defender) or 'default'}-{row.seed}.jsonl"
