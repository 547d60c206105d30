"""What shows between a photo's parted lips: a shaded cavity, the upper teeth and the tongue, lit like the face.

Painted only in the gap the jaw warp opened (between the warped inner lips), so it always lies
behind the lips; its colours come from the photo (the lips tint the cavity and tongue, the skin's
brightness sets the teeth's), so a dim photo gets a dim mouth. Coordinates are work-crop pixels.
"""
from __future__ import annotations

import numpy as np

from avatars.mouth_geometry import MouthGeometry

CAVITY_TOP = (0.18, 0.17, 0.36)  # share of the lips' colour (B, G, R) deep in the mouth under the upper teeth
CAVITY_BOTTOM = (0.34, 0.32, 0.68)  # near the floor of the mouth
CORNER_DARK = 0.55  # the cavity darkens by this much towards the mouth corners (cheeks shade them)
TEETH = (188.0, 210.0, 230.0)  # BGR of incisors in the face's light (ivory)
TEETH_HALF = 0.62  # lip half widths: teeth show between the canines only
TEETH_HEIGHT = (0.45, 0.032)  # visible teeth: share of the gap, at most this many face heights
TEETH_SIDE_SHADE = 0.45  # teeth darken by this share towards the sides (they turn away from the light)
TOOTH_EDGES = (0.0, 0.17, 0.33, 0.5)  # lip half widths from the centre where neighbouring teeth meet
LOWER_TEETH = (0.7, 0.5, 0.02)  # lower incisors above the lower lip: width and height shares of the upper's, at most face h
SMILE_LOWER_TEETH = (0.85, 0.8, 0.03)  # a smile draws the lower lip down: more of the lower teeth show
TONGUE_MIN_GAP = 0.035  # face h: the tongue shows once the lips part this far
TONGUE = (0.78, 0.78, 1.10)  # share of the lips' colour (B, G, R) on the lit top of the tongue
LIP_SHADOW = 0.25  # share of the gap under the upper lip in its shadow


def _smooth(x: np.ndarray) -> np.ndarray:
    """Smoothstep of x clipped to 0..1."""
    t = np.clip(x, 0.0, 1.0)
    return t * t * (3 - 2 * t)


