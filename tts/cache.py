"""A content-addressed TTS cache: WAV + timings JSON per key, a SQLite index, LRU eviction by size."""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import sqlite3
import tempfile
import threading
import time
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from tts.base import AudioClip, Timing, TTSEngine

log = logging.getLogger(__name__)

FORMAT = "wav"  # what the cache stores; other formats are converted at the edge
INDEX_NAME = "index.sqlite3"
SQLITE_TIMEOUT_S = 10.0  # s to wait for another process' write lock
SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    file_id TEXT PRIMARY KEY,
    duration REAL NOT NULL,
    file_size INTEGER NOT NULL,
    stored_bytes INTEGER NOT NULL,
    format TEXT NOT NULL,
    voice_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used REAL NOT NULL
)"""


def cache_key(text: str, engine: str, voice: str | None, settings: dict[str, Any], fmt: str = FORMAT) -> str:
    """sha256 over everything that changes the audio; the hex digest is the file_id."""
    material = json.dumps({"text": text, "engine": engine, "voice": voice, "settings": settings, "format": fmt},
                          sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheEntry:
    """One stored clip: the sibling seed's TTS response fields plus where the files are."""

    file_id: str
    path: Path  # the WAV file
    duration: float  # s
    file_size: int  # bytes of the WAV file
    format: str
    voice_id: str
    created_at: str  # ISO 8601 UTC, e.g. "2026-01-26T10:00:00Z"

    def to_api(self, cached: bool) -> dict[str, Any]:
        """The sibling seed's /api/tts data fields (the route adds audio_url)."""
        return {"file_id": self.file_id, "duration": round(self.duration, 3), "file_size": self.file_size,
                "format": self.format, "voice_id": self.voice_id, "created_at": self.created_at, "cached": cached}


