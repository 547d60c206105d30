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
LASH_SHARE = 0.25  # height of the lash line, in eye openings: moved, not stretched (a stretched lash line smears)
LID_SHADE = 0.12  # a shut lid darkens this much towards the lash line
SKIN_RANK = 0.75  # brightness rank (0 darkest .. 1 lightest) of the lid-band pixel taken as the skin colour
FILL_SHARE = 0.75  # of the stretched lid taken from the smooth skin colour (the rest keeps the photo's grain)
OVERSHOOT = 0.15  # a shut lid goes this share of the opening past the lower lid line (landmarks sit a little inside it)
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
    opening = float((lo - up).max())
    return (int(np.floor(xs[0])) - PAD, int(np.floor(up.min() - SKIN_SHARE * opening)) - PAD,
            int(np.ceil(xs[-1])) + PAD + 1, int(np.ceil(lo.max() + OVERSHOOT * opening)) + PAD + 1)


def warp_eyes(frame: np.ndarray, eyes: np.ndarray, origin: tuple[float, float], lid: float,
              gaze: tuple[float, float]) -> None:
    """Close both eyes by `lid` (0 open .. 1 shut) and shift the irises by `gaze`, in place.

    `gaze` is in eye half-widths (+ right) and half-heights (+ down).

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
        map_x, map_y, cover, top = _maps(eye, (origin[0] - fx0, origin[1] - fy0), patch.shape[:2], lid, gaze)
        moved = cv2.remap(patch, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        if cover is not None:
            moved = _lid_skin(patch, moved, cover, top)
        frame[fy0:fy1, fx0:fx1] = moved


def _lid_skin(patch: np.ndarray, moved: np.ndarray, cover: np.ndarray, top: np.ndarray) -> np.ndarray:
    """Blend the skin colour found just above the lid (per column, smoothed) into the stretched lid: a smooth, even lid.

    Stretching alone also stretches whatever lies above the lash line (a crease shadow, eye make-up) into streaks.
    """
    h, w = patch.shape[:2]
    band = int(np.ceil(np.max(np.argmax(cover > 0.5, axis=0) - top)))  # rows from the lid's top to its middle
    rows = np.clip(np.rint(top).astype(int)[None, :] + np.arange(-3, max(band, 1))[:, None], 0, h - 1)  # [r, w]
    samples = patch[rows, np.arange(w)[None, :]].astype(np.float32)  # [r, w, 3]
    # skin is lighter than brows, lashes and creases
    pick = np.argsort(samples.sum(axis=2), axis=0)[int(SKIN_RANK * (len(rows) - 1))]
    colour = samples[pick, np.arange(w)]  # [w, 3]
    colour = cv2.blur(colour[None], (max(3, w // 6), 1), borderType=cv2.BORDER_REPLICATE)[0]
    shade = 1.0 - LID_SHADE * cover  # a little darker towards the lash line, as a lid is
    fill = colour[None, :, :] * shade[..., None]
    weight = np.clip(cover * 2.0, 0, 1)[..., None] * FILL_SHARE
    return np.clip(moved * (1 - weight) + fill * weight + 0.5, 0, 255).astype(np.uint8)


def _maps(eye: np.ndarray, origin: tuple[float, float], shape: tuple[int, int], lid: float,
          gaze: tuple[float, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray]:
    """Source coordinates of every patch pixel (the gaze shift inside the opening, then the lid sliding down), and the
    stretched lid's depth [h, w] (0 at its top, 1 at the lash line; None when open) with its top row per column [w]."""
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
    skin = np.float32(SKIN_SHARE) * height.max()
    top = up - skin
    cover = None
    if lid >= 1e-3:
        lash_h = np.float32(LASH_SHARE) * height  # the lash line slides down whole; only the skin above it stretches
        lash = up + np.float32(lid * (1 + OVERSHOOT)) * (lo - up)  # where the lash line's lower edge is now
        stretched = (ys >= top) & (ys < lash - lash_h)
        sliding = (ys >= lash - lash_h) & (ys < lash)
        from_skin = top + (ys - top) * (skin - lash_h) / np.maximum(lash - lash_h - top, 1e-3)
        map_y = np.where(stretched, from_skin, np.where(sliding, ys - (lash - up), map_y))
        map_x = np.where(stretched | sliding, np.broadcast_to(xs[None, :], (h, w)), map_x)
        depth = np.where(stretched, (ys - top) / np.maximum(lash - lash_h - top, 1e-3), 0)
        opening = np.clip(2 * height / height.max(), 0, 1)  # fades to nothing towards the corners, where the lid is thin
        cover = (depth * depth * (3 - 2 * depth) * opening).astype(np.float32)
    return np.ascontiguousarray(map_x, np.float32), np.ascontiguousarray(map_y, np.float32), cover, top[0]
