"""Hair, neck and business clothes of a drawn person."""
from __future__ import annotations

import numpy as np

from avatars.paint import Layer, Linear, Radial, band, ellipse, spline
from avatars.person import CX, PersonStyle, Pose, face_contour, mix, symmetric

WHITE = (255.0, 255.0, 255.0)
BLACK = (0.0, 0.0, 0.0)


def hair_back(layer: Layer, st: PersonStyle) -> None:
    """Hair that falls behind the neck and shoulders."""
    if st.hairdo != "bob":
        return
    back = spline(symmetric([(0, 124), (70, 130), (118, 175), (134, 260), (136, 360), (140, 440), (112, 468), (0, 470)]), closed=True)
    layer.fill(back, Linear((0, 130), (0, 470), st.hair, mix(st.hair, BLACK, 0.35)))


def neck(layer: Layer, st: PersonStyle, pose: Pose) -> None:
    """Neck with the shadow the jaw casts on it."""
    n = st.neck_half
    shape = symmetric([(0, 330), (n, 330), (n + 1, 415), (n + 8, 448), (n + 26, 470), (0, 470)])
    layer.fill(shape, Linear((0, 380), (0, 470), mix(st.skin, st.skin_shadow, 0.55), mix(st.skin, st.skin_shadow, 0.2)))
    jaw = face_contour(st, pose)
    low = jaw[jaw[:, 1] > 360]
    shadow = band(low, 4.0, 16.0)
    layer.fill(shadow, st.skin_shadow, soft=6, opacity=0.75, clip=shape)
    layer.fill(np.array([[CX + st.light * 20, 380], [CX + st.light * 60, 380], [CX + st.light * 60, 470], [CX + st.light * 26, 470]]),
               st.skin_shadow, soft=8, opacity=0.4, clip=shape)


def _lapel(s: float, v_bottom: float) -> np.ndarray:
    """One lapel (s = -1 left, +1 right) from the collar to the buttoning point."""
    return spline([(CX + s * 60, 452), (CX + s * 84, 470), (CX + s * 116, 552), (CX + s * 98, 560),
                   (CX + s * 112, 578), (CX + s * 50, v_bottom - 60), (CX + s * 4, v_bottom), (CX + s * 30, 560), (CX + s * 52, 470)],
                  closed=True, per_seg=6)


