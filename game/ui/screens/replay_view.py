"""The replay screen: a :class:`game.ui.replay_viewer.ReplayViewer` driven by keys and mouse.

Keys: Space play/pause; Left/Right one step; Shift+Left/Right or PageUp/PageDown the previous/next mark;
Up/Down the previous/next turn (a recorded game; other timelines: the previous/next mark);
+/- speed; Home/End the first/last step; V the side whose view is shown (timelines with fog); K the legend
(key); F follow the
moving groups (panning or zooming turns it off); G the documented routes and C "Continue from here" (a
recorded game); Esc back. Mouse: the bar's buttons; click or drag on the scrubber to seek; drag the map to
pan; wheel to zoom. "Continue from here" asks who plays (``ChoiceDialog``) and hands the screen's
``on_continue(step, choice)`` the answer; it returns the play screen.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.core.setup import GameSetup
from game.history.scene import Timeline
from game.ui.app import Context
from game.ui.dialogs import ChoiceDialog
from game.ui.replay_panels import RecordExtras
from game.ui.replay_viewer import ReplayViewer

DRAG_PX = 5


class ReplayScreen:
    """Shows a timeline in the replay viewer; ``back`` makes the screen Esc returns to (None: quit)."""

    def __init__(self, ctx: Context, timeline: Timeline, setup: GameSetup, *, fog_sides: bool = False,
                 back: Callable[[], object] | None = None, extras: RecordExtras | None = None,
                 on_continue: Callable[[int, str], object] | None = None) -> None:
        self.ctx = ctx
        self.back = back
        self.setup = setup
        if extras is not None:
            extras.can_continue = on_continue is not None
        self.viewer = ReplayViewer(timeline, setup.grid, setup.unit_types, setup.sides, side_names=setup.side_names,
                                   fog_sides=fog_sides, daylight=setup.daylight, extras=extras)
        self.on_continue = on_continue
        self.dialog: ChoiceDialog | None = None
        self.scrubbing = False
        self.drag_from: tuple[int, int] | None = None
        self.dragged = False

    def handle(self, event: pygame.event.Event) -> object | None:
        v, size = self.viewer, self.ctx.size
        if self.dialog is not None:
            used = self.dialog.process_event(event)
            if self.dialog.done:
                choice, self.dialog = self.dialog.chosen, None
                return self._continue(choice) if choice is not None else None
            if used or event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
                return None
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            hit = v.bar(size).hit(event.pos)
            if hit == "scrub":
                self.scrubbing = True
                v.playing = False
                v.seek(v.bar(size).step_at(event.pos[0], v.timeline.steps))
            elif hit is not None:
                v.button(hit)
                return self._ask_continue()
            elif v.map_rect(size).collidepoint(event.pos):
                self.drag_from, self.dragged = event.pos, False
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.scrubbing, self.drag_from, self.dragged = False, None, False
        elif event.type == pygame.MOUSEMOTION:
            v.hover = event.pos
            lay = v.bar(size)
            v.hover_step = lay.step_at(event.pos[0], v.timeline.steps) if lay.hit(event.pos) == "scrub" else None
            if self.scrubbing:
                v.seek(lay.step_at(event.pos[0], v.timeline.steps))
            elif self.drag_from is not None:
                dx, dy = event.pos[0] - self.drag_from[0], event.pos[1] - self.drag_from[1]
                if self.dragged or abs(dx) + abs(dy) > DRAG_PX:
                    v.camera.pan_pixels(-dx, -dy)
                    v.follow = False
                    self.drag_from, self.dragged = event.pos, True
        elif event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            if v.map_rect(size).collidepoint(pos):
                v.camera.zoom_at(pos, event.y)
                v.follow = False
        return None

    def _key(self, event: pygame.event.Event) -> object | None:
        v, k = self.viewer, event.key
        shift = event.mod & pygame.KMOD_SHIFT
        if k == pygame.K_ESCAPE:
            if self.back is None:
                self.ctx.quit_requested = True
                return None
            return self.back()
        names = {pygame.K_SPACE: "play", pygame.K_HOME: "home", pygame.K_END: "end",
                 pygame.K_PAGEUP: "prev_mark", pygame.K_PAGEDOWN: "next_mark", pygame.K_v: "side",
                 pygame.K_k: "key",
                 pygame.K_f: "follow", pygame.K_g: "routes", pygame.K_c: "continue",
                 pygame.K_UP: "prev_turn", pygame.K_DOWN: "next_turn",
                 pygame.K_PLUS: "faster", pygame.K_EQUALS: "faster", pygame.K_KP_PLUS: "faster",
                 pygame.K_MINUS: "slower", pygame.K_KP_MINUS: "slower",
                 pygame.K_LEFT: "prev_mark" if shift else "back", pygame.K_RIGHT: "next_mark" if shift else "forward"}
        if k in names:
            if names[k] in ("back", "forward", "prev_mark", "next_mark", "prev_turn", "next_turn"):
                v.playing = False
            v.button(names[k])
        return self._ask_continue()

    def _ask_continue(self) -> None:
        """Open the "who plays?" dialog when "Continue from here" was asked for."""
        v = self.viewer
        if not v.continue_requested:
            return None
        v.continue_requested = False
        if self.on_continue is None or self.dialog is not None:
            return None
        names = {role: self.setup.side_names.get(self.setup.side_with_role(role), role)
                 for role in ("attacker", "defender")}
        self.dialog = ChoiceDialog(self.ctx.manager, "Continue from here",
                                   f"Who plays on from step {v.step + 1}? The computer plays the rest.",
                                   [("both", "Both sides (hot-seat)"), ("attacker", f"Attacker: {names['attacker']}"),
                                    ("defender", f"Defender: {names['defender']}"),
                                    ("none", "Nobody: watch the computer play on")])
        return None

    def _continue(self, choice: str) -> object | None:
        assert self.on_continue is not None
        return self.on_continue(self.viewer.step, choice)

    def update(self, dt: float) -> object | None:
        self.viewer.update(dt)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        self.viewer.draw(surface)

    def resize(self, size: tuple[int, int]) -> None:
        self.viewer.frame(size)

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.kill()
            self.dialog = None
