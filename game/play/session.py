"""A game being played: which sides are human, the AI for the others, undo, autosave, the end.

Every change still goes through ``Engine.submit``; the session only decides who acts and keeps
what a player needs around it (undo of a move that revealed nothing, saves, the summary).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from game.core import actions as A
from game.core.engine import Engine, Result, Snapshot
from game.core.events import Notice
from game.core.plans import with_plans
from game.core.setup import GameSetup
from game.play.saves import AUTOSAVE_PREFIX, autosave_name, read_save, save_dir, save_parent, write_save
from game.sim.record import write_record
from game.sim.run import ai_phase, make_policies
from game.sim.simulate import summary
from game.sim.timeline import RecordTimeline


class Session:
    """One game: ``humans`` play through orders; the other sides are played by the built-in AI."""

    def __init__(self, engine: Engine, humans: list[str], *, saves: Path | None = None,
                 parent: dict[str, Any] | None = None) -> None:
        self.engine = engine
        self.parent = parent  # a game continued from a record: its header's ``parent`` (see game.sim.record)
        self.humans = [s for s in engine.setup.sides if s in humans]
        self.ai = {s: p for s, p in make_policies(engine.setup).items() if s not in self.humans}
        self.saves = saves or save_dir()
        self.autosave_path = self.saves / autosave_name(engine.setup.scenario_id, self.humans, engine.record.seed,
                                                        datetime.now())
        self._undo: list[Snapshot] = []

    @classmethod
    def new(cls, setup: GameSetup, seed: int, humans: list[str], *, saves: Path | None = None,
            plans: dict[str, str] | None = None) -> Session:
        """A new game; ``plans`` chooses the plan of each side (the computer's; default plans otherwise)."""
        return cls(Engine(with_plans(setup, plans or {}), seed), humans, saves=saves)

    @classmethod
    def load(cls, path: str | Path, *, saves: Path | None = None) -> Session:
        """Load a saved game (raises SaveError with a player-facing message)."""
        eng, humans, memory = read_save(path)
        eng.memory = memory
        session = cls(eng, humans, saves=saves, parent=save_parent(path))
        if Path(path).name.startswith(AUTOSAVE_PREFIX) and Path(path).parent == session.saves:
            session.autosave_path = Path(path)  # a game resumed from its autosave goes on in that file
        return session

    @classmethod
    def branch(cls, timeline: RecordTimeline, step: int, humans: list[str], *,
               saves: Path | None = None) -> Session:
        """Continue from here: a new game in exactly the state at ``step`` of a recorded game, ``humans``
        playing their sides and the AI the others; its saves and final record name the parent record and step.

        The AI starts with fresh standing orders (a record keeps none): its plan's tasks are re-judged from
        what it sees."""
        return cls(timeline.engine_at(step), humans, saves=saves, parent=timeline.parent_at(step))

    # ------------------------------------------------------------------ turn state
    @property
    def side(self) -> str:
        return self.engine.state.side

    @property
    def human_turn(self) -> bool:
        return not self.engine.state.game_over and self.side in self.humans

    @property
    def viewer(self) -> str:
        """Whose eyes the map is drawn through: the human on turn, else the first human, else side 0."""
        if self.side in self.humans:
            return self.side
        return self.humans[0] if self.humans else self.engine.setup.sides[0]

    # ------------------------------------------------------------------ orders
    def order(self, action: A.Action) -> Result:
        """Submit a human order. A move that reveals no new enemy can be undone afterwards."""
        eng = self.engine
        if not self.human_turn:
            return Result(False, "It is not your turn.")
        if isinstance(action, A.EndTurn):
            return self.end_turn()
        snap = eng.snapshot() if isinstance(action, A.Move) else None
        seen_before = set(eng.spotted_by(self.side)) if snap else set()
        res = eng.submit(action)
        if not res.ok:
            return res
        revealed = set(eng.spotted_by(self.side)) - seen_before
        contact = any(e.kind == "contact" for e in res.events)
        if snap is not None and not revealed and not contact:
            self._undo.append(snap)
        else:
            self._undo.clear()
        return res

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> bool:
        """Take back the last move if it revealed nothing new; False when there is nothing to undo."""
        if not self._undo:
            return False
        self.engine.restore(self._undo.pop())
        return True

    def end_turn(self) -> Result:
        """End the human side's part of the turn (autosaves when a whole turn has ended)."""
        self._undo.clear()
        turn = self.engine.state.turn
        res = self.engine.submit(A.EndTurn(self.side))
        if res.ok and (self.engine.state.turn != turn or self.engine.state.game_over):
            self.autosave()
        return res

    def ai_steps(self) -> Iterator[tuple[A.Action, Result]]:
        """Play the AI side's part of the turn one action at a time (for animation); ends with its EndTurn."""
        self._undo.clear()
        policy = self.ai.get(self.side)
        if policy is None or self.engine.state.game_over:
            return
        turn = self.engine.state.turn
        yield from ai_phase(self.engine, policy)
        if self.engine.state.turn != turn or self.engine.state.game_over:
            self.autosave()

    # ------------------------------------------------------------------ files
    def save(self, path: str | Path) -> Path:
        """Save the game atomically; returns the path written."""
        path = Path(path)
        write_save(self.engine, path, humans=self.humans, ai=self.engine.memory, parent=self.parent)
        return path

    def autosave(self) -> Path | None:
        """Write this game's own autosave (:func:`game.play.saves.autosave_name`) in the save folder;
        failures are reported in the log, never raised."""
        try:
            return self.save(self.autosave_path)
        except OSError as e:
            self.engine.log.append(Notice(turn=self.engine.state.turn, text=f"Autosave failed: {e}"))
            return None

    def write_final_record(self) -> Path | None:
        """At the end, write the game's record beside the saves; returns its path (None on failure)."""
        stamp = f"{self.engine.setup.scenario_id}-seed{self.engine.record.seed}-turn{self.engine.state.turn + 1}"
        path = self.saves / "records" / f"{stamp}.jsonl"
        try:
            write_record(self.engine, path, parent=self.parent)
            return path
        except OSError:
            return None

    def summary(self) -> dict[str, Any]:
        """After-action summary: outcome, objectives, casualties, city damage, milestones vs history."""
        return summary(self.engine)