@dataclass(frozen=True)
class CachedClip:
    """What CachedTTSEngine.synthesize_cached returns."""

    clip: AudioClip
    entry: CacheEntry
    cached: bool  # True: served from the cache, the engine was not called


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temp file in the same folder, then rename over `path`."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _wav_bytes(clip: AudioClip) -> bytes:
    """The clip as a mono 16-bit PCM WAV file."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(clip.sample_rate)
        w.writeframes(clip.samples.astype("<i2").tobytes())
    return out.getvalue()


def _timings_json(clip: AudioClip) -> bytes:
    """Phoneme and word timings as JSON."""
    def rows(timings: tuple[Timing, ...]) -> list[list[Any]]:
        return [[t.symbol, t.start, t.end] for t in timings]
    return json.dumps({"phonemes": rows(clip.phonemes), "words": rows(clip.words)}, ensure_ascii=False).encode()


class TTSCache:
    """Clips keyed by cache_key(); bounded to `max_bytes`, least recently used evicted first."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._db() as db:
            db.execute(SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """A new autocommit connection per call (sqlite3 connections must not cross threads)."""
        db = sqlite3.connect(self.root / INDEX_NAME, timeout=SQLITE_TIMEOUT_S, isolation_level=None)
        try:
            yield db
        finally:
            db.close()

    def _paths(self, file_id: str) -> tuple[Path, Path]:
        return self.root / f"{file_id}.wav", self.root / f"{file_id}.json"

    def _entry(self, row: tuple[Any, ...]) -> CacheEntry:
        file_id, duration, file_size, fmt, voice_id, created_at = row
        return CacheEntry(file_id, self._paths(file_id)[0], duration, file_size, fmt, voice_id, created_at)

    def get(self, key: str) -> CacheEntry | None:
        """The entry for `key` (marking it used), or None."""
        with self._lock, self._db() as db:
            row = db.execute("SELECT file_id, duration, file_size, format, voice_id, created_at FROM entries "
                             "WHERE file_id = ?", (key,)).fetchone()
            if row is None:
                return None
            if not all(p.exists() for p in self._paths(key)):
                log.warning("tts cache: files of %s vanished; dropping the entry", key)
                self._remove(db, key)
                return None
            db.execute("UPDATE entries SET last_used = ? WHERE file_id = ?", (time.time(), key))
            return self._entry(row)

    def put(self, key: str, clip: AudioClip, voice_id: str) -> CacheEntry:
        """Store `clip` under `key` (files first, then the index row) and evict down to max_bytes."""
        wav, timings = _wav_bytes(clip), _timings_json(clip)
        created = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        wav_path, json_path = self._paths(key)
        with self._lock:
            atomic_write(json_path, timings)
            atomic_write(wav_path, wav)
            with self._db() as db:
                db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (key, clip.duration, len(wav), len(wav) + len(timings), FORMAT, voice_id, created,
                            time.time()))
                self._evict(db, keep=key)
        return CacheEntry(key, wav_path, clip.duration, len(wav), FORMAT, voice_id, created)

    def load(self, entry: CacheEntry) -> AudioClip:
        """Read a stored clip back with its timings."""
        with wave.open(str(entry.path), "rb") as w:
            rate, frames = w.getframerate(), w.readframes(w.getnframes())
        meta = json.loads(self._paths(entry.file_id)[1].read_text(encoding="utf-8"))
        return AudioClip(samples=np.frombuffer(frames, dtype="<i2").astype(np.int16), sample_rate=rate,
                         phonemes=tuple(Timing(*row) for row in meta["phonemes"]),
                         words=tuple(Timing(*row) for row in meta["words"]))

    def total_bytes(self) -> int:
        """Bytes held by all entries (audio + timings)."""
        with self._db() as db:
            return db.execute("SELECT COALESCE(SUM(stored_bytes), 0) FROM entries").fetchone()[0]

    def _evict(self, db: sqlite3.Connection, keep: str) -> None:
        """Drop least recently used entries (never `keep`) until the total fits max_bytes."""
        total = db.execute("SELECT COALESCE(SUM(stored_bytes), 0) FROM entries").fetchone()[0]
        rows = db.execute("SELECT file_id, stored_bytes FROM entries WHERE file_id != ? ORDER BY last_used",
                          (keep,)).fetchall()
        for file_id, size in rows:
            if total <= self.max_bytes:
                break
            self._remove(db, file_id)
            total -= size
            log.info("tts cache: evicted %s (%d bytes)", file_id, size)

    def _remove(self, db: sqlite3.Connection, file_id: str) -> None:
        db.execute("DELETE FROM entries WHERE file_id = ?", (file_id,))
        for path in self._paths(file_id):
            path.unlink(missing_ok=True)


class CachedTTSEngine:
    """A TTSEngine that answers repeated requests from a TTSCache without calling the engine."""

    def __init__(self, engine: TTSEngine, cache: TTSCache, settings: dict[str, Any] | None = None) -> None:
        self.engine = engine
        self.cache = cache
        # what shapes the engine's audio besides text and voice goes into every key
        self.settings = settings if settings is not None else dict(engine.settings)
        self.name = engine.name
        self.display_name = engine.display_name

    def voices(self) -> list[str]:
        """The wrapped engine's voices."""
        return self.engine.voices()

    def synthesize(self, text: str, voice: str | None = None, *, cancel: threading.Event | None = None,
                   **options: Any) -> AudioClip:
        """Like the engine's synthesize, served from the cache when possible."""
        return self.synthesize_cached(text, voice, cancel=cancel, **options).clip

    def synthesize_cached(self, text: str, voice: str | None = None, *, cancel: threading.Event | None = None,
                          **options: Any) -> CachedClip:
        """The clip, its cache entry, and whether it came from the cache."""
        key = cache_key(text, self.name, voice, {**self.settings, "options": options})
        entry = self.cache.get(key)
        if entry is not None:
            try:
                return CachedClip(self.cache.load(entry), entry, cached=True)
            except (OSError, ValueError, KeyError, wave.Error) as e:  # evicted meanwhile, or damaged
                log.warning("tts cache: cannot read %s (%s); synthesizing again", key, e)
        clip = self.engine.synthesize(text, voice, cancel=cancel, **options)
        entry = self.cache.put(key, clip, voice_id=voice or "default")
        return CachedClip(clip, entry, cached=False)
