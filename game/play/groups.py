"""Orders for several units at once: a group move that keeps together, a group attack (no pygame here).

A group move gives each unit its own cell near the target (the first unit the target itself), keeps the
moves as standing orders sharing one group id, and walks the first leg now at the pace of the slowest
(see ``game.play.standing``). ``night=True`` is the plan vocabulary's "move to X by night": the group
waits for darkness and moves only in night turns.
"""

from __future__ import annotations

from game.core import actions as A
from game.core.engine import Engine, Result
from game.core.rules import combat, movement
from game.play import standing
from game.play.standing import Order, Submit

Cell = tuple[int, int]
SPREAD = 4  # rings (cells) round the target searched for the members' own cells


def spread_targets(eng: Engine, ids: list[str], cell: Cell) -> dict[str, Cell]:
    """A cell near ``cell`` for each unit (in ``ids`` order): the nearest free, passable ones, one unit each.

    Example: three foot units ordered to an open cell get it and two of its neighbours."""
    grid = eng.setup.grid
    taken: set[Cell] = set()
    out: dict[str, Cell] = {}
    r0, c0 = cell
    rings = [(r0 + dr, c0 + dc) for d in range(SPREAD + 1) for dr in range(-d, d + 1) for dc in range(-d, d + 1)
             if max(abs(dr), abs(dc)) == d]
    for uid in ids:
        u = eng.state.units[uid]
        costs = eng.graph_for(u).costs
        blocked = movement.blocked_cells(eng.ctx, u)
        for c in rings:
            if c in taken or not grid.in_bounds(*c) or blocked[c]:
                continue
            if c == u.pos or costs[:, c[0], c[1]].any():
                out[uid] = c
                taken.add(c)
                break
        else:
            out[uid] = cell  # nowhere better: let the order explain why it cannot go there
    return out


def move(eng: Engine, side: str, ids: list[str], cell: Cell, *, fastest: bool = False, night: bool = False,
         submit: Submit | None = None) -> list[str]:
    """Order the units (one or several) to ``cell``; what is beyond this turn's reach becomes a standing order.

    Replaces the units' earlier standing orders. Returns what was said (arrivals, contacts, refusals)."""
    ids = [i for i in ids if i in eng.state.units and eng.state.units[i].alive and eng.state.units[i].side == side]
    if not ids:
        return []
    for uid in ids:
        standing.cancel(eng, side, uid)
    group = standing.new_group_id(eng, side) if len(ids) > 1 else ""
    targets = spread_targets(eng, ids, cell) if len(ids) > 1 else {ids[0]: cell}
    orders = [Order(uid, targets[uid], fastest=fastest, night=night, group=group) for uid in ids]
    return standing.walk_group(eng, side, orders, submit or eng.submit, fresh=True)


def hold(eng: Engine, side: str, ids: list[str], submit: Submit | None = None) -> list[Result]:
    """Order the units to hold where they are, this turn and every turn until told otherwise."""
    out = []
    for uid in ids:
        u = eng.state.units.get(uid)
        if u is None or not u.alive or u.side != side:
            continue
        res = (submit or eng.submit)(A.Hold(uid))
        out.append(res)
        if res.ok:
            standing.give(eng, side, Order(uid, u.pos, kind="hold"))
    return out


def attack(eng: Engine, side: str, ids: list[str], target: str, *, fire: bool = False,
           submit: Submit | None = None) -> list[tuple[str, Result]]:
    """Each unit that can: assault ``target`` when adjacent (fire instead with ``fire``), else fire on it.

    Units that can do neither are left out (their reasons are in the results of those that tried)."""
    submit = submit or eng.submit
    out: list[tuple[str, Result]] = []
    for uid in ids:
        u = eng.state.units.get(uid)
        t = eng.state.units.get(target)
        if u is None or t is None or not u.alive or not t.alive:
            continue
        adjacent = max(abs(t.row - u.row), abs(t.col - u.col)) == 1
        assault = A.Assault(uid, target)
        action: A.Action = assault if adjacent and not fire and \
            not isinstance(combat.plan_assault(eng.ctx, assault), str) else A.Fire(uid, target)
        if len(ids) > 1 and isinstance(action, A.Fire) and isinstance(combat.plan_fire(eng.ctx, action), str):
            continue
        standing.cancel(eng, side, uid)
        out.append((uid, submit(action)))
    return out
