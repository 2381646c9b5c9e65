"""The replay's timeline bar: control buttons, a scrubber with the marks drawn on it, and the speed.

Layout (a bar ``BAR_H`` px high across the bottom of the viewer)::

    [|<][< mark][< step][Play][step >][mark >][>|] [slower] x8 [faster] [view: all]  |----*--*-|---*--|
                                                                                      15 Oct      10 Nov

Marks are ticks on the scrubber: waypoints sky blue, milestones gold (taller), events grey, a disputed mark
orange with a small diamond on top. ``hit`` tells which button or scrubber step a point falls on.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.history.scene import Mark
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


def layout_bar(rect: pygame.Rect, *, show_side: bool) -> BarLayout:
    """Buttons from the left, the scrubber in the rest (narrow surfaces drop the side button)."""
    x, y = rect.x + 8, rect.y + 8
    buttons: dict[str, pygame.Rect] = {}
    for name, _, w in BUTTONS:
        if name == "side" and not show_side:
            continue
        buttons[name] = pygame.Rect(x, y, w, 30)
        x += w + 4
    track = pygame.Rect(x + 12, rect.y + 22, max(40, rect.right - x - 28), 8)
    return BarLayout(rect, buttons, track)


def draw_bar(surface: pygame.Surface, lay: BarLayout, *, step: int, steps: int, marks: list[Mark],
             playing: bool, speed_label: str, side_label: str, start_label: str, end_label: str,
             hover_step: int | None = None) -> None:
    """Draw the bar: buttons, the scrubber with every mark, the play head and the end dates."""
    pygame.draw.rect(surface, BG, lay.rect)
    f = glyphs.font(13)
    labels = {name: label for name, label, _ in BUTTONS}
    labels.update(play="Pause" if playing else "Play", speed=speed_label, side=side_label)
    for name, r in lay.buttons.items():
        if name == "speed":
            img = f.render(labels[name], True, FG)
            surface.blit(img, img.get_rect(center=r.center))
            continue
        pygame.draw.rect(surface, BUTTON_ON if name == "play" and playing else BUTTON, r, border_radius=4)
        img = f.render(labels[name], True, FG)
        surface.blit(img, img.get_rect(center=r.center))
    t = lay.track
    pygame.draw.rect(surface, TRACK, t, border_radius=3)
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
    surface.blit(small.render(start_label, True, MUTED), (t.x, t.bottom + 8))
    end = small.render(end_label, True, MUTED)
    surface.blit(end, end.get_rect(topright=(t.right, t.bottom + 8)))
    keys = small.render("Space play  Left/Right step  Shift+Left/Right or PgUp/PgDn mark  +/- speed  Home/End  Esc back",
                        True, MUTED)
    if keys.get_width() < t.width - 2 * end.get_width() - 20:
        surface.blit(keys, keys.get_rect(midtop=(t.centerx, t.bottom + 8)))
