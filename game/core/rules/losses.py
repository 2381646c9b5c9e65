"""Losses and damage: soldiers lost by category (killed, wounded, captured, dispersed), building damage.

Sources report killed; a headcount lost is not comparable with them without the split, so every loss
is booked by category, drawn with the game's generator where the split is uncertain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.core import events as E
from game.core.units import Unit

if TYPE_CHECKING:
    from game.core.context import Context


def book(ctx: Context, u: Unit, n: int, *, killed_share: float = 0.0, captured: int = 0,
         dispersed: bool = False) -> int:
    """Remove ``n`` soldiers from ``u`` (never below zero) and book them by category; returns the number.

    ``captured`` of them are taken prisoner; of the rest a binomial ``killed_share`` are killed and the
    others wounded, or all are dispersed with ``dispersed``.
    """
    n = max(0, min(int(n), u.strength))
    if n == 0:
        return 0
    seen = ctx.known_to(u)
    captured = max(0, min(captured, n))
    rest = n - captured
    killed = 0 if dispersed or rest == 0 else int(ctx.state.rng.binomial(rest, killed_share))
    split = {"killed": killed, "wounded": 0 if dispersed else rest - killed, "captured": captured,
             "dispersed": rest if dispersed else 0}
    book_side = ctx.state.losses.setdefault(u.side, {k: 0 for k in split})
    for k, v in split.items():
        book_side[k] = book_side.get(k, 0) + v
    u.strength -= n
    if u.strength == 0:
        ctx.state.roster_changed()
        ctx.touch(u.id)
        ctx.emit(E.Eliminated, f"{u.name} was destroyed.", seen_by=seen, unit=u.id)
    return n


def damage_buildings(ctx: Context, cell: tuple[int, int], amount: float, *, spread: bool, by: str) -> None:
    """Add building damage caused by side ``by`` to settlement cells at ``cell`` (around it for area fire)."""
    grid = ctx.setup.grid
    st = ctx.state
    r, c = cell
    rad = 1 if spread else 0
    sl = (slice(max(r - rad, 0), r + rad + 1), slice(max(c - rad, 0), c + rad + 1))
    settled = grid.settlement[sl] >= 0
    if not settled.any():
        return  # no buildings there: nothing to damage
    add = np.full(settled.shape, amount * (0.5 if spread else 1.0), dtype=np.float32)
    if spread:
        add[min(r, rad), min(c, rad)] = amount
    before = st.damage[sl].copy()
    st.damage[sl] = np.minimum(1.0, before + np.where(settled, add, 0.0))
    st.damage_by[(ctx.setup.sides.index(by),) + sl] += st.damage[sl] - before
