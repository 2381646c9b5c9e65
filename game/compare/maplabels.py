"""Labels on a matplotlib map that neither cover each other nor run off the axes.

Each label tries positions round its point (right-above first, then the other sides, then farther out) and
takes the first whose box lies inside the axes and overlaps no label or marker placed before it. A label that
must be shown (a route's date) takes the least-overlapping position when none is free; an optional one (a
place name) is left out instead. Boxes are measured with the figure's renderer, so the figure's layout must
be final first (``freeze_layout``). Example::

    placer = LabelPlacer(ax, freeze_layout(fig))
    placer.block_points(points_xy, radius_pt=4)           # markers labels must not cover
    placer.place("9 Nov", (x, y), required=True, fontsize=7)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from matplotlib.transforms import Bbox

GAP_PT = 4.0  # between a point and its label
# (dx, dy) directions in units of the gap; ha/va follow from the side so the text grows away from the point
DIRECTIONS = ((1, 1), (1, -1), (-1, 1), (-1, -1), (0, 1.5), (0, -1.5), (1.5, 0), (-1.5, 0))
RINGS = (1.0, 2.0)  # farther out, a village's name is no longer read as its dot's
REQUIRED_RINGS = (*RINGS, 3.2)  # a label that must be shown may go a little farther before it covers another


def freeze_layout(fig: Any) -> Any:
    """Draw ``fig`` once on an Agg canvas (constrained layout settles the axes), then fix the layout so that
    labels added later cannot move the axes; returns the renderer that measures text."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    fig.set_layout_engine("none")
    return canvas.get_renderer()


def _align(dx: float, dy: float) -> tuple[str, str]:
    ha = "left" if dx > 0 else "right" if dx < 0 else "center"
    va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
    return ha, va


def _overlap(a: Bbox, b: Bbox) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


class LabelPlacer:
    """Places annotations on ``ax`` one at a time, remembering the boxes already taken (display pixels)."""

    def __init__(self, ax: Any, renderer: Any) -> None:
        self.ax, self.renderer = ax, renderer
        self.area: Bbox = ax.get_window_extent(renderer)
        self.taken: list[Bbox] = []
        self.skipped: list[str] = []

    def _px(self, pt: float) -> float:
        return pt * self.ax.figure.dpi / 72.0

    def block_points(self, points: Iterable[tuple[float, float]], *, radius_pt: float) -> None:
        """Mark squares of ``radius_pt`` round data points (markers) as taken."""
        r = self._px(radius_pt)
        for x, y in points:
            px, py = self.ax.transData.transform((x, y))
            self.taken.append(Bbox.from_extents(px - r, py - r, px + r, py + r))

    def _cost(self, box: Bbox) -> float:
        """Overlap with taken boxes plus the area outside the axes (weighted: a cut name is unreadable)."""
        a = self.area
        inside = _overlap(box, a)
        outside = box.width * box.height - inside
        return sum(_overlap(box, t) for t in self.taken) + 4.0 * outside

    def place(self, text: str, xy: tuple[float, float], *, required: bool, **kw: Any) -> Any | None:
        """Annotate ``xy`` with ``text`` at the first free position; ``None`` (and nothing drawn) when an
        optional label has no free position. ``kw`` goes to ``ax.annotate`` (fontsize, colour, bbox...)."""
        ann = self.ax.annotate(text, xy, xytext=(0, 0), textcoords="offset points", **kw)
        best: tuple[float, tuple[float, float], tuple[str, str]] | None = None
        for ring in REQUIRED_RINGS if required else RINGS:
            for ux, uy in DIRECTIONS:
                off = (ux * GAP_PT * ring, uy * GAP_PT * ring)
                ha, va = _align(ux, uy)
                ann.xyann = off
                ann.set_ha(ha)
                ann.set_va(va)
                box = ann.get_window_extent(self.renderer).padded(self._px(1.0))  # the text's backdrop
                cost = self._cost(box)
                if cost == 0.0:
                    self.taken.append(box)
                    return ann
                if best is None or cost < best[0]:
                    best = (cost, off, (ha, va))
        if not required or best is None:
            ann.remove()
            self.skipped.append(text)
            return None
        ann.xyann = best[1]
        ann.set_ha(best[2][0])
        ann.set_va(best[2][1])
        self.taken.append(ann.get_window_extent(self.renderer).padded(self._px(1.0)))
        return ann
