"""Rendered sentences kept on disk: identical ones (greetings, scripted questions) skip TTS and rendering.

An entry is one sentence: its frame-aligned PCM (`audio.npy`), its segment files (`segNNN.mp4`) and
`entry.json` (sample rate, frames per segment). The key covers everything that changes those bytes:
text, voice, TTS engine, avatar (id, resolution, source hash), frame_skip, lipsync engine and version,
encoder settings, the segment-cutting policy (`lipsync.segments.cache_settings`), the pause before the
sentence and the idle-loop position it starts at (so the idle motion stays continuous when cached and
fresh sentences alternate). Entries are written to a temp
folder and renamed into place; the least recently used go once the cache passes its byte budget.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from lipsync.segments import cache_settings

log = logging.getLogger(__name__)

CACHE_FORMAT = 2  # bump when the entry layout or what a segment contains changes (2: blinks and gaze)
ENTRY = "entry.json"
AUDIO = "audio.npy"
TEMP_PREFIX = ".tmp-"


def sentence_key(**parts: Any) -> str:
    """sha256 over every input that changes a rendered sentence."""
    material = json.dumps({"format": CACHE_FORMAT, "segments": cache_settings(), **parts},
                          sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedSentence:
    """A cache hit, its segments already copied to the caller's files."""

    audio: np.ndarray  # int16 [n], frame-aligned PCM of the sentence
    sample_rate: int  # Hz
    segments: tuple[tuple[Path, int], ...]  # (file, frame count) in order


class RenderCache:
    """A bounded folder of rendered sentences; safe to use from several job threads of one process."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        if max_bytes < 1:
            raise ValueError("max_bytes must be positive")
        self.root = Path(root)
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self.root.mkdir(parents=True, exist_ok=True)
        for stale in self.root.glob(f"{TEMP_PREFIX}*"):  # left by a crash mid-write
            shutil.rmtree(stale, ignore_errors=True)

    def checkout(self, key: str, target: Callable[[int], Path]) -> CachedSentence | None:
        """Copy entry `key`'s segment i to `target(i)` and return it, or None on a miss."""
        folder = self.root / key
        with self._lock:  # eviction takes the lock too, so the entry cannot vanish mid-copy
            if not (folder / ENTRY).is_file():
                return None
            try:
                meta = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
                audio = np.load(folder / AUDIO, allow_pickle=False)
                segments = []
                for index, frames in enumerate(meta["frames"]):
                    path = target(index)
                    shutil.copyfile(folder / f"seg{index:03d}.mp4", path)
                    segments.append((path, int(frames)))
                os.utime(folder / ENTRY)  # most recently used
            except (OSError, ValueError, KeyError, TypeError) as e:
                log.warning("render cache entry %s unreadable, dropped: %s", key[:12], e)
                shutil.rmtree(folder, ignore_errors=True)
                return None
        return CachedSentence(audio, int(meta["sample_rate"]), tuple(segments))

    def put(self, key: str, audio: np.ndarray, sample_rate: int, segments: Sequence[tuple[Path, int]]) -> None:
        """Store a rendered sentence (copies of its segment files), then evict past the byte budget.

        A cache that cannot be written (disk full, folder gone) is logged and skipped: the turn goes on.
        """
        tmp: Path | None = None
        try:
            tmp = Path(tempfile.mkdtemp(dir=self.root, prefix=TEMP_PREFIX))
            for index, (path, _) in enumerate(segments):
                shutil.copyfile(path, tmp / f"seg{index:03d}.mp4")
            np.save(tmp / AUDIO, np.ascontiguousarray(audio, dtype=np.int16), allow_pickle=False)
            meta = {"sample_rate": sample_rate, "frames": [frames for _, frames in segments]}
            (tmp / ENTRY).write_text(json.dumps(meta), encoding="utf-8")
            with self._lock:
                if not (self.root / key).exists():  # another job may have stored the same sentence
                    os.rename(tmp, self.root / key)
                self._evict_locked()
        except OSError as e:
            log.warning("render cache entry %s not stored: %s", key[:12], e)
        finally:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)

    def size_bytes(self) -> int:
        """Bytes held by complete entries."""
        with self._lock:
            return sum(size for _, _, size in self._entries_locked())

    def _entries_locked(self) -> list[tuple[float, Path, int]]:
        """(last use, folder, bytes) of every complete entry."""
        entries = []
        for folder in self.root.iterdir():
            if folder.name.startswith(TEMP_PREFIX):
                continue  # being written by another job
            try:
                used = (folder / ENTRY).stat().st_mtime
                size = sum(f.stat().st_size for f in folder.iterdir())
            except (FileNotFoundError, NotADirectoryError):
                continue  # not an entry
            entries.append((used, folder, size))
        return entries

    def _evict_locked(self) -> None:
        entries = sorted(self._entries_locked())
        total = sum(size for _, _, size in entries)
        for _, folder, size in entries:
            if total <= self.max_bytes:
                break
            shutil.rmtree(folder, ignore_errors=True)
            total -= size
