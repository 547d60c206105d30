"""Where generated media lives: unguessable names, URL families of the seed, and expiry."""
from __future__ import annotations

import logging
import re
import secrets
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from pipeline.media_links import MediaLinks

log = logging.getLogger(__name__)

VIDEO_URL_PREFIX = "/video/"
AUDIO_URL_PREFIX = "/assets/audio/"
MEDIA_NAME_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,120}\.(mp4|wav|ogg|aac)$")
PURGE_INTERVAL_S = 15.0  # s between janitor rounds (expiry and the byte cap)


@dataclass(frozen=True)
class MediaFile:
    """A generated file: where it is on disk and how clients fetch it."""

    path: Path
    url: str
    relative_path: str  # as the seed reports it, e.g. "results/video/x.mp4"


class MediaStore:
    """Folders for generated video and audio under one root; nothing outside is ever served."""

    def __init__(self, root: Path, project_root: Path, links: MediaLinks | None = None) -> None:
        self.video_dir = root / "video"
        self.audio_dir = root / "audio"
        self.links = links  # when set, every URL handed out is signed and expires
        self._project_root = project_root
        for folder in (self.video_dir, self.audio_dir):
            folder.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def new_stem(prefix: str) -> str:
        """A fresh unguessable file stem such as `turn_3f9a...`."""
        return f"{prefix}_{secrets.token_hex(12)}"

    def video(self, name: str) -> MediaFile:
        """The video file `name` (e.g. "turn_x.mp4")."""
        return self._file(self.video_dir, VIDEO_URL_PREFIX, name)

    def audio(self, name: str) -> MediaFile:
        """The audio file `name` (e.g. "turn_x.wav")."""
        return self._file(self.audio_dir, AUDIO_URL_PREFIX, name)

    def _file(self, folder: Path, url_prefix: str, name: str) -> MediaFile:
        if not MEDIA_NAME_PATTERN.match(name):
            raise ValueError(f"invalid media name {name!r}")
        path = folder / name
        try:
            relative = path.relative_to(self._project_root).as_posix()
        except ValueError:
            relative = path.as_posix()
        url = url_prefix + name
        return MediaFile(path=path, url=self.links.sign(url) if self.links else url, relative_path=relative)

    def purge(self, max_age_s: float, now: float | None = None, keep: Collection[Path] = ()) -> int:
        """Delete files older than `max_age_s`, except those in `keep`; return how many went."""
        cutoff = (time.time() if now is None else now) - max_age_s
        removed = 0
        for path in self._files():
            try:
                if path.is_file() and path not in keep and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                continue  # removed concurrently
        return removed

    def entries(self) -> list[tuple[float, int, Path]]:
        """(mtime, size, path) of every video and audio file."""
        found = []
        for path in self._files():
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue  # removed concurrently
            found.append((stat.st_mtime, stat.st_size, path))
        return found

    def _files(self) -> list[Path]:
        """Every video and audio file; a folder deleted under the running server is made again."""
        found: list[Path] = []
        for folder in (self.video_dir, self.audio_dir):
            folder.mkdir(parents=True, exist_ok=True)
            try:
                found.extend(folder.iterdir())
            except FileNotFoundError:
                continue  # deleted again meanwhile: nothing to purge there
        return found


    def evict(self, max_bytes: int, min_age_s: float, now: float | None = None, keep: Collection[Path] = ()) -> int:
        """Delete the oldest files until video + audio fit in `max_bytes`; return how many went.

        A file younger than `min_age_s` (the job timeout) may belong to a job still running, which can be
        no older than that, so it is never evicted; nor is one in `keep` (referenced by a stored interview).
        """
        files = self.entries()
        total = sum(size for _, size, _ in files)
        cutoff = (time.time() if now is None else now) - min_age_s
        removed = 0
        for mtime, size, path in sorted(files):
            if total <= max_bytes:
                break
            if mtime >= cutoff or path in keep:
                continue
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        if total > max_bytes:
            log.warning("media is %d bytes over MEDIA_MAX_BYTES; the rest belongs to recent or running jobs",
                        total - max_bytes)
        return removed


class MediaJanitor:
    """A named background thread that purges expired media, then the oldest beyond the byte cap, until stopped.

    `in_use` names files it must keep (referenced by a stored interview); `also` runs each round too (the
    uploaded avatars' expiry).
    """

    def __init__(self, store: MediaStore, retention_s: float, interval_s: float = PURGE_INTERVAL_S,
                 in_use: Callable[[], Collection[Path]] = frozenset, max_bytes: int = 0,
                 protect_s: float = 0.0, also: Callable[[], None] | None = None) -> None:
        self._store = store
        self._retention_s = retention_s
        self._in_use = in_use
        self._max_bytes = max_bytes  # 0: no cap
        self._protect_s = protect_s  # files this young are never evicted (the job timeout)
        self._also = also
        self._interval_s = min(interval_s, retention_s)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="media-janitor", daemon=True)

    def start(self) -> None:
        """Begin purging in the background."""
        self._thread.start()

    @property
    def running(self) -> bool:
        """True while the thread is alive."""
        return self._thread.is_alive()

    def stop(self) -> None:
        """Stop and join the thread."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                keep = self._in_use()
            except Exception:  # noqa: BLE001 -- e.g. the database is down: delete nothing rather than too much
                log.exception("media purge skipped: cannot tell which files are in use")
                continue
            try:
                self._sweep(keep)
            except OSError:  # a full or vanished disk: log it and try again next round, never stop the janitor
                log.exception("media purge failed")

    def _sweep(self, keep: Collection[Path]) -> None:
        if self._also is not None:
            self._also()
        removed = self._store.purge(self._retention_s, keep=keep)
        if removed:
            log.info("purged %d expired media files", removed)
        if self._max_bytes:
            evicted = self._store.evict(self._max_bytes, self._protect_s, keep=keep)
            if evicted:
                log.info("evicted %d media files over MEDIA_MAX_BYTES", evicted)
