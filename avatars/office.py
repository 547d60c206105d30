"""The office behind the generated interviewers: a window, a bookshelf, a plant, softly out of focus."""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from avatars.paint import DESIGN_H, DESIGN_W, Layer, Linear, Radial, View, ellipse, mirror

DEPTH_BLUR = 3.2  # design px: background defocus, like a camera focused on the face
VIGNETTE = 0.22  # brightness lost at the corners
BGR = tuple[float, float, float]


@dataclass(frozen=True)
class OfficeStyle:
    """Palette and layout of one office."""

    wall_top: BGR
    wall_bottom: BGR
    sky_top: BGR
    sky_bottom: BGR
    wood: BGR
    cabinet: BGR
    book_colours: tuple[BGR, ...]
    window_left: bool  # window on the left, shelf on the right (mirrored otherwise)
    seed: int


def _rect(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float64)


def _shade(c: BGR, k: float) -> BGR:
    """Scale a colour's brightness by k."""
    return (min(c[0] * k, 255.0), min(c[1] * k, 255.0), min(c[2] * k, 255.0))


def _place(pts: np.ndarray, style: OfficeStyle) -> np.ndarray:
    """Layout coordinates (window on the left) -> this office's side."""
    return pts if style.window_left else mirror(pts, DESIGN_W / 2)


def _window(layer: Layer, s: OfficeStyle) -> None:
    """A tall window with a city view, mullions and a sheer curtain."""
    f = lambda p: _place(p, s)  # noqa: E731
    layer.fill(f(_rect(30, 40, 380, 590)), (232, 236, 238))
    layer.fill(f(_rect(48, 58, 362, 572)), Linear((0, 58), (0, 572), s.sky_top, s.sky_bottom))
    rng = np.random.default_rng(s.seed + 1)
    x = 48.0
    while x < 362:
        w = rng.uniform(28, 60)
        top = rng.uniform(250, 420)
        tone = rng.uniform(0.80, 0.93)
        layer.fill(f(_rect(x, top, min(x + w, 362), 572)), _shade(s.sky_bottom, tone))
        for wy in np.arange(top + 12, 560, 18):
            layer.fill(f(_rect(x + 5, wy, min(x + w, 362) - 5, wy + 6)), _shade(s.sky_bottom, tone * 1.06), opacity=0.6)
        x += w + rng.uniform(2, 10)
    for cx in np.arange(60, 362, 46):
        layer.fill(f(ellipse(cx, 560, 40, 34)), (78, 118, 96), opacity=0.9)
        layer.fill(f(ellipse(cx + 10, 548, 22, 20)), (96, 146, 118), opacity=0.7)
    for x0 in (200.0,):
        layer.fill(f(_rect(x0 - 5, 58, x0 + 5, 572)), (226, 230, 232))
    layer.fill(f(_rect(48, 300, 362, 309)), (226, 230, 232))
    layer.fill(f(_rect(20, 580, 392, 600)), (210, 216, 220))
    curtain = np.array([[330, 30], [420, 30], [430, 620], [318, 620]], np.float64)
    layer.fill(f(curtain), (236, 240, 242), opacity=0.55)
    for fx in (345.0, 372.0, 400.0):
        fold = np.array([[fx, 30], [fx + 8, 30], [fx + 12, 620], [fx + 2, 620]], np.float64)
        layer.fill(f(fold), (200, 206, 210), soft=4, opacity=0.35)


def _shelf(layer: Layer, s: OfficeStyle) -> None:
    """A wooden bookshelf with rows of books, a small plant and a framed print."""
    f = lambda p: _place(p, s)  # noqa: E731
    x0, x1 = 905.0, 1250.0
    layer.fill(f(_rect(x0, 70, x1, 720)), _shade(s.wood, 0.78))
    layer.fill(f(_rect(x0 + 14, 84, x1 - 14, 720)), _shade(s.wood, 0.45))
    rng = np.random.default_rng(s.seed + 2)
    shelves = (84.0, 236.0, 388.0, 540.0)
    for i, top in enumerate(shelves):
        base = top + 142
        layer.fill(f(_rect(x0, base, x1, base + 12)), s.wood)
        x = x0 + 22
        stop = x1 - (120 if i == 1 else 22)
        while x < stop:
            w = rng.uniform(11, 24)
            h = rng.uniform(88, 128)
            col = s.book_colours[int(rng.integers(len(s.book_colours)))]
            lean = rng.uniform(0, 10) if rng.random() < 0.1 else 0.0
            pts = np.array([[x, base - h], [x + w, base - h], [x + w + lean, base], [x + lean, base]])
            layer.fill(f(pts), Linear((x, 0), (x + w, 0), _shade(col, 1.1), _shade(col, 0.8)))
            layer.fill(f(_rect(x + 2, base - h + 14, x + w - 2, base - h + 18)), (170, 200, 215), opacity=0.5)
            x += w + (rng.uniform(18, 40) if rng.random() < 0.12 else 1.5)
        if i == 1:
            pot = np.array([[1150, base - 44], [1212, base - 44], [1204, base], [1158, base]], np.float64)
            layer.fill(f(pot), (222, 226, 228))
            for k in range(9):
                ang = -150 + k * 15
                r = rng.uniform(30, 48)
                cx = 1181 + np.cos(np.deg2rad(ang)) * r * 0.8
                cy = base - 50 + np.sin(np.deg2rad(ang)) * r * 0.9
                layer.fill(f(ellipse(cx, cy, 16, 7, ang)), (70, 140 + 4 * k, 82))
    frame = _rect(620, 110, 860, 280)
    layer.fill(f(frame), (60, 64, 70))
    layer.fill(f(_rect(632, 122, 848, 268)), (238, 238, 236))
    layer.fill(f(_rect(652, 142, 828, 248)), Linear((652, 142), (828, 248), (190, 160, 120), (120, 150, 190)))


