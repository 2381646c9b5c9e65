"""Orders that last, for the play screen: group selection, group orders, standing orders and their keys.

The screen calls :meth:`OrdersInput.handle` first with every event, :meth:`click` with every order click,
:meth:`may_end_turn` before ending the turn, :meth:`update` each frame and :meth:`draw` after the units.

Mouse: Shift+click one of your units adds it to the selection or takes it out; Shift+drag a box selects
your units in it; a click on the map moves the whole selection (standing orders beyond this turn's
reach); Alt+click takes the fastest way instead of keeping clear of known enemies.
Keys: Tab / N next unit with time left; B "by night" for the next move order; H hold (every turn); C or
Delete cancels the selection's standing orders; W switches the idle-units warning on end turn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.play import groups, orders, standing
from game.ui.selection import IdleWarning, Selection, box_between, next_with_time, units_in_box
from game.ui.selection_draw import RouteLayer, draw_box, draw_idle_marks, draw_selection_rings

if TYPE_CHECKING:
    from game.ui.screens.play import GameScreen

DRAG_PX = 5


class OrdersInput:
    """The play screen's group selection, group and standing orders, idle units and their drawing."""

    def __init__(self, screen: GameScreen) -> None:
        self.screen = screen
        self.selection = Selection()
        self.box_from: tuple[int, int] | None = None
        self.box_to: tuple[int, int] | None = None
        self.night = False  # the next move order waits for darkness
        self.idle = IdleWarning(screen.ctx.saves)
        self.routes = RouteLayer()

    # ------------------------------------------------------------------ what the screen asks
    @property
    def ids(self) -> list[str]:
        """The selected units, the primary one first (only live ones of the viewer's side)."""
        eng, side = self.screen.eng, self.screen.session.viewer
        return [i for i in self.selection.ids(self.screen.selected)
                if i in eng.state.units and eng.state.units[i].alive and eng.state.units[i].side == side]

    def deselected(self) -> None:
        """The screen selected one unit or none: the group is dropped."""
        self.selection.clear()

    def preview_flags(self) -> dict[str, bool]:
        """How a move click now would be given: fastest (Alt held) and by night (B)."""
        return {"fastest": bool(pygame.key.get_mods() & pygame.KMOD_ALT), "night": self.night}

    def preview_prefix(self) -> str:
        n = len(self.ids)
        return f"Group of {n} (at the pace of the slowest), " if n > 1 else ""

    def tell(self, text: str) -> None:
        """Show a line to the player: the screen's notice banner (and its unit panel message)."""
        self.screen.message = text
        notices = getattr(self.screen, "notices", None)
        if notices is not None:
            notices.post(text)
        else:
            self.screen.banner = (text, 6.0)

    # ------------------------------------------------------------------ events
    def handle(self, event: pygame.event.Event) -> bool:
        """React to ``event`` if it is one of ours; True when the screen should do nothing more with it."""
        if event.type == pygame.KEYDOWN:
            return self._key(event.key)
        if event.type == pygame_gui.UI_BUTTON_PRESSED and self.screen.hud.button(event.ui_element) == "hold":
            return self._hold()
        mrect = self.screen._map_rect()
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and mrect.collidepoint(event.pos) \
                and pygame.key.get_mods() & pygame.KMOD_SHIFT:
            self.box_from = self.box_to = (event.pos[0] - mrect.x, event.pos[1] - mrect.y)
            return True
        if event.type == pygame.MOUSEMOTION and self.box_from is not None:
            self.box_to = (event.pos[0] - mrect.x, event.pos[1] - mrect.y)
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.box_from is not None:
            a, b = self.box_from, (event.pos[0] - mrect.x, event.pos[1] - mrect.y)
            self.box_from = self.box_to = None
            if abs(a[0] - b[0]) + abs(a[1] - b[1]) > DRAG_PX:
                self._select_box(box_between(a, b))
                return True
            return self._shift_click(self.screen._cell_at(b))
        return False

    def _key(self, k: int) -> bool:
        s = self.screen
        if k in (pygame.K_TAB, pygame.K_n):
            u = next_with_time(s.eng, s.session.viewer, s.selected)
            if u is None:
                self.tell("Every unit has orders or no time left this turn.")
            else:
                s._select(u.id)
                s.camera.centre_on(u.pos)
                s._refresh()
            return True
        if k == pygame.K_b:
            self.night = not self.night
            self.tell("Next move order: by night (waits for darkness)." if self.night else "Next move: any time.")
            s._rehover()
            return True
        if k in (pygame.K_c, pygame.K_DELETE, pygame.K_BACKSPACE):
            n = sum(standing.cancel(s.eng, s.session.viewer, i) for i in self.ids)
            self.tell(f"Standing orders cancelled: {n}." if n else "No standing orders to cancel.")
            self.routes.forget()
            return True
        if k == pygame.K_w:
            self.tell(self.idle.toggle())
            return True
        if k == pygame.K_h:
            return self._hold()
        return False

    def _hold(self) -> bool:
        s = self.screen
        if not self.ids or not s.session.human_turn:
            return False
        results = groups.hold(s.eng, s.session.viewer, self.ids, submit=s.session.order)
        refused = [r.reason for r in results if not r.ok]
        self.tell(refused[0] if refused else
                  f"{len(results)} unit{'s' if len(results) > 1 else ''} hold{'' if len(results) > 1 else 's'} "
                  "every turn until given another order.")
        self.routes.forget()
        s._refresh()
        return True

    def _select_box(self, box: pygame.Rect) -> None:
        s = self.screen
        ids = units_in_box(s.camera, box, [u for u in s.eng.state.units_of(s.session.viewer) if u.alive])
        s._select(ids[0] if ids else None)
        self.selection.extra = ids[1:]
        self.tell(f"{len(ids)} units selected." if ids else "No units of yours in that box.")

    def _shift_click(self, cell: tuple[int, int] | None) -> bool:
        """Shift+click: add your units in ``cell`` to the selection or take them out (else: the screen's)."""
        s = self.screen
        if cell is None:
            return True
        here = [u.id for u in s.eng.state.units_at(cell) if u.side == s.session.viewer and u.alive]
        if not here:
            return False  # an enemy or an empty cell: the screen fires or moves
        ids = self.ids
        keep = [i for i in ids if i not in here] if all(i in ids for i in here) else ids + [i for i in here
                                                                                           if i not in ids]
        s._select(keep[0] if keep else None)
        self.selection.extra = keep[1:]
        return True

    def click(self, cell: tuple[int, int], *, stack: bool = False) -> bool:
        """An order click on ``cell``: moves (one unit or the group) and group attacks; True if handled here.

        A single unit's fire, assault and climb stay with the screen."""
        s = self.screen
        eng, side = s.eng, s.session.viewer
        ids = self.ids
        if not ids or not s.session.human_turn:
            return False
        sel = eng.state.units[ids[0]]
        own_here = any(u.side == side and u.alive for u in eng.state.units_at(cell))
        enemy = orders.spotted_enemy_at(eng, side, cell)
        if sel.pos == cell or (own_here and not stack and enemy is None):
            return False  # a selection click
        if enemy is not None:
            if len(ids) == 1:
                return False
            fire = bool(pygame.key.get_mods() & pygame.KMOD_SHIFT)
            done = groups.attack(eng, side, ids, enemy.id, fire=fire, submit=s.session.order)
            ok = [r for _, r in done if r.ok]
            self.tell(f"{len(ok)} of {len(ids)} units attacked {enemy.name}." if ok
                      else f"None could attack {enemy.name}: " + (done[0][1].reason if done else "out of reach."))
        else:
            grid = eng.setup.grid
            if len(ids) == 1 and max(abs(cell[0] - sel.row), abs(cell[1] - sel.col)) == 1 \
                    and grid.is_cliff_between(sel.pos, cell):
                return False  # a climb
            said = groups.move(eng, side, ids, cell, submit=s.session.order, **self.preview_flags())
            self.night = False
            if said:
                self.tell(said[-1] if len(said) == 1 else f"{said[-1]} (+{len(said) - 1} more in the log)")
            else:
                s.message = ""
        self.routes.forget()
        s._refresh()
        return True

    def may_end_turn(self) -> bool:
        """False (after warning once this turn) when units have no orders and the warning is on."""
        s = self.screen
        warning = self.idle.check(s.eng, s.session.viewer)
        if warning:
            self.tell(warning)
            return False
        return True

    # ------------------------------------------------------------------ each frame
    def update(self) -> None:
        """At the start of a human side's turn, carry out its standing orders (once per turn)."""
        s = self.screen
        if s.session.human_turn and s.ai_run is None and not s.eng.state.game_over:
            said = standing.start_turn(s.eng, s.session.viewer)
            if said:
                self.tell(said[-1] if len(said) == 1 else f"{said[-1]} (+{len(said) - 1} more in the log)")
                self.routes.forget()
                s._refresh()

    def draw(self, target: pygame.Surface) -> None:
        s = self.screen
        side = s.session.viewer
        if s.session.humans and side in s.session.humans:
            self.routes.draw(target, s.camera, s.eng, side, self.ids, s.ctx.font(12))
            if s.session.human_turn:
                draw_idle_marks(target, s.camera, s.eng, side)
            draw_selection_rings(target, s.camera, s.eng, self.ids[1:])
            if s.path and s.selected in s.eng.state.units:
                self.routes.draw_preview(target, s.camera, s.eng, s.selected, s.path, self.night, s.ctx.font(12))
        if self.box_from is not None and self.box_to is not None:
            draw_box(target, box_between(self.box_from, self.box_to))
