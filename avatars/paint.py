"""Soft vector painting on NumPy canvases: the drawing kit of the avatar generator.

Shapes are given in *design* coordinates (a 1280x720 frame) and mapped to a canvas by a `View`, so
the same drawing renders any resolution or any small region of interest. A region render equals the
same crop of a full render bit for bit, because every shape's mask is computed on the shape's own
bounding box (in canvas pixels) before it is cropped to the canvas.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

DESIGN_W = 1280  # design-space frame width
DESIGN_H = 720  # design-space frame height
SUBPIXEL_BITS = 4  # fillPoly fixed-point precision (1/16 px)
BLUR_REACH = 3.0  # a soft edge extends this many sigmas


@dataclass(frozen=True)
class View:
    """Maps design coordinates to a canvas: canvas = design * scale + (ox, oy)."""

    scale: float
    ox: float
    oy: float
    width: int
    height: int

    @classmethod
    def frame(cls, width: int, height: int) -> "View":
        """The whole design frame fitted into a width x height canvas."""
        scale = height / DESIGN_H
        return cls(scale, (width - DESIGN_W * scale) / 2.0, 0.0, width, height)

    def region(self, x: int, y: int, width: int, height: int) -> "View":
        """The canvas pixels [y:y+height, x:x+width] of this view as a view of their own."""
        return View(self.scale, self.ox - x, self.oy - y, width, height)

    def to_canvas(self, pts: np.ndarray) -> np.ndarray:
        """Design points [N, 2] -> canvas points [N, 2]."""
        return pts * self.scale + np.array([self.ox, self.oy])


@dataclass(frozen=True)
class Linear:
    """A linear colour ramp from c0 at p0 to c1 at p1 (BGR 0..255, design coordinates)."""

    p0: tuple[float, float]
    p1: tuple[float, float]
    c0: tuple[float, float, float]
    c1: tuple[float, float, float]


@dataclass(frozen=True)
class Radial:
    """An elliptic colour ramp from c0 at the centre to c1 at radius (rx, ry) and beyond."""

    center: tuple[float, float]
    radius: tuple[float, float]
    c0: tuple[float, float, float]
    c1: tuple[float, float, float]
    power: float = 1.0  # >1 keeps the centre colour further out


Paint = tuple[float, float, float] | Linear | Radial


def _colour(paint: Paint, view: View, x0: int, y0: int, w: int, h: int) -> np.ndarray:
    """Evaluate `paint` over canvas box (x0, y0, w, h) -> float32 [h, w, 3] in 0..1."""
    if isinstance(paint, tuple):
        return np.array(paint, np.float32) / 255.0
    xs = (np.arange(x0, x0 + w, dtype=np.float32) + 0.5 - view.ox) / view.scale
    ys = (np.arange(y0, y0 + h, dtype=np.float32) + 0.5 - view.oy) / view.scale
    if isinstance(paint, Linear):
        dx, dy = paint.p1[0] - paint.p0[0], paint.p1[1] - paint.p0[1]
        norm = dx * dx + dy * dy
        t = ((xs[None, :] - paint.p0[0]) * dx + (ys[:, None] - paint.p0[1]) * dy) / norm
    else:
        u = (xs[None, :] - paint.center[0]) / paint.radius[0]
        v = (ys[:, None] - paint.center[1]) / paint.radius[1]
        t = np.sqrt(u * u + v * v) ** paint.power
    t = np.clip(t, 0.0, 1.0)[..., None]
    c0 = np.array(paint.c0, np.float32) / 255.0
    c1 = np.array(paint.c1, np.float32) / 255.0
    return c0 + (c1 - c0) * t


class Layer:
    """A premultiplied BGR float canvas with alpha, painted with soft-edged shapes."""

    def __init__(self, view: View, opaque: bool = False) -> None:
        self.view = view
        self.rgb = np.zeros((view.height, view.width, 3), np.float32)
        self.alpha = np.full((view.height, view.width), 1.0 if opaque else 0.0, np.float32)

    def _mask(self, pts: np.ndarray, soft: float) -> tuple[np.ndarray, int, int] | None:
        """Coverage of polygon `pts` (design) cropped to the canvas, with its canvas origin."""
        v = self.view
        cpts = v.to_canvas(np.asarray(pts, np.float64))
        sigma = soft * v.scale
        pad = int(np.ceil(sigma * BLUR_REACH)) + 2
        bx0 = int(np.floor(cpts[:, 0].min())) - pad
        by0 = int(np.floor(cpts[:, 1].min())) - pad
        bx1 = int(np.ceil(cpts[:, 0].max())) + pad
        by1 = int(np.ceil(cpts[:, 1].max())) + pad
        cx0, cy0 = max(bx0, 0), max(by0, 0)
        cx1, cy1 = min(bx1, v.width), min(by1, v.height)
        if cx0 >= cx1 or cy0 >= cy1:
            return None
        mask = np.zeros((by1 - by0, bx1 - bx0), np.uint8)
        fixed = np.round((cpts - [bx0, by0]) * (1 << SUBPIXEL_BITS)).astype(np.int32)
        cv2.fillPoly(mask, [fixed], 255, cv2.LINE_AA, shift=SUBPIXEL_BITS)
        m = mask.astype(np.float32) * (1.0 / 255.0)
        if sigma > 0.3:
            m = cv2.GaussianBlur(m, (0, 0), sigma, borderType=cv2.BORDER_CONSTANT)
        return m[cy0 - by0 : cy1 - by0, cx0 - bx0 : cx1 - bx0], cx0, cy0

    def fill(
        self,
        pts: np.ndarray,
        paint: Paint,
        *,
        soft: float = 0.0,
        opacity: float = 1.0,
        clip: np.ndarray | None = None,
    ) -> None:
        """Paint polygon `pts` (design coords); `clip` limits it to another polygon."""
        got = self._mask(pts, soft)
        if got is None:
            return
        m, x0, y0 = got
        h, w = m.shape
        if clip is not None:
            m = m * self._clip_mask(clip, x0, y0, w, h)
        m = m * opacity
        rgb = self.rgb[y0 : y0 + h, x0 : x0 + w]
        alpha = self.alpha[y0 : y0 + h, x0 : x0 + w]
        col = _colour(paint, self.view, x0, y0, w, h)
        rgb += (col - rgb) * m[..., None]
        alpha += (1.0 - alpha) * m

    def _clip_mask(self, pts: np.ndarray, x0: int, y0: int, w: int, h: int) -> np.ndarray:
        """Hard coverage of polygon `pts` over the canvas box (x0, y0, w, h)."""
        mask = np.zeros((h, w), np.uint8)
        cpts = self.view.to_canvas(np.asarray(pts, np.float64)) - [x0, y0]
        fixed = np.round(cpts * (1 << SUBPIXEL_BITS)).astype(np.int32)
        cv2.fillPoly(mask, [fixed], 255, cv2.LINE_AA, shift=SUBPIXEL_BITS)
        return mask.astype(np.float32) * (1.0 / 255.0)

    def stroke(
        self,
        pts: np.ndarray,
        widths: Sequence[float] | float,
        paint: Paint,
        *,
        soft: float = 0.0,
        opacity: float = 1.0,
        clip: np.ndarray | None = None,
    ) -> None:
        """Paint a tapered stroke along open polyline `pts` with `widths` (design px) spread along it."""
        self.fill(ribbon(pts, widths), paint, soft=soft, opacity=opacity, clip=clip)

    def copy(self) -> "Layer":
        """An independent copy of this layer."""
        out = Layer(self.view)
        out.rgb[:] = self.rgb
        out.alpha[:] = self.alpha
        return out

    def cover(self, top: "Layer") -> None:
        """Composite `top` (same view) over this layer, as if its shapes had been painted here."""
        self.rgb *= 1.0 - top.alpha[..., None]
        self.rgb += top.rgb
        self.alpha *= 1.0 - top.alpha
        self.alpha += top.alpha

    def over(self, below: np.ndarray) -> np.ndarray:
        """Composite this layer over an opaque BGR float image -> float image."""
        return self.rgb + below * (1.0 - self.alpha[..., None])


def to_uint8(img: np.ndarray) -> np.ndarray:
    """Float 0..1 BGR -> uint8 BGR."""
    return np.clip(img * 255.0 + 0.5, 0, 255).astype(np.uint8)


def spline(ctrl: Sequence[Sequence[float]], closed: bool = False, per_seg: int = 12) -> np.ndarray:
    """Catmull-Rom curve through control points -> dense polyline [N, 2]."""
    p = np.asarray(ctrl, np.float64)
    if closed:
        ext = np.vstack([p[-1:], p, p[:2]])
    else:
        ext = np.vstack([2 * p[:1] - p[1:2], p, 2 * p[-1:] - p[-2:-1]])
    t = np.linspace(0.0, 1.0, per_seg, endpoint=False)[:, None]
    t2, t3 = t * t, t * t * t
    out = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        out.append(
            0.5
            * (
                2 * p1
                + (p2 - p0) * t
                + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                + (3 * p1 - p0 - 3 * p2 + p3) * t3
            )
        )
    if not closed:
        out.append(p[-1:])
    return np.vstack(out)


def ellipse(cx: float, cy: float, rx: float, ry: float, angle: float = 0.0, n: int = 48) -> np.ndarray:
    """Polygon of an ellipse rotated by `angle` degrees."""
    t = np.linspace(0.0, 2 * np.pi, n, endpoint=False)
    a = np.deg2rad(angle)
    x, y = rx * np.cos(t), ry * np.sin(t)
    return np.stack([cx + x * np.cos(a) - y * np.sin(a), cy + x * np.sin(a) + y * np.cos(a)], 1)


def ribbon(pts: np.ndarray, widths: Sequence[float] | float) -> np.ndarray:
    """Closed outline of a stroke of varying width along an open polyline."""
    p = np.asarray(pts, np.float64)
    given = np.atleast_1d(np.asarray(widths, np.float64))
    w = np.interp(np.linspace(0, 1, len(p)), np.linspace(0, 1, len(given)), given)
    d = np.gradient(p, axis=0)
    n = np.stack([-d[:, 1], d[:, 0]], 1)
    n /= np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-9)
    left = p + n * (w[:, None] / 2)
    right = p - n * (w[:, None] / 2)
    return np.vstack([left, right[::-1]])


def band(line: np.ndarray, above: float, below: float) -> np.ndarray:
    """Closed outline of the strip from `above` design px over an open polyline to `below` px under it."""
    return np.vstack([line + [0.0, -above], (line + [0.0, below])[::-1]])


def mirror(pts: np.ndarray, cx: float) -> np.ndarray:
    """Reflect points about the vertical line x = cx."""
    out = np.array(pts, np.float64)
    out[:, 0] = 2 * cx - out[:, 0]
    return out
