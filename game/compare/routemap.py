"""The route map: the documented routes and a game's routes on the hill-shaded terrain (matplotlib, Agg).

Headless (no pygame): ``compare RECORD --out DIR`` and the client's end screen both call
:func:`render_route_map`. Axes are km east and south of the map's north-west corner, as in
``game.compare.routes``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from game.compare.maplabels import LabelPlacer, freeze_layout
from game.compare.routes import DocumentedRoute, Track, cell_km
from game.core.grid import ROAD_NONE, Grid, Place
from game.core.setup import GameSetup
from game.safefile import temp_beside

# Okabe-Ito hues, one per route group (documented dashed, this game's solid): readable for colour-blind eyes.
GROUP_COLOURS = ("#0072B2", "#D55E00", "#CC79A7", "#009E73", "#E69F00", "#56B4E9")
MARGIN_KM = 3.0
LABEL_KINDS = ("city", "town", "village")
NEAR_ROUTE_KM = 1.5  # a village this close to a route is named before the route's dates
REQUIRED_KINDS = ("city", "town")  # always named; villages only where their name fits


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
    """Draw ``map.png`` (see ``route_figure``) at ``path``, atomically (temp file, then rename); returns it."""
    fig = route_figure(setup, docs, tracks, data, dpi=dpi)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_beside(path, ".png")
    try:
        with os.fdopen(fd, "wb") as f:
            fig.savefig(f, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.15)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def route_figure(setup: GameSetup, docs: list[DocumentedRoute], tracks: dict[str, Track],
                 data: dict[str, Any], *, dpi: int = 130) -> Any:
    """The route map as a matplotlib Figure: terrain, places with both names, each group's documented route
    (dashed, dated waypoints) and its units' tracks in this game (solid), a legend and a title with scenario
    and seed. Labels are placed last, round their points, so that none covers another or leaves the map."""
    from matplotlib.figure import Figure  # no pyplot: no global figure state, Agg canvas for savefig

    grid = setup.grid
    rows, cols = grid.shape
    k = cell_km(grid)
    shown = [tracks[u] for r in data["routes"] for u in r["units"] if u in tracks]
    box = view_box(grid, docs, shown)
    x0, x1, y0, y1 = box
    aspect = max(0.6, min(1.6, (y1 - y0) / max(x1 - x0, 1e-6)))
    fig = Figure(figsize=(6.0 / aspect + 3.6, 6.6), dpi=dpi, layout="constrained")  # the legend to the right
    ax = fig.add_subplot()
    ax.imshow(terrain_image(grid), extent=(0, cols * k, rows * k, 0), interpolation="bilinear")
    places = visible_places(grid, box)
    colours = [GROUP_COLOURS[i % len(GROUP_COLOURS)] for i in range(len(docs))]
    ends = []
    for doc, row, colour in zip(docs, data["routes"], colours, strict=True):
        _documented(ax, doc, row, colour)
        for n, unit in enumerate(row["units"]):
            if unit in tracks:
                _track(ax, tracks[unit], row, colour, label=n == 0)
                ends.append(tuple(tracks[unit].points[-1]))
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
    placer = LabelPlacer(ax, freeze_layout(fig))
    placer.block_points([xy for _, xy in places], radius_pt=2.5)
    placer.block_points([tuple(p) for d in docs for p in d.points], radius_pt=3.5)
    placer.block_points(ends, radius_pt=4.5)
    route_pts = np.concatenate([d.points for d in docs] + [t.points for t in shown]) if docs or shown else None
    near, far = [], []
    for place, xy in places:  # towns and cities always; villages by the routes before the dates, others after
        if place.kind in REQUIRED_KINDS:
            _place_label(ax, placer, place, xy)
        else:
            close = route_pts is not None and float(np.hypot(*(route_pts - xy).T).min()) <= NEAR_ROUTE_KM
            (near if close else far).append((place, xy))
    for place, xy in near:
        _place_label(ax, placer, place, xy)
    for doc, colour in zip(docs, colours, strict=True):
        for (x, y), t in zip(doc.points, doc.times, strict=True):
            placer.place(f"{t:%d %b}".lstrip("0"), (x, y), required=True, fontsize=7, color=colour, zorder=8,
                         bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "alpha": 0.8, "linewidth": 0})
    for place, xy in far:
        _place_label(ax, placer, place, xy)
    return fig


def _documented(ax: Any, doc: DocumentedRoute, row: dict[str, Any], colour: str) -> None:
    ax.plot(doc.points[:, 0], doc.points[:, 1], linestyle=(0, (6, 3)), linewidth=2.4, color=colour,
            label=f"{row['name']}: documented route", zorder=3)
    ax.scatter(doc.points[:, 0], doc.points[:, 1], s=28, facecolor="white", edgecolor=colour, linewidth=1.6,
               zorder=4)


def _track(ax: Any, track: Track, row: dict[str, Any], colour: str, *, label: bool) -> None:
    share = row["corridor_share"]
    who = "" if list(row["units"]) == [row["group"]] else f" ({', '.join(row['unit_names'])})"
    text = f"{row['name']}: this game{who}"
    if row["frechet_km"] is not None and share is not None:
        text += f"\nFréchet {row['frechet_km']:.1f} km, {share:.0%} of moves within 1 km"
    ax.plot(track.points[:, 0], track.points[:, 1], linewidth=1.8, color=colour, alpha=0.95, marker="o",
            markersize=2.5, label=text if label else None, zorder=6)
    ax.scatter(*track.points[-1], marker="X", s=60, color=colour, edgecolor="black", linewidth=0.6, zorder=7)


def _place_label(ax: Any, placer: LabelPlacer, place: Place, xy: tuple[float, float]) -> None:
    """A place's dot and name; a village whose name has no free spot is left out, dot and all."""
    required = place.kind in REQUIRED_KINDS
    if placer.place(place.name, xy, required=required, fontsize=7, zorder=4, fontweight="bold" if required else
                    "normal", bbox={"boxstyle": "round,pad=0.1", "facecolor": "#fffbe8", "alpha": 0.8,
                                    "linewidth": 0}) is not None:
        ax.scatter([xy[0]], [xy[1]], s=14, color="black", zorder=2)


def visible_places(grid: Grid, box: tuple[float, float, float, float]) -> list[tuple[Place, tuple[float, float]]]:
    """Towns and villages inside the view with their (x, y) km, the larger kinds first (labelled first)."""
    k = cell_km(grid)
    x0, x1, y0, y1 = box
    out = []
    for p in grid.places:
        x, y = (p.col + 0.5) * k, (p.row + 0.5) * k
        if p.kind in LABEL_KINDS and x0 <= x <= x1 and y0 <= y <= y1:
            out.append((p, (x, y)))
    return sorted(out, key=lambda px: LABEL_KINDS.index(px[0].kind))
