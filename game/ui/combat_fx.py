"""Fights on the map: a flash at the cell, the losses rising from it ("-12"), "routed" over a broken unit.

Fed with the display log's new events that the viewer may see (so fog holds: fire from an unseen
enemy flashes only on the unit hit). Drawing costs nothing when no fight is recent.

Example::

    fx = CombatFx()
    fx.feed(eng, eng.log[seen:], viewer)   # after each action
    fx.update(dt)
    fx.draw(map_surface, camera, font)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.core import events as E
from game.core.engine import Engine
from game.ui.camera import Camera

FLASH_S = 0.7  # the ring's life
TEXT_S = 2.2  # the floating losses' life
RISE_PX = 28  # how far the losses rise over their life
MERGE_S = 1.2  # a fight at a cell whose loss figure is younger than this adds to that figure
STAGGER_S = 0.6  # a second text at the same cell waits this long behind the first
MAX_FX = 60  # older effects are dropped beyond this
LOSS_COLOUR = (255, 90, 60)
NO_LOSS_COLOUR = (235, 235, 225)
ROUTED_COLOUR = (255, 210, 60)
FLASH_COLOUR = (255, 235, 150)


@dataclass
class Fx:
    """One effect at a cell: a flash ring and/or a floating text."""

    cell: tuple[int, int]
    text: str
    colour: tuple[int, int, int]
    flash: bool
    age: float = 0.0  # negative: waiting its turn behind another text at the same cell
    losses: int | None = None  # the casualties a loss figure shows (None: not a loss figure)

    @property
    def life(self) -> float:
        return max(FLASH_S if self.flash else 0.0, TEXT_S if self.text else 0.0)


def loss_text(n: int) -> tuple[str, tuple[int, int, int]]:
    """The floating text for ``n`` casualties: "-12" in red, "no loss" in white."""
    return (f"-{n}", LOSS_COLOUR) if n else ("no loss", NO_LOSS_COLOUR)


class CombatFx:
    """Recent fights as short-lived effects over the map."""

    def __init__(self) -> None:
        self.items: list[Fx] = []
        self._images: dict[tuple[str, tuple[int, int, int], int], tuple[pygame.Surface, pygame.Surface]] = {}

    @property
    def active(self) -> bool:
        return bool(self.items)

    def _add(self, cell: tuple[int, int], text: str, colour: tuple[int, int, int], *, flash: bool) -> None:
        delay = STAGGER_S * sum(1 for f in self.items if f.cell == cell and f.age < STAGGER_S and f.text)
        self.items.append(Fx(cell, text, colour, flash, age=-delay))
        del self.items[:-MAX_FX]

    def feed(self, eng: Engine, events: Sequence[E.Event], viewer: str | None) -> None:
        """Add effects for the fights and routs among ``events`` that ``viewer`` sees (None: all): one flash
        and one loss figure per cell (the fights of one batch added up), "routed" over a broken unit."""
        units = eng.state.units
        losses: dict[tuple[int, int], int] = {}
        routed: list[tuple[int, int]] = []

        def hit(uid: str, n: int) -> None:
            if uid in units:
                cell = units[uid].pos
                losses[cell] = losses.get(cell, 0) + n

        for e in events:
            if not e.visible_to(viewer):
                continue
            if isinstance(e, (E.ShotResolved, E.UnderFire)):
                hit(e.target, e.casualties)
            elif isinstance(e, E.Ambushed):
                hit(e.unit, e.casualties)
            elif isinstance(e, E.AssaultResolved) and e.unit in units:
                hit(e.unit, e.losses[0])
                attacker = units[e.unit]
                spot = next((units[t].pos for t in e.targets if t in units and units[t].alive
                             and units[t].pos != attacker.pos), None)
                if spot is not None:
                    losses[spot] = losses.get(spot, 0) + e.losses[1]
            elif isinstance(e, E.Routed) and e.unit in units:
                routed.append(units[e.unit].pos)
        for cell, n in losses.items():
            young = next((f for f in self.items if f.cell == cell and f.losses is not None and f.age < MERGE_S),
                         None)
            if young is not None:  # another fight at the same cell just now: one figure, added up
                young.losses = (young.losses or 0) + n
                young.text, young.colour = loss_text(young.losses)
                young.age = 0.0
            else:
                self._add(cell, *loss_text(n), flash=True)
                self.items[-1].losses = n
        for cell in routed:
            self._add(cell, "routed", ROUTED_COLOUR, flash=False)

    def _text(self, text: str, colour: tuple[int, int, int],
              font: pygame.font.Font) -> tuple[pygame.Surface, pygame.Surface]:
        """The text and its shadow, rendered once per text, colour and font."""
        key = (text, colour, id(font))
        pair = self._images.get(key)
        if pair is None:
            if len(self._images) > 64:
                self._images.clear()
            pair = self._images[key] = (font.render(text, True, colour), font.render(text, True, (0, 0, 0)))
        return pair

    def update(self, dt: float) -> None:
        for f in self.items:
            f.age += dt
        self.items = [f for f in self.items if f.age < f.life]

    def draw(self, target: pygame.Surface, camera: Camera, font: pygame.font.Font) -> None:
        """Draw the live effects into the map surface (camera coordinates)."""
        view = camera.viewport
        for f in self.items:
            if f.age < 0:
                continue
            rect = camera.screen_rect(*f.cell)
            if not view.colliderect(rect.inflate(80, 80)):
                continue
            cx, cy = rect.center
            if f.flash and f.age < FLASH_S:
                k = f.age / FLASH_S
                radius = round(max(rect.w, 8) * (0.6 + 1.4 * k))
                width = max(1, round(4 * (1 - k)))
                pygame.draw.circle(target, FLASH_COLOUR, (cx, cy), radius, width)
            if f.text:
                k = min(f.age / TEXT_S, 1.0)
                img, shadow = self._text(f.text, f.colour, font)
                alpha = 255 if k < 0.6 else round(255 * (1 - k) / 0.4)
                img.set_alpha(alpha)
                shadow.set_alpha(alpha)
                pos = img.get_rect(midbottom=(cx, rect.top - 2 - round(RISE_PX * k)))
                target.blit(shadow, pos.move(1, 1))
                target.blit(img, pos)
