"""The route map: the documented routes and a game's routes on the hill-shaded terrain (matplotlib, Agg).

Headless (no pygame): ``compare RECORD --out DIR`` and the client's end screen both call
:func:`render_route_map`. Axes are km east and south of the map's north-west corner, as in
``game.compare.routes``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from game.compare.routes import DocumentedRoute, Track, cell_km
from game.core.grid import ROAD_NONE, Grid
from game.core.setup import GameSetup

# Okabe-Ito hues, one per route group (documented dashed, this game's solid): readable for colour-blind eyes.
GROUP_COLOURS = ("#0072B2", "#D55E00", "#CC79A7", "#009E73", "#E69F00", "#56B4E9")
MARGIN_KM = 3.0
LABEL_KINDS = ("city", "town", "village")


def terrain_image(grid: Grid) -> np.ndarray:
    """RGB (0..1) of the terrain colours (data), hill-shaded from the NW, roads darkened."""
    from matplotlib.colors import LightSource

    colours = np.array([t.color for t in grid.table.types], dtype=float) / 255.0
    rgb = colours[grid.terrain]
    shaded = LightSource(azdeg=315, altdeg=45).shade_rgb(rgb, grid.elevation.astype(float), blend_mode="soft",
                                                         vert_exag=1.0 / grid.cell_m * 60, fraction=0.8)
    shaded[grid.road != ROAD_NONE] *= 0.55
    return np.clip(shaded, 0.0, 1.0)


def view_box(grid: Grid, docs: list[DocumentedRoute],
             tracks: list[Track]) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1) km: the routes' extent plus a margin, kept inside the map."""
    rows, cols = grid.shape
    k = cell_km(grid)
    pts = [d.points for d in docs] + [t.points for t in tracks]
    if not pts:
        return 0.0, cols * k, 0.0, rows * k
    allp = np.concatenate(pts)
    (x0, y0), (x1, y1) = allp.min(axis=0) - MARGIN_KM, allp.max(axis=0) + MARGIN_KM
    return max(0.0, x0), min(cols * k, x1), max(0.0, y0), min(rows * k, y1)


def render_route_map(setup: GameSetup, docs: list[DocumentedRoute], tracks: dict[str, Track],
                     data: dict[str, Any], path: str | Path, *, dpi: int = 130) -> Path:
    """Draw ``map.png``: terrain, places with both names, each group's documented route (dashed, dated
    waypoints) and its units' tracks in this game (solid), a legend and a title with scenario and seed."""
    from matplotlib.figure import Figure  # no pyplot: no global figure state, Agg canvas for savefig

    grid = setup.grid
    rows, cols = grid.shape
    k = cell_km(grid)
    shown = [tracks[u] for r in data["routes"] for u in r["units"] if u in tracks]
    x0, x1, y0, y1 = view_box(grid, docs, shown)
    aspect = max(0.6, min(1.6, (y1 - y0) / max(x1 - x0, 1e-6)))
    fig = Figure(figsize=(6.0 / aspect + 3.6, 6.6), layout="constrained")  # the legend to the right
    ax = fig.add_subplot()
    ax.imshow(terrain_image(grid), extent=(0, cols * k, rows * k, 0), interpolation="bilinear")
    _places(ax, grid, (x0, x1, y0, y1))
    for i, (doc, row) in enumerate(zip(docs, data["routes"], strict=True)):
        colour = GROUP_COLOURS[i % len(GROUP_COLOURS)]
        _documented(ax, doc, colour)
        for n, unit in enumerate(row["units"]):
            if unit in tracks:
                _track(ax, tracks[unit], row, colour, label=n == 0)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y1, y0)
    ax.set_xlabel("km east of the map's west edge")
    ax.set_ylabel("km south of the map's north edge")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, handlelength=4, frameon=False)
    state = "" if data["finished"] else ", saved game (unfinished)"
    fig.suptitle(f"{setup.title}\nseed {data['seed']}{state}: documented routes (dashed) and this game's "
                 "(solid)", fontsize=10)
    ax.text(1.02, 0.0, "Documented routes: the scenario's\nhistory section (dates and positions\npartly "
            "inferred; see its attributions).\n\nThis game: positions after each\nmove; X marks where a unit "
            "ended.",
            transform=ax.transAxes, fontsize=7, va="bottom")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi, bbox_inches="tight", pad_inches=0.15)
    return path


def _documented(ax: Any, doc: DocumentedRoute, colour: str) -> None:
    ax.plot(doc.points[:, 0], doc.points[:, 1], linestyle=(0, (6, 3)), linewidth=2.4, color=colour,
            label=f"{doc.group}: documented route", zorder=3)
    ax.scatter(doc.points[:, 0], doc.points[:, 1], s=28, facecolor="white", edgecolor=colour, linewidth=1.6,
               zorder=4)
    for (x, y), t in zip(doc.points, doc.times, strict=True):
        ax.annotate(f"{t:%d %b}".lstrip("0"), (x, y), xytext=(4, 4), textcoords="offset points", fontsize=7,
                    color=colour, zorder=5,
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "alpha": 0.7, "linewidth": 0})


def _track(ax: Any, track: Track, row: dict[str, Any], colour: str, *, label: bool) -> None:
    share = row["corridor_share"]
    text = (f"{row['group']}: this game ({', '.join(row['units'])})\nFréchet {row['frechet_km']:.1f} km, "
            f"{share:.0%} of moves within 1 km" if row["frechet_km"] is not None and share is not None
            else f"{row['group']}: this game ({', '.join(row['units'])})")
    ax.plot(track.points[:, 0], track.points[:, 1], linewidth=1.8, color=colour, alpha=0.95, marker="o",
            markersize=2.5, label=text if label else None, zorder=6)
    ax.scatter(*track.points[-1], marker="X", s=60, color=colour, edgecolor="black", linewidth=0.6, zorder=7)


def _places(ax: Any, grid: Grid, box: tuple[float, float, float, float]) -> None:
    """Towns and villages inside the view, labelled with both names."""
    k = cell_km(grid)
    x0, x1, y0, y1 = box
    for p in grid.places:
        x, y = (p.col + 0.5) * k, (p.row + 0.5) * k
        if p.kind not in LABEL_KINDS or not (x0 <= x <= x1 and y0 <= y <= y1):
            continue
        ax.scatter([x], [y], s=14, color="black", zorder=2)
        ax.annotate(p.name, (x, y), xytext=(4, -10), textcoords="offset points", fontsize=7, zorder=2,
                    clip_on=True,
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "#fffbe8", "alpha": 0.75, "linewidth": 0})
