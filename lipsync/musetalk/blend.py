"""Blend masks and pasting: the generated 256 x 256 face back into the idle frame (numpy + OpenCV only).

MuseTalk pastes the face into a 1.5x square around the face box and alpha-composites that square with a
mask that is zero outside the face box; outside the box the square is the original frame, so compositing
only the face box with the mask restricted to it gives the same pixels with a fraction of the work.
"""
from __future__ import annotations

import cv2
import numpy as np

FACE_SIZE = 256  # px, the square face crop MuseTalk encodes and generates
CROP_EXPAND = 1.5  # MuseTalk's blending square: 1.5 x the face box's larger side
BLUR_FRACTION = 0.1  # Gaussian kernel = 10 % of the blending square's width (realtime preparation)
UPPER_BOUNDARY = 0.5  # rows above the middle of the blending square never change
JAW_HALF_WIDTH = 0.40  # half-width of the jaw ellipse, fraction of the face box width


def blur_kernel(width: int, height: int) -> int:
    """Odd Gaussian kernel size MuseTalk uses for a face box of this size."""
    half_side = int(max(width, height) // 2 * CROP_EXPAND)
    return int(BLUR_FRACTION * 2 * half_side // 2 * 2) + 1


def crop_square(box: np.ndarray) -> tuple[np.ndarray, int]:
    """MuseTalk's blending square around a face box: (x1, y1, x2, y2) (may leave the frame) and its half side."""
    x1, y1, x2, y2 = (int(v) for v in box)
    half = int(max(x2 - x1, y2 - y1) // 2 * CROP_EXPAND)
    cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
    return np.array([cx - half, cy - half, cx + half, cy + half]), half


def crop_padded(frame: np.ndarray, square: np.ndarray) -> np.ndarray:
    """The frame inside `square`, black where the square leaves the frame."""
    x1, y1, x2, y2 = (int(v) for v in square)
    out = np.zeros((y2 - y1, x2 - x1, 3), np.uint8)
    h, w = frame.shape[:2]
    sx1, sy1, sx2, sy2 = max(0, x1), max(0, y1), min(w, x2), min(h, y2)
    out[sy1 - y1: sy2 - y1, sx1 - x1: sx2 - x1] = frame[sy1:sy2, sx1:sx2]
    return out


def feather(alpha: np.ndarray, crop_top: int) -> np.ndarray:
    """Zero rows above `crop_top` (box coordinates) and blur: MuseTalk's final mask step, uint8 [h, w]."""
    h, w = alpha.shape
    out = alpha.astype(np.uint8).copy()
    out[: max(0, crop_top)] = 0
    k = blur_kernel(w, h)
    return cv2.GaussianBlur(out, (k, k), 0, borderType=cv2.BORDER_CONSTANT)


def jaw_mask(width: int, height: int) -> np.ndarray:
    """A feathered jaw-shaped mask over a face box: the lower half, rounded like a chin, soft at every edge."""
    k = blur_kernel(width, height)
    alpha = np.zeros((height, width), np.uint8)
    centre = (width // 2, height // 2)
    axes = (max(1, int(JAW_HALF_WIDTH * width)), max(1, height // 2 - k // 2))
    cv2.ellipse(alpha, centre, axes, 0, 0, 360, 255, thickness=-1)
    return feather(alpha, int(height * UPPER_BOUNDARY))


def paste_face(frame: np.ndarray, face: np.ndarray, box: np.ndarray, mask: np.ndarray,
               origin: tuple[int, int] = (0, 0)) -> np.ndarray:
    """A copy of `frame` [H, W, 3] with `face` [256, 256, 3] resized into `box` and blended through `mask`.

    `frame` may be a part of the full frame whose top-left is `origin` (face-region delivery; `box` stays in
    full-frame pixels): the part of the box outside it is left out, which is exact where the mask is zero there.
    """
    x1, y1, x2, y2 = (int(v) for v in box)
    resized = cv2.resize(face, (x2 - x1, y2 - y1), interpolation=cv2.INTER_LINEAR)  # [h, w, 3]
    ox, oy = origin
    h, w = frame.shape[:2]
    left, top = max(x1 - ox, 0), max(y1 - oy, 0)  # the box's visible part, in `frame`'s pixels
    right, bottom = min(x2 - ox, w), min(y2 - oy, h)
    inside = np.s_[top + oy - y1 : bottom + oy - y1, left + ox - x1 : right + ox - x1]  # the same part, in the box's
    out = frame.copy()
    roi = out[top:bottom, left:right]
    alpha = mask[inside][..., None].astype(np.float32) * (1.0 / 255.0)  # [h', w', 1]
    roi[:] = (resized[inside] * alpha + roi * (1.0 - alpha) + 0.5).astype(np.uint8)
    return out
