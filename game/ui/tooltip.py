"""A plain tooltip box drawn next to the mouse, kept inside an area."""

from __future__ import annotations

import pygame

BG = (24, 26, 30)
FG = (235, 235, 225)
BORDER = (140, 140, 130)


def draw_tooltip(surface: pygame.Surface, font: pygame.font.Font, lines: list[str], pos: tuple[int, int],
                 area: pygame.Rect) -> pygame.Rect:
    """Draw ``lines`` in a box near ``pos`` without leaving ``area``; returns the box."""
    images = [font.render(line[:120], True, FG) for line in lines[:10]]
    w = max(i.get_width() for i in images) + 12
    h = sum(i.get_height() + 2 for i in images) + 10
    box = pygame.Rect(pos[0] + 16, pos[1] + 16, w, h)
    box.clamp_ip(area)
    if box.collidepoint(pos):
        box.bottom = pos[1] - 8
        box.clamp_ip(area)
    pygame.draw.rect(surface, BG, box)
    pygame.draw.rect(surface, BORDER, box, 1)
    y = box.y + 5
    for img in images:
        surface.blit(img, (box.x + 6, y))
        y += img.get_height() + 2
    return box
