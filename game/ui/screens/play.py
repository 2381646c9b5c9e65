"""The game screen: the map, the HUD, orders by mouse and keys, and the enemy's turn played back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import numpy as np
import pygame
import pygame_gui
from pygame_gui.windows import UIMessageWindow

from game.core import actions as A
from game.core.engine import Result
from game.core.rules import combat, movement
from game.play import orders
from game.play.saves import SaveError
from game.play.session import Session
from game.ui import tooltip as tips
from game.ui.app import Context
from game.ui.banner import Notices, enemy_turn_text, saved_text
from game.ui.camera import KEY_HOLD_S, Camera, EdgePan, SideViews, key_tap_cells, pick_cell
from game.ui.dialogs import SavePicker, show_message
from game.ui.ghost_overlay import GhostOverlay
from game.ui.hud import SIDE, TOP, Hud, top_bar_texts
from game.ui.mapview import MapView
from game.ui.minimap import Minimap, MinimapPlace
from game.ui.picture import BattlePicture
from game.ui.screens.curtain import Curtain
from game.ui.selection_draw import preview_rects
from game.ui.selection_input import OrdersInput
from game.ui.symbols import draw_unit
from game.ui.tooltip import COMPACT_HINT, COMPACT_WIDTH, TooltipMode, draw_text_box, draw_tooltip

PAN_CELLS_PER_S = 40.0
AI_STEP_S = 0.12
AI_FRAME_S = 0.04  # the enemy's moves out of sight are played this long per frame, so the screen stays live
ARROWS = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1)}
MOVE_ANIM_S = 0.35
ALERT_S = 5.0
DRAG_PX = 5
MINIMAP_PX = 180
BANNER_PX = 17  # font sizes (DejaVu Sans) of the event banner, the refusal bar and the tooltip
ALERT_PX = 16
TOOLTIP_PX = 14
BAR_LINES = 4  # the banner and the refusal bar wrap to at most this many lines


class GameScreen:
    """Plays a Session: humans give orders with mouse and keys; the AI's actions are shown one by one."""

    def __init__(self, ctx: Context, session: Session) -> None:
        self.ctx = ctx
        self.session = session
        self.eng = session.engine
        grid = self.eng.setup.grid
        self.view = MapView(grid)
        self.camera = Camera(grid.shape, self._map_rect().size)
        self.minimap = Minimap(grid, (MINIMAP_PX, MINIMAP_PX))
        self.hud = Hud(ctx.manager, ctx.size)
        self.selected: str | None = None
        self.hover: tuple[int, int] | None = None
        self.hover_text: list[str] = []
        self.path: list[tuple[int, int]] = []
        self.message = ""  # last refusal or result, shown in the unit panel
        self.drag_from: tuple[int, int] | None = None
        self.dragged = False
        self.ai_run: Iterator[tuple[A.Action, Result]] | None = None
        self.ai_timer = 0.0
        self.picker: SavePicker | None = None
        self.fog_all = not session.humans  # AI vs AI: show everything unless toggled
        self.ghost = GhostOverlay(self.eng.setup)  # documented history over the map (G), off by default
        self.curtain: Curtain | None = None
        self.banner: tuple[str, float] | None = None
        self.alert: tuple[str, float] | None = None  # a refused order, shown over the map
        self.banner_rect: pygame.Rect | None = None  # where the banner and the alert were last drawn
        self.alert_rect: pygame.Rect | None = None
        self.anims: dict[str, tuple[list[tuple[int, int]], float]] = {}
        self.windows: list[UIMessageWindow] = []  # message windows this screen opened (killed on close)
        self._seen_log = len(self.eng.log)
        self._last_viewer = session.viewer
        self._fog_key: object = None
        self.notices = Notices()  # what a key or button just did, and whose turn it is
        self.edge = EdgePan()
        self.views = SideViews()  # hot-seat: each side's own camera
        self.key_held = 0.0  # how long an arrow key has been held
        self.minimap_place = MinimapPlace()
        self.tip = TooltipMode()
        self.hover_orders = 0  # how many of hover_text's first lines say what a click would do
        self.orders_in = OrdersInput(self)  # group selection, standing orders, idle units
        self.picture = BattlePicture(self)  # objectives, turn summary, fights, line of sight, legend
        self._fit_small_map()
        self._centre_on_side()
        self._place_minimap()
        self._refresh()

    # ------------------------------------------------------------------ layout
    def _map_rect(self) -> pygame.Rect:
        w, h = self.ctx.size
        return pygame.Rect(0, TOP, w - SIDE, h - TOP)

    def resize(self, size: tuple[int, int]) -> None:
        self.hud.resize(size)
        self.camera.resize(self._map_rect().size)
        self._refresh()

    def close(self) -> None:
        """Leaving the screen: kill the HUD, the save picker, the curtain and any message window."""
        self.hud.kill()
        for win in self.windows:
            win.kill()
        self.windows.clear()
        if self.picker is not None:
            self.picker.kill()
        if self.curtain is not None:
            self.curtain.kill()

    def _fit_small_map(self) -> None:
        """Zoom in on maps smaller than the window (the largest level at which the whole map fits)."""
        rows, cols = self.eng.setup.grid.shape
        w, h = self._map_rect().size
        fits = [i for i, px in enumerate(self.camera.levels) if rows * px <= h and cols * px <= w]
        if fits and fits[-1] > self.camera.zoom:
            self.camera.zoom = fits[-1]
            self.camera.clamp()

    def _place_minimap(self) -> None:
        """Put the minimap in a corner where it covers none of the viewer's units."""
        mrect = self._map_rect()
        pts = [self.camera.screen_rect(*u.pos).move(mrect.topleft).center
               for u in self.eng.state.units_of(self.session.viewer)]
        self.minimap_place.avoid(mrect, (MINIMAP_PX, MINIMAP_PX), pts)

    def _cell_at(self, local: tuple[int, int]) -> tuple[int, int] | None:
        """The cell a click at map-local ``local`` means: the unit icon under it (icons overhang their cells
        at low zoom), else the cell under it."""
        return pick_cell(self.camera, local, [u.pos for u in self.visible_units() if u.alive])

    def _centre_on_side(self) -> None:
        units = self.eng.state.units_of(self.session.viewer)
        if units:
            rows = [u.row for u in units]
            cols = [u.col for u in units]
            self.camera.centre_on((sum(rows) / len(rows), sum(cols) / len(cols)))

    # ------------------------------------------------------------------ events
    def handle(self, event: pygame.event.Event) -> object | None:
        if self.curtain is not None and self.curtain.active:
            self.curtain.handle(event)
            return None
        if self.picker is not None:
            return self._picker_event(event)
        if self.picture.handle(event) or self.orders_in.handle(event):
            return None
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            return self._button(self.hud.button(event.ui_element))
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        mrect = self._map_rect()
        if event.type in (pygame.MOUSEWHEEL, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and \
                self.hud.covers(getattr(event, "pos", pygame.mouse.get_pos())):
            return None  # the help window is over the map there: the map gets neither wheel nor click
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.edge.clicked()
        if event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            if mrect.collidepoint(pos):
                self.camera.zoom_at((pos[0] - mrect.x, pos[1] - mrect.y), event.y)
            return None
        if event.type == pygame.MOUSEBUTTONDOWN and mrect.collidepoint(event.pos):
            local = (event.pos[0] - mrect.x, event.pos[1] - mrect.y)
            mm = self._minimap_rect()
            if event.button == 1 and mm is not None and mm.collidepoint(event.pos):
                cell = self.minimap.cell_at((event.pos[0] - mm.x, event.pos[1] - mm.y))
                if cell is not None:
                    self.camera.centre_on(cell)
                return None
            if event.button in (1, 2):
                self.drag_from, self.dragged = local, False
            elif event.button == 3:
                self._select(None)
            return None
        if event.type == pygame.MOUSEMOTION:
            local = (event.pos[0] - mrect.x, event.pos[1] - mrect.y)
            if self.drag_from is not None and (event.buttons[0] or event.buttons[1]):
                dx, dy = local[0] - self.drag_from[0], local[1] - self.drag_from[1]
                if self.dragged or abs(dx) + abs(dy) > DRAG_PX:
                    self.camera.pan_pixels(-dx, -dy)
                    self.drag_from, self.dragged = local, True
            self._hover(self._cell_at(local) if mrect.collidepoint(event.pos) else None)
            return None
        if event.type == pygame.MOUSEBUTTONUP and event.button in (1, 2):
            was_drag = self.dragged
            self.drag_from, self.dragged = None, False
            if event.button == 1 and not was_drag and mrect.collidepoint(event.pos):
                local = (event.pos[0] - mrect.x, event.pos[1] - mrect.y)
                cell = self._cell_at(local)
                if cell is not None:
                    mods = pygame.key.get_mods()
                    self._click(cell, fire=bool(mods & pygame.KMOD_SHIFT), stack=bool(mods & pygame.KMOD_CTRL))
        return None

    def _key(self, event: pygame.event.Event) -> object | None:
        k, mods = event.key, event.mod
        ctrl = mods & pygame.KMOD_CTRL
        if k in (pygame.K_e, pygame.K_RETURN, pygame.K_KP_ENTER):
            return self._button("end_turn")
        if (k == pygame.K_z and ctrl) or k == pygame.K_u:
            return self._button("undo")
        if k == pygame.K_s and ctrl:
            return self._button("save")
        if k == pygame.K_l and ctrl:
            return self._button("load")
        if k in (pygame.K_F1, pygame.K_QUESTION, pygame.K_SLASH):
            return self._button("help")
        if k == pygame.K_g:
            return self._button("history")
        if k == pygame.K_d:
            return self._button("dig_in")
        if k == pygame.K_h:
            return self._button("hold")
        if k == pygame.K_r:
            return self._button("rally")
        if k == pygame.K_SPACE:
            self._skip_ai()
        elif k == pygame.K_ESCAPE and self.hud.help_open():
            self.hud.toggle_help(self.ctx.size)  # Esc closes the help first
        elif k == pygame.K_ESCAPE:
            self._select(None)
        elif k in ARROWS:  # a tap pans at least a cell; holding the key pans on (see _scroll)
            step = key_tap_cells(self.camera)
            self.camera.pan(ARROWS[k][0] * step, ARROWS[k][1] * step)
            self.key_held = 0.0
        elif k == pygame.K_m:
            self.notices.post(self.minimap_place.cycle())
        elif k == pygame.K_t:
            self.notices.post(self.tip.toggle())
        elif k == pygame.K_F10 and not self.session.humans:
            self.fog_all = not self.fog_all
            self._refresh()
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.camera.zoom_at(self.camera.centre_px(), 1)
        elif k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.camera.zoom_at(self.camera.centre_px(), -1)
        return None

    def _button(self, name: str | None) -> object | None:
        s = self.session
        if name == "help":
            self.hud.toggle_help(self.ctx.size)
        elif name == "menu":
            from game.ui.screens.start import StartScreen

            s.autosave()
            return StartScreen(self.ctx)
        elif name == "save":
            path = self.ctx.saves / f"{self.eng.setup.scenario_id}-turn{self.eng.state.turn + 1}-" \
                                    f"{datetime.now():%Y%m%d-%H%M%S}.jsonl"
            try:
                s.save(path)
                self.message = f"Saved to {path}"
                self.notices.post(saved_text(path, self.ctx.font(BANNER_PX), self._map_rect().width - 60))
            except OSError as e:
                self._show_message("Save failed", f"The game could not be saved: {e}")
        elif name == "load":
            self.picker = SavePicker(self.ctx.manager, self.ctx.saves)
        elif name == "history":
            self.message = self.ghost.toggle()
            self._refresh()
        elif not s.human_turn or self.ai_run is not None:
            self.message = "Wait: it is not your turn."
            self.notices.post(self.message + " Space: skip the enemy's moves.")
        elif name == "end_turn":
            if not self.orders_in.may_end_turn():
                return None
            self._after(s.end_turn())
            self._select(None)
        elif name == "undo":
            self.message = "Move undone." if s.undo() else "Nothing to undo (only a move that revealed nothing)."
            self.notices.post(self.message)
            self._refresh()
        elif name in ("dig_in", "hold", "rally") and self.selected:
            cls = {"dig_in": A.DigIn, "hold": A.Hold, "rally": A.Rally}[name]
            self._after(s.order(cls(self.selected)))
        return None

    def _picker_event(self, event: pygame.event.Event) -> object | None:
        assert self.picker is not None
        self.picker.process_event(event)
        if self.picker.done:
            path, self.picker = self.picker.chosen, None
            if path is not None:
                try:
                    return GameScreen(self.ctx, Session.load(path, saves=self.ctx.saves))
                except SaveError as e:
                    self._show_message("Cannot load this save", str(e))
        return None

    def _show_message(self, title: str, text: str) -> None:
        """Open a message window owned by this screen (it is closed with the screen)."""
        self.windows = [w for w in self.windows if w.alive()]
        self.windows.append(show_message(self.ctx.manager, title, text))

    # ------------------------------------------------------------------ orders
    def _select(self, unit_id: str | None) -> None:
        self.selected = unit_id
        self.orders_in.deselected()
        self.path = []
        self._refresh()

    def _click(self, cell: tuple[int, int], *, fire: bool = False, stack: bool = False) -> None:
        """A left click on ``cell``: select your units there, or give the selected unit an order.

        ``fire`` (Shift) fires on an adjacent enemy instead of assaulting it. ``stack`` (Ctrl) orders the
        selected unit onto a cell held by your own units instead of selecting them.
        """
        if self.orders_in.click(cell, stack=stack):
            return
        s = self.session
        ids = [u.id for u in self.eng.state.units_at(cell) if u.side == s.viewer]
        sel = self.eng.state.units.get(self.selected) if self.selected else None
        ordering = (sel is not None and sel.alive and sel.side == s.viewer and sel.pos != cell
                    and (stack or not ids or orders.spotted_enemy_at(self.eng, s.viewer, cell) is not None))
        if not ordering:  # select your units there; clicking the selected unit's cell cycles the stack
            if ids:
                self._select(ids[(ids.index(self.selected) + 1) % len(ids)] if self.selected in ids else ids[0])
            return
        if not s.human_turn:
            self.message = "Wait: it is not your turn."
            return
        action = orders.order_for_click(self.eng, self.selected, cell, fire=fire)
        if action is not None:
            self._after(s.order(action))

    def _after(self, res: Result) -> None:
        self.message = "" if res.ok else f"Refused: {res.reason}" if not res.reason.startswith("Refused") \
            else res.reason
        self.alert = (self.message, ALERT_S) if self.message else None
        self._refresh()

    def _hover(self, cell: tuple[int, int] | None) -> None:
        """Tooltip lines and path preview for ``cell`` under the mouse (what a click there would do)."""
        if cell == self.hover:
            return
        self.hover = cell
        self.path = []
        if cell is None:
            self.hover_text = []
            return
        s = self.session
        lines = orders.cell_info(self.eng, s.viewer, cell, self.selected)
        n_info = len(lines)
        if self.selected and s.human_turn and self.selected in self.eng.state.units:
            enemy = orders.spotted_enemy_at(self.eng, s.viewer, cell)
            u = self.eng.state.units[self.selected]
            if enemy is not None:
                if max(abs(enemy.row - u.row), abs(enemy.col - u.col)) == 1:
                    lines.insert(0, orders.assault_preview(self.eng, u.id, enemy.id))
                    lines.insert(1, "Shift-click: " + orders.fire_preview(self.eng, u.id, enemy.id))
                else:
                    lines.insert(0, orders.fire_preview(self.eng, u.id, enemy.id))
            elif cell != u.pos:
                # a plain click on a cell with your own units selects them: the order needs Ctrl
                how = "Ctrl+click: " if any(o.side == s.viewer for o in self.eng.state.units_at(cell)) else ""
                if max(abs(cell[0] - u.row), abs(cell[1] - u.col)) == 1 \
                        and self.eng.setup.grid.is_cliff_between(u.pos, cell):
                    lines.insert(0, how + self._climb_preview(u.id, cell))  # a click here climbs: no path
                else:
                    prev = orders.move_preview(self.eng, u.id, cell, **self.orders_in.preview_flags())
                    if isinstance(prev, str):
                        lines.insert(0, prev)
                    else:
                        self.path = prev.path
                        lines.insert(0, f"{how}{self.orders_in.preview_prefix()}Move: {prev.text}")
        self.hover_text = lines
        self.hover_orders = len(lines) - n_info

    def _climb_preview(self, unit_id: str, cell: tuple[int, int]) -> str:
        """What a click across the cliff edge into ``cell`` would do: the climb's hours or why not."""
        plan = movement.plan_climb(self.eng.ctx, A.Climb(unit_id, cell))
        if isinstance(plan, str):
            return f"Cannot climb: {plan}"
        left = self.eng.budget_min(unit_id)
        if plan > left + 1e-9:  # a long climb started now goes on next turn
            return (f"Climb the cliff: {plan / 60:.1f} h, {max(left, 0.0) / 60:.1f} h of it this turn "
                    f"(climb again next turn), exposed on the face until your next turn")
        return f"Climb the cliff: {plan / 60:.1f} h, exposed on the face until your next turn"

    def _mouse_cell(self) -> tuple[int, int] | None:
        """The map cell under the mouse, or None when the mouse is off the map."""
        mrect = self._map_rect()
        pos = pygame.mouse.get_pos()
        if not mrect.collidepoint(pos):
            return None
        return self.camera.cell_at((pos[0] - mrect.x, pos[1] - mrect.y))

    def _rehover(self) -> None:
        """Recompute the tooltip and path preview for the cell under the mouse (the state changed)."""
        self.hover = None
        self.path = []
        self.hover_text = []
        self._hover(self._mouse_cell())

    # ------------------------------------------------------------------ turn flow
    def _skip_ai(self) -> None:
        if self.ai_run is not None:
            for _ in self.ai_run:
                pass
            self.ai_run = None
            self.anims.clear()
            self._refresh()

    def _shown(self, action: A.Action) -> bool:
        """Whether the viewer sees this AI action happen; a visible move starts a short animation."""
        unit = getattr(action, "unit", None)
        if unit is None or unit not in self.eng.state.units:
            return False
        visible = {u.id for u in self.visible_units()}
        target = self.eng.state.units.get(getattr(action, "target", ""))
        if not self.session.humans and target is not None and unit in visible:
            self.camera.follow(target.pos)  # watch mode follows the fighting
        if isinstance(action, A.Move) and unit in visible and action.path:
            u = self.eng.state.units[unit]
            path = list(action.path)
            if u.pos in path:
                self.anims[unit] = (path[:path.index(u.pos) + 1], 0.0)
        return unit in visible

    def _animate(self, dt: float) -> None:
        for uid, (path, t) in list(self.anims.items()):
            if t + dt >= MOVE_ANIM_S:
                del self.anims[uid]
            else:
                self.anims[uid] = (path, t + dt)

    def _anim_rect(self, uid: str) -> pygame.Rect | None:
        """Where an animated unit is drawn now: along its path, by elapsed time."""
        path, t = self.anims[uid]
        if len(path) < 2:
            return None
        f = min(t / MOVE_ANIM_S, 1.0) * (len(path) - 1)
        i = min(int(f), len(path) - 2)
        (r0, c0), (r1, c1) = path[i], path[i + 1]
        rect = self.camera.unit_rect(r0, c0)
        nxt = self.camera.unit_rect(r1, c1)
        k = f - i
        return rect.move(round((nxt.x - rect.x) * k), round((nxt.y - rect.y) * k))

    def update(self, dt: float) -> object | None:
        self._scroll(dt)
        s = self.session
        if self.ai_run is None and not s.human_turn and not self.eng.state.game_over:
            self.ai_run = s.ai_steps()
            self.ai_timer = 0.0
        self._animate(dt)
        if self.ai_run is not None:
            self._play_ai(dt)
        if self.session.viewer != self._last_viewer and len(s.humans) > 1 and s.human_turn:
            if not self.views.swap(self.camera, self._last_viewer, s.viewer):
                self._centre_on_side()  # the side's first turn: its units, not the other side's view
            self._last_viewer = self.session.viewer
            self.curtain = Curtain(self.ctx, f"Pass to {self.eng.side_name(s.viewer)}")
            self._select(None)
        self.orders_in.update()
        self.picture.update(dt)
        self.notices.update(dt)
        self.tip.update(dt, self.hover)
        if self.banner is not None:
            self.banner = (self.banner[0], self.banner[1] - dt) if self.banner[1] > dt else None
        if self.alert is not None:
            self.alert = (self.alert[0], self.alert[1] - dt) if self.alert[1] > dt else None
        if self.eng.state.game_over and self.ai_run is None:
            from game.ui.screens.end import EndScreen

            return EndScreen(self.ctx, s)
        return None

    def _play_ai(self, dt: float) -> None:
        """Play the computer's actions: a visible one every ``AI_STEP_S`` (moves animated), those out of the
        viewer's sight straight on (up to ``AI_FRAME_S`` of work per frame); the screen is refreshed once a
        frame, not once an action."""
        self.ai_timer += dt
        started, changed = pygame.time.get_ticks(), False
        while self.ai_run is not None and self.ai_timer >= AI_STEP_S and not self.anims:
            step = next(self.ai_run, None)
            changed = True
            if step is None:
                self.ai_run = None
            elif self._shown(step[0]):
                self.ai_timer -= AI_STEP_S  # a visible step takes time; hidden ones do not
            elif pygame.time.get_ticks() - started > AI_FRAME_S * 1000:
                break  # draw a frame (the enemy-turn strip) before going on
        if changed:
            self._refresh()

    def _scroll(self, dt: float) -> None:
        keys = pygame.key.get_pressed()
        held = [d for k, d in ARROWS.items() if keys[k]]
        self.key_held = self.key_held + dt if held else 0.0
        dx = dy = 0.0
        if held and self.key_held >= KEY_HOLD_S:  # a tap already panned in _key
            dx = sum(d[0] for d in held) * PAN_CELLS_PER_S * dt
            dy = sum(d[1] for d in held) * PAN_CELLS_PER_S * dt
        mrect = self._map_rect()
        pos = pygame.mouse.get_pos()
        local = (pos[0] - mrect.x, pos[1] - mrect.y) if pygame.mouse.get_focused() and self.drag_from is None \
            and mrect.collidepoint(pos) and not self.hud.covers(pos) else None
        ex, ey = self.edge.step(dt, local, mrect.size)
        dx += ex * PAN_CELLS_PER_S * dt
        dy += ey * PAN_CELLS_PER_S * dt
        if dx or dy:
            self.camera.pan(dx, dy)

    def _refresh(self) -> None:
        """Recompute what depends on the state: fog, reach overlay, HUD texts, new scenario events."""
        eng, s = self.eng, self.session
        viewer = s.viewer
        fog = None if self.fog_all else eng.visible_cells(viewer)
        key = None if fog is None else (viewer, len(eng.record.actions), eng.state.turn)
        if key != self._fog_key:
            self.view.set_fog(fog)
            self._fog_key = key
        if self.selected and self.selected in eng.state.units and eng.state.units[self.selected].alive \
                and s.human_turn:
            reach = eng.reach_map(self.selected)
            self.view.set_overlay("reach", np.isfinite(reach), "reach")
            self.view.set_overlay("targets", self._targets(), "targets")
        else:
            self.view.set_overlay("reach", None, "reach")
            self.view.set_overlay("targets", None, "targets")
        u = eng.state.units.get(self.selected) if self.selected else None
        self.hud.set_unit(eng, u if u is not None and u.alive else None, self.message)
        self.hud.set_clock(*top_bar_texts(eng, computer=not s.human_turn))
        self.hud.set_log(eng.log, None if self.fog_all else viewer)
        new = [e for e in eng.log[self._seen_log:] if e.kind == "scenario_event"]
        if new:
            self.banner = (new[-1].text, 6.0)
        self._seen_log = len(eng.log)
        self.picture.refresh()
        self._rehover()

    def _targets(self) -> np.ndarray | None:
        """Cells of spotted enemies the selected unit may fire on or assault now."""
        eng, sel = self.eng, self.selected
        mask = np.zeros(eng.setup.grid.shape, dtype=bool)
        for tid in eng.spotted_by(self.session.viewer):
            t = eng.state.units[tid]
            can_fire = not isinstance(combat.plan_fire(eng.ctx, A.Fire(sel, tid)), str)
            can_assault = not isinstance(combat.plan_assault(eng.ctx, A.Assault(sel, tid)), str)
            mask[t.pos] |= can_fire or can_assault
        return mask if mask.any() else None

    # ------------------------------------------------------------------ drawing
    def _minimap_rect(self) -> pygame.Rect | None:
        """Where the minimap is drawn (a corner of the map; M moves or hides it), None when hidden."""
        return self.minimap_place.rect(self._map_rect(), (MINIMAP_PX, MINIMAP_PX))

    def visible_units(self):
        """Units the viewer may see: its own and the enemies its side has spotted (all, without fog)."""
        eng, viewer = self.eng, self.session.viewer
        if self.fog_all:
            return eng.state.ordered_units()
        spotted = set(eng.spotted_by(viewer))
        return [u for u in eng.state.ordered_units() if u.side == viewer or u.id in spotted]

    def draw(self, surface: pygame.Surface) -> None:
        mrect = self._map_rect()
        target = surface.subsurface(mrect)
        self.view.draw(target, self.camera)
        if self.path:
            pts = [self.camera.screen_rect(r, c).center for r, c in self.path]
            if len(pts) > 1:
                pygame.draw.lines(target, (255, 240, 120), False, pts, 3)
        self.ghost.draw(target, self.camera, self.eng.clock.start(self.eng.state.turn))
        units = self.visible_units()
        self.view.draw_units(target, self.camera, [u for u in units if u.id not in self.anims],
                             self.eng.setup.unit_types, self.eng.setup.sides, selected=self.selected)
        self.orders_in.draw(target)
        self.picture.draw_map(target)
        for uid in self.anims:
            rect = self._anim_rect(uid)
            u = self.eng.state.units[uid]
            if rect is not None and u.alive:
                draw_unit(target, rect, u, self.eng.setup.unit_types[u.type_id],
                          self.eng.setup.sides.index(u.side))
        mm = self._minimap_rect()
        if mm is not None:
            self.minimap.draw(surface, mm, self.camera, [(u.pos, self.eng.setup.sides.index(u.side))
                                                         for u in self.visible_units()])
        top = mrect.top + 8
        if self.banner is not None:
            self.banner_rect = draw_text_box(
                surface, self.ctx.font(BANNER_PX), self.banner[0], colour=(255, 230, 160), bg=(20, 20, 24),
                area=mrect, anchor="midtop", at=(mrect.centerx, top), max_lines=BAR_LINES)
            top = self.banner_rect.bottom + 6
        enemy = self.ai_run is not None and bool(self.session.humans) and not self.session.human_turn
        self.notices.draw(surface, self.ctx.font(ALERT_PX), mrect, top=top,
                          turn=enemy_turn_text(self.eng.side_name(self.eng.state.side)) if enemy else None)
        if self.alert is not None:
            self.alert_rect = draw_text_box(
                surface, self.ctx.font(ALERT_PX), self.alert[0], colour=(255, 255, 255), bg=(150, 40, 30),
                area=mrect, anchor="midbottom", at=(mrect.centerx, mrect.bottom - MINIMAP_PX - 24),
                max_lines=BAR_LINES)
        self.picture.draw_over(surface, mrect)
        alt = bool(pygame.key.get_mods() & pygame.KMOD_ALT)
        tip, compact = self.tip.shown(self.hover_text, self.hover_orders, alt=alt)
        if tip and self.drag_from is None:  # the tooltip goes over every panel, clear of the planned move
            font = self.ctx.font(TOOLTIP_PX)
            sel = self.eng.state.units.get(self.selected) if self.selected else None
            keep, avoid = preview_rects(self.camera, self.path, sel.pos if sel else None, mrect.topleft)
            draw_tooltip(surface, font, tip, pygame.mouse.get_pos(), mrect, COMPACT_WIDTH if compact else tips.TOOLTIP_WIDTH,
                         hint=COMPACT_HINT if compact else "", wrap=not compact, keep_clear=keep, avoid=avoid)
        if self.curtain is not None and self.curtain.active:
            self.curtain.draw(surface)
