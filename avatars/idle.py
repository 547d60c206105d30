"""The idle loop of a generated avatar: when it breathes, and the breathing warp (blinks: lipsync.blinks, at play time)."""
from __future__ import annotations

import cv2
import numpy as np

from avatars.paint import DESIGN_W, View

LOOP_FRAMES = 200  # 8 s at 25 fps; breathing repeats seamlessly after this
BREATH_PERIOD = 100  # frames per breath (4 s, a calm 15 breaths a minute)
BREATH_LEVELS = 8  # distinct chest heights; more levels only cost memory
BREATH_RISE = 3.0  # design px the shoulders rise at full inhale
HEAD_SHARE = 0.55  # the head rises this share of the shoulders' rise
NECK_TOP, NECK_BOTTOM = 425.0, 470.0  # design y band where the head's rise blends into the shoulders'
SHOULDER_SPREAD = 0.004  # horizontal chest expansion per design px of rise and px from the centre


def schedule() -> np.ndarray:
    """The breathing level (chest height, 0..BREATH_LEVELS-1) of every loop frame."""
    t = np.arange(LOOP_FRAMES)
    breath = (1.0 - np.cos(2.0 * np.pi * t / BREATH_PERIOD)) / 2.0
    return np.rint(breath * (BREATH_LEVELS - 1)).astype(int)


def rise(level: int) -> float:
    """Design px the shoulders rise at breathing `level`."""
    return BREATH_RISE * level / (BREATH_LEVELS - 1)


def head_rise(level: int) -> float:
    """Design px the head (and the mouth with it) rises at breathing `level`."""
    return rise(level) * HEAD_SHARE


def breath_maps(view: View, level: int) -> tuple[np.ndarray, np.ndarray]:
    """cv2.remap maps over `view` that lift the person for breathing `level` (head rigid, chest rising and widening)."""
    scale = view.scale
    ys = np.arange(view.height, dtype=np.float32)
    xs = np.arange(view.width, dtype=np.float32)
    design_y = (ys + 0.5 - view.oy) / scale
    k = np.clip((design_y - NECK_TOP) / (NECK_BOTTOM - NECK_TOP), 0.0, 1.0)
    k = k * k * (3 - 2 * k)
    up = rise(level) * (HEAD_SHARE + (1 - HEAD_SHARE) * k) * scale  # canvas px per row
    centre = view.ox + DESIGN_W / 2 * scale
    spread = SHOULDER_SPREAD * rise(level) * k  # per row
    map_x = xs[None, :] - (xs[None, :] - centre) * spread[:, None] / (1 + spread[:, None])
    map_y = np.broadcast_to((ys + up)[:, None], (view.height, view.width))
    return np.ascontiguousarray(map_x, np.float32), np.ascontiguousarray(map_y, np.float32)


def warp(img: np.ndarray, maps: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Apply breathing maps to an image (float, any channels)."""
    return cv2.remap(img, maps[0], maps[1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
