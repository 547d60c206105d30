"""Eyes that close and look aside on any avatar frame: a warp of the frame's own eye region, drawn or photographed.

An avatar's eyes are two lid lines (upper and lower, sampled corner to corner) relative to its mouth box,
so they follow the head wherever breathing puts the mouth. A blink slides the upper lid down: the band of
lid skin above the lash line is stretched over the eye until the lash line reaches `lid` of the way to
the lower lid (1 = shut), which is what a real lid does; nothing is painted, so a photo keeps its own skin,
lashes and make-up. A gaze shift moves the iris sideways inside the opening (a smooth warp that keeps the
corners fixed). Both happen on a small patch around each eye.
"""
from __future__ import annotations

import cv2
import numpy as np

SAMPLES = 7  # points per lid line, corner to corner
SKIN_SHARE = 0.9  # height of the lid-skin band above the lash line, in eye openings (the lid that slides down)
PAD = 3  # px around the eye patch
RAMP_SHARE = 0.6  # eye half-widths over which a gaze shift fades out towards each corner (more than the shift: no fold)
LID_FEATHER = 1.5  # px inside the lid lines over which the gaze shift fades in (no hard seam at the lids)


def lid_lines(upper: np.ndarray, lower: np.ndarray, samples: int = SAMPLES) -> np.ndarray:
    """One eye's [3, samples] (x, upper y, lower y) from two corner-to-corner polylines [k, 2] (any x order)."""
    upper, lower = upper[np.argsort(upper[:, 0])], lower[np.argsort(lower[:, 0])]
    x0, x1 = min(upper[0, 0], lower[0, 0]), max(upper[-1, 0], lower[-1, 0])
    xs = np.linspace(x0, x1, samples)
    up, lo = np.interp(xs, upper[:, 0], upper[:, 1]), np.interp(xs, lower[:, 0], lower[:, 1])
    return np.stack([xs, np.minimum(up, lo), np.maximum(up, lo)]).astype(np.float32)


def scaled(eyes: np.ndarray, sx: float, sy: float) -> np.ndarray:
    """Eye lines [2, 3, P] in a frame scaled by (sx, sy)."""
    return (eyes * np.array([sx, sy, sy], np.float32)[None, :, None]).astype(np.float32)


def bounds(eyes: np.ndarray, origin: tuple[float, float]) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) px of both eye patches, lines relative to `origin` (what a warp may change)."""
    boxes = np.array([_patch_box(eye, origin) for eye in eyes])
    return int(boxes[:, 0].min()), int(boxes[:, 1].min()), int(boxes[:, 2].max()), int(boxes[:, 3].max())


def _patch_box(eye: np.ndarray, origin: tuple[float, float]) -> tuple[int, int, int, int]:
    """The px box one eye's warp touches: the opening, the lid skin above it and a pad."""
    xs, up, lo = eye[0] + origin[0], eye[1] + origin[1], eye[2] + origin[1]
    skin = SKIN_SHARE * float((lo - up).max())
    return (int(np.floor(xs[0])) - PAD, int(np.floor(up.min() - skin)) - PAD,
            int(np.ceil(xs[-1])) + PAD + 1, int(np.ceil(lo.max())) + PAD + 1)


def warp_eyes(frame: np.ndarray, eyes: np.ndarray, origin: tuple[float, float], lid: float, gaze: tuple[float, float]) -> None:
    """Close both eyes by `lid` (0 open .. 1 shut) and shift the irises by `gaze` (eye half-widths / half-heights, + right / down), in place.

    `origin` is where the eyes' reference point (the mouth box corner) lies in `frame`'s pixels.
    """
    if lid < 1e-3 and abs(gaze[0]) + abs(gaze[1]) < 1e-3:
        return
    for eye in eyes:
        x0, y0, x1, y1 = _patch_box(eye, origin)
        fx0, fy0, fx1, fy1 = max(x0, 0), max(y0, 0), min(x1, frame.shape[1]), min(y1, frame.shape[0])
        if fx1 - fx0 < 2 or fy1 - fy0 < 2:
            continue
        patch = np.ascontiguousarray(frame[fy0:fy1, fx0:fx1])
        map_x, map_y = _maps(eye, (origin[0] - fx0, origin[1] - fy0), patch.shape[:2], lid, gaze)
        frame[fy0:fy1, fx0:fx1] = cv2.remap(patch, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _maps(eye: np.ndarray, origin: tuple[float, float], shape: tuple[int, int], lid: float,
          gaze: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Source coordinates of every patch pixel: the gaze shift inside the opening, then the lid sliding down."""
    h, w = shape
    xs = np.arange(w, dtype=np.float32)
    ys = np.arange(h, dtype=np.float32)[:, None]
    ex = eye[0] + origin[0]
    up = np.interp(xs, ex, eye[1] + origin[1]).astype(np.float32)[None, :]  # [1, w] upper lid per column
    lo = np.interp(xs, ex, eye[2] + origin[1]).astype(np.float32)[None, :]
    half = (ex[-1] - ex[0]) / 2
    ramp = max(RAMP_SHARE * half, 1.0)
    across = np.clip(np.minimum(xs - ex[0], ex[-1] - xs) / ramp, 0, 1)  # 1 over the middle, 0 at the corners
    across = (across * across * (3 - 2 * across))[None, :]
    inside = np.clip(np.minimum(ys - up, lo - ys) / LID_FEATHER, 0, 1)  # the opening; the lids themselves stay
    moved = across * inside  # the eyeball turns under the lids: a shift of what shows between them
    height = np.maximum(lo - up, 1e-3)
    map_x = np.broadcast_to(xs[None, :], (h, w)) - np.float32(gaze[0] * half) * moved
    map_y = np.broadcast_to(ys, (h, w)) - np.float32(gaze[1] * float(height.max()) * 0.5) * moved
    if lid >= 1e-3:
        skin = np.float32(SKIN_SHARE) * height.max()
        top = up - skin
        lash = up + np.float32(lid) * (lo - up)  # where the lash line is now
        covered = (ys >= top) & (ys < lash)
        from_skin = top + (ys - top) * skin / np.maximum(lash - top, 1e-3)  # the band [top, up] stretched to [top, lash]
        map_y = np.where(covered, from_skin, map_y)
        map_x = np.where(covered, np.broadcast_to(xs[None, :], (h, w)), map_x)
    return np.ascontiguousarray(map_x, np.float32), np.ascontiguousarray(map_y, np.float32)
