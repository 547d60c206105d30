"""Disk held by uploaded avatars: bytes per owner (the AVATAR_UPLOAD_OWNER_MAX_BYTES cap) and in all (counted in
MEDIA_MAX_BYTES), last use, the expiry of uploads nobody used for AVATAR_UPLOAD_IDLE_DAYS, and upload folders
a job left behind (a killed worker)."""
from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from avatars.store import AvatarInfo, AvatarStore

log = logging.getLogger(__name__)

TOUCH_EVERY_S = 3600.0  # an upload's last use is written at most this often (a folder mtime, no database)


def folder_bytes(folder: Path) -> int:
    """Bytes of every file under `folder` (0 when it is gone)."""
    total = 0
    for path in folder.rglob("*"):
        try:
            total += path.stat().st_size if path.is_file() else 0
        except FileNotFoundError:
            continue  # removed concurrently
    return total


def owner_bytes(store: AvatarStore, owner: str) -> int:
    """Bytes of every avatar `owner` uploaded, all resolutions."""
    return sum(folder_bytes(store.root / a.id) for a in store.list() if a.owner == owner)


def uploads_bytes(store: AvatarStore, upload_root: Path) -> int:
    """Bytes of every uploaded avatar (all owners, all resolutions) and of the upload folders jobs still work on."""
    return sum(folder_bytes(store.root / a.id) for a in store.list() if a.owner is not None) + folder_bytes(upload_root)


def mark_used(store: AvatarStore, avatars: Iterable[AvatarInfo], now: float | None = None) -> None:
    """Record that uploaded `avatars` were used (listed by their owner, previewed or spoken with)."""
    now = time.time() if now is None else now
    for info in avatars:
        folder = store.root / info.id
        try:
            if info.owner is not None and folder.stat().st_mtime < now - TOUCH_EVERY_S:
                os.utime(folder, (now, now))
        except FileNotFoundError:
            continue  # deleted meanwhile


def expire_idle(store: AvatarStore, idle_s: float, now: float | None = None) -> list[str]:
    """Delete uploaded avatars unused for `idle_s`; the base names removed."""
    cutoff = (time.time() if now is None else now) - idle_s
    stale = set()
    for info in store.list():
        try:
            if info.owner is not None and (store.root / info.id).stat().st_mtime < cutoff:
                stale.add(info.name)
        except FileNotFoundError:
            continue
    for name in sorted(stale):
        store.remove(name)
        log.info("deleted uploaded avatar %s: unused for %.0f days", name, idle_s / 86400)
    return sorted(stale)


def sweep(store: AvatarStore, upload_root: Path, idle_s: float, orphan_age_s: float) -> None:
    """One janitor round: idle uploads expired, orphaned upload folders collected."""
    expire_idle(store, idle_s)
    removed = collect_orphans(upload_root, orphan_age_s)
    if removed:
        log.info("removed %d upload folders their jobs left behind", removed)


def collect_orphans(upload_root: Path, max_age_s: float, now: float | None = None) -> int:
    """Delete upload folders older than any job could be (their job's worker was killed); how many went."""
    if not upload_root.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - max_age_s
    removed = 0
    for folder in upload_root.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        except FileNotFoundError:
            continue
    return removed
