"""The replay viewer's state and drawing, for any :class:`game.history.scene.Timeline`, on any surface.

``ReplayViewer`` knows the step, play/pause, speed, the side whose view is shown and the camera; ``draw``
renders the map, the scene (trails, axes, positions, units, cut roads, control), night shading, the clock,
the captions, the legend, the hover tooltip and the timeline bar (night bands on the scrubber) onto any
surface of any size (the screen in ``game.ui.screens.replay_view`` feeds it events; ``game.ui.export`` calls
``draw`` on a 1280x720 surface with ``controls=False``). It reads the timeline only through the protocol,
and asks it for each scene once (cached by step and side). With ``follow`` on (the default) the camera keeps
the moving groups in view as the step changes (``game.ui.replay_follow``); a recorded game's viewer is given
``RecordExtras`` (``game.ui.replay_panels``): the turn's events, the documented routes (toggle), "Continue
from here" and the message when the record stops matching.

Example::

    viewer = ReplayViewer(HistoryTimeline(setup), setup.grid, setup.unit_types, setup.sides)
    viewer.seek(viewer.next_mark())
    viewer.draw(pygame.Surface((1280, 720)))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pygame

from game.core.grid import Grid
from game.core.units import UnitType
from game.history.scene import Mark, Scene, Timeline
from game.history.terrain import terrain_notes
from game.ui import glyphs, palette
from game.ui.app import UI_FONT
from game.ui.camera import Camera
from game.ui.history_layers import HistoryTints, draw_axes, draw_positions, draw_trails, positions_near
from game.ui.mapview import MapView
from game.ui.replay_follow import FollowCamera
from game.ui.replay_panels import RecordExtras, draw_events, draw_stop
from game.ui.timeline_bar import BAR_H, DISPUTED, KIND_COLOUR, BarLayout, draw_bar, layout_bar, night_bands
from game.ui.tooltip import draw_tooltip, fit_lines

SPEEDS = (1, 2, 4, 8, 16, 32, 64)  # steps per second while playing
DEFAULT_SPEED = 3  # index into SPEEDS
NIGHT = (8, 14, 40)
NIGHT_ALPHA = 120  # at full darkness
PANEL_BG = (20, 22, 26, 225)
FG = (240, 238, 228)
MUTED = (180, 186, 180)
CAPTION_W = 520
CAPTION_ROOM = 140  # px at the top of the map kept clear for the captions when framing


_fonts: dict[int, pygame.font.Font] = {}


def ui_font(px: int) -> pygame.font.Font:
    """DejaVu Sans (it has Armenian and Azerbaijani letters, for place names), else the map's label font."""
    if not pygame.font.get_init():
        pygame.font.init()
        _fonts.clear()
    f = _fonts.get(px)
    if f is not None:
        try:
            f.get_height()
            return f
        except pygame.error:  # pygame was quit and re-initialised since: every cached font is dead
            _fonts.clear()
    f = _fonts[px] = pygame.font.Font(UI_FONT, px) if UI_FONT.is_file() else glyphs.font(px)
    return f


