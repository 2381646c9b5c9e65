"""Place labels at screen scale: both names where they differ, filtered and decluttered per zoom level.

``Place.name`` already carries both communities' names ("Shusha / Shushi"). Which places are labelled
depends on the zoom (towns always, villages from 4 px per cell, landmarks from 8), and at each zoom
level the labels are placed once, in priority order, each in the first free spot around its place
(below, above, right, left) or not at all, so they never overlap. Text sprites are cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pygame

from game.core.grid import Place
from game.ui import glyphs, palette
from game.ui.camera import Camera
from game.ui.symbols import symbol_size

# kind -> (priority, smallest px per cell at which it is labelled, font size bonus, style)
KINDS: dict[str, tuple[int, int, int, str]] = {
    "city": (0, 2, 2, "bold"), "town": (1, 2, 2, "bold"), "junction": (2, 4, 0, ""),
    "village": (3, 4, 0, ""), "peak": (4, 4, 0, "italic"), "landmark": (5, 8, -1, "italic"),
    "river_point": (6, 8, -1, "italic"),
}
_OTHER = (7, 8, -1, "italic")


@dataclass(frozen=True)
class Label:
    """A placed label: its sprite, its rect in full-map pixels at one zoom, and its place's cell."""

    place: Place
    sprite: pygame.Surface
    rect: pygame.Rect
    marker: bool


def label_text(p: Place) -> str:
    """The text shown for a place: its name, plus the documented elevation for peaks."""
    if p.kind == "peak" and p.elevation_m is not None:
        return f"{p.name} {p.elevation_m:.0f} m"
    return p.name


@lru_cache(maxsize=1024)
def text_sprite(text: str, size: int, bold: bool, color: palette.RGB, italic: bool = False) -> pygame.Surface:
    """Text with a one-pixel pale halo so it reads over any terrain (cached: do not draw on it)."""
    f = glyphs.font(size, bold, italic)
    fg = f.render(text, True, color)
    halo = f.render(text, True, palette.LABEL_HALO)
    out = pygame.Surface((fg.get_width() + 2, fg.get_height() + 2), pygame.SRCALPHA)
    for dx, dy in ((0, 0), (1, 0), (2, 0), (0, 1), (2, 1), (0, 2), (1, 2), (2, 2)):
        out.blit(halo, (dx, dy))
    out.blit(fg, (1, 1))
    return out


class LabelLayer:
    """Draws place labels for a camera; label layouts are computed once per zoom level."""

    def __init__(self, places: list[Place], shape: tuple[int, int]) -> None:
        self.shape = shape
        self.places = sorted(places, key=lambda p: (KINDS.get(p.kind, _OTHER)[0], p.id))
        self._layouts: dict[int, list[Label]] = {}

    def layout(self, px: int) -> list[Label]:
        """Labels shown at ``px`` pixels per cell, in full-map pixel coordinates, without overlaps."""
        if px in self._layouts:
            return self._layouts[px]
        base = 11 + (px >= 6) + (px >= 12) + (px >= 24)
        gap = max(px // 2, symbol_size(px)[1] // 2) + 1
        taken: list[pygame.Rect] = []
        bounds = pygame.Rect(0, 0, self.shape[1] * px, self.shape[0] * px)
        out: list[Label] = []
        for p in self.places:
            _, min_px, bonus, style = KINDS.get(p.kind, _OTHER)
            if px < min_px:
                continue
            color = palette.LABEL_WATER if p.kind == "river_point" else (
                palette.LABEL_PEAK if p.kind == "peak" else palette.LABEL_TEXT)
            sprite = text_sprite(label_text(p), base + bonus, style == "bold", color, style == "italic")
            cx, cy = p.col * px + px // 2, p.row * px + px // 2
            r = sprite.get_rect()
            for spot in ("midtop", "midbottom", "midleft", "midright"):
                anchor = {"midtop": (cx, cy + gap), "midbottom": (cx, cy - gap),
                          "midleft": (cx + gap + 4, cy), "midright": (cx - gap - 4, cy)}[spot]
                setattr(r, spot, anchor)
                r.clamp_ip(bounds)
                if r.inflate(-2, -2).collidelist(taken) < 0:
                    taken.append(r.copy())
                    out.append(Label(p, sprite, r.copy(), p.kind not in ("city", "town", "village")))
                    break
        self._layouts[px] = out
        return out

    def draw(self, target: pygame.Surface, camera: Camera) -> None:
        """Blit the labels (and small place markers) that fall inside the camera's viewport."""
        px = camera.px
        ox, oy = camera.offset_px
        view = pygame.Rect(ox, oy, *camera.size)
        dx, dy = camera.origin[0] - ox, camera.origin[1] - oy
        for lab in self.layout(px):
            if lab.marker and px >= 4:
                cx, cy = lab.place.col * px + px // 2 + dx, lab.place.row * px + px // 2 + dy
                if camera.viewport.collidepoint(cx, cy):
                    _marker(target, lab.place.kind, (cx, cy), max(3, px // 4))
            if view.colliderect(lab.rect):
                target.blit(lab.sprite, (lab.rect.x + dx, lab.rect.y + dy))


def _marker(target: pygame.Surface, kind: str, at: tuple[int, int], r: int) -> None:
    """A small map marker: a triangle for peaks, a ring for other non-settlement places."""
    x, y = at
    if kind == "peak":
        pts = [(x, y - r), (x - r, y + r - 1), (x + r, y + r - 1)]
        pygame.draw.polygon(target, palette.LABEL_PEAK, pts)
        pygame.draw.polygon(target, palette.LABEL_HALO, pts, 1)
    else:
        color = palette.LABEL_WATER if kind == "river_point" else palette.LABEL_TEXT
        pygame.draw.circle(target, palette.LABEL_HALO, at, r)
        pygame.draw.circle(target, color, at, r, max(1, r // 2))
