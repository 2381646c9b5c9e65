"""A whole game of the approach as the attacker, played like a user through posted clicks and keys, in <= 300.

The test reads the scenario's historical plan only to know where to send each group; everything it does
goes through pygame events on the App (a box drag or a click is one click, a key press one key). Groups
are sent with standing orders (one selection and one click), attack what they meet with a group attack,
hold when their last objective is reached; E ends each turn (W switched the idle-units warning off first).
The count and the outcome are written to tests/ui/artifacts/click_budget.json.
"""

from __future__ import annotations

import json
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402

import pygame  # noqa: E402

from game.core.plans import plan_for  # noqa: E402
from game.play import standing  # noqa: E402
from game.play.orders import spotted_enemy_at  # noqa: E402
from game.play.session import Session  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.end import EndScreen  # noqa: E402
from game.ui.screens.play import GameScreen  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
BUDGET = 300
SEED = 7
Cell = tuple[int, int]


class Player:
    """Drives the App with counted clicks and key presses, as a user would."""

    def __init__(self, app: App, screen: GameScreen) -> None:
        self.app, self.screen = app, screen
        self.clicks = 0
        self.keys = 0

    @property
    def presses(self) -> int:
        return self.clicks + self.keys

    def _pos(self, cell: Cell) -> tuple[int, int]:
        m = self.screen._map_rect()
        r = self.screen.camera.screen_rect(*cell)
        return r.centerx + m.x, r.centery + m.y

    def click(self, cell: Cell, mod: int = 0, at: tuple[int, int] | None = None) -> None:
        pos = at or self._pos(cell)
        pygame.key.set_mods(mod)
        pygame.mouse.set_pos(pos)
        self.app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                       pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                       pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
        pygame.key.set_mods(0)
        self.clicks += 1

    def click_unit(self, uid: str, mod: int = 0) -> None:
        """Click a point of the unit's icon that picks its cell (icons of neighbours overlap at low zoom)."""
        s = self.screen
        m = s._map_rect()
        cell = s.eng.state.units[uid].pos
        icon = s.camera.unit_rect(*cell)
        for y in range(icon.top, icon.bottom, 2):
            for x in range(icon.left, icon.right, 2):
                if s._cell_at((x, y)) == cell and m.collidepoint(x + m.x, y + m.y):
                    self.click(cell, mod, at=(x + m.x, y + m.y))
                    return
        self.click(cell, mod)

    def drag_box(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        """Shift + drag from screen point ``a`` to ``b``: one click."""
        pygame.key.set_mods(pygame.KMOD_SHIFT)
        self.app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=a, button=1),
                       pygame.event.Event(pygame.MOUSEMOTION, pos=b, rel=(0, 0), buttons=(1, 0, 0)),
                       pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=1)])
        pygame.key.set_mods(0)
        self.clicks += 1

    def key(self, k: int) -> None:
        self.app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)])
        self.keys += 1

    def wait(self, frames: int = 1) -> None:
        for _ in range(frames):
            self.app.step([], dt=1.0)

    # ------------------------------------------------------------------ aiming
    def means(self, cell: Cell) -> Cell | None:
        """The cell a click on ``cell``'s centre picks (icons overhang their cells at low zoom)."""
        m = self.screen._map_rect()
        x, y = self._pos(cell)
        return self.screen._cell_at((x - m.x, y - m.y))

    def aim(self, cell: Cell) -> Cell:
        """The nearest cell to ``cell`` that a click picks as itself with no units there (a move order)."""
        eng = self.screen.eng
        for d in range(0, 12):
            for dr in range(-d, d + 1):
                for dc in range(-d, d + 1):
                    c = (cell[0] + dr, cell[1] + dc)
                    if max(abs(dr), abs(dc)) == d and eng.setup.grid.in_bounds(*c) and self.means(c) == c \
                            and not eng.state.units_at(c):
                        return c
        return cell

    def select(self, ids: list[str]) -> list[str]:
        """Select exactly ``ids``: a Shift+drag box round them when no other unit of ours is inside, else a
        click on the first and Shift+clicks on the others."""
        s = self.screen
        if set(s.orders_in.ids) == set(ids):
            return ids
        pts = [self._pos(s.eng.state.units[i].pos) for i in ids]
        box = pygame.Rect(min(p[0] for p in pts) - 2, min(p[1] for p in pts) - 2, 0, 0)
        box.width, box.height = max(p[0] for p in pts) + 2 - box.x, max(p[1] for p in pts) + 2 - box.y
        others = [u for u in s.eng.state.units_of(s.session.viewer)
                  if u.alive and u.id not in ids and box.collidepoint(self._pos(u.pos))]
        if len(ids) > 1 and not others and s._map_rect().contains(box):
            self.drag_box(box.topleft, box.bottomright)
            return [i for i in s.orders_in.ids if i in ids]
        else:
            self.click_unit(ids[0])
            if s.selected not in (None, ids[0]) and s.eng.state.units[ids[0]].pos == s.eng.state.units[s.selected].pos:
                self.click_unit(ids[0])  # a stack: the click cycles to the next unit in it
            for i in ids[1:]:
                if i not in s.orders_in.ids:
                    self.click_unit(i, pygame.KMOD_SHIFT)
        return [i for i in s.orders_in.ids if i in ids]


