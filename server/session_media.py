"""The media files that stored interviews reference, for the janitor (which keeps them past the retention)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from jobs.media import AUDIO_URL_PREFIX, VIDEO_URL_PREFIX, MediaStore
from store.sessions import SessionStore


def media_in_use(media: MediaStore, sessions: SessionStore) -> set[Path]:
    """Paths of the videos and audio that live sessions reference (expired sessions are dropped first)."""
    paths = set()
    for url in sessions.media_in_use():
        path = urlsplit(url).path  # a signed link's query (expiry, signature) is not part of the name
        for prefix, lookup in ((VIDEO_URL_PREFIX, media.video), (AUDIO_URL_PREFIX, media.audio)):
            if path.startswith(prefix):
                try:
                    paths.add(lookup(path[len(prefix):]).path)
                except ValueError:
                    continue  # not a name this store makes: nothing on disk to keep
    return paths