class ReplayViewer:
    """State and drawing of the replay viewer (see the module docstring)."""

    def __init__(self, timeline: Timeline, grid: Grid, unit_types: Mapping[str, UnitType], sides: Sequence[str],
                 *, side_names: Mapping[str, str] | None = None, fog_sides: bool = False,
                 view: MapView | None = None, controls: bool = True, daylight: tuple[int, int] | None = None,
                 extras: RecordExtras | None = None, follow: bool = True) -> None:
        self.timeline = timeline
        self.grid = grid
        self.unit_types = unit_types
        self.sides = list(sides)
        self.side_names = dict(side_names or {})
        self.fog_sides = fog_sides  # the timeline supports scene(step, side): offer each side's view
        self.view = view if view is not None else MapView(grid)
        self.camera = Camera(grid.shape, (1280, 720 - BAR_H))
        self.tints = HistoryTints(grid, self.view, self.sides)
        self.step = 0
        self.playing = False
        self.speed = DEFAULT_SPEED
        self.side: str | None = None
        self.hover: tuple[int, int] | None = None  # mouse position on the drawn surface
        self.hover_step: int | None = None
        self._acc = 0.0
        self._marks = sorted(timeline.marks(), key=lambda m: (m.step, m.key))
        self._scene: tuple[tuple[int, str | None], Scene] | None = None
        self._fog: object = None
        self._side_of: dict[str, str] = {}
        self._framed: tuple[int, int] | None = None
        self.controls = controls  # buttons and hover (False: an exported frame)
        self.daylight = daylight  # sunrise/sunset hours, for night bands when the timeline has no darkness_at
        self.extras = extras
        self.follow = follow  # keep the moving groups in view as the step changes (F; panning turns it off)
        self.follower = FollowCamera()
        self.show_routes = False  # the documented routes over a recorded game (G)
        self.continue_requested = False  # "Continue from here" pressed: the screen asks which sides play
        self._drawn_step: int | None = None
        self._nights: list[tuple[int, int]] | None = None
        self._captions: tuple[object, list[list[tuple[pygame.Surface, int]]]] | None = None

    # ------------------------------------------------------------------ state
    @property
    def marks(self) -> list[Mark]:
        return self._marks

    def scene(self) -> Scene:
        """The current scene (asked of the timeline once per step and side)."""
        key = (self.step, self.side)
        if self._scene is None or self._scene[0] != key:
            sc = self.timeline.scene(self.step, self.side) if self.fog_sides else self.timeline.scene(self.step)
            self._scene = (key, sc)
            for u in sc.units:
                self._side_of[u.id] = u.side
        return self._scene[1]

    def seek(self, step: int) -> None:
        self.step = max(0, min(step, self.timeline.steps - 1))

    def step_by(self, n: int) -> None:
        self.seek(self.step + n)

    def next_mark(self, kind: str | None = None) -> int:
        """The step of the first mark (of ``kind``, e.g. "turn") after the current step (the last step when
        none)."""
        return next((m.step for m in self._marks if m.step > self.step and kind in (None, m.kind)),
                    self.timeline.steps - 1)

    def prev_mark(self, kind: str | None = None) -> int:
        """The step of the last mark (of ``kind``) before the current step (step 0 when none)."""
        return next((m.step for m in reversed(self._marks) if m.step < self.step and kind in (None, m.kind)), 0)

    def turn_kind(self) -> str | None:
        """"turn" when the timeline marks its turns (a recorded game), else None (every mark)."""
        return "turn" if any(m.kind == "turn" for m in self._marks) else None

    def toggle_play(self) -> None:
        if not self.playing and self.step >= self.timeline.steps - 1:
            self.step = 0
        self.playing = not self.playing
        self._acc = 0.0

    def faster(self, n: int = 1) -> None:
        self.speed = max(0, min(len(SPEEDS) - 1, self.speed + n))

    def cycle_side(self) -> None:
        """Full map, then each side's view (timelines with fog only)."""
        if not self.fog_sides:
            return
        order: list[str | None] = [None, *self.sides]
        self.side = order[(order.index(self.side) + 1) % len(order)]

    def update(self, dt: float) -> None:
        """Advance while playing: ``SPEEDS[speed]`` steps per second; stops at the end."""
        if not self.playing:
            return
        self._acc += dt * SPEEDS[self.speed]
        n = int(self._acc)
        if n:
            self._acc -= n
            self.step_by(n)
        if self.step >= self.timeline.steps - 1:
            self.playing = False

    def button(self, name: str | None) -> None:
        """Do what a bar button does."""
        actions = {"home": lambda: self.seek(0), "end": lambda: self.seek(self.timeline.steps - 1),
                   "back": lambda: self.step_by(-1), "forward": lambda: self.step_by(1),
                   "prev_mark": lambda: self.seek(self.prev_mark()), "next_mark": lambda: self.seek(self.next_mark()),
                   "prev_turn": lambda: self.seek(self.prev_mark(self.turn_kind())),
                   "next_turn": lambda: self.seek(self.next_mark(self.turn_kind())),
                   "play": self.toggle_play, "slower": lambda: self.faster(-1), "faster": self.faster,
                   "side": self.cycle_side, "follow": self.toggle_follow, "routes": self.toggle_routes,
                   "continue": self.request_continue}
        if name in actions:
            actions[name]()

    def toggle_follow(self) -> None:
        self.follow = not self.follow
        self._drawn_step = None  # follow from the current step at once

    def toggle_routes(self) -> None:
        if self.extras is not None and self.extras.routes:
            self.show_routes = not self.show_routes

    def request_continue(self) -> None:
        if self.extras is not None and self.extras.can_continue:
            self.playing = False
            self.continue_requested = True

    def night_bands(self) -> list[tuple[int, int]]:
        """Step ranges of the timeline that are mostly dark (computed once)."""
        if self._nights is None:
            self._nights = night_bands(self.timeline, self.daylight)
        return self._nights

    # ------------------------------------------------------------------ layout
    def map_rect(self, size: tuple[int, int]) -> pygame.Rect:
        return pygame.Rect(0, 0, size[0], size[1] - BAR_H)

    def bar(self, size: tuple[int, int]) -> BarLayout:
        extra = ("follow",)
        if self.extras is not None:
            extra += ("routes",) if self.extras.routes else ()
            extra += ("continue",) if self.extras.can_continue else ()
        return layout_bar(pygame.Rect(0, size[1] - BAR_H, size[0], BAR_H), show_side=self.fog_sides, extra=extra,
                          controls=self.controls)

    def frame(self, size: tuple[int, int]) -> None:
        """Fit the camera to a map area of ``size``: zoom so every trail's whole extent shows, centred."""
        mrect = self.map_rect(size)
        if self._framed == mrect.size:
            return
        first = self._framed is None
        self._framed = mrect.size
        self.camera.resize(mrect.size)
        if not first:
            return
        last = self.timeline.scene(self.timeline.steps - 1)
        cells = [c for t in last.trails.values() for c in t] + [c for _, c, _ in last.positions]
        cells += [c for _, cs, _ in last.axes for c in cs] or [u.pos for u in last.units]
        if not cells:
            return
        r0, r1 = min(c[0] for c in cells) - 4, max(c[0] for c in cells) + 4
        c0, c1 = min(c[1] for c in cells) - 4, max(c[1] for c in cells) + 4
        room = mrect.height - CAPTION_ROOM  # keep the top clear for the captions
        fits = [i for i, px in enumerate(self.camera.levels)
                if (r1 - r0) * px <= room and (c1 - c0) * px <= mrect.width]
        self.camera.zoom = fits[-1] if fits else 0
        self.camera.centre_on(((r0 + r1) / 2 - CAPTION_ROOM / 2 / self.camera.px, (c0 + c1) / 2))

    def cell_at(self, pos: tuple[int, int], size: tuple[int, int]) -> tuple[int, int] | None:
        mrect = self.map_rect(size)
        return self.camera.cell_at(pos) if mrect.collidepoint(pos) else None

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        """Draw everything onto ``surface`` (any size)."""
        size = surface.get_size()
        self.frame(size)
        sc = self.scene()
        if sc.fog is not self._fog:
            self.view.set_fog(sc.fog)
            self._fog = sc.fog
        if self._drawn_step != self.step:
            if self.follow:
                self.follower.update(self.camera, sc, self.step)
            else:
                self.follower.moving(sc, self.step)
            self._drawn_step = self.step
        self.tints.apply(sc)
        mrect = self.map_rect(size)
        target = surface.subsurface(mrect)
        self.view.draw(target, self.camera)
        draw_axes(target, self.camera, sc, self.sides)
        if self.show_routes and self.extras is not None:
            draw_axes(target, self.camera, Scene(time=sc.time, units=[], axes=self.extras.routes), self.sides)
        draw_trails(target, self.camera, sc, self.sides, side_of=self._side_of)
        draw_positions(target, self.camera, sc, self.sides)
        self.view.draw_units(target, self.camera, sc.units, self.unit_types, self.sides)
        if sc.darkness > 0:
            shade = pygame.Surface(mrect.size)
            shade.fill(NIGHT)
            shade.set_alpha(round(NIGHT_ALPHA * sc.darkness))
            target.blit(shade, (0, 0))
        clock = self._draw_clock(target, sc)
        self._draw_captions(target, sc)
        legend = self._draw_legend(target, sc)
        if self.extras is not None:
            who = "all events" if self.side is None else f"as {self._side_label()} saw them"
            draw_events(target, self.extras.events(self.step, self.side), step=self.step, title=f"This turn ({who})",
                        top=clock.bottom + 8, bottom=legend.top - 8)
            if self.extras.stop:
                draw_stop(target, self.extras.stop, right=legend.left - 10)
        lay = self.bar(size)
        active = frozenset(n for n, on in (("follow", self.follow), ("routes", self.show_routes)) if on)
        draw_bar(surface, lay, step=self.step, steps=self.timeline.steps, marks=self._marks, playing=self.playing,
                 speed_label=f"x{SPEEDS[self.speed]} h/s" if self._hourly() else f"{SPEEDS[self.speed]}/s",
                 side_label=f"View: {self._side_label()}", start_label=f"{self.timeline.time_at(0):%d %b %Y}",
                 end_label=f"{self.timeline.time_at(self.timeline.steps - 1):%d %b %Y}",
                 hover_step=self.hover_step, nights=self.night_bands(), active=active)
        if self.hover is not None and self.controls:
            self._draw_hover(surface, mrect, lay, sc)

    def _hourly(self) -> bool:
        steps = self.timeline.steps
        return steps > 1 and abs((self.timeline.time_at(1) - self.timeline.time_at(0)).total_seconds() - 3600) < 1

    def _side_label(self) -> str:
        return "full map" if self.side is None else self.side_names.get(self.side, self.side)

    def _panel(self, target: pygame.Surface, rect: pygame.Rect) -> None:
        panel = pygame.Surface(rect.size, pygame.SRCALPHA)
        panel.fill(PANEL_BG)
        target.blit(panel, rect.topleft)

    def _draw_clock(self, target: pygame.Surface, sc: Scene) -> pygame.Rect:
        """Top right: the real date and time, day or night, and the step."""
        f, small = glyphs.font(20, bold=True), glyphs.font(13)
        light = "night" if sc.darkness >= 0.5 else "day"
        big = f.render(f"{sc.time:%a %d %b %Y  %H:%M}", True, FG)
        sub = small.render(f"local time, {light} - step {self.step + 1} of {self.timeline.steps}", True, MUTED)
        w = max(big.get_width(), sub.get_width()) + 20
        rect = pygame.Rect(target.get_width() - w - 10, 10, w, big.get_height() + sub.get_height() + 14)
        self._panel(target, rect)
        target.blit(big, (rect.x + 10, rect.y + 6))
        target.blit(sub, (rect.x + 10, rect.y + 8 + big.get_height()))
        return rect

    def _draw_captions(self, target: pygame.Surface, sc: Scene) -> None:
        """Top left: the captions of the marks at or just before this step, the newest first and fullest."""
        if not sc.captions:
            return
        width = min(CAPTION_W, target.get_width() // 2)
        ckey = (width, tuple((m.key, m.step, m.title) for m in sc.captions[:3]))
        if self._captions is None or self._captions[0] != ckey:  # wrapped and rendered once per set of captions
            self._captions = (ckey, self._caption_blocks(sc.captions[:3], width))
        blocks = self._captions[1]
        self._draw_caption_blocks(target, sc, blocks, width)

    def _caption_blocks(self, captions: list[Mark], width: int) -> list[list[tuple[pygame.Surface, int]]]:
        """Each caption's lines rendered: date (and DISPUTED), title, text (the newest only), attribution."""
        title_f, text_f, small = glyphs.font(15, bold=True), glyphs.font(13), glyphs.font(12, italic=True)
        keys = {m.key: m for m in self._marks}
        blocks: list[list[tuple[pygame.Surface, int]]] = []
        for i, m in enumerate(captions):
            lines: list[tuple[pygame.Surface, int]] = []
            colour = DISPUTED if m.disputed else KIND_COLOUR.get(m.kind, FG)
            head = f"{m.time:%d %b %Y %H:%M}" + ("   DISPUTED" if m.disputed else "")
            lines.append((small.render(head, True, colour), 0))
            for part in fit_lines(title_f, m.title, width - 20, 2):
                lines.append((title_f.render(part, True, FG), 0))
            if i == 0 and m.text:
                for part in fit_lines(text_f, m.text, width - 20, 4):
                    lines.append((text_f.render(part, True, FG), 0))
            for part in fit_lines(small, f"According to: {m.attribution}", width - 20, 2 if i == 0 else 1) \
                    if m.attribution else []:
                lines.append((small.render(part, True, MUTED), 0))
            alts = [keys[k] for k in m.alternatives if k in keys]
            if alts:
                other = "; ".join(f"{a.time:%d %b %H:%M}" for a in alts)
                lines.append((small.render(f"Other sources date this: {other}", True, DISPUTED), 0))
            blocks.append(lines)
        return blocks

    def _draw_caption_blocks(self, target: pygame.Surface, sc: Scene,
                             blocks: list[list[tuple[pygame.Surface, int]]], width: int) -> None:
        y = 10
        for lines in blocks:
            h = sum(img.get_height() for img, _ in lines) + 12
            if y + h > target.get_height() - 10:
                break
            rect = pygame.Rect(10, y, width, h)
            self._panel(target, rect)
            if lines and lines[0][0].get_width() and any(m.disputed for m in sc.captions[:1]) and y == 10:
                pygame.draw.rect(target, DISPUTED, rect, 2)
            yy = y + 6
            for img, _ in lines:
                target.blit(img, (20, yy))
                yy += img.get_height()
            y += h + 6

    def _draw_legend(self, target: pygame.Surface, sc: Scene) -> pygame.Rect:
        """Bottom right: what the lines, rings, tints and ticks mean."""
        f = glyphs.font(12)
        items: list[tuple[str, tuple[int, int, int], str]] = []
        for i, s in enumerate(self.sides):
            if s in self._side_of.values():
                items.append(("line", palette.SIDE_FILL[i % 2], f"trail: {self.side_names.get(s, s)}"))
        if sc.axes:
            items.append(("dash", palette.SIDE_LINE[1 % 2], "expected axis (attributed)"))
        if self.show_routes:
            items.append(("dash", palette.SIDE_LINE[0], "documented route (history section)"))
        if sc.positions:
            items.append(("ring", palette.SIDE_LINE[1 % 2], "documented position"))
        items += [("band", palette.OI_VERMILLION, "road cut (documented date)" if self.extras is None else
                   "road cut (held by a side now)"),
                  ("tick", DISPUTED, "disputed (sources disagree)"),
                  ("box", NIGHT, "night (shaded; dark band on the scrubber)")]
        imgs = [f.render(text, True, FG) for _, _, text in items]
        w = max(i.get_width() for i in imgs) + 46
        h = 18 * len(items) + 10
        rect = pygame.Rect(target.get_width() - w - 10, target.get_height() - h - 10, w, h)
        self._panel(target, rect)
        y = rect.y + 6
        for (kind, colour, _), img in zip(items, imgs, strict=True):
            x0, cy = rect.x + 8, y + 8
            if kind in ("line", "band"):
                pygame.draw.line(target, colour, (x0, cy), (x0 + 26, cy), 4 if kind == "line" else 6)
            elif kind == "dash":
                for dx in (0, 10, 20):
                    pygame.draw.line(target, colour, (x0 + dx, cy), (x0 + dx + 5, cy), 3)
            elif kind == "ring":
                pygame.draw.circle(target, colour, (x0 + 13, cy), 6, 2)
            elif kind == "tick":
                pygame.draw.line(target, colour, (x0 + 13, cy - 7), (x0 + 13, cy + 7), 2)
            else:
                pygame.draw.rect(target, (60, 70, 110), (x0 + 4, cy - 6, 18, 12))
            target.blit(img, (x0 + 34, y))
            y += 18
        return rect

    def _draw_hover(self, surface: pygame.Surface, mrect: pygame.Rect, lay: BarLayout, sc: Scene) -> None:
        """The terrain under the mouse (and documented positions there), or the marks under it on the scrubber."""
        pos = self.hover
        assert pos is not None
        lines: list[str] = []
        if lay.hit(pos) == "scrub":
            st = lay.step_at(pos[0], self.timeline.steps)
            near = [m for m in self._marks if abs(lay.x_of(m.step, self.timeline.steps) - pos[0]) <= 3]
            lines = [f"{self.timeline.time_at(st):%d %b %Y %H:%M}"] + \
                [("DISPUTED: " if m.disputed else "") + f"{m.time:%d %b %H:%M} {m.title}" for m in near[:6]]
        elif mrect.collidepoint(pos):
            cell = self.camera.cell_at(pos)
            if cell is not None:
                lines = terrain_notes(self.grid, cell) + positions_near(self.camera, sc, pos)
        if lines:
            draw_tooltip(surface, ui_font(13), lines, pos, surface.get_rect())