def paint(img: np.ndarray, lips_bgr: np.ndarray, light: float, geom: MouthGeometry, top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """`img` [h, w, 3] float with the mouth's inside drawn between rows top[x] and bottom[x] (1 px soft edges).

    `lips_bgr` is the photo's lip colour, `light` the skin's brightness relative to a well-lit face.
    """
    h, w = img.shape[:2]
    ys = np.arange(h, dtype=np.float32)[:, None]  # [h, 1]
    xs = np.arange(w, dtype=np.float32)
    gap = np.maximum(bottom - top, 0.0)[None, :]  # [1, w]
    open_cols = gap > 0.6
    alpha = _smooth(ys - top[None, :] + 0.5) * _smooth((bottom[None, :] - ys + 0.5) / 2.0) * open_cols  # [h, w]: the wet lower lip rolls in softly
    if not alpha.any():
        return img
    depth = np.clip((ys - top[None, :]) / np.maximum(gap, 1.0), 0.0, 1.0)[..., None]  # 0 under the upper lip, 1 at the lower
    u = np.abs(xs - geom.cx) / geom.half_width  # [w] 0 at the centre, 1 at a corner
    lips = np.asarray(lips_bgr, np.float32)
    cavity = lips * (np.array(CAVITY_TOP) + (np.array(CAVITY_BOTTOM) - np.array(CAVITY_TOP)) * depth)
    cavity *= (1 - CORNER_DARK * _smooth((u - 0.3) / 0.7))[None, :, None]
    cavity *= 1 - 0.5 * _smooth(1 - depth / LIP_SHADOW)  # the upper lip's shadow
    colour = cavity
    if not geom.teeth:  # a photo showing teeth at rest keeps its own; otherwise paint the upper incisors
        colour = _teeth(colour, ys, u, top, gap, light, geom)
    colour = _tongue(colour, ys, xs, lips, bottom, gap, geom)
    colour = _lower_teeth(colour, ys, u, bottom, gap, light, geom, SMILE_LOWER_TEETH if geom.teeth else LOWER_TEETH)
    return img + (colour - img) * alpha[..., None]


def _teeth(colour: np.ndarray, ys: np.ndarray, u: np.ndarray, top: np.ndarray, gap: np.ndarray, light: float,
           geom: MouthGeometry) -> np.ndarray:
    """Upper incisors hanging from under the upper lip, shaded at the sides, with faint seams between them."""
    height = np.minimum(TEETH_HEIGHT[0] * gap, TEETH_HEIGHT[1] * geom.face_h)  # [1, w]
    below = ys - top[None, :]  # [h, w]
    edge = _smooth(height - below + 0.5) * _smooth(below + 1.0)  # [h, w]
    across = _smooth((TEETH_HALF - u) / 0.12)[None, :]  # [1, w]
    seams = np.min(np.abs(u[:, None] - np.array(TOOTH_EDGES)[None, :]), axis=1) * geom.half_width  # [w] px to a seam
    seam_dark = 1 - 0.10 * np.exp(-0.5 * (seams / 0.8) ** 2)
    shade = (1 - TEETH_SIDE_SHADE * _smooth(u / TEETH_HALF)) * seam_dark  # [w]
    tip = 1 - 0.2 * np.clip(below / np.maximum(height, 1.0), 0, 1)  # incisor edges a little translucent
    teeth = np.array(TEETH, np.float32) * min(light, 1.1) * (shade[None, :] * tip)[..., None]
    weight = (edge * across)[..., None]
    return colour + (teeth - colour) * weight


def _tongue(colour: np.ndarray, ys: np.ndarray, xs: np.ndarray, lips: np.ndarray, bottom: np.ndarray, gap: np.ndarray,
            geom: MouthGeometry) -> np.ndarray:
    """The tongue's back rising from the floor of the mouth, lit on top, once the mouth is open enough."""
    g = float(gap.max())
    show = _smooth((g - TONGUE_MIN_GAP * geom.face_h) / (TONGUE_MIN_GAP * geom.face_h))
    if show <= 0:
        return colour
    floor = float(bottom[int(round(geom.cx))])
    ry, rx = 0.42 * g, 0.55 * geom.half_width
    cy = floor + 0.05 * g
    r = np.sqrt(((xs[None, :] - geom.cx) / rx) ** 2 + ((ys - cy) / ry) ** 2)  # [h, w]
    inside = _smooth((1 - r) * ry / 1.5)
    lit = np.clip((cy - ys) / ry, 0, 1)  # the top catches light from the opening
    tongue = lips * np.array(TONGUE, np.float32) * (0.55 + 0.45 * lit)[..., None]
    return colour + (tongue - colour) * (inside * show)[..., None]


def _lower_teeth(colour: np.ndarray, ys: np.ndarray, u: np.ndarray, bottom: np.ndarray, gap: np.ndarray, light: float,
                 geom: MouthGeometry, size: tuple[float, float, float]) -> np.ndarray:
    """The edges of the lower incisors just above the lower lip, in the shade of the open mouth."""
    height = np.minimum(size[1] * TEETH_HEIGHT[0] * gap, size[2] * geom.face_h)  # [1, w]
    above = bottom[None, :] - ys  # [h, w]
    edge = _smooth(height - above + 0.5) * _smooth(above - 0.5)
    across = _smooth((size[0] * TEETH_HALF - u) / 0.12)[None, :]
    teeth = np.array(TEETH, np.float32) * 0.7 * min(light, 1.1) * (1 - TEETH_SIDE_SHADE * _smooth(u / TEETH_HALF))[None, :, None]
    return colour + (teeth - colour) * (0.8 * edge * across)[..., None]
