"""Cell-resolution map layers: fog of war and tinted cell masks, plus objective-zone outlines.

The fog and the overlays are small images, one pixel per cell (``cols`` x ``rows``), rebuilt with
numpy only when a mask changes; the map view scales pieces of them to screen size per tile and caches
those, so a frame costs one multiply blit (fog) and one alpha blit (tints). Tints go on top of the
fog, so a reach area stays visible over unseen ground.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.ui import palette

RIM_BOOST = 2.2  # overlay alpha multiplier on the edge cells of an overlay, so its outline reads


class CellLayer:
    """Fog and overlays for a ``rows`` x ``cols`` map.

    Two small images: the fog as an RGB multiplier (white where seen, ``palette.FOG_MULT`` elsewhere:
    always darker, and greyer because blue is kept more than red and green) and the overlays as one
    RGBA tint. ``fog_version`` / ``tint_version`` change whenever the respective image does.
    """

    def __init__(self, shape: tuple[int, int]) -> None:
        self.shape = shape
        self.fog_version = 0
        self.tint_version = 0
        self._fog: np.ndarray | None = None  # bool: cells the viewer can see
        self._overlays: dict[str, tuple[np.ndarray, palette.RGBA]] = {}
        self._fog_image: pygame.Surface | None = None
        self._tint_image: pygame.Surface | None = None
        self._tint_any: np.ndarray | None = None

    @property
    def version(self) -> tuple[int, int]:
        return self.fog_version, self.tint_version

    def set_fog(self, visible: np.ndarray | None) -> bool:
        """Fog every cell not in ``visible`` (None: no fog). Returns True if anything changed."""
        if visible is not None:
            visible = np.asarray(visible, dtype=bool)
            self._check(visible)
        same = (visible is None and self._fog is None) or (
            visible is not None and self._fog is not None and np.array_equal(visible, self._fog))
        if same:
            return False
        self._fog = None if visible is None else visible.copy()
        self.fog_version += 1
        self._fog_image = None
        return True

    def set_overlay(self, name: str, mask: np.ndarray | None, colour: palette.RGBA | palette.RGB) -> bool:
        """Tint cells by ``mask`` (bool, or float 0..1 scaling the alpha); None removes the overlay.

        ``colour`` is RGB or RGBA (alpha = strength at mask 1.0; default 110). Returns True if changed.
        """
        if mask is None:
            return self.clear_overlay(name)
        m = np.asarray(mask)
        self._check(m)
        m = np.clip(m.astype(np.float32), 0.0, 1.0)
        rgba = tuple(colour) if len(colour) == 4 else (*colour, 110)
        old = self._overlays.get(name)
        if old is not None and old[1] == rgba and np.array_equal(old[0], m):
            return False
        self._overlays[name] = (m, rgba)  # type: ignore[assignment]
        self._tint_changed()
        return True

    def clear_overlay(self, name: str) -> bool:
        """Remove an overlay; returns True if it existed."""
        if self._overlays.pop(name, None) is None:
            return False
        self._tint_changed()
        return True

    @property
    def has_fog(self) -> bool:
        return self._fog is not None

    @property
    def has_tint(self) -> bool:
        return bool(self._overlays)

    def seen_mask(self) -> np.ndarray:
        """The cells not fogged (bool [row, col]; all True without fog). Replaced, never changed, by ``set_fog``."""
        return np.ones(self.shape, dtype=bool) if self._fog is None else self._fog

    def fog_in(self, r0: int, c0: int, r1: int, c1: int) -> bool:
        """True if any cell of the window is fogged."""
        return self._fog is not None and not bool(self._fog[r0:r1, c0:c1].all())

    def tint_in(self, r0: int, c0: int, r1: int, c1: int) -> bool:
        """True if any cell of the window is tinted by an overlay."""
        self.tint_image()
        return self._tint_any is not None and bool(self._tint_any[r0:r1, c0:c1].any())

    def fog_image(self) -> pygame.Surface:
        """The fog multiplier, one RGB pixel per cell (rebuilt lazily after a change)."""
        if self._fog_image is None:
            seen = np.ones(self.shape, dtype=bool) if self._fog is None else self._fog
            rgb = np.where(seen[..., None], np.uint8(255), np.array(palette.FOG_MULT, dtype=np.uint8))
            self._fog_image = _surface(rgb.astype(np.uint8), "RGB")
        return self._fog_image

    def tint_image(self) -> pygame.Surface:
        """The overlays composited, one RGBA pixel per cell (rebuilt lazily after a change)."""
        if self._tint_image is None:
            rgba = self.composite()
            self._tint_any = rgba[..., 3] > 0
            self._tint_image = _surface(rgba, "RGBA")
        return self._tint_image

    def composite(self) -> np.ndarray:
        """The overlays composited ("over", in the order first set) into uint8 ``[row, col, rgba]``."""
        prem = np.zeros((*self.shape, 3), dtype=np.float32)  # premultiplied colour
        alpha = np.zeros(self.shape, dtype=np.float32)
        for mask, (r, g, b, a) in self._overlays.values():
            la = np.minimum(1.0, mask * (a / 255.0) * np.where(rim(mask > 0), RIM_BOOST, 1.0))
            prem = prem * (1 - la)[..., None] + la[..., None] * np.array((r, g, b), dtype=np.float32)
            alpha = la + alpha * (1 - la)
        rgb = np.where(alpha[..., None] > 0, prem / np.maximum(alpha, 1e-6)[..., None], 0)
        return np.dstack([rgb, alpha * 255]).round().clip(0, 255).astype(np.uint8)

    def _check(self, a: np.ndarray) -> None:
        if a.shape != self.shape:
            raise ValueError(f"mask shape {a.shape} != map shape {self.shape}")

    def _tint_changed(self) -> None:
        self.tint_version += 1
        self._tint_image = None


def rim(mask: np.ndarray) -> np.ndarray:
    """Cells of a bool mask with at least one 4-neighbour outside it (or on the map edge)."""
    p = np.pad(mask, 1, constant_values=False)
    inner = p[:-2, 1:-1] & p[2:, 1:-1] & p[1:-1, :-2] & p[1:-1, 2:]
    return mask & ~inner


def _surface(arr: np.ndarray, fmt: str) -> pygame.Surface:
    """A Surface from a ``[row, col, channels]`` uint8 array (converted when a display exists)."""
    surf = pygame.image.frombytes(np.ascontiguousarray(arr).tobytes(), (arr.shape[1], arr.shape[0]), fmt)
    if pygame.display.get_surface() is None:
        return surf
    return surf.convert_alpha() if fmt == "RGBA" else surf.convert()


def zone_outline(mask: np.ndarray) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Boundary of a bool cell mask as straight runs in corner coordinates ``((x0, y0), (x1, y1))``.

    Example: a single True cell at (row 2, col 3) gives the four sides of the square (3, 2)-(4, 3).
    """
    m = np.pad(np.asarray(mask, dtype=bool), 1)
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    horiz = m[:-1, 1:-1] != m[1:, 1:-1]  # [y, x]: edge on line y between rows y-1 and y
    vert = m[1:-1, :-1] != m[1:-1, 1:]  # [y, x]: edge on line x between cols x-1 and x
    for y in range(horiz.shape[0]):
        out.extend(((x0, y), (x1, y)) for x0, x1 in _runs(horiz[y]))
    for x in range(vert.shape[1]):
        out.extend(((x, y0), (x, y1)) for y0, y1 in _runs(vert[:, x]))
    return out


def _runs(line: np.ndarray) -> list[tuple[int, int]]:
    """Start and end (exclusive) of each run of True values in a 1-D bool array."""
    d = np.diff(np.concatenate(([0], line.astype(np.int8), [0])))
    return list(zip(np.nonzero(d == 1)[0].tolist(), np.nonzero(d == -1)[0].tolist(), strict=True))
