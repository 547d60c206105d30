"""What the interviewer does while the candidate answers: a quiet listening loop, and a small nod the page plays at pauses.

Two silent MP4s per avatar, made once and kept beside the idle loops (lipsync.idle_clip.cached_clip):
- the listening loop: the head held in an attentive pose (tilted a little, leaning in), eyes on the
  candidate, blinking at random intervals (lipsync.blinks) and otherwise still, LOOP_S long;
- the nod: the same pose, two small nods (a deeper one, then a lighter one), NOD_S long.
Both hold breathing at the loop's first frame and start and end at exactly the same pose with the eyes
open, so the page switches between them at any moment without a jump (static/js/listening.js): the loop
plays while the candidate types or the microphone is live, the nod when they pause. The head moves by
the speech warp (lipsync.head_motion), so drawn and photo avatars nod alike.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from avatars.eyelids import warp_eyes
from lipsync.blinks import loop_lids, seed_of
from lipsync.head_motion import HeadBox, move_head
from lipsync.idle_clip import IDLE_DIR, cached_clip

if TYPE_CHECKING:
    from avatars.format import Avatar

LISTENING_DIR = f"{IDLE_DIR}/listening"  # under MEDIA_DIR: the janitor leaves idle/ alone
NOD_DIR = f"{IDLE_DIR}/nod"
LISTENING_URL_PREFIX = "/listening/"
LOOP_S = 12.0  # s of the listening loop
NOD_S = 1.2  # s of the nod clip
POSE = (0.004, 0.01, 1.0)  # attentive pose: box widths aside, box heights down (leaning in), degrees of tilt
NODS = ((0.08, 0.45, 0.05), (0.52, 0.42, 0.03))  # (start s, length s, depth in box heights) of each nod


def listening_url(avatar_id: str) -> str:
    """Where clients fetch the listening loop of `avatar_id`."""
    return f"{LISTENING_URL_PREFIX}{avatar_id}.mp4"


def nod_url(avatar_id: str) -> str:
    """Where clients fetch the nod clip of `avatar_id`."""
    return f"{LISTENING_URL_PREFIX}{avatar_id}.nod.mp4"


def listening_frames(fps: int) -> int:
    """Frames in the listening loop."""
    return int(round(LOOP_S * fps))


def nod_depth(fps: int) -> np.ndarray:
    """The nod clip's head drop per frame (box heights): raised-cosine dips, zero at both ends."""
    t = np.arange(int(round(NOD_S * fps))) / fps
    depth = np.zeros_like(t)
    for start, length, drop in NODS:
        phase = np.clip((t - start) / length, 0, 1)
        depth += drop * 0.5 * (1 - np.cos(2 * np.pi * phase))
    return depth


def listening_view(avatar: "Avatar", lid: float, drop: float) -> np.ndarray:
    """The avatar in the listening pose with the lids at `lid` and the head `drop` box heights lower."""
    frame = avatar.idle_frame(0).copy()
    mx, my = (float(v) for v in avatar.mouth_xy[0])
    if avatar.eyes is not None and lid > 0:
        warp_eyes(frame, avatar.eyes, (mx, my), lid, (0.0, 0.0))
    box = HeadBox.above_mouth(mx, my, *avatar.mouth.box_size)
    move_head(frame, box, (0, 0), (POSE[0], POSE[1] + drop, POSE[2]))
    return frame


def listening_clip(avatar: "Avatar", media_dir: Path) -> Path:
    """The avatar's listening loop MP4 under `media_dir`, made on first use."""
    count = listening_frames(avatar.fps)
    lids = loop_lids(seed_of("listening", avatar.name), count, avatar.fps)
    return cached_clip(avatar, media_dir / LISTENING_DIR, count, lambda k: listening_view(avatar, float(lids[k]), 0.0))


def nod_clip(avatar: "Avatar", media_dir: Path) -> Path:
    """The avatar's nod MP4 under `media_dir`, made on first use."""
    depth = nod_depth(avatar.fps)
    return cached_clip(avatar, media_dir / NOD_DIR, len(depth), lambda k: listening_view(avatar, 0.0, float(depth[k])))
