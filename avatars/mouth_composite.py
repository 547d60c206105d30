"""Mouth sprites blended for any (open, width) and pasted onto idle frames through a feathered mask."""
from __future__ import annotations

import cv2
import numpy as np

from avatars.format import MouthBank

WEIGHT_FLOOR = 1e-3  # a grid sprite with less weight than this is left out of the blend


def _grid_position(value: float, levels: np.ndarray) -> tuple[int, int, float]:
    """Neighbouring grid indices around `value` and the weight of the upper one."""
    pos = float(np.interp(value, levels, np.arange(len(levels))))
    lo = int(pos)
    hi = min(lo + 1, len(levels) - 1)
    return lo, hi, pos - lo


class MouthCompositor:
    """Works on one avatar's mouth bank; only the mask's bounding box inside the mouth box is ever touched.

    Paste is `frame * (1 - mask) + sprite * mask`: each grid sprite is converted to float and multiplied by the mask
    once (the first time it is used), so a frame's sprite is a weighted sum of at most four of them, and the paste
    one multiply-add over the box. Keep one compositor per bank (lipsync.cpu does) to keep that work."""

    def __init__(self, bank: MouthBank) -> None:
        self._bank = bank
        mask = bank.mask.astype(np.float32)
        rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
        if len(rows) == 0:  # an empty mask pastes nothing
            rows = cols = np.zeros(1, np.intp)
        self._top, self._left = int(rows[0]), int(cols[0])
        self._box = (slice(self._top, int(rows[-1]) + 1), slice(self._left, int(cols[-1]) + 1))
        mask3 = np.repeat(mask[self._box][..., None], 3, axis=2)  # 3 channels: cv2 multiplies element by element
        self._mask = np.ascontiguousarray(mask3)
        self._keep = np.ascontiguousarray(1.0 - mask3)
        self._grid: dict[tuple[int, int], np.ndarray] = {}  # (open, width) grid index → sprite * mask, float32

    def sprite(self, open_: float, width: float) -> np.ndarray:
        """Bilinear blend of the four grid sprites around (open_, width), already multiplied by the mask: float32
        [h, w, 3] over the mask's bounding box (what `paste` takes)."""
        b = self._bank
        o0, o1, to = _grid_position(open_, b.open_levels)
        w0, w1, tw = _grid_position(width, b.width_levels)
        out: np.ndarray | None = None
        for oi, ow in ((o0, 1 - to), (o1, to)):
            for wi, ww in ((w0, 1 - tw), (w1, tw)):
                if ow * ww > WEIGHT_FLOOR:
                    part = self._masked(oi, wi)
                    out = part * np.float32(ow * ww) if out is None else cv2.scaleAdd(part, ow * ww, out, dst=out)
        return np.zeros_like(self._mask) if out is None else out

    def paste(self, frame: np.ndarray, xy: tuple[int, int], sprite: np.ndarray) -> None:
        """Blend `sprite` (from `sprite`) into `frame` (in place), the mouth box's top-left corner at `xy`."""
        x, y = int(xy[0]) + self._left, int(xy[1]) + self._top
        h, w = self._mask.shape[:2]
        roi = frame[y : y + h, x : x + w]
        base = cv2.multiply(roi.astype(np.float32), self._keep)
        cv2.add(base, sprite, dst=base)
        np.rint(base, out=base)
        roi[:] = base  # a convex blend of 0-255 values, rounded: the cast loses nothing

    def _masked(self, oi: int, wi: int) -> np.ndarray:
        """Grid sprite (oi, wi) over the mask's box, as float32 times the mask (made once)."""
        part = self._grid.get((oi, wi))
        if part is None:
            part = self._grid[(oi, wi)] = cv2.multiply(self._bank.sprites[oi, wi][self._box].astype(np.float32),
                                                       self._mask)
        return part
