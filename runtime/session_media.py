"""The media files that stored interviews reference: kept by the janitor past the retention, and handed out again
with fresh signatures (a stored link expires after MEDIA_URL_TTL_S; a replay days later needs a live one)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from pipeline.media import AUDIO_URL_PREFIX, VIDEO_URL_PREFIX, MediaStore
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


def fresh_link(media: MediaStore, url: str | None) -> str | None:
    """A stored media URL signed anew (as it is when links are not signed)."""
    if url is None or media.links is None:
        return url
    return media.links.sign(urlsplit(url).path)
