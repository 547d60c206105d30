"""Mouth sprites blended for any (open, width) and pasted onto idle frames through a feathered mask."""
from __future__ import annotations

import numpy as np

from avatars.format import MouthBank


def _grid_position(value: float, levels: np.ndarray) -> tuple[int, int, float]:
    """Neighbouring grid indices around `value` and the weight of the upper one."""
    pos = float(np.interp(value, levels, np.arange(len(levels))))
    lo = int(pos)
    hi = min(lo + 1, len(levels) - 1)
    return lo, hi, pos - lo


class MouthCompositor:
    """Works on one avatar's mouth bank; only the mouth box of a frame is ever touched."""

    def __init__(self, bank: MouthBank) -> None:
        self._bank = bank
        self._mask = bank.mask[..., None].astype(np.float32)  # [h, w, 1]

    def sprite(self, open_: float, width: float) -> np.ndarray:
        """Bilinear blend of the four grid sprites around (open_, width) -> float32 [h, w, 3]."""
        b = self._bank
        o0, o1, to = _grid_position(open_, b.open_levels)
        w0, w1, tw = _grid_position(width, b.width_levels)
        out = np.zeros(b.sprites.shape[2:], np.float32)
        for oi, ow in ((o0, 1 - to), (o1, to)):
            for wi, ww in ((w0, 1 - tw), (w1, tw)):
                if ow * ww > 1e-3:
                    out += b.sprites[oi, wi] * np.float32(ow * ww)
        return out

    def paste(self, frame: np.ndarray, xy: tuple[int, int], sprite: np.ndarray) -> None:
        """Blend `sprite` into `frame` (in place) with its top-left corner at `xy`."""
        x, y = int(xy[0]), int(xy[1])
        h, w = self._mask.shape[:2]
        roi = frame[y : y + h, x : x + w]
        base = roi.astype(np.float32)
        base += (sprite - base) * self._mask
        np.rint(base, out=base)
        roi[:] = base.astype(np.uint8)