def plan_groups(setup) -> list[tuple[list[str], list[Cell], bool]]:
    """(units, objectives, by night) per group, read from the historical plan's tasks."""
    plan = plan_for(setup, "attacker")
    tasks = {t.id: t for t in plan.tasks}
    town = setup.grid.place("shusha")
    town_cell = (town.row, town.col)

    def cells(*ids: str) -> list[Cell]:
        out: list[Cell] = []
        for tid in ids:
            t = tasks[tid]
            out += list(t.via[-1:]) + ([t.at] if t.at else [])
        return out

    return [(list(tasks["infiltrate"].group), cells("infiltrate", "take_avetaranots", "to_sighnag", "take_sighnag",
                                                    "cliff_foot") + [town_cell], True),
            (list(tasks["scout"].group), cells("scout", "observe"), True),
            (list(tasks["follow"].group), cells("follow", "hold_avetaranots", "hold_sighnag"), False),
            (list(tasks["follow_up"].group), cells("follow_up"), False),
            (["mr_1", "mr_2"], [town_cell], False),
            (["artillery_1"], [], False)]


def test_a_full_game_in_at_most_300_clicks_and_keys(tmp_path) -> None:
    from game.scenario.load import load_scenario
    from tests.conftest import SHUSHA_PATH

    setup = load_scenario(SHUSHA_PATH)
    app = App(size=(1280, 800), saves=tmp_path)
    try:
        screen = GameScreen(app.ctx, Session.new(setup, SEED, ["attacker"], saves=tmp_path))
        app.switch(screen)
        app.step([])
        p = Player(app, screen)
        eng = screen.eng
        while screen.camera.px > 3:  # the whole map in view: no panning needed
            p.key(pygame.K_MINUS)
        p.key(pygame.K_w)  # no idle-units warning: the groups that wait do so on purpose
        ARTIFACTS.mkdir(exist_ok=True)
        groups = plan_groups(setup)
        stage = [0] * len(groups)
        turns = 0
        while not eng.state.game_over and p.presses < BUDGET:
            while not screen.session.human_turn and not eng.state.game_over:
                p.wait()
            if eng.state.game_over:
                break
            p.wait()  # the standing orders are carried out at the start of the turn
            for g, (ids, objectives, night) in enumerate(groups):
                stage[g] = order_group(p, ids, objectives, stage[g], night)
            if turns == 10:
                pygame.image.save(app.ctx.surface, str(ARTIFACTS / "click_budget_turn10.png"))
            p.key(pygame.K_e)
            turns += 1
        for _ in range(50):
            if isinstance(app.screen, EndScreen):
                break
            p.wait()
        outcome = eng.outcome()
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "click_budget.json").write_text(json.dumps({
            "clicks": p.clicks, "keys": p.keys, "total": p.presses, "turns_played": turns,
            "game_over": eng.state.game_over, "turn": eng.state.turn,
            "outcome": repr(outcome), "losses": eng.state.losses}, indent=1, default=str))
        assert eng.state.game_over, f"the game did not end within {BUDGET} clicks and keys (turn {eng.state.turn})"
        assert p.presses <= BUDGET, p.presses
        assert isinstance(app.screen, EndScreen)
    finally:
        pygame.quit()


def order_group(p: Player, ids: list[str], objectives: list[Cell], stage: int, night: bool) -> int:
    """This turn's orders for one group; returns its stage (index of the objective it is going to)."""
    s = p.screen
    eng, side = s.eng, s.session.viewer
    units = [eng.state.units[i] for i in ids if i in eng.state.units and eng.state.units[i].alive]
    if not units:
        return stage
    orders = standing.orders_of(eng, side)
    if any(u.id in orders for u in units) or all(eng.budget_min(u.id) < 10 for u in units):
        return stage
    alive = [u.id for u in units]
    for u in units:  # an enemy next to one of them: attack it together
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                enemy = spotted_enemy_at(eng, side, (u.row + dr, u.col + dc))
                if enemy is not None and (dr or dc):
                    p.select(alive)
                    if p.means(enemy.pos) == enemy.pos:
                        p.click(enemy.pos)
                        return stage
    while stage < len(objectives) and all(max(abs(u.row - objectives[stage][0]), abs(u.col - objectives[stage][1]))
                                          <= 3 for u in units):
        stage += 1
    if stage >= len(objectives):
        p.select(alive)
        p.key(pygame.K_h)  # hold, every turn until told otherwise
        return stage
    p.select(alive)
    if night and stage == 0:
        p.key(pygame.K_b)
    p.click(p.aim(objectives[stage]))
    return stage
