"""Each avatar's idle loop as a short silent MP4 (breathing, blinks) that the demo page loops between turns.

The clip is whole breathing loops with blinks at random intervals (lipsync.blinks: at least 24 s, so the
blinks do not repeat every 8 s), frame k = `idle_view(avatar, k)` (what the CPU engine shows in silence at
turn frame k), so a player looping it never jumps, and a page can resume it at position `n % idle_frames`
where a reply of n frames ended (every turn starts at position 0). It is encoded once with
`encode_segment` over silent PCM, then remuxed by `join_segments` into a faststart MP4 whose frame k plays
at k / fps. Files live under MEDIA_DIR/idle, which the media janitor never purges, named by avatar id and
source hash: a regenerated avatar gets a fresh clip and its stale one is removed. One process-wide lock
makes each clip's encode happen once and one at a time (a second request waits, then finds the file).
"""
from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from avatars.eyelids import warp_eyes
from lipsync.blinks import avatar_loop_lids, idle_length
from lipsync.encode import EncoderSettings, encode_segment, join_segments

if TYPE_CHECKING:
    from collections.abc import Callable

    from avatars.format import Avatar

log = logging.getLogger(__name__)

IDLE_DIR = "idle"  # under MEDIA_DIR, beside video/ and audio/ (which the janitor purges)
IDLE_URL_PREFIX = "/idle/"
IDLE_SAMPLE_RATE = 16_000  # Hz of the silent track (it carries only zeros)
HASH_CHARS = 16  # hex digits of the avatar's source hash in the file name
IDLE_ENCODER = EncoderSettings(preset="veryfast")  # encoded once, downloaded by every visitor: smaller is better
_ENCODE_LOCK = threading.Lock()  # one idle encode at a time in the process


def idle_url(avatar_id: str) -> str:
    """Where clients fetch the idle loop of `avatar_id`."""
    return f"{IDLE_URL_PREFIX}{avatar_id}.mp4"


def idle_frames(avatar: "Avatar") -> int:
    """Frames in the avatar's idle clip (whole breathing loops)."""
    return idle_length(avatar.loop_length, avatar.fps)


def idle_view(avatar: "Avatar", k: int) -> np.ndarray:
    """Frame k of the idle clip: the breathing loop's frame with the eyes as the clip's blinks have them."""
    lids = avatar_loop_lids(avatar)
    frame = avatar.idle_frame(k)
    lid = float(lids[k % len(lids)])
    if avatar.eyes is None or lid <= 0:
        return frame
    out = frame.copy()
    warp_eyes(out, avatar.eyes, tuple(map(float, avatar.mouth_xy[k % avatar.loop_length])), lid, (0.0, 0.0))
    return out


def idle_clip(avatar: "Avatar", folder: Path, settings: EncoderSettings = IDLE_ENCODER) -> Path:
    """The avatar's idle loop MP4 under `folder`, encoded first when missing (thread-safe, once per version)."""
    return cached_clip(avatar, folder, idle_frames(avatar), lambda k: idle_view(avatar, k), settings)


def cached_clip(avatar: "Avatar", folder: Path, count: int, frame_at: "Callable[[int], np.ndarray]",
                settings: EncoderSettings = IDLE_ENCODER) -> Path:
    """A silent clip of `count` frames `frame_at(k)` for `avatar` under `folder`, encoded once per avatar version."""
    path = folder / f"{avatar.id}-{avatar.source_hash[:HASH_CHARS]}.mp4"
    if path.is_file():  # written by an atomic rename: present means complete
        return path
    with _ENCODE_LOCK:
        if not path.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            _encode(avatar, path, count, frame_at, settings)
            for stale in folder.glob(f"{avatar.id}-*.mp4"):
                if stale != path:
                    stale.unlink(missing_ok=True)
    return path


def _encode(avatar: "Avatar", path: Path, frames: int, frame_at: "Callable[[int], np.ndarray]",
            settings: EncoderSettings) -> None:
    """Encode the clip as a fragment beside `path`, then remux it into `path` (atomic, no re-encode)."""
    started = time.monotonic()
    silence = np.zeros(frames * IDLE_SAMPLE_RATE // avatar.fps, dtype=np.int16)
    fragment = path.with_name(f".{path.stem}.fragment.mp4")
    try:
        encode_segment((frame_at(i) for i in range(frames)), silence, IDLE_SAMPLE_RATE, avatar.fps, fragment, settings=settings)
        join_segments([fragment], silence, IDLE_SAMPLE_RATE, path, settings=settings)
    finally:
        fragment.unlink(missing_ok=True)
    log.info("%s of %s: %d frames encoded in %.2f s -> %s", path.parent.name, avatar.id, frames, time.monotonic() - started,
             path.name)
