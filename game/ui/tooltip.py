"""Plain text boxes drawn over the map: word wrapping, the mouse tooltip and the banner/alert bars.

The tooltip is compact by default (what a click would do and the ground, one line each); its details
show while Alt is held or after the mouse rests on a cell for ``DETAIL_REST_S``; T turns it off
(:class:`TooltipMode`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

BG = (24, 26, 30)
FG = (235, 235, 225)
BORDER = (140, 140, 130)
HINT = (150, 160, 150)
TOOLTIP_WIDTH = 520  # tooltip lines wrap at this many pixels
COMPACT_WIDTH = 380  # a compact tooltip's lines are cut to one line of this many pixels
DETAIL_REST_S = 1.0  # the details show after the mouse rests this long on one cell
ELLIPSIS = "…"
COMPACT_HINT = "Alt or rest: details   T: tooltip off"
GAP = 16  # pixels between the cursor and the tooltip
CORNER_MARGIN = 6  # a tooltip put in a corner of the map stays this far from its edges


def _split_word(font: pygame.font.Font, word: str, width: int) -> list[str]:
    """Break one word wider than ``width`` into pieces that fit (at least one character each)."""
    pieces: list[str] = []
    while word:
        n = 1
        while n < len(word) and font.size(word[:n + 1])[0] <= width:
            n += 1
        pieces.append(word[:n])
        word = word[n:]
    return pieces


def wrap_text(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` pixels in ``font``.

    Lines break between words; a single word wider than ``width`` is broken between characters.
    Newlines in ``text`` start a new line (an empty paragraph gives an empty line). Nothing is
    dropped: joining the lines with spaces gives back the words of ``text``.
    """
    width = max(1, width)
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split()
        if not words:
            lines.append("")
            continue
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if font.size(candidate)[0] <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            if font.size(word)[0] <= width:
                line = word
            else:
                *full, line = _split_word(font, word, width)
                lines.extend(full)
        lines.append(line)
    return lines


def fit_lines(font: pygame.font.Font, text: str, width: int, max_lines: int) -> list[str]:
    """:func:`wrap_text`, at most ``max_lines`` lines; when cut, the last line ends in an ellipsis."""
    lines = wrap_text(font, text, width)
    if len(lines) <= max(1, max_lines):
        return lines
    lines = lines[:max(1, max_lines)]
    last = lines[-1]
    while last and font.size(last + ELLIPSIS)[0] > width:
        cut = last.rfind(" ")
        last = last[:cut] if cut > 0 else last[:-1]
    lines[-1] = last.rstrip() + ELLIPSIS
    return lines


def render_lines(font: pygame.font.Font, lines: list[str], colour: tuple[int, int, int]) -> list[pygame.Surface]:
    """One anti-aliased image per line."""
    return [font.render(line, True, colour) for line in lines]


def draw_text_box(surface: pygame.Surface, font: pygame.font.Font, text: str, *, colour: tuple[int, int, int],
                  bg: tuple[int, int, int], area: pygame.Rect, anchor: str, at: tuple[int, int],
                  max_lines: int = 4, pad: tuple[int, int] = (10, 6)) -> pygame.Rect:
    """Draw ``text`` wrapped to ``area``'s width (minus margins), lines centred, in a filled box.

    ``anchor`` is a :class:`pygame.Rect` attribute (``"midtop"``, ``"midbottom"`` ...) placed at ``at``;
    the box is kept inside ``area``. Returns the box.
    """
    inner = area.width - 2 * (pad[0] + 12)
    images = render_lines(font, fit_lines(font, text, inner, max_lines), colour)
    line_h = font.get_linesize()
    w = max(img.get_width() for img in images) + 2 * pad[0]
    h = line_h * len(images) + 2 * pad[1]
    box = pygame.Rect(0, 0, w, h)
    setattr(box, anchor, at)
    box.clamp_ip(area)
    pygame.draw.rect(surface, bg, box)
    y = box.y + pad[1]
    for img in images:
        surface.blit(img, img.get_rect(midtop=(box.centerx, y)))
        y += line_h
    return box


def tooltip_lines(font: pygame.font.Font, lines: list[str], width: int = TOOLTIP_WIDTH) -> list[str]:
    """The tooltip's ``lines``, each wrapped to ``width`` pixels."""
    return [part for line in lines for part in wrap_text(font, line, width)]


