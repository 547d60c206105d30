"""The mouth compositor: the masked blend of the bilinear grid sprite, only inside the mask's bounding box."""
from __future__ import annotations

import numpy as np
import pytest

from avatars.format import MouthBank
from avatars.mouth_composite import MouthCompositor


@pytest.fixture()
def bank() -> MouthBank:
    """A 3x3 grid of random 20x30 sprites; the mask is zero outside rows 4-15, columns 6-23."""
    rng = np.random.default_rng(7)
    mask = np.zeros((20, 30), np.float32)
    mask[4:16, 6:24] = rng.uniform(0.0, 1.0, (12, 18)).astype(np.float32)
    sprites = rng.integers(0, 256, (3, 3, 20, 30, 3), dtype=np.uint8)
    return MouthBank(np.array([0.0, 0.5, 1.0], np.float32), np.array([-1.0, 0.0, 1.0], np.float32), sprites, mask)


def reference(frame: np.ndarray, xy: tuple[int, int], bank: MouthBank, open_: float, width: float) -> np.ndarray:
    """The blend written out in float64: frame + (bilinear sprite - frame) * mask, rounded."""
    o = np.interp(open_, bank.open_levels, np.arange(3))
    w = np.interp(width, bank.width_levels, np.arange(3))
    o0, w0 = int(o), int(w)
    o1, w1 = min(o0 + 1, 2), min(w0 + 1, 2)
    to, tw = o - o0, w - w0
    s = bank.sprites.astype(np.float64)
    sprite = ((1 - to) * ((1 - tw) * s[o0, w0] + tw * s[o0, w1]) + to * ((1 - tw) * s[o1, w0] + tw * s[o1, w1]))
    out = frame.copy()
    x, y = xy
    roi = out[y : y + 20, x : x + 30].astype(np.float64)
    out[y : y + 20, x : x + 30] = np.rint(roi + (sprite - roi) * bank.mask[..., None]).astype(np.uint8)
    return out


@pytest.mark.parametrize(("open_", "width"), [(0.0, 0.0), (0.3, -0.7), (0.75, 0.2), (1.0, 1.0), (0.5, 0.5)])
def test_paste_matches_the_blend_written_out(bank: MouthBank, open_: float, width: float) -> None:
    frame = np.random.default_rng(3).integers(0, 256, (40, 50, 3), dtype=np.uint8)
    compositor = MouthCompositor(bank)
    pasted = frame.copy()
    compositor.paste(pasted, (11, 9), compositor.sprite(open_, width))
    expected = reference(frame, (11, 9), bank, open_, width)
    assert np.abs(pasted.astype(int) - expected.astype(int)).max() <= 1  # float32 against float64: rounding ties
    assert (pasted != expected).mean() < 0.01
    changed = np.argwhere((pasted != frame).any(axis=2))
    assert changed.size and changed[:, 0].min() >= 9 + 4 and changed[:, 0].max() <= 9 + 15
    assert changed[:, 1].min() >= 11 + 6 and changed[:, 1].max() <= 11 + 23

