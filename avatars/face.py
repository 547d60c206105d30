"""The face of a drawn person: skin shading, ears, eyes, brows, nose and a mouth that takes any shape."""
from __future__ import annotations

import numpy as np

from avatars.paint import Layer, Linear, Radial, band, ellipse, spline
from avatars.person import CX, MOUTH_Y, PersonStyle, Pose, face_contour, jaw_offset, mix

GAP_MAX = 32.0  # design px between the lips at open = 1
UPPER_SHARE = 0.28  # share of the opening taken by the upper lip rising (the rest is the jaw)
TEETH_H = 6.5  # design px of upper teeth showing under the upper lip
IRIS_R = 8.2  # design px
PUPIL_R = 3.5  # design px
EYE_HALF = 19.0  # half the eye's width, design px
CHIN_LINE = 400.0  # design y where the chin's highlight sits at rest


def ears(layer: Layer, st: PersonStyle) -> None:
    """Both ears, half hidden by the head."""
    for s in (-1.0, 1.0):
        x = CX + s * (st.face_half[3][0] + 3)
        layer.fill(ellipse(x, 292, 13, 27, s * 12), mix(st.skin, st.skin_shadow, 0.35))
        layer.fill(ellipse(x + s * 2, 294, 7, 17, s * 12), st.skin_shadow, soft=2.0, opacity=0.5)


def head(layer: Layer, st: PersonStyle, pose: Pose) -> None:
    """Face shape with soft modelling: lit side, shadow side, cheeks, chin."""
    contour = face_contour(st, pose)
    lit_x = CX - st.light * 26
    layer.fill(contour, Radial((lit_x, 262), (112, 176), mix(st.skin, (255, 255, 255), 0.10), st.skin, power=1.6))
    side = np.array([[CX + st.light * 60, 150], [CX + st.light * 140, 150], [CX + st.light * 140, 440], [CX + st.light * 40, 440]])
    layer.fill(side, st.skin_shadow, soft=16, opacity=0.55, clip=contour)
    drop = float(jaw_offset(np.array([CHIN_LINE]), pose)[0])
    if st.stubble > 0:
        beard = np.vstack([contour[contour[:, 1] > 330], [[CX + 70, 330], [CX - 70, 330]]])
        layer.fill(beard, (150, 140, 130), soft=10, opacity=st.stubble, clip=contour)
    for s in (-1.0, 1.0):
        layer.fill(ellipse(CX + s * 56, 318, 22, 13), mix(st.skin, (120, 110, 235), 0.6), soft=9, opacity=st.blush, clip=contour)
        layer.fill(ellipse(CX + s * 80, 338, 16, 34, -s * 20), st.skin_shadow, soft=10, opacity=0.35, clip=contour)
        layer.fill(ellipse(CX + s * 40, 256, 24, 11), st.skin_shadow, soft=6, opacity=0.30, clip=contour)
    layer.fill(ellipse(CX - st.light * 6, 394 + drop, 18, 8), mix(st.skin, (255, 255, 255), 0.18), soft=6, opacity=0.55, clip=contour)
    layer.fill(ellipse(CX, 379 + drop, 17, 4.5), st.skin_shadow, soft=3.5, opacity=0.45, clip=contour)
    layer.fill(ellipse(CX - st.light * 30, 208, 40, 22), (255, 255, 255), soft=14, opacity=0.16, clip=contour)


def eye_curves(st: PersonStyle, s: float, lid: float) -> tuple[np.ndarray, np.ndarray]:
    """Upper and lower lid lines (inner corner -> outer corner) for eye side `s`, lids closed by `lid`."""
    ex, ey = CX + s * st.eye_dx, st.eye_y
    inner = (ex - s * EYE_HALF, ey + 1.5)
    outer = (ex + s * EYE_HALF, ey + 1.0 - st.eye_tilt)
    upper = spline([inner, (ex - s * 10, ey - 7.5), (ex + s * 2, ey - 9.5), (ex + s * 12, ey - 6.5), outer], per_seg=8)
    lower = spline([inner, (ex - s * 9, ey + 4.2), (ex + s * 1, ey + 5.6), (ex + s * 11, ey + 4.6), outer], per_seg=8)
    shut = lower.copy()
    shut[:, 1] -= 1.2 * np.sin(np.linspace(0, np.pi, len(shut)))
    return upper + (shut - upper) * lid, lower