def place_box(size: tuple[int, int], pos: tuple[int, int], area: pygame.Rect, *,
              keep_clear: Sequence[pygame.Rect] = (), avoid: Sequence[pygame.Rect] = ()) -> pygame.Rect:
    """Where a tooltip of ``size`` goes near the cursor ``pos``, inside ``area``.

    Tried: below-right of the cursor (the default), below-left, above-right, above-left, then the area's
    four corners. The box never covers the cursor when it can help it; then it covers as few of
    ``keep_clear`` (the planned move's end cell, the selected unit) as it can, then as few of ``avoid``
    (the path's cells); ties go to the earlier spot. Example: a path going down-right from the cursor puts
    the box above-left of it.
    """
    w, h = size
    x, y = pos
    near = [(x + GAP, y + GAP), (x - GAP - w, y + GAP), (x + GAP, y - GAP - h), (x - GAP - w, y - GAP - h)]
    inner = area.inflate(-2 * CORNER_MARGIN, -2 * CORNER_MARGIN)
    corners = [(inner.right - w, inner.y), (inner.x, inner.y), (inner.right - w, inner.bottom - h),
               (inner.x, inner.bottom - h)]
    best: tuple[tuple[int, ...], pygame.Rect] | None = None
    for i, at in enumerate(near + corners):
        box = pygame.Rect(at, size)
        box.clamp_ip(area)
        score = (int(box.collidepoint(pos)), sum(box.colliderect(r) for r in keep_clear),
                 sum(box.colliderect(r) for r in avoid), int(i >= len(near)), i)
        if best is None or score < best[0]:
            best = (score, box)
    assert best is not None
    return best[1]


def draw_tooltip(surface: pygame.Surface, font: pygame.font.Font, lines: list[str], pos: tuple[int, int],
                 area: pygame.Rect, width: int = TOOLTIP_WIDTH, *, hint: str = "", wrap: bool = True,
                 keep_clear: Sequence[pygame.Rect] = (), avoid: Sequence[pygame.Rect] = ()) -> pygame.Rect:
    """Draw ``lines`` (each wrapped to ``width`` px, or cut to one line when not ``wrap``) in a box near
    ``pos`` without leaving ``area``, with an optional dimmer ``hint`` line last; placed by
    :func:`place_box` clear of ``keep_clear`` and ``avoid`` (screen rects of the planned move).

    Lines that do not fit in ``area``'s height are left out, the last shown one ending in an ellipsis.
    Returns the box.
    """
    width = min(width, area.width - 12)
    wrapped = tooltip_lines(font, lines, width) if wrap else [fit_lines(font, x, width, 1)[0] for x in lines]
    line_h = font.get_linesize() + 2
    room = max(1, (area.height - 10) // line_h)
    if len(wrapped) > room:
        wrapped = wrapped[:room]
        wrapped[-1] = fit_lines(font, wrapped[-1] + " " + ELLIPSIS, width, 1)[0]
    images = render_lines(font, wrapped, FG)
    if hint and len(wrapped) < room:
        images.append(font.render(hint, True, HINT))
    w = max(i.get_width() for i in images) + 12
    h = line_h * len(images) + 10
    box = place_box((w, h), pos, area, keep_clear=keep_clear, avoid=avoid)
    pygame.draw.rect(surface, BG, box)
    pygame.draw.rect(surface, BORDER, box, 1)
    y = box.y + 5
    for img in images:
        surface.blit(img, (box.x + 6, y))
        y += line_h
    return box


class TooltipMode:
    """Which tooltip to show: compact, detailed (Alt held, or the mouse resting on a cell), or none (T).

    ``update(dt, cell)`` every frame; ``shown(lines, alt)`` gives ``(lines, compact)`` to draw, ``[]`` for
    none. Compact keeps what a click would do (the ``orders`` first lines) and the ground (the next line).
    """

    def __init__(self) -> None:
        self.on = True
        self.rest = 0.0
        self.cell: tuple[int, int] | None = None

    def toggle(self) -> str:
        """Turn the tooltip off or on; returns what happened, for a notice."""
        self.on = not self.on
        return "Tooltip on (Alt: details)" if self.on else "Tooltip off (T turns it on; Alt still shows it)"

    def update(self, dt: float, cell: tuple[int, int] | None) -> None:
        if cell != self.cell:
            self.cell, self.rest = cell, 0.0
        else:
            self.rest += dt

    def shown(self, lines: list[str], orders: int, *, alt: bool) -> tuple[list[str], bool]:
        """The lines to draw and whether they are the compact form; ``orders``: how many of ``lines`` (at
        the front) say what a click would do."""
        if not lines or not (self.on or alt):
            return [], False
        if alt or self.rest >= DETAIL_REST_S:
            return lines, False
        ground = lines[orders:orders + 1]
        return lines[:orders] + [g.split("  (")[0] for g in ground], True
