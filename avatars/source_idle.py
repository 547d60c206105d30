"""The idle loop of an avatar made from a person's media: a steady stretch of video, or a breathing photo."""
from __future__ import annotations

import cv2
import numpy as np

from avatars.idle import BREATH_LEVELS, schedule

PHOTO_BREATH_RISE = 0.012  # face heights the head rises at full inhale (about 3 px at 720p)
BODY_HALF = (1.6, 2.6)  # face widths from the face's centre: the body rises fully / not at all
CHEST_FADE = 0.6  # face heights below the face box where the rise starts fading towards the frame bottom


def idle_window(found: np.ndarray, offsets: np.ndarray, length: int) -> tuple[int, int]:
    """(start, length) of the stretch whose face is always visible and moves least; shorter if none is that long."""
    n = len(found)
    length = min(length, n)
    motion = np.r_[0.0, np.linalg.norm(np.diff(offsets, axis=0), axis=1)]  # [n] px moved since the frame before
    while length > 1:
        best, best_cost = -1, np.inf
        for start in range(n - length + 1):
            if found[start : start + length].all():
                cost = motion[start + 1 : start + length].sum()
                if cost < best_cost:
                    best, best_cost = start, cost
        if best >= 0:
            return best, length
        length -= 1
    return int(np.argmax(found)), 1


def ping_pong(count: int) -> np.ndarray:
    """Loop order over `count` frames forward then back, without repeating the ends: 0..n-1, n-2..1."""
    if count <= 2:
        return np.arange(count)
    return np.r_[np.arange(count), np.arange(count - 2, 0, -1)]


def breathing(frame: np.ndarray, face: tuple[float, float, float, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A photo's idle loop: unique frames [B, H, W, 3], loop_index [L] and head rise in px [B] per unique frame."""
    fx, fy, fw, fh = face
    h, w = frame.shape[:2]
    xs, ys = np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32)
    cx, fade_top = fx + fw / 2, fy + fh * (1 + CHEST_FADE)
    t = np.clip((np.abs(xs - cx) / fw - BODY_HALF[0]) / (BODY_HALF[1] - BODY_HALF[0]), 0, 1)
    across = 1 - t * t * (3 - 2 * t)  # [w]
    down = np.clip((h - ys) / max(h - fade_top, 1.0), 0, 1)  # [h]: 1 above the chest, 0 at the bottom edge
    weight = down[:, None] * across[None, :]  # [h, w]
    full_rise = PHOTO_BREATH_RISE * fh
    rises = full_rise * np.arange(BREATH_LEVELS) / (BREATH_LEVELS - 1)
    map_x = np.broadcast_to(xs[None, :], (h, w)).astype(np.float32)
    frames = np.stack([
        cv2.remap(frame, map_x, (ys[:, None] + r * weight).astype(np.float32), cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        for r in rises
    ])
    loop_index = schedule()
    return frames, loop_index, rises