def eyes(layer: Layer, st: PersonStyle, pose: Pose) -> None:
    """Both eyes: sclera, iris, pupil, catch-light, lid line and crease; lids close by pose.eyelid."""
    dark = (28, 26, 30)
    for s in (-1.0, 1.0):
        ex, ey = CX + s * st.eye_dx, st.eye_y
        upper, lower = eye_curves(st, s, pose.eyelid)
        open_upper, _ = eye_curves(st, s, 0.0)
        crease = open_upper + [0.0, -6.0]
        layer.stroke(crease[2:-1], [0.6, 1.4, 1.2, 0.5], st.skin_shadow, soft=1.2, opacity=0.7)
        opening = np.vstack([upper, lower[::-1]])
        if pose.eyelid < 0.97:
            layer.fill(opening, Radial((ex, ey + 1), (EYE_HALF, 10), (236, 238, 240), (196, 200, 206)))
            iris = ellipse(ex + s * 0.5, ey + 0.5, IRIS_R, IRIS_R)
            iris_paint = Radial((ex, ey + 2), (IRIS_R, IRIS_R), mix(st.iris, (255, 255, 255), 0.18), mix(st.iris, dark, 0.55))
            layer.fill(iris, iris_paint, clip=opening)
            layer.fill(ellipse(ex + s * 0.5, ey + 0.5, PUPIL_R, PUPIL_R), dark, clip=opening)
            layer.fill(band(upper, 1.0, 3.0), dark, soft=1.6, opacity=0.35, clip=opening)
            layer.fill(ellipse(ex - 2.6, ey - 3.0, 1.9, 1.7), (255, 255, 255), soft=0.3, opacity=0.95, clip=opening)
        widths = np.array([0.8, 2.2, 3.0, 3.0, 2.4]) * st.lashes
        layer.stroke(upper, widths, dark, soft=0.35)
        if st.lashes > 1.0:
            tip = upper[-1]
            wing = np.array([tip + [-s * 4, 0.5], tip + [s * 4.5, -3.2]])
            layer.stroke(wing, [2.2, 0.4], dark, soft=0.3)
        layer.stroke(lower[1:-1], [0.4, 1.0, 0.8, 0.3], mix(st.skin_shadow, dark, 0.25), soft=0.6, opacity=0.55)


def brows(layer: Layer, st: PersonStyle) -> None:
    """Two tapered brows, thicker at the inner end."""
    for s in (-1.0, 1.0):
        ex = CX + s * st.eye_dx
        y0 = st.eye_y - 26
        a = st.brow_arch
        ctrl = [(ex - s * 21, y0 + 5 * a), (ex - s * 6, y0 + 1 - a), (ex + s * 11, y0 - 1.5 * a), (ex + s * 24, y0 + 5 * a)]
        line = spline(ctrl, per_seg=8)
        w = np.array([4.6, 5.0, 3.8, 1.3]) * st.brow_weight
        layer.stroke(line, w, st.brow, soft=0.9, opacity=0.75)
        layer.stroke(line + [0.0, 0.4], w * 0.6, st.brow, soft=0.4, opacity=0.6)


def nose(layer: Layer, st: PersonStyle) -> None:
    """Nose modelled by light and shadow only, as painters do."""
    sd = st.light
    layer.stroke(spline([(CX + sd * 9, 272), (CX + sd * 10, 300), (CX + sd * 13, 320)]), [3, 7, 6], st.skin_shadow, soft=4, opacity=0.35)
    layer.fill(ellipse(CX - sd * 2, 318, 8, 7), mix(st.skin, (255, 255, 255), 0.35), soft=3, opacity=0.45)
    layer.fill(ellipse(CX - sd * 3, 292, 3, 14), (255, 255, 255), soft=3, opacity=0.16)
    for s in (-1.0, 1.0):
        wing = spline([(CX + s * 15, 314), (CX + s * 17, 324), (CX + s * 12, 331), (CX + s * 5, 331)], per_seg=6)
        layer.stroke(wing, [0.6, 2.0, 1.6, 0.6], st.skin_shadow, soft=1.0, opacity=0.65)
        layer.fill(ellipse(CX + s * 7.5, 329.5, 3.8, 2.0, s * 14), mix(st.skin_shadow, (30, 30, 60), 0.45), soft=0.7, opacity=0.8)
    layer.fill(ellipse(CX + sd * 3, 337, 15, 3.5), st.skin_shadow, soft=2.5, opacity=0.35)
    layer.fill(ellipse(CX, 344, 4, 6), mix(st.skin, (255, 255, 255), 0.2), soft=2.5, opacity=0.3)


def _bell(u: np.ndarray, spread: float) -> np.ndarray:
    """Vertical profile of the lip opening across its width (1 mid, 0 at the corners); elliptic when rounded."""
    return np.clip(1.0 - np.abs(u) ** (2.0 + 1.2 * spread), 0.0, 1.0) ** (0.5 + 0.3 * spread)


