"""Room on disk before anything is written: MEDIA_MAX_BYTES holds at write time for speech-only files and uploads.

The cap counts the generated media (video and audio) and the uploads (every uploaded avatar's resolutions
and the upload folders of jobs still making one). The janitor evicts only files older than the job timeout
(a running turn's may be younger), so a flood of /api/tts calls or uploads used to pile up far past the cap
between its rounds. A speech-only file (any audio but a turn's) is made and handed out at once, so once its
client had MIN_AGE_S to fetch it, it may go to make room; when no such file is left, the write is refused
before anything is written: speech 503 + Retry-After (young files age), an upload 507.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

from audio.clip import AudioClip
from avatars.upload_space import uploads_bytes
from pipeline.media import PURGE_INTERVAL_S
from runtime.avatar_jobs import UPLOADS_DIR
from runtime.errors import ApiError, Unavailable
from runtime.services import Services
from tts.audio_formats import encode
from tts.cache import atomic_write

TURN_PREFIX = "turn_"  # a turn's files belong to its job and its stored interview: never evicted here
MIN_AGE_S = 60.0  # s a speech-only file is left for the client that asked for it
WRITE_LOCK = threading.Lock()  # one check-then-write at a time: two writers cannot both take the last room


class InsufficientStorage(ApiError):
    """The media storage cannot hold an upload (507)."""

    status = 507
    code = "media_storage_full"


def write_speech(s: Services, path: Path, clip: AudioClip, media_type: str) -> None:
    """Encode `clip` as `media_type` and write it to `path` once there is room for it (503 when there is none)."""
    data = encode(clip, media_type)
    with WRITE_LOCK:
        if not make_room(s, len(data)):
            raise Unavailable(f"the media storage is full (MEDIA_MAX_BYTES={s.config.MEDIA_MAX_BYTES}); "
                              "try again shortly", headers={"Retry-After": str(int(PURGE_INTERVAL_S))},
                              code="media_storage_full")
        atomic_write(path, data)


def check_upload_room(s: Services, incoming: int) -> None:
    """507 when an upload of `incoming` bytes does not fit in MEDIA_MAX_BYTES (call with WRITE_LOCK held)."""
    if not make_room(s, incoming):
        raise InsufficientStorage(f"the media storage is full: this upload of {incoming} bytes does not fit in "
                                  f"MEDIA_MAX_BYTES={s.config.MEDIA_MAX_BYTES} (media and uploads together)")


def make_room(s: Services, incoming: int) -> bool:
    """Evict the oldest old speech-only files until `incoming` more bytes fit; False when they cannot."""
    max_bytes = s.config.MEDIA_MAX_BYTES
    if not max_bytes:
        return True
    entries = s.media.entries()
    total = sum(size for _, size, _ in entries) + uploads_bytes(s.avatars, s.config.MEDIA_DIR / UPLOADS_DIR)
    cutoff = time.time() - MIN_AGE_S
    for mtime, size, path in sorted(entries):
        if total + incoming <= max_bytes:
            return True
        if path.parent == s.media.audio_dir and not path.name.startswith(TURN_PREFIX) and mtime < cutoff:
            path.unlink(missing_ok=True)
            total -= size
    return total + incoming <= max_bytes
