"""Where the avatar's 16:9 frame sits on the source, and mapping source frames into it at 720p.

The frame is the largest 16:9 window of the source that puts the face where the generated
avatars have theirs, zoomed in when the face is small. A source too narrow for a head-and-
shoulders frame (a phone held upright, a close-up) is extended past its edges with a blurred,
darkened mirror of itself, as video players do with portrait clips.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from avatars.face_track import FaceBox

BASE_SIZE = (1280, 720)  # (w, h) px: everything is built at 720p, then area-downscaled
FACE_SHARE_MIN = 0.25  # zoom in until the face is at least this share of the frame height
WINDOW_FACES_MIN = 2.2  # the frame is at least this many face heights tall (hair, neck, shoulders)
FACE_CENTRE_Y = 0.42  # face centre at this fraction of the frame height, like the generated avatars
PAD_SHRINK = 8  # the padding's blur runs at 1/8 size
PAD_BLUR = 3.0  # px (at 1/8 size) of the padding's Gaussian blur
PAD_DIM = 0.8  # the padding is darkened to this brightness
PAD_RAMP = 12.0  # px (720p) of soft edge between the source and the padding


@dataclass(frozen=True)
class Window:
    """The avatar frame on the source, in whole source pixels: base px = (source px - (x0, y0)) * (sx, sy)."""

    x0: int
    y0: int
    width: int  # source px
    height: int
    src_w: int
    src_h: int

    @property
    def scale(self) -> tuple[float, float]:
        """(sx, sy): 720p px per source px (equal to within a pixel's rounding)."""
        return BASE_SIZE[0] / self.width, BASE_SIZE[1] / self.height

    def to_base(self, x: float, y: float) -> tuple[float, float]:
        """Source point -> 720p frame point."""
        sx, sy = self.scale
        return (x - self.x0) * sx, (y - self.y0) * sy

    @property
    def pads(self) -> bool:
        """True when part of the frame lies outside the source."""
        return self.x0 < 0 or self.y0 < 0 or self.x0 + self.width > self.src_w or self.y0 + self.height > self.src_h


def place(src_w: int, src_h: int, face: FaceBox) -> Window:
    """The 16:9 window for a face box on a src_w x src_h source."""
    aspect = BASE_SIZE[0] / BASE_SIZE[1]
    fit_h = min(src_h, src_w / aspect)  # largest window inside the source
    win_h = max(int(min(fit_h, face.h / FACE_SHARE_MIN)), int(np.ceil(face.h * WINDOW_FACES_MIN)))
    win_w = int(round(win_h * aspect))
    x0 = _clamp(face.x + face.w / 2 - win_w / 2, win_w, src_w)
    y0 = _clamp(face.y + face.h / 2 - FACE_CENTRE_Y * win_h, win_h, src_h)
    return Window(x0, y0, win_w, win_h, src_w, src_h)


def _clamp(start: float, length: int, limit: int) -> int:
    """Shift a window start so the window stays inside [0, limit], or covers it when it is longer."""
    if length <= limit:
        return int(np.clip(round(start), 0, limit - length))
    return int(np.clip(round(start), limit - length, 0))


def render_base(frame: np.ndarray, window: Window) -> np.ndarray:
    """The 720p avatar frame [720, 1280, 3] uint8 cut from a source BGR frame (mirrored where it leaves the source)."""
    x0, y0, x1, y1 = window.x0, window.y0, window.x0 + window.width, window.y0 + window.height
    h, w = frame.shape[:2]
    region = frame[max(y0, 0) : min(y1, h), max(x0, 0) : min(x1, w)]
    if window.pads:
        pads = (max(0, -y0), max(0, y1 - h), max(0, -x0), max(0, x1 - w))
        mirror = max(pads[:2]) < region.shape[0] and max(pads[2:]) < region.shape[1]
        region = cv2.copyMakeBorder(region, *pads, cv2.BORDER_REFLECT_101 if mirror else cv2.BORDER_REPLICATE)
    shrink = window.width >= BASE_SIZE[0]
    out = cv2.resize(region, BASE_SIZE, interpolation=cv2.INTER_AREA if shrink else cv2.INTER_CUBIC)
    return _soften_padding(out, window) if window.pads else out


def _soften_padding(out: np.ndarray, window: Window) -> np.ndarray:
    """Blur and darken the parts of the frame that lie outside the source."""
    w, h = BASE_SIZE
    small = cv2.resize(out, (w // PAD_SHRINK, h // PAD_SHRINK), interpolation=cv2.INTER_AREA)
    blurred = cv2.resize(cv2.GaussianBlur(small, (0, 0), PAD_BLUR), (w, h), interpolation=cv2.INTER_LINEAR)
    (bx0, by0), (bx1, by1) = window.to_base(0, 0), window.to_base(window.src_w, window.src_h)
    xs, ys = np.arange(w) + 0.5, np.arange(h) + 0.5
    inside_x = np.clip(np.minimum(xs - bx0, bx1 - xs) / PAD_RAMP + 0.5, 0.0, 1.0)
    inside_y = np.clip(np.minimum(ys - by0, by1 - ys) / PAD_RAMP + 0.5, 0.0, 1.0)
    keep = (inside_y[:, None] * inside_x[None, :])[..., None].astype(np.float32)  # [h, w, 1]
    mixed = out * keep + blurred * (PAD_DIM * (1.0 - keep))
    return np.clip(mixed, 0, 255).astype(np.uint8)
