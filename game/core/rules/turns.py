"""The turn sequence: phases of each side, upkeep, control, objectives, dated events, reinforcements."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from game.core import actions as A
from game.core import events as E
from game.core.rules import control, upkeep, victory
from game.core.rules.constraints import forbidden_reason
from game.core.steps import inside
from game.core.units import Unit
from game.core.whereabouts import where
from game.core.wording import counted

if TYPE_CHECKING:
    from game.core.context import Context
    from game.core.setup import ScenarioEvent


def do_end_turn(ctx: Context, a: A.EndTurn) -> str | None:
    """The EndTurn handler: the next side's phase, or the end of the turn."""
    st = ctx.state
    if st.game_over:
        return "The game is over."
    if a.side != st.side:
        return f"{ctx.side_name(a.side)} cannot end the turn: {ctx.side_name(st.side)} are to move."
    end_phase(ctx)
    return None


def end_phase(ctx: Context) -> None:
    """End the side on move's phase; after the last side, resolve the turn and start the next one."""
    st = ctx.state
    ctx.emit(E.TurnEnded, f"{ctx.side_name(st.side)} ended their part of {ctx.clock.label(st.turn)}.", side=st.side)
    if st.active < len(ctx.setup.sides) - 1:
        st.active += 1
        begin_phase(ctx)
        return
    upkeep.end_of_turn(ctx)
    for side, n in control.update_control(ctx):
        ctx.emit(E.ControlChanged, f"{ctx.side_name(side)} took control of {counted(n, 'settlement cell')}.", side=side,
                 cells=n)
    victory.after_turn(ctx)
    if victory.game_decided(ctx) or st.turn >= ctx.clock.last_turn:
        st.game_over = True
        out = victory.final_outcome(ctx)
        ctx.emit(E.GameOver, f"Game over: {out.summary}.", grade=out.grade)
    else:
        st.turn += 1
        st.active = 0
        start_turn(ctx)
        begin_phase(ctx)


def begin_phase(ctx: Context) -> None:
    """Remember what each side has spotted as the phase begins (surprise in close assault) and where it last
    saw each enemy unit (what its commanders know)."""
    st = ctx.state
    st.phase_spotted = {s: list(ctx.spotted_by(s)) for s in ctx.setup.sides}
    for side, ids in st.phase_spotted.items():
        seen = st.last_seen.setdefault(side, {})
        for uid in ids:
            u = st.units[uid]
            seen[uid] = [u.row, u.col, st.turn]


def event_lead(ev: ScenarioEvent) -> str:
    """How a dated scenario event is introduced: a weather change happens in this game and is dated; a
    game assumption is a note; anything else is documented history, not news of this game."""
    if ev.weather:
        return f"{ev.time:%d %b %Y %H:%M}"
    if ev.attribution.strip().lower() == "game assumption":
        return "Scenario note"
    return f"Historically, {ev.time:%d %b %Y %H:%M}"


def start_turn(ctx: Context) -> None:
    """Light and weather change: dated events fire, reinforcements enter, spotting starts afresh."""
    st = ctx.state
    start, end = ctx.clock.start(st.turn), ctx.clock.end(st.turn)
    ctx.emit(E.TurnStarted, ctx.clock.label(st.turn))
    last = st.turn >= ctx.clock.last_turn
    for ev in ctx.for_setup("events by time", lambda: sorted(ctx.setup.events, key=lambda e: (e.time, e.id))):
        due = ev.time < end or (last and ev.time <= end)  # the last turn includes the scenario's end
        if ev.id in st.fired_events or not due or (ev.time < start and st.turn > 0):
            continue
        st.fired_events.append(ev.id)
        if ev.weather:
            st.weather_override, st.weather_since = ev.weather, ev.time
        flag = " [disputed]" if ev.disputed else ""
        ctx.emit(E.ScenarioEventFired, f"{event_lead(ev)} - {ev.text} ({ev.attribution}){flag}",
                 event=ev.id, disputed=ev.disputed)
    for i, rf in enumerate(ctx.setup.reinforcements):
        if i in st.arrived or rf.time >= end:
            continue
        side = rf.units[0].side
        road = rf.requires_road_open
        if road and any(control.road_cut(ctx, road, s) for s in ctx.setup.enemies(side)):
            ctx.emit(E.ReinforcementBlocked, f"Reinforcements for {ctx.side_name(side)} could not pass: the road "
                     f"'{ctx.setup.grid.road_names.get(road, road)}' is cut.", seen_by=(side,), side=side, road=road)
            continue
        st.arrived.append(i)
        for proto in rf.units:
            enter(ctx, copy.copy(proto))
    ctx.reset_sight()  # a new turn's light and weather (events may have changed it): spotting afresh


def enter(ctx: Context, u: Unit) -> None:
    """Bring a reinforcing unit onto the map at its cell or the nearest free passable one."""
    why = forbidden_reason(ctx.setup.constraints, u.side, ctx.setup.unit_types[u.type_id])
    if why:
        ctx.emit(E.Notice, f"{u.name} cannot enter: {why}", seen_by=(u.side,))
        return
    cell = free_cell_near(ctx, u)
    if cell is None:
        ctx.emit(E.Notice, f"{u.name} found no free cell to enter.", seen_by=(u.side,))
        return
    u.row, u.col = cell
    ctx.state.units[u.id] = u
    ctx.touch(u.id)
    ctx.emit(E.ReinforcementArrived, f"{u.name} arrived {where(ctx.setup.grid, cell)}.", seen_by=(u.side,),
             unit=u.id, cell=cell)


def free_cell_near(ctx: Context, u: Unit) -> tuple[int, int] | None:
    """The unit's cell or the nearest cell (rings of up to 5) it can stand on with no enemy in it."""
    grid = ctx.setup.grid
    ut = ctx.setup.unit_types[u.type_id]
    enemy = {o.pos for o in ctx.state.enemies_of(u.side)}
    for radius in range(0, 6):
        for dr in range(-radius, radius + 1):
            for dc in range(-radius, radius + 1):
                if max(abs(dr), abs(dc)) != radius:
                    continue
                c = (u.row + dr, u.col + dc)
                if not inside(grid.shape, c[0], c[1]) or c in enemy:
                    continue
                if grid.table.speed[ut.move_class][grid.terrain[c]] > 0 or grid.road[c] > 0:
                    return c
    return None