def body(layer: Layer, st: PersonStyle) -> None:
    """Jacket, shirt or blouse, lapels and the accent (tie or necklace)."""
    jacket_dark = mix(st.jacket, BLACK, 0.35)
    v_bottom = 660.0 if st.outfit == "tie" else 720.0
    sh = st.shoulder
    half = [(0, 452), (70, 450), (sh * 0.62, 464), (sh, 486), (sh + 30, 520), (sh + 42, 590), (sh + 50, 740), (0, 740)]
    torso = spline(symmetric(half), closed=True)
    layer.fill(torso, Radial((CX - st.light * 120, 470), (420, 330), mix(st.jacket, WHITE, 0.12), jacket_dark))
    shirt = np.array([[CX - 62, 452], [CX + 62, 452], [CX + 30, 620], [CX, v_bottom + 10], [CX - 30, 620]])
    layer.fill(shirt, Linear((0, 440), (0, 700), st.shirt, mix(st.shirt, BLACK, 0.12)))
    if st.outfit == "tie":
        _tie(layer, st)
    else:
        _neckline(layer, st)
    for s in (-1.0, 1.0):
        lapel = _lapel(s, v_bottom)
        layer.fill(lapel, Linear((CX + s * 10, 0), (CX + s * 110, 0), mix(st.jacket, WHITE, 0.06), mix(st.jacket, BLACK, 0.15)))
        layer.stroke(lapel[: len(lapel) // 2], 1.2, mix(st.jacket, WHITE, 0.3), soft=0.8, opacity=0.5)
        lapel_shadow = np.array([[CX + s * 30, 560], [CX + s * 4, v_bottom], [CX + s * 14, v_bottom], [CX + s * 40, 560]])
        layer.fill(lapel_shadow, BLACK, soft=5, opacity=0.25, clip=shirt)
        arm = [(CX + s * (st.shoulder + 10), 500), (CX + s * (st.shoulder - 20), 600), (CX + s * (st.shoulder - 26), 720)]
        layer.stroke(spline(arm), [1, 8, 14], jacket_dark, soft=10, opacity=0.35)


def _tie(layer: Layer, st: PersonStyle) -> None:
    """Shirt collar and a striped tie."""
    for s in (-1.0, 1.0):
        collar = np.array([[CX + s * 46, 430], [CX + s * 4, 494], [CX + s * 36, 516], [CX + s * 66, 468]])
        layer.fill(collar, Linear((CX, 440), (CX + s * 60, 500), mix(st.shirt, WHITE, 0.3), mix(st.shirt, BLACK, 0.1)))
        layer.stroke(collar[1:3], 1.0, mix(st.shirt, BLACK, 0.3), soft=0.8, opacity=0.6)
    knot = np.array([[CX - 13, 484], [CX + 13, 484], [CX + 9, 514], [CX - 9, 514]])
    blade = np.array([[CX - 9, 512], [CX + 9, 512], [CX + 22, 650], [CX, 676], [CX - 22, 650]])
    for part in (blade, knot):
        layer.fill(part, Linear((CX - 20, 0), (CX + 20, 0), mix(st.accent, WHITE, 0.12), mix(st.accent, BLACK, 0.2)))
    for y in np.arange(500, 700, 22):
        stripe = np.array([[CX - 30, y], [CX + 30, y - 30], [CX + 30, y - 25], [CX - 30, y + 5]])
        layer.fill(stripe, mix(st.accent, WHITE, 0.35), opacity=0.45, clip=blade)
    layer.fill(knot, BLACK, soft=3, opacity=0.25, clip=np.array([[CX - 20, 506], [CX + 20, 506], [CX + 20, 520], [CX - 20, 520]]))


def _neckline(layer: Layer, st: PersonStyle) -> None:
    """A soft round blouse neckline showing skin, and a fine necklace."""
    skin = spline(symmetric([(0, 440), (46, 440), (54, 470), (34, 512), (0, 526)]), closed=True)
    layer.fill(skin, Linear((0, 440), (0, 526), mix(st.skin, st.skin_shadow, 0.5), mix(st.skin, st.skin_shadow, 0.15)))
    chain = spline([(CX - 50, 462), (CX - 24, 500), (CX, 510), (CX + 24, 500), (CX + 50, 462)], per_seg=8)
    layer.stroke(chain, 1.3, st.accent, soft=0.3, opacity=0.9)
    layer.fill(ellipse(CX, 514, 3.6, 4.4), Radial((CX - 1, 512), (4, 4), mix(st.accent, WHITE, 0.6), st.accent), soft=0.3)
    hem = spline([(CX - 56, 472), (CX - 30, 514), (CX, 528), (CX + 30, 514), (CX + 56, 472)])
    layer.stroke(hem, 2.0, mix(st.shirt, BLACK, 0.2), soft=1.5, opacity=0.5)


def _bob() -> tuple[np.ndarray, list[list[tuple[float, float]]], list[list[tuple[float, float]]]]:
    """Outline, strand paths and sheen paths of a shoulder-length bob with a side part."""
    outline = spline([(CX - 30, 126), (CX + 58, 122), (CX + 112, 162), (CX + 128, 240), (CX + 130, 340), (CX + 126, 430),
                      (CX + 100, 462), (CX + 90, 420), (CX + 93, 330), (CX + 92, 250), (CX + 64, 204), (CX + 10, 184),
                      (CX - 30, 180), (CX - 72, 200), (CX - 92, 250), (CX - 94, 330), (CX - 90, 420), (CX - 104, 462),
                      (CX - 128, 430), (CX - 132, 340), (CX - 126, 236), (CX - 104, 158), (CX - 66, 130)], closed=True, per_seg=8)
    strands = [[(CX - 30, 130), (CX + 40, 148), (CX + 96, 210), (CX + 112, 330), (CX + 108, 440)],
               [(CX - 26, 132), (CX + 20, 168), (CX + 80, 200)],
               [(CX - 34, 132), (CX - 80, 170), (CX - 108, 250), (CX - 112, 350), (CX - 112, 445)],
               [(CX - 40, 138), (CX - 70, 190), (CX - 88, 240)]]
    sheens = [[(CX - 70, 150), (CX - 20, 136), (CX + 40, 140), (CX + 86, 166)],
              [(CX + 112, 240), (CX + 116, 330), (CX + 112, 420)], [(CX - 112, 240), (CX - 116, 330), (CX - 112, 420)]]
    return outline, strands, sheens


def _short() -> tuple[np.ndarray, list[list[tuple[float, float]]], list[list[tuple[float, float]]]]:
    """Outline, strand paths and sheen paths of a short side-parted cut."""
    outline = spline([(CX - 34, 100), (CX + 20, 96), (CX + 62, 104), (CX + 94, 126), (CX + 107, 160), (CX + 106, 204),
                      (CX + 100, 246), (CX + 95, 246), (CX + 92, 206), (CX + 82, 186), (CX + 56, 178), (CX + 20, 174),
                      (CX - 20, 174), (CX - 58, 178), (CX - 84, 188), (CX - 94, 208), (CX - 96, 246), (CX - 102, 246),
                      (CX - 108, 200), (CX - 104, 154), (CX - 86, 122), (CX - 62, 106)], closed=True, per_seg=8)
    strands = [[(CX - 36, 108 + 9 * k), (CX + 20, 110 + 12 * k), (CX + 80, 128 + 14 * k), (CX + 102, 160 + 12 * k)] for k in range(4)]
    strands += [[(CX - 40, 110 + 9 * k), (CX - 76, 126 + 12 * k), (CX - 100, 160 + 14 * k)] for k in range(3)]
    sheens = [[(CX - 30, 118), (CX + 20, 114), (CX + 70, 126), (CX + 96, 150)]]
    return outline, strands, sheens


def hair_front(layer: Layer, st: PersonStyle) -> None:
    """Hair over the forehead and the sides of the face, with sheen and strands."""
    outline, strands, sheens = _bob() if st.hairdo == "bob" else _short()
    layer.fill(outline, Linear((0, 110), (0, 460), mix(st.hair, WHITE, 0.04), mix(st.hair, BLACK, 0.3)), soft=0.6)
    if st.hairdo != "bob":
        part = spline([(CX - 36, 106), (CX - 43, 140), (CX - 50, 170)], per_seg=8)
        layer.stroke(part, [0.4, 1.6, 0.6], mix(st.skin_shadow, st.hair, 0.4), soft=0.8, opacity=0.5, clip=outline)
        for s in (-1.0, 1.0):  # tapered sides let the skin show through
            side = np.array([[CX + s * 84, 176], [CX + s * 112, 176], [CX + s * 112, 250], [CX + s * 84, 250]])
            layer.fill(side, st.skin_shadow, soft=8, opacity=0.35, clip=outline)
    for path in sheens:
        layer.stroke(spline(path, per_seg=8), [4, 12, 12, 5], st.hair_light, soft=6, opacity=0.5, clip=outline)
    rng = np.random.default_rng(7)
    for path in strands:
        line = spline(path, per_seg=10)
        for k in range(6):
            offset = rng.normal(0, 4, 2)
            colour = st.hair_light if k % 2 else mix(st.hair, BLACK, 0.5)
            layer.stroke(line + offset, [0.3, 1.1, 0.8, 0.3], colour, soft=0.6, opacity=0.35, clip=outline)
