"""PNG plots of a batch (matplotlib's Agg canvas through ``Figure``; no pyplot state, never pygame).

``write_plots`` draws: outcome shares by grade with their 95% Wilson intervals, milestone dates per plan
against the documented windows, mean losses by side and category, and a heat map per plan of where the
attacker's units went, over the terrain with the documented routes on top.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import numpy as np
from matplotlib import dates as mdates
from matplotlib import patheffects
from matplotlib.colors import LightSource, LogNorm
from matplotlib.figure import Figure

from game.compare.batch import BatchResult
from game.compare.routes import group_name
from game.compare.stats import GRADES, PairStats, spans
from game.compare.tables import pair_label
from game.core.state import LOSS_KINDS
from game.sim.calibration import SLACK

GRADE_COLOURS = {"decisive": "#1b7837", "marginal": "#a6dba0", "draw": "#bababa", "defeat": "#c2a5cf"}
LOSS_COLOURS = {"killed": "#b2182b", "wounded": "#ef8a62", "captured": "#67a9cf", "dispersed": "#d1e5f0"}
OUTLINE = [patheffects.withStroke(linewidth=2.5, foreground="black")]


def labels(result: BatchResult) -> list[str]:
    return [pair_label(result, p).replace(" (CF)", "\n(COUNTERFACTUAL)") for p in result.pairs]


def outcome_plot(result: BatchResult, stats: list[PairStats], path: Path) -> None:
    """Grouped bars: share of games per grade for each plan, with 95% Wilson intervals."""
    fig = Figure(figsize=(max(6.0, 1.6 * len(stats) + 2), 4.5), layout="constrained")
    ax = fig.add_subplot()
    x = np.arange(len(stats))
    width = 0.8 / len(GRADES)
    for i, g in enumerate(GRADES):
        shares = [s.grades[g] for s in stats]
        p = np.array([sh.p if sh.n else 0.0 for sh in shares])
        err = np.array([[sh.p - sh.low, sh.high - sh.p] if sh.n else [0.0, 0.0] for sh in shares]).T
        ax.bar(x + (i - (len(GRADES) - 1) / 2) * width, p, width, yerr=err, capsize=3, label=g,
               color=GRADE_COLOURS.get(g), edgecolor="black", linewidth=0.5)
    ax.set_xticks(x, labels(result), fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share of games")
    n = ", ".join(sorted({str(s.games) for s in stats}))
    ax.set_title(f"The attacker's grade by plan\n(share of {n} games per plan; whiskers: 95% Wilson interval)",
                 fontsize=10)
    fig.legend(*ax.get_legend_handles_labels(), title="grade", ncols=len(GRADES), loc="outside lower center",
               fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.savefig(path, dpi=110)


def milestone_plot(result: BatchResult, path: Path) -> None:
    """One panel per milestone: the date each game reached it (middle of the turn), per plan, with the
    documented window shaded (darker) and the +-12 h the comparison allows (lighter)."""
    defs = list(result.setup.milestone_defs)
    docs = {m.id: m for m in result.setup.milestones}
    names = labels(result)
    fig = Figure(figsize=(10, 1.0 + len(defs) * (0.9 + 0.35 * len(names))), layout="constrained")
    axes = fig.subplots(len(defs), 1, sharex=True, squeeze=False)[:, 0] if defs else []
    rng = np.random.default_rng(0)  # jitter only; the same picture every time
    for ax, m in zip(axes, defs, strict=True):
        doc = docs.get(m.id)
        if doc is not None:
            ax.axvspan(doc.earliest - SLACK, doc.latest + SLACK, color="#fee08b", alpha=0.5, lw=0,
                       label="documented window +-12 h")
            ax.axvspan(doc.earliest, doc.latest, color="#fdae61", alpha=0.6, lw=0, label="documented window")
        for y, pair in enumerate(result.pairs):
            rows = result.rows_of(pair)
            got = spans(rows, m.id)
            mids = [a + (b - a) / 2 for a, b in got]
            ax.scatter(mids, y + rng.uniform(-0.2, 0.2, len(mids)), s=14, color="#2166ac", alpha=0.7,
                       edgecolor="none", label="a game" if y == 0 else None)
            missing = sum(r.ok for r in rows) - len(got)
            ax.annotate(f"not reached {missing}", (1.0, y), xycoords=("axes fraction", "data"), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize=7)
        ax.set_yticks(range(len(names)), names, fontsize=7)
        ax.set_ylim(-0.6, len(names) - 0.4)
        ax.invert_yaxis()
        ax.set_title(f"{m.name} ({m.id})" + ("" if doc else " - no documented window"), fontsize=9)
        ax.grid(axis="x", alpha=0.3)
    if len(axes):
        fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3, fontsize=8)
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        axes[-1].xaxis.set_major_locator(locator)
        axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        axes[-1].set_xlabel("date (middle of the turn in which the milestone came)")
    fig.suptitle("Milestone dates per plan against the documented windows")
    fig.savefig(path, dpi=110)


def losses_plot(result: BatchResult, stats: list[PairStats], path: Path) -> None:
    """One panel per side: mean losses per game, stacked by category, for each plan."""
    sides = result.columns.sides
    fig = Figure(figsize=(max(6.5, 1.3 * len(stats) + 2.5), 1.2 + 3.0 * len(sides)), layout="constrained")
    axes = fig.subplots(len(sides), 1, sharex=True, squeeze=False)[:, 0]
    x = np.arange(len(stats))
    for ax, side in zip(axes, sides, strict=True):
        bottom = np.zeros(len(stats))
        for k in LOSS_KINDS:
            v = np.nan_to_num([s.losses[side][k] for s in stats])
            ax.bar(x, v, 0.6, bottom=bottom, label=k, color=LOSS_COLOURS[k], edgecolor="black", linewidth=0.5)
            bottom += v
        ax.set_xticks(x, labels(result), fontsize=8)
        ax.set_title(textwrap.fill(result.setup.side_names.get(side, side), 80), fontsize=9)
        ax.set_ylabel("lost per game (mean)")
        ax.grid(axis="y", alpha=0.3)
    fig.legend(*axes[0].get_legend_handles_labels(), title="category", loc="outside right center", fontsize=8)
    fig.suptitle("Losses by side and category")
    fig.savefig(path, dpi=110)


def _view(result: BatchResult, pad: int = 6) -> tuple[int, int, int, int]:
    """Rows and columns (r0, r1, c0, c1) around everything visited, the routes and the town."""
    grid = result.setup.grid
    mask = np.sum(result.visits, axis=0) > 0 if result.visits else np.zeros(grid.shape, bool)
    if result.setup.city_zone in grid.zones:
        mask = mask | grid.zones[result.setup.city_zone]
    rs, cs = np.nonzero(mask)
    pts = [p for rc in _routes(result).values() for p in rc]
    rows = list(rs) + [r for r, _ in pts]
    cols = list(cs) + [c for _, c in pts]
    if not rows:
        return 0, grid.shape[0], 0, grid.shape[1]
    r0, r1 = max(0, int(min(rows)) - pad), min(grid.shape[0], int(max(rows)) + pad + 1)
    c0, c1 = max(0, int(min(cols)) - pad), min(grid.shape[1], int(max(cols)) + pad + 1)
    return r0, r1, c0, c1


def _routes(result: BatchResult) -> dict[str, list[tuple[float, float]]]:
    """The attacker's documented routes as (row, col) points inside the map, by the group's name."""
    setup = result.setup
    frame, attacker = setup.grid.frame, result.columns.attacker
    out = {}
    for route in setup.history:
        pts = [frame.to_rc_float(w.lat, w.lon) for w in route.waypoints if frame.contains(w.lat, w.lon)]
        if route.side == attacker and pts:
            out[group_name(setup, route)] = pts
    return out


def heatmap_plot(result: BatchResult, path: Path) -> None:
    """Per plan, the attacker's unit-turns per cell (log colour) over the relief, with documented routes."""
    grid, n = result.setup.grid, len(result.pairs)
    r0, r1, c0, c1 = _view(result)
    ncols = min(3, n)
    nrows = math.ceil(n / ncols)
    aspect = (r1 - r0) / max(1, c1 - c0)
    fig = Figure(figsize=(4.2 * ncols + 1, 4.2 * nrows * aspect + 1.2), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    elev = grid.elevation[r0:r1, c0:c1].astype(float)
    relief = LightSource(azdeg=315, altdeg=45).hillshade(elev, vert_exag=2.0, dx=grid.cell_m, dy=grid.cell_m)
    extent = (c0, c1, r1, r0)
    vmax = max([int(v.max()) for v in result.visits] + [2])
    town = grid.zones.get(result.setup.city_zone or "")
    image = None
    for ax, pair, name, visits in zip(axes, result.pairs, labels(result), result.visits, strict=False):
        ax.imshow(relief, cmap="gray", extent=extent, vmin=-0.3, vmax=1.9)
        v = np.ma.masked_equal(visits[r0:r1, c0:c1], 0)
        image = ax.imshow(v, cmap="YlOrRd", norm=LogNorm(1, vmax), extent=extent, interpolation="nearest")
        if town is not None and town.any():
            ax.contour(np.arange(c0, c1) + 0.5, np.arange(r0, r1) + 0.5, town[r0:r1, c0:c1].astype(float), [0.5],
                       colors="white", linewidths=1.0, linestyles="dashed")
        for i, (group, pts) in enumerate(sorted(_routes(result).items())):
            ys, xs = zip(*pts, strict=True)
            ax.plot(xs, ys, "--o", ms=2.5, lw=1.0, color=("#00e5ff", "#7CFC00", "#ff66ff")[i % 3],
                    path_effects=OUTLINE, label=f"documented route ({group})")
        games = sum(r.ok for r in result.rows_of(pair))
        ax.set_title(f"{name} ({games} games)", fontsize=9)
        ax.set_xlabel("column (cells)", fontsize=7)
        ax.set_ylabel("row (cells, north up)", fontsize=7)
        ax.tick_params(labelsize=6)
    for ax in axes[n:]:
        ax.set_axis_off()
    if n and _routes(result):
        axes[0].legend(loc="lower left", fontsize=6)
    if image is not None:
        fig.colorbar(image, ax=list(axes[:n]), shrink=0.5, label="attacker unit-turns in the cell (all games)")
    fig.suptitle(f"Where the attacker's units went, per plan (cells of {grid.cell_m:.0f} m; the town dashed)")
    fig.savefig(path, dpi=110)


PLOTS = (("Outcome shares by grade", "outcomes.png"), ("Milestone dates against the documented windows",
         "milestones.png"), ("Losses by side and category", "losses.png"),
         ("Where the attacker's units went", "heatmap.png"))


def write_plots(out_dir: Path, result: BatchResult, stats: list[PairStats]) -> list[tuple[str, str]]:
    """Draw every plot into ``out_dir``; returns (title, file name) pairs for the report."""
    outcome_plot(result, stats, out_dir / "outcomes.png")
    milestone_plot(result, out_dir / "milestones.png")
    losses_plot(result, stats, out_dir / "losses.png")
    heatmap_plot(result, out_dir / "heatmap.png")
    return list(PLOTS)
