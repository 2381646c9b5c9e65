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
from game.ui import glyphs
from game.ui.app import UI_FONT
from game.ui.camera import Camera
from game.ui.history_layers import (
    HistoryTints,
    draw_axes,
    draw_position_labels,
    draw_positions,
    draw_trails,
    positions_near,
)
from game.ui.mapview import MapView
from game.ui.replay_follow import FollowCamera
from game.ui.replay_layout import ViewerLayout, caption_corner, short_side, viewer_layout
from game.ui.replay_legend import draw_key_strip, draw_legend, legend_items
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
COLUMN_BG = (26, 28, 33)
CAPTION_W = 520
CAPTION_ROOM = 140  # px at the top of the map kept clear for the captions when framing (narrow layout)
NARROW_EVENTS = 5  # event lines over the map in the narrow layout


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


def said_in(title: str, text: str) -> bool:
    """True when ``text`` repeats ``title`` (a caption then shows the text once, as its title)."""
    t = " ".join(title.rstrip("…. ").split()).lower()
    return bool(t) and t in " ".join(text.split()).lower()


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
        self.show_key = True  # the legend (K hides it)
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
                   "continue": self.request_continue, "key": self.toggle_key}
        if name in actions:
            actions[name]()

    def toggle_follow(self) -> None:
        self.follow = not self.follow
        self._drawn_step = None  # follow from the current step at once

    def toggle_key(self) -> None:
        self.show_key = not self.show_key

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
    def layout(self, size: tuple[int, int]) -> ViewerLayout:
        """The map, the side column and the key strip for a surface of ``size`` (``game.ui.replay_layout``)."""
        return viewer_layout(size, show_key=self.show_key)

    def map_rect(self, size: tuple[int, int]) -> pygame.Rect:
        return self.layout(size).map

    def side_labels(self) -> list[str]:
        """Every text the view button can show (the full map, then each side by its short name)."""
        return [f"View: {self._side_label(s)}" for s in [None, *self.sides]]

    def bar(self, size: tuple[int, int]) -> BarLayout:
        extra = ("follow",)
        if self.extras is not None:
            extra += ("routes",) if self.extras.routes else ()
            extra += ("continue",) if self.extras.can_continue else ()
        f = glyphs.font(13)
        side_w = max(f.size(t)[0] for t in self.side_labels()) + 18
        return layout_bar(pygame.Rect(0, size[1] - BAR_H, size[0], BAR_H), show_side=self.fog_sides, extra=extra,
                          controls=self.controls, widths={"side": side_w})

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
        top = 0 if self.layout(size).wide else CAPTION_ROOM  # narrow: keep the top clear for the caption
        fits = [i for i, px in enumerate(self.camera.levels)
                if (r1 - r0) * px <= mrect.height - top and (c1 - c0) * px <= mrect.width]
        self.camera.zoom = fits[-1] if fits else 0
        self.camera.centre_on(((r0 + r1) / 2 - top / 2 / self.camera.px, (c0 + c1) / 2))

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
        layout = self.layout(size)
        mrect = layout.map
        target = surface.subsurface(mrect)
        self._draw_map(target, sc)
        if layout.column is not None:
            self._draw_column(surface, layout.column, sc, mrect)
        else:
            self._draw_over_map(target, sc)
            if layout.key is not None:
                draw_key_strip(surface, self._legend(sc), layout.key)
        if self.extras is not None and self.extras.stop:
            draw_stop(target, self.extras.stop, right=mrect.width - 10)
        lay = self.bar(size)
        active = frozenset(n for n, on in (("follow", self.follow), ("routes", self.show_routes)) if on)
        draw_bar(surface, lay, step=self.step, steps=self.timeline.steps, marks=self._marks, playing=self.playing,
                 speed_label=f"x{SPEEDS[self.speed]} h/s" if self._hourly() else f"{SPEEDS[self.speed]}/s",
                 side_label=f"View: {self._side_label(self.side)}",
                 start_label=f"{self.timeline.time_at(0):%d %b %Y}",
                 end_label=f"{self.timeline.time_at(self.timeline.steps - 1):%d %b %Y}",
                 hover_step=self.hover_step, nights=self.night_bands(), active=active)
        if self.hover is not None and self.controls:
            self._draw_hover(surface, mrect, lay, sc)

    def _draw_map(self, target: pygame.Surface, sc: Scene) -> None:
        """The map, the scene's history, the units, then the place labels on top (a town's name stays readable
        over the units standing in it) and the night shade."""
        self.view.show_labels = False
        self.view.draw(target, self.camera)
        draw_axes(target, self.camera, sc, self.sides)
        if self.show_routes and self.extras is not None:
            draw_axes(target, self.camera, Scene(time=sc.time, units=[], axes=self.extras.routes), self.sides)
        draw_trails(target, self.camera, sc, self.sides, side_of=self._side_of)
        draw_positions(target, self.camera, sc, self.sides, labels=False)
        self.view.draw_units(target, self.camera, sc.units, self.unit_types, self.sides)
        draw_position_labels(target, self.camera, sc)
        self.view.labels.draw(target, self.camera)
        if sc.darkness > 0:
            shade = pygame.Surface(target.get_size())
            shade.fill(NIGHT)
            shade.set_alpha(round(NIGHT_ALPHA * sc.darkness))
            target.blit(shade, (0, 0))

    def _draw_column(self, surface: pygame.Surface, col: pygame.Rect, sc: Scene, mrect: pygame.Rect) -> None:
        """The wide layout's side column: clock, captions, the turn's events, legend (bottom)."""
        pygame.draw.rect(surface, COLUMN_BG, col)
        clock = self._draw_clock(surface, sc, right=col.right - 10, top=col.y + 10)
        bottom = col.bottom - 10
        if self.show_key:
            items = self._legend(sc)
            h = 18 * len(items) + 10
            bottom = draw_legend(surface, items, pygame.Rect(col.x + 10, col.bottom - h - 10, col.w - 20, h)).top - 8
        top = clock.bottom + 8
        cap_bottom = bottom if self.extras is None else top + (bottom - top) * 11 // 20
        y = self._draw_captions(surface, sc, pygame.Rect(col.x + 10, top, col.w - 20, cap_bottom - top))
        if self.extras is not None:
            draw_events(surface, self.extras.events(self.step, self.side), step=self.step, title=self._events_title(),
                        top=y + 2, bottom=bottom, right=col.right - 10, width=col.w - 20)

    def _draw_over_map(self, target: pygame.Surface, sc: Scene) -> None:
        """The narrow layout: clock top right, the newest caption in a corner away from the action, events."""
        clock = self._draw_clock(target, sc, right=target.get_width() - 10, top=10)
        width = min(CAPTION_W, target.get_width() // 2)
        blocks = self._blocks(sc, width, 1)
        if blocks:
            h = sum(img.get_height() for img, _ in blocks[0]) + 12
            points = [self.camera.screen_point(r + 0.5, c + 0.5) for r, c in self.follower.recent(self.step)]
            box = caption_corner(target.get_size(), (width, h), points)
            self._draw_caption_blocks(target, sc, blocks, box)
        if self.extras is not None:
            room = clock.bottom + 8 + 30 + NARROW_EVENTS * glyphs.font(12).get_linesize()
            draw_events(target, self.extras.events(self.step, self.side), step=self.step, title=self._events_title(),
                        top=clock.bottom + 8, bottom=min(target.get_height() - 10, room))

    def _events_title(self) -> str:
        who = "all events" if self.side is None else f"as {self._side_label(self.side)} saw them"
        return f"This turn ({who})"

    def _legend(self, sc: Scene) -> list:
        return legend_items(sc, self.sides, self.side_names, self._side_of.values(), routes=self.show_routes,
                            record=self.extras is not None)

    def _hourly(self) -> bool:
        steps = self.timeline.steps
        return steps > 1 and abs((self.timeline.time_at(1) - self.timeline.time_at(0)).total_seconds() - 3600) < 1

    def _side_label(self, side: str | None) -> str:
        return "full map" if side is None else short_side(self.side_names.get(side, side))

    def _panel(self, target: pygame.Surface, rect: pygame.Rect) -> None:
        panel = pygame.Surface(rect.size, pygame.SRCALPHA)
        panel.fill(PANEL_BG)
        target.blit(panel, rect.topleft)

    def _draw_clock(self, target: pygame.Surface, sc: Scene, *, right: int, top: int) -> pygame.Rect:
        """The real date and time, day or night, and the step, right-aligned at ``right``."""
        f, small = glyphs.font(20, bold=True), glyphs.font(13)
        light = "night" if sc.darkness >= 0.5 else "day"
        big = f.render(f"{sc.time:%a %d %b %Y  %H:%M}", True, FG)
        sub = small.render(f"local time, {light} - step {self.step + 1} of {self.timeline.steps}", True, MUTED)
        w = max(big.get_width(), sub.get_width()) + 20
        rect = pygame.Rect(right - w, top, w, big.get_height() + sub.get_height() + 14)
        self._panel(target, rect)
        target.blit(big, (rect.x + 10, rect.y + 6))
        target.blit(sub, (rect.x + 10, rect.y + 8 + big.get_height()))
        return rect

    def _blocks(self, sc: Scene, width: int, count: int) -> list[list[tuple[pygame.Surface, int]]]:
        """The rendered lines of the newest ``count`` captions (wrapped and rendered once per set)."""
        if not sc.captions:
            return []
        ckey = (width, tuple((m.key, m.step, m.title) for m in sc.captions[:count]))
        if self._captions is None or self._captions[0] != ckey:
            self._captions = (ckey, self._caption_blocks(sc.captions[:count], width))
        return self._captions[1]

    def _draw_captions(self, target: pygame.Surface, sc: Scene, area: pygame.Rect) -> int:
        """The captions of the marks at or just before this step in ``area``, the newest first and fullest;
        returns the y below the last one drawn."""
        blocks = self._blocks(sc, area.width, 3)
        return self._draw_caption_blocks(target, sc, blocks, area) if blocks else area.y

    def _caption_blocks(self, captions: list[Mark], width: int) -> list[list[tuple[pygame.Surface, int]]]:
        """Each caption's lines rendered: date (and DISPUTED), title, text (the newest only; never a text that
        repeats the title), attribution."""
        title_f, text_f, small = glyphs.font(15, bold=True), glyphs.font(13), glyphs.font(12, italic=True)
        keys = {m.key: m for m in self._marks}
        blocks: list[list[tuple[pygame.Surface, int]]] = []
        for i, m in enumerate(captions):
            lines: list[tuple[pygame.Surface, int]] = []
            colour = DISPUTED if m.disputed else KIND_COLOUR.get(m.kind, FG)
            head = f"{m.time:%d %b %Y %H:%M}" + ("   DISPUTED" if m.disputed else "")
            lines.append((small.render(head, True, colour), 0))
            title, text = (m.text, "") if m.text and said_in(m.title, m.text) else (m.title, m.text)
            for part in fit_lines(title_f, title, width - 20, 4 if i == 0 else 2):
                lines.append((title_f.render(part, True, FG), 0))
            if i == 0 and text:
                for part in fit_lines(text_f, text, width - 20, 4):
                    lines.append((text_f.render(part, True, FG), 0))
            for part in fit_lines(small, f"According to: {m.attribution}", width - 20, 2 if i == 0 else 1) \
                    if m.attribution else []:
                lines.append((small.render(part, True, MUTED), 0))
            alts = [keys[k] for k in m.alternatives if k in keys]
            if alts:
                other = "; ".join(f"{a.time:%d %b %H:%M}" for a in alts)
                for part in fit_lines(small, f"Other sources date this: {other}", width - 20, 2):
                    lines.append((small.render(part, True, DISPUTED), 0))
            blocks.append(lines)
        return blocks

    def _draw_caption_blocks(self, target: pygame.Surface, sc: Scene,
                             blocks: list[list[tuple[pygame.Surface, int]]], area: pygame.Rect) -> int:
        """Caption blocks from the top of ``area`` down while they fit; returns the y below the last."""
        y = area.y
        for lines in blocks:
            h = sum(img.get_height() for img, _ in lines) + 12
            if y + h > max(area.bottom, area.y + h if y == area.y else area.bottom):
                break
            rect = pygame.Rect(area.x, y, area.width, h)
            self._panel(target, rect)
            if any(m.disputed for m in sc.captions[:1]) and y == area.y:
                pygame.draw.rect(target, DISPUTED, rect, 2)
            yy = y + 6
            for img, _ in lines:
                target.blit(img, (area.x + 10, yy))
                yy += img.get_height()
            y += h + 6
        return y

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
