"""The replay's timeline bar: control buttons, a scrubber with the marks drawn on it, and the speed.

Layout (a bar ``BAR_H`` px high across the bottom of the viewer)::

    [|<][< mark][< step][Play][step >][mark >][>|] [slower] x8 [faster] [view: all]  |----*--*-|---*--|
                                                                                      15 Oct      10 Nov

Marks are ticks on the scrubber: waypoints sky blue, milestones gold (taller), events grey, a disputed mark
orange with a small diamond on top; night is a dark blue band behind the track. ``hit`` tells which button or
scrubber step a point falls on. Optional buttons (``EXTRA_BUTTONS``: follow, documented routes, continue from
here) follow the side button; a narrow bar leaves out ``OPTIONAL_BUTTONS`` (their keys remain) to keep
the scrubber usable; without controls (an exported frame) the scrubber takes the whole width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import pygame

from game.core.clock import dark_share
from game.history.scene import Mark, Timeline
from game.ui import glyphs, palette

BAR_H = 64
BG = (24, 26, 30)
BUTTON = (52, 56, 64)
BUTTON_ON = (80, 120, 160)
FG = (235, 235, 225)
MUTED = (170, 176, 170)
TRACK = (70, 74, 82)
KIND_COLOUR = {"waypoint": palette.OI_SKY_BLUE, "milestone": (230, 195, 106), "event": (190, 190, 190)}
DISPUTED = palette.OI_ORANGE
BUTTONS: tuple[tuple[str, str, int], ...] = (
    ("home", "|<", 34), ("prev_mark", "< mark", 62), ("back", "< step", 60), ("play", "Play", 62),
    ("forward", "step >", 60), ("next_mark", "mark >", 62), ("end", ">|", 34), ("slower", "-", 28),
    ("speed", "", 66), ("faster", "+", 28), ("side", "", 104))
EXTRA_BUTTONS: dict[str, tuple[str, int]] = {"follow": ("Follow", 58), "routes": ("Routes", 62),
                                              "continue": ("Continue from here", 146)}
NIGHT_BAND = (34, 44, 92)
MIN_TRACK = 160  # px of scrubber a narrow bar keeps
OPTIONAL_BUTTONS = ("home", "end", "prev_mark", "next_mark", "slower", "faster")  # dropped in this order


@dataclass
class BarLayout:
    """Where everything of the bar is, for a bar rectangle."""

    rect: pygame.Rect
    buttons: dict[str, pygame.Rect]
    track: pygame.Rect

    def step_at(self, x: int, steps: int) -> int:
        """The step under screen x on the scrubber (clamped)."""
        if steps <= 1:
            return 0
        share = (x - self.track.x) / max(1, self.track.width)
        return max(0, min(steps - 1, round(share * (steps - 1))))

    def x_of(self, step: int, steps: int) -> int:
        return self.track.x + round(self.track.width * step / max(1, steps - 1))

    def hit(self, pos: tuple[int, int]) -> str | None:
        """``"scrub"`` on the scrubber, a button name, or None."""
        if self.track.inflate(0, 24).collidepoint(pos):
            return "scrub"
        return next((name for name, r in self.buttons.items() if r.collidepoint(pos)), None)


def layout_bar(rect: pygame.Rect, *, show_side: bool, extra: tuple[str, ...] = (),
               controls: bool = True, widths: dict[str, int] | None = None) -> BarLayout:
    """Buttons from the left (the side button with ``show_side``, then ``extra`` ones; ``widths`` overrides a
    button's width, e.g. to fit the longest text the side button shows), the scrubber in the rest;
    ``controls=False``: no buttons, the scrubber across the whole bar."""
    x, y = rect.x + 8, rect.y + 8
    buttons: dict[str, pygame.Rect] = {}
    wide = widths or {}
    named = [(name, wide.get(name, w)) for name, _, w in BUTTONS if name != "side" or show_side]
    named += [(name, wide.get(name, EXTRA_BUTTONS[name][1])) for name in extra]
    for gone in OPTIONAL_BUTTONS:  # a narrow bar leaves out the buttons whose keys do the same, scrubber first
        if sum(w + 4 for _, w in named) + MIN_TRACK + 40 <= rect.width:
            break
        named = [(n, w) for n, w in named if n != gone]
    for name, w in named if controls else []:
        buttons[name] = pygame.Rect(x, y, w, 30)
        x += w + 4
    track = pygame.Rect(x + 12, rect.y + 22, max(40, rect.right - x - 28), 8)
    return BarLayout(rect, buttons, track)


def draw_bar(surface: pygame.Surface, lay: BarLayout, *, step: int, steps: int, marks: list[Mark],
             playing: bool, speed_label: str, side_label: str, start_label: str, end_label: str,
             hover_step: int | None = None, nights: Sequence[tuple[int, int]] = (),
             active: frozenset[str] = frozenset()) -> None:
    """Draw the bar: buttons (``active`` toggles lit), the scrubber with the night bands (step ranges) and
    every mark, the play head and the end dates."""
    pygame.draw.rect(surface, BG, lay.rect)
    f = glyphs.font(13)
    labels = {name: label for name, label, _ in BUTTONS} | {k: v[0] for k, v in EXTRA_BUTTONS.items()}
    labels.update(play="Pause" if playing else "Play", speed=speed_label, side=side_label)
    for name, r in lay.buttons.items():
        if name == "speed":
            img = f.render(labels[name], True, FG)
            surface.blit(img, img.get_rect(center=r.center))
            continue
        lit = (name == "play" and playing) or name in active
        pygame.draw.rect(surface, BUTTON_ON if lit else BUTTON, r, border_radius=4)
        text = labels[name]
        while len(text) > 2 and f.size(text)[0] > r.width - 8:  # never spill over the next button
            text = text[:-2].rstrip() + "…"
        img = f.render(text, True, FG)
        surface.blit(img, img.get_rect(center=r.center))
    t = lay.track
    pygame.draw.rect(surface, TRACK, t, border_radius=3)
    for a, b in nights:
        x0, x1 = lay.x_of(a, steps), lay.x_of(b, steps)
        pygame.draw.rect(surface, NIGHT_BAND, (x0, t.y - 4, max(1, x1 - x0), t.height + 8))
    px = lay.x_of(step, steps)
    pygame.draw.rect(surface, (110, 150, 190), (t.x, t.y, px - t.x, t.height), border_radius=3)
    for m in marks:
        mx = lay.x_of(m.step, steps)
        tall = 14 if m.kind == "milestone" else 9
        colour = DISPUTED if m.disputed else KIND_COLOUR.get(m.kind, FG)
        pygame.draw.line(surface, colour, (mx, t.y - tall), (mx, t.bottom + 3), 2)
        if m.disputed:
            pygame.draw.polygon(surface, colour, [(mx, t.y - tall - 5), (mx + 4, t.y - tall - 1),
                                                  (mx, t.y - tall + 3), (mx - 4, t.y - tall - 1)])
    pygame.draw.circle(surface, FG, (px, t.centery), 8)
    pygame.draw.circle(surface, BG, (px, t.centery), 8, 2)
    if hover_step is not None:
        hx = lay.x_of(hover_step, steps)
        pygame.draw.line(surface, MUTED, (hx, t.y - 6), (hx, t.bottom + 6), 1)
    small = glyphs.font(12)
    start, end = small.render(start_label, True, MUTED), small.render(end_label, True, MUTED)
    surface.blit(start, (t.x, t.bottom + 8))
    if start.get_width() + end.get_width() + 8 <= t.width:  # a short scrubber shows its start date only
        surface.blit(end, end.get_rect(topright=(t.right, t.bottom + 8)))
    keys = small.render("Space play  Left/Right step  Shift+Left/Right or PgUp/PgDn mark  +/- speed  Home/End  Esc back",
                        True, MUTED)
    if lay.buttons and keys.get_width() < t.width - 2 * end.get_width() - 20:
        surface.blit(keys, keys.get_rect(midtop=(t.centerx, t.bottom + 8)))


def night_bands(timeline: Timeline, daylight: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Step ranges ``(first, end)`` (end exclusive) that are mostly dark: by the timeline's ``darkness_at(step)``
    when it has one (a recorded game: its turns), else by ``daylight`` (sunrise, sunset hours) over each
    step's span; none without either. Example: hourly steps from 12:00 with daylight (7, 17) give (5, 19), ..."""
    steps = timeline.steps
    at = getattr(timeline, "darkness_at", None)
    if at is not None:
        dark = [at(k) >= 0.5 for k in range(steps)]
    elif daylight is not None:
        span = timeline.time_at(1) - timeline.time_at(0) if steps > 1 else timedelta(hours=1)
        dark = [dark_share(daylight, timeline.time_at(k), timeline.time_at(k) + span, timedelta(minutes=15)) >= 0.5
                for k in range(steps)]
    else:
        dark = [False] * steps
    runs: list[tuple[int, int]] = []
    for k, d in enumerate(dark):
        if d and runs and runs[-1][1] == k:
            runs[-1] = (runs[-1][0], k + 1)
        elif d:
            runs.append((k, k + 1))
    return runs
