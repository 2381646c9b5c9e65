"""The replay's follow camera: keep the groups that are moving in view, closer than the whole-route framing.

``FollowCamera.update(camera, scene, step)`` remembers where each unit stood at the step drawn before and
which units moved in the last ``MEMORY`` steps (the "action"); when any of them is outside the middle of the
view, or the view is far wider than they need, it centres on them and picks the closest zoom (up to
``MAX_PX`` px per cell) at which all of them fit with a margin. Example: a group climbing the cliffs while
the others wait: the camera zooms in to 12 px per cell around it.
"""

from __future__ import annotations

from game.history.scene import Cell, Scene
from game.ui.camera import Camera

MEMORY = 24  # steps a unit counts as "moving" after its last move (a day of the history, 24 actions of a game)
MAX_PX = 12  # the follow camera zooms in at most to this many px per cell
MARGIN_CELLS = 6  # kept around the moving units
INNER = 0.7  # recentre when a moving unit leaves the middle INNER share of the view


class FollowCamera:
    """Moves a camera to keep the moving units in view (see the module docstring)."""

    def __init__(self) -> None:
        self._pos: dict[str, Cell] = {}
        self._moved: dict[str, int] = {}  # unit id -> the step it last moved at

    def reset(self) -> None:
        self._pos.clear()
        self._moved.clear()

    def moving(self, scene: Scene, step: int) -> list[Cell]:
        """Cells of the units that moved in the last ``MEMORY`` steps (updating what it remembers)."""
        now = {u.id: u.pos for u in scene.units}
        for uid, cell in now.items():
            if uid in self._pos and self._pos[uid] != cell:
                self._moved[uid] = step
        self._pos = now
        return [now[u] for u, s in sorted(self._moved.items()) if u in now and 0 <= step - s <= MEMORY]

    def recent(self, step: int) -> list[Cell]:
        """Cells of the units that moved in the last ``MEMORY`` steps before ``step``, as last drawn (nothing
        updated; the narrow viewer keeps its caption away from them)."""
        return [self._pos[u] for u, s in sorted(self._moved.items()) if u in self._pos and 0 <= step - s <= MEMORY]

    def update(self, camera: Camera, scene: Scene, step: int) -> bool:
        """Keep the moving units of ``scene`` in view; True when the camera moved."""
        cells = self.moving(scene, step)
        if not cells:
            return False
        r0, r1 = min(c[0] for c in cells) - MARGIN_CELLS, max(c[0] for c in cells) + MARGIN_CELLS + 1
        c0, c1 = min(c[1] for c in cells) - MARGIN_CELLS, max(c[1] for c in cells) + MARGIN_CELLS + 1
        w, h = camera.size
        fits = [i for i, px in enumerate(camera.levels) if (r1 - r0) * px <= h and (c1 - c0) * px <= w
                and px <= MAX_PX]
        best = fits[-1] if fits else 0
        vr0, vc0 = camera.y, camera.x
        vr1, vc1 = vr0 + h / camera.px, vc0 + w / camera.px
        mr, mc = (vr1 - vr0) * (1 - INNER) / 2, (vc1 - vc0) * (1 - INNER) / 2
        inside = all(vr0 + mr <= c[0] <= vr1 - mr and vc0 + mc <= c[1] <= vc1 - mc for c in cells)
        if inside and camera.zoom <= best and camera.zoom >= best - 1:
            return False
        camera.zoom = best
        camera.centre_on(((r0 + r1) / 2, (c0 + c1) / 2))
        camera.clamp()
        return True