def _leaf(base: tuple[float, float], angle: float, length: float, width: float) -> np.ndarray:
    """A pointed leaf from `base` along `angle` degrees."""
    a = np.deg2rad(angle)
    along, across = np.array([np.cos(a), np.sin(a)]), np.array([-np.sin(a), np.cos(a)])
    t = np.linspace(0.0, 1.0, 14)
    half = width * np.sin(np.pi * t) ** 0.8 * (1 - 0.3 * t)
    side_a = np.asarray(base) + np.outer(t * length, along) + np.outer(half, across)
    side_b = np.asarray(base) + np.outer(t * length, along) - np.outer(half, across)
    return np.vstack([side_a, side_b[::-1]])


def _plant(layer: Layer, s: OfficeStyle) -> None:
    """A tall leafy plant in the room corner."""
    f = lambda p: _place(p, s)  # noqa: E731
    pot = np.array([[410, 610], [520, 610], [505, 720], [425, 720]], np.float64)
    layer.fill(f(pot), Linear((410, 0), (520, 0), (200, 205, 210), (150, 156, 162)))
    rng = np.random.default_rng(s.seed + 3)
    for _ in range(22):
        angle = rng.uniform(-150, -30)
        length = rng.uniform(90, 200)
        base = (465 + rng.uniform(-14, 14), 612.0)
        green = (60 + rng.uniform(0, 25), 110 + rng.uniform(0, 50), 55 + rng.uniform(0, 25))
        leaf = f(_leaf(base, angle, length, rng.uniform(9, 15)))
        layer.fill(leaf, Linear(tuple(leaf[0]), tuple(leaf[13]), _shade(green, 0.8), _shade(green, 1.15)))


def draw_office(view: View, style: OfficeStyle) -> np.ndarray:
    """Render the office for `view` -> opaque float BGR image [H, W, 3] (0..1), already defocused.

    It is painted at half size and enlarged: after the defocus blur nothing finer than that survives.
    """
    half = View(view.scale / 2, view.ox / 2, view.oy / 2, (view.width + 1) // 2, (view.height + 1) // 2)
    img = _paint(half, style)
    return cv2.resize(img, (view.width, view.height), interpolation=cv2.INTER_LINEAR) * _vignette(view)[..., None]


def _paint(view: View, style: OfficeStyle) -> np.ndarray:
    """The sharp office, then defocused."""
    layer = Layer(view, opaque=True)
    full = _rect(-10, -10, DESIGN_W + 10, DESIGN_H + 10)
    layer.fill(full, Linear((0, 0), (0, DESIGN_H), style.wall_top, style.wall_bottom))
    glow_x = 260.0 if style.window_left else DESIGN_W - 260.0
    layer.fill(full, Radial((glow_x, 260), (760, 560), (250, 250, 248), style.wall_top), opacity=0.45)
    layer.fill(_rect(-10, 600, DESIGN_W + 10, DESIGN_H + 10), Linear((0, 600), (0, 720), style.cabinet, _shade(style.cabinet, 0.7)))
    layer.fill(_rect(-10, 592, DESIGN_W + 10, 606), _shade(style.cabinet, 1.25))
    _window(layer, style)
    _shelf(layer, style)
    _plant(layer, style)
    return cv2.GaussianBlur(layer.rgb, (0, 0), DEPTH_BLUR * view.scale)


def _vignette(view: View) -> np.ndarray:
    """Gentle darkening towards the frame's corners -> factor [H, W]."""
    xs = ((np.arange(view.width) + 0.5 - view.ox) / view.scale - DESIGN_W / 2) / (DESIGN_W / 2)
    ys = ((np.arange(view.height) + 0.5 - view.oy) / view.scale - DESIGN_H / 2) / (DESIGN_H / 2)
    r2 = xs[None, :] ** 2 * 0.6 + ys[:, None] ** 2 * 0.4
    return (1.0 - VIGNETTE * r2).astype(np.float32)
