"""Each avatar's idle loop as a short silent MP4 (blink, breathing) that the demo page loops between turns.

The clip is the avatar's whole idle loop, frame k = `Avatar.idle_frame(k)` (what the CPU engine shows in
silence), so a player looping it never jumps, and a page can resume it at loop position `n % loop_length`
where a reply of n frames ended (every turn starts at loop position 0). It is encoded once with
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

from lipsync.encode import EncoderSettings, encode_segment, join_segments

if TYPE_CHECKING:
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


def idle_clip(avatar: "Avatar", folder: Path, settings: EncoderSettings = IDLE_ENCODER) -> Path:
    """The avatar's idle loop MP4 under `folder`, encoded first when missing (thread-safe, once per version)."""
    path = folder / f"{avatar.id}-{avatar.source_hash[:HASH_CHARS]}.mp4"
    if path.is_file():  # written by an atomic rename: present means complete
        return path
    with _ENCODE_LOCK:
        if not path.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            _encode(avatar, path, settings)
            for stale in folder.glob(f"{avatar.id}-*.mp4"):
                if stale != path:
                    stale.unlink(missing_ok=True)
    return path


def _encode(avatar: "Avatar", path: Path, settings: EncoderSettings) -> None:
    """Encode the loop as a fragment beside `path`, then remux it into `path` (atomic, no re-encode)."""
    started = time.monotonic()
    frames = avatar.loop_length
    silence = np.zeros(frames * IDLE_SAMPLE_RATE // avatar.fps, dtype=np.int16)
    fragment = path.with_name(f".{path.stem}.fragment.mp4")
    try:
        encode_segment((avatar.idle_frame(i) for i in range(frames)), silence, IDLE_SAMPLE_RATE, avatar.fps,
                       fragment, settings=settings)
        join_segments([fragment], silence, IDLE_SAMPLE_RATE, path, settings=settings)
    finally:
        fragment.unlink(missing_ok=True)
    log.info("idle loop of %s: %d frames encoded in %.2f s -> %s", avatar.id, frames, time.monotonic() - started,
             path.name)
