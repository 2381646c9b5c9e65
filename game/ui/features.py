"""Vector map features drawn with ``pygame.draw``: rivers, roads and cliff edges.

Line networks join the centres of neighbouring cells of a mask: 4-neighbours always, diagonal
neighbours only where no 4-neighbour path exists (so a diagonal river is a line, not a ladder).
Cliffs are drawn on the cell *edges* where ``grid.cliff`` bits are set, with short ticks pointing to
the lower side, like the cliff symbol of a topographic map.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.core.grid import DIRS, ROAD_PAVED, Grid
from game.ui import palette

Cell = tuple[int, int]
Segment = tuple[Cell, Cell]


def network(mask: np.ndarray) -> list[Segment]:
    """Segments ``((r0, c0), (r1, c1))`` joining neighbouring True cells of ``mask``, sorted."""
    m = np.asarray(mask, dtype=bool)
    nw, ne, sw, se = m[:-1, :-1], m[:-1, 1:], m[1:, :-1], m[1:, 1:]
    out: list[Segment] = []
    for (dr, dc), pairs in (
        ((0, 1), m[:, :-1] & m[:, 1:]),
        ((1, 0), m[:-1, :] & m[1:, :]),
        ((1, 1), nw & se & ~ne & ~sw),
    ):
        out.extend(((int(r), int(c)), (int(r) + dr, int(c) + dc)) for r, c in zip(*np.nonzero(pairs), strict=True))
    out.extend(((int(r), int(c) + 1), (int(r) + 1, int(c))) for r, c in zip(*np.nonzero(ne & sw & ~nw & ~se), strict=True))
    return sorted(out)


def _centre(cell: Cell, px: int) -> tuple[float, float]:
    return (cell[1] * px + px / 2, cell[0] * px + px / 2)


def chains(segs: list[Segment]) -> list[list[Cell]]:
    """Split a segment network into polylines of cells that run between junctions or ends.

    Example: segments a-b, b-c, c-d and c-e give ``[[a, b, c], [c, d], [c, e]]`` (c is a junction).
    """
    adj: dict[Cell, list[Cell]] = {}
    for a, b in segs:
        adj.setdefault(a, []).append(b)
        adj.setdefault(b, []).append(a)
    for v in adj.values():
        v.sort()
    used: set[Segment] = set()
    out: list[list[Cell]] = []

    def walk(start: Cell, nxt: Cell) -> list[Cell]:
        line, prev, cur = [start], start, nxt
        used.add((min(start, nxt), max(start, nxt)))
        while True:
            line.append(cur)
            if len(adj[cur]) != 2:
                return line
            (step,) = [n for n in adj[cur] if n != prev] or [prev]
            key = (min(cur, step), max(cur, step))
            if key in used:
                return line
            used.add(key)
            prev, cur = cur, step

    for node in sorted(adj, key=lambda n: (len(adj[n]) == 2, n)):  # ends and junctions first, then loops
        for nb in adj[node]:
            if (min(node, nb), max(node, nb)) not in used:
                out.append(walk(node, nb))
    return out


def smooth(points: list[tuple[float, float]], rounds: int = 2) -> list[tuple[float, float]]:
    """Chaikin corner cutting that keeps both end points (turns cell staircases into curves)."""
    for _ in range(rounds):
        if len(points) < 3:
            return points
        out = [points[0]]
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            out.append((0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1))
            out.append((0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1))
        out.append(points[-1])
        points = out
    return points


def _lines(segs: list[Segment], px: int) -> list[list[tuple[float, float]]]:
    """Smoothed pixel polylines for a segment network."""
    return [smooth([_centre(c, px) for c in chain]) for chain in chains(segs)]


def _stroke(surf: pygame.Surface, lines: list[list[tuple[float, float]]], color: palette.RGB,
            width: int) -> None:
    """Draw polylines with round joints (thick pygame lines leave gaps at bends otherwise)."""
    for pts in lines:
        pygame.draw.lines(surf, color, False, pts, width)
        if width > 2:
            for p in pts:
                pygame.draw.circle(surf, color, p, width / 2 - 0.1)


def _dashes(pts: list[tuple[float, float]], dash: float, gap: float) -> list[list[tuple[float, float]]]:
    """Cut a polyline into dashes ``dash`` long separated by ``gap`` (both in pixels)."""
    out: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] = [pts[0]]
    pos, on = 0.0, True
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        seg = float(np.hypot(x1 - x0, y1 - y0))
        t = 0.0
        while seg > 0 and t < seg:
            left = (dash if on else gap) - pos
            step = min(left, seg - t)
            t += step
            pos += step
            p = (x0 + (x1 - x0) * t / seg, y0 + (y1 - y0) * t / seg)
            if on:
                cur.append(p)
            if pos >= (dash if on else gap) - 1e-6:
                if on and len(cur) > 1:
                    out.append(cur)
                on, pos, cur = not on, 0.0, [p]
    if on and len(cur) > 1:
        out.append(cur)
    return out


def draw_rivers(surf: pygame.Surface, grid: Grid, px: int) -> None:
    """Draw rivers as smoothed blue lines with a pale bank line on both sides."""
    segs = network(grid.river)
    lines = _lines(segs, px)
    w = max(1, round(px / 5))
    if px >= 6:
        _stroke(surf, lines, palette.RIVER_BANK, w + 2)
    _stroke(surf, lines, palette.RIVER, w)
    joined = {c for s in segs for c in s}
    for r, c in zip(*np.nonzero(grid.river), strict=True):  # lone river cells: a dot
        if (int(r), int(c)) not in joined:
            pygame.draw.circle(surf, palette.RIVER, _centre((int(r), int(c)), px), max(1, w))


def road_segments(grid: Grid) -> tuple[list[Segment], list[Segment]]:
    """``(paved, track)`` segments of the named roads (or of the road layer if none are named)."""
    masks = list(grid.roads.values()) or [grid.road > 0]
    segs = sorted({s for m in masks for s in network(m)})
    paved = [s for s in segs if grid.road[s[0]] == ROAD_PAVED and grid.road[s[1]] == ROAD_PAVED]
    track = [s for s in segs if not (grid.road[s[0]] == ROAD_PAVED and grid.road[s[1]] == ROAD_PAVED)]
    return paved, track


def draw_roads(surf: pygame.Surface, grid: Grid, px: int) -> None:
    """Draw tracks as dashed brown lines and paved roads as yellow lines with a dark casing."""
    paved, track = road_segments(grid)
    tw = max(1, round(px / 7))
    for pts in _lines(track, px):
        parts = _dashes(pts, px * 0.7, px * 0.35) if px >= 4 else [pts]
        _stroke(surf, parts, palette.ROAD_TRACK, tw)
    lines = _lines(paved, px)
    w = max(1, round(px / 4))
    if px >= 3:
        _stroke(surf, lines, palette.ROAD_PAVED_CASING, w + 2)
    _stroke(surf, lines, palette.ROAD_PAVED_FILL if px >= 3 else palette.ROAD_PAVED_CASING, w)


def cliff_edges(grid: Grid) -> list[tuple[Cell, Cell]]:
    """Cell pairs ``(a, b)`` separated by a cliff, each pair once (``b`` east, south or diagonal-south of ``a``)."""
    out = []
    for k in (4, 5, 6, 7):  # E, SW, S, SE: every edge once
        rs, cs = np.nonzero(grid.cliff & (1 << k))
        dr, dc = DIRS[k]
        out.extend(((int(r), int(c)), (int(r) + dr, int(c) + dc)) for r, c in zip(rs, cs, strict=True))
    return sorted(out)


def draw_cliffs(surf: pygame.Surface, grid: Grid, px: int) -> None:
    """Draw each cliff edge as a dark line on the shared cell edge, ticks toward the lower cell.

    Orthogonal neighbours share an edge (drawn whole); diagonal neighbours share a corner, drawn as a
    short stroke across it unless an edge already ends there.
    """
    edges = cliff_edges(grid)
    lines: list[tuple[tuple[float, float], tuple[float, float], tuple[float, float]]] = []
    corners: set[tuple[int, int]] = set()
    for a, b in edges:
        (r, c), (r2, c2) = a, b
        if r2 == r or c2 == c:  # shared edge, in corner coordinates (x, y)
            p = (c + 1, r) if r2 == r else (c, r + 1)
            q = (c + 1, r + 1)
            corners.update((p, q))
            lines.append((p, q, _downhill(grid, a, b)))
    for a, b in edges:
        (r, c), (r2, c2) = a, b
        if r2 != r and c2 != c:
            x, y = max(c, c2), r + 1
            if (x, y) not in corners:
                h = 0.3
                sx = 1 if c2 > c else -1  # the stroke is perpendicular to the a->b diagonal
                lines.append(((x - h * sx, y + h), (x + h * sx, y - h), _downhill(grid, a, b)))
    w = max(2, round(px / 5))
    casing = [((p[0] * px, p[1] * px), (q[0] * px, q[1] * px)) for p, q, _ in lines]
    teeth = [t for p, q, d in lines for t in _teeth(p, q, d, px)] if px >= 6 else []
    for tri in teeth:  # pale casing first so the symbol reads on dark, shaded slopes
        pygame.draw.polygon(surf, palette.CLIFF_CASING, tri, 2)
    for a, b in casing:
        pygame.draw.line(surf, palette.CLIFF_CASING, a, b, w + 2)
    for tri in teeth:
        pygame.draw.polygon(surf, palette.CLIFF, tri)
    for a, b in casing:
        pygame.draw.line(surf, palette.CLIFF, a, b, w)


def _teeth(p: tuple[float, float], q: tuple[float, float], down: tuple[float, float],
           px: int) -> list[list[tuple[float, float]]]:
    """Triangles along the edge ``p``-``q`` (corner coordinates) pointing ``down``, in pixels."""
    x0, y0, x1, y1 = p[0] * px, p[1] * px, q[0] * px, q[1] * px
    length = float(np.hypot(x1 - x0, y1 - y0))
    n = max(1, int(round(length / max(5.0, px * 0.45))))
    half = length / n * 0.32
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    depth = max(3.0, px * 0.45)
    out = []
    for i in range(n):
        t = (i + 0.5) / n
        x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
        out.append([(x - ux * half, y - uy * half), (x + ux * half, y + uy * half),
                    (x + down[0] * depth, y + down[1] * depth)])
    return out


def _downhill(grid: Grid, a: Cell, b: Cell) -> tuple[float, float]:
    """Unit vector ``(dx, dy)`` from ``a`` toward ``b`` if ``b`` is lower, else the reverse."""
    dy, dx = b[0] - a[0], b[1] - a[1]
    if grid.elevation[b] > grid.elevation[a]:
        dx, dy = -dx, -dy
    n = float(np.hypot(dx, dy))
    return dx / n, dy / n
