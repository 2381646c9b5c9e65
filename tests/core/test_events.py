"""Events are typed, and what each side is told never names an enemy unit it has not spotted."""

from __future__ import annotations

import pytest

from game.ai.plan_policy import PlanPolicy
from game.ai.view import SideView
from game.core import events as E
from game.core.engine import Engine


def fog_checked_game(setup, seed: int) -> tuple[Engine, list[tuple[E.Event, dict[str, set[str]]]]]:
    """An AI-vs-AI game; every event is recorded with what each side had spotted when it was emitted or
    when the action that caused it began (a post overrun in an assault knew who assaulted it)."""
    eng = Engine(setup, seed)
    seen: list[tuple[E.Event, dict[str, set[str]]]] = []
    before: dict[str, set[str]] = {}

    def listen(ev: E.Event) -> None:
        seen.append((ev, {s: set(eng.spotted_by(s)) | before.get(s, set()) for s in setup.sides}))

    eng.ctx.events.listeners.append(listen)
    policies = {s: PlanPolicy(setup, s) for s in setup.sides}
    while not eng.state.game_over:
        side = eng.state.side
        for action in policies[side].phase(SideView(eng, side, policies[side].plan)):
            before = {s: set(eng.spotted_by(s)) for s in setup.sides}
            eng.submit(action)
            if eng.state.side != side or eng.state.game_over:
                break
    return eng, seen


@pytest.mark.parametrize("seed", [1, 2])
def test_no_event_names_an_enemy_the_side_has_not_spotted(shusha, seed: int) -> None:
    eng, seen = fog_checked_game(shusha, seed)
    hidden = 0
    for ev, spotted in seen:
        for side in shusha.sides:
            if not ev.visible_to(side):
                hidden += 1
                continue
            for uid in ev.unit_ids():
                u = eng.state.units[uid]
                if u.side != side and u.alive:
                    assert uid in spotted[side], (side, ev)
    assert hidden > 0  # fog of war withheld events: the check above had something to check
    kinds = {type(ev) for ev, _ in seen}
    assert {E.UnitMoved, E.ShotResolved, E.AssaultResolved, E.TurnStarted} <= kinds


def test_fire_from_an_unseen_mortar_does_not_name_it(tiny) -> None:
    from game.core import actions as A
    from tests.fixtures import arrange

    # a recon team next to the road post spots it; the mortars far off fire on it unseen
    eng = Engine(arrange(tiny, a1=(6, 14), a3=(11, 15)), 1)
    assert "a3" not in eng.spotted_by("defender")
    res = eng.submit(A.Fire("a3", "d2"))
    assert res.ok, res.reason
    shot = next(e for e in res.events if isinstance(e, E.ShotResolved))
    assert shot.visible_to("attacker") and not shot.visible_to("defender")
    told = [e for e in res.events if e.visible_to("defender")]
    assert any(isinstance(e, E.UnderFire) and e.target == "d2" for e in told)
    assert all("Mortars" not in e.text and "a3" not in e.unit_ids() for e in told)
