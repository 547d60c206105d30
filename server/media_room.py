"""Room for speech before it is written: MEDIA_MAX_BYTES holds at write time for the speech-only routes.

The janitor evicts only files older than the job timeout (a running turn's may be younger), so a flood of
/api/tts calls used to pile up far past the cap between its rounds. A speech-only file (any audio but a
turn's) is made and handed out at once, so once its client had MIN_AGE_S to fetch it, it may go to make room;
when no such file is left, the request is refused (503 + Retry-After) before anything is written.
"""
from __future__ import annotations

import time

from pathlib import Path

from audio.clip import AudioClip
from pipeline.media import PURGE_INTERVAL_S, MediaStore
from runtime.errors import Unavailable
from tts.audio_formats import encode
from tts.cache import atomic_write

TURN_PREFIX = "turn_"  # a turn's files belong to its job and its stored interview: never evicted here
MIN_AGE_S = 60.0  # s a speech-only file is left for the client that asked for it


def write_speech(media: MediaStore, path: Path, clip: AudioClip, media_type: str, max_bytes: int) -> None:
    """Encode `clip` as `media_type` and write it to `path` once there is room for it (see make_room)."""
    data = encode(clip, media_type)
    make_room(media, len(data), max_bytes)
    atomic_write(path, data)


def make_room(media: MediaStore, incoming: int, max_bytes: int) -> None:
    """Evict the oldest old speech-only files until `incoming` more bytes fit; Unavailable when they cannot."""
    if not max_bytes:
        return
    entries = media.entries()
    total = sum(size for _, size, _ in entries)
    cutoff = time.time() - MIN_AGE_S
    for mtime, size, path in sorted(entries):
        if total + incoming <= max_bytes:
            return
        if path.parent == media.audio_dir and not path.name.startswith(TURN_PREFIX) and mtime < cutoff:
            path.unlink(missing_ok=True)
            total -= size
    if total + incoming > max_bytes:
        raise Unavailable(f"the media storage is full (MEDIA_MAX_BYTES={max_bytes}); try again shortly",
                          headers={"Retry-After": str(int(PURGE_INTERVAL_S))}, code="media_storage_full")