def mouth(layer: Layer, st: PersonStyle, pose: Pose) -> None:
    """Lips, teeth and tongue for the pose's opening and width."""
    spread, rnd = max(pose.width, 0.0), max(-pose.width, 0.0)
    hw = st.mouth_half_width * (1 + 0.16 * spread - 0.30 * rnd) * (1 - 0.07 * pose.open)
    gap = GAP_MAX * pose.open * (1 - 0.25 * spread)
    up, down = gap * UPPER_SHARE, gap * (1 - UPPER_SHARE)
    my = MOUTH_Y
    corner_y = my + down * 0.18
    u = np.linspace(-1.0, 1.0, 33)
    xs = CX + u * hw
    bell = _bell(u / (1.0 - 0.4 * rnd), spread)
    seam = my + 1.2 * (1 - u * u) + (corner_y - my) * np.abs(u)
    inner_up = np.stack([xs, seam - up * bell], 1)
    inner_lo = np.stack([xs, seam + down * bell], 1)
    thick = st.lip_thickness + 0.25 * rnd
    top = spline([(CX - hw, corner_y - 0.5), (CX - 0.6 * hw, my - 6.5 * thick), (CX - 0.2 * hw, my - 9.0 * thick), (CX, my - 6.8 * thick),
                  (CX + 0.2 * hw, my - 9.0 * thick), (CX + 0.6 * hw, my - 6.5 * thick), (CX + hw, corner_y - 0.5)], per_seg=6)
    top[:, 1] -= up * _bell((top[:, 0] - CX) / hw, spread) * 0.85
    bottom = spline([(CX - hw, corner_y + 0.5), (CX - 0.55 * hw, my + 8.5 * thick), (CX, my + 12.0 * thick),
                     (CX + 0.55 * hw, my + 8.5 * thick), (CX + hw, corner_y + 0.5)], per_seg=6)
    bottom[:, 1] += down * _bell((bottom[:, 0] - CX) / hw, spread) * 0.9 + down * 0.1
    layer.fill(ellipse(CX, my + 17 + down, 16, 4), st.skin_shadow, soft=3.5, opacity=0.35)
    if gap > 0.4:
        _inside(layer, inner_up, inner_lo, hw, up, down, spread)
    layer.fill(np.vstack([top, inner_up[::-1]]), Linear((0, my - 9), (0, my), st.lip_dark, mix(st.lip_dark, (20, 20, 50), 0.25)))
    layer.fill(np.vstack([inner_lo, bottom[::-1]]), Linear((0, my + down), (0, my + 12 + down), st.lip, mix(st.lip, st.lip_dark, 0.7)))
    layer.fill(ellipse(CX - st.light * 5, my + 6 + down, 10, 2.6), (255, 255, 255), soft=2.2, opacity=0.30)
    layer.stroke(inner_up, [0.6, 1.4, 0.6], (40, 35, 60), soft=0.6, opacity=0.55 if gap <= 0.4 else 0.3)
    for s in (-1.0, 1.0):
        layer.fill(ellipse(CX + s * (hw + 0.5), corner_y, 2.2, 1.8), st.skin_shadow, soft=1.2, opacity=0.55)
    layer.stroke(top, 0.8, mix(st.lip_dark, st.skin, 0.5), soft=0.7, opacity=0.35)


def _inside(layer: Layer, inner_up: np.ndarray, inner_lo: np.ndarray, hw: float, up: float, down: float, spread: float) -> None:
    """The dark mouth cavity with teeth and tongue, clipped to the lip opening."""
    cavity = np.vstack([inner_up, inner_lo[::-1]])
    layer.fill(cavity, Linear((0, MOUTH_Y - up), (0, MOUTH_Y + down), (34, 26, 58), (48, 40, 88)))
    front = ellipse(CX, MOUTH_Y, hw * 0.78, 40)  # teeth show only between the canines
    teeth = band(inner_up, 2.0, TEETH_H)
    layer.fill(teeth, Linear((0, MOUTH_Y - up), (0, MOUTH_Y - up + TEETH_H), (220, 228, 232), (176, 184, 194)), soft=0.4, clip=front)
    if down > 6.0:
        tongue = ellipse(CX, MOUTH_Y + down * 0.95, hw * 0.5, down * 0.42)
        tongue_paint = Radial((CX, MOUTH_Y + down * 0.8), (hw * 0.5, down * 0.5), (104, 100, 196), (66, 58, 140))
        layer.fill(tongue, tongue_paint, soft=1.0, clip=cavity)
    if spread > 0.2 and down > 4.0:  # lower teeth show only when the lips are drawn back
        low = band(inner_lo, 2.0, 2.0)
        layer.fill(low, (180, 186, 196), soft=0.5, opacity=0.5 * spread, clip=ellipse(CX, MOUTH_Y, hw * 0.5, 40))
    layer.fill(band(inner_up, 1.0, 2.0), (20, 16, 30), soft=1.0, opacity=0.35, clip=cavity)
    for s in (-1.0, 1.0):
        cheek = ellipse(CX + s * hw * 0.9, MOUTH_Y + (down - up) * 0.3, hw * 0.25, max(up + down, 1.0))  # dark mouth corners
        layer.fill(cheek, (24, 18, 40), soft=2.0, opacity=0.6, clip=cavity)
