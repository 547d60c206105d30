"""Speaking a text: pick the engine (by name or by the voice's catalogue entry), serve from the cache, fall back.

Every caller (the `/api/v2/tts` and `/api/tts` routes, the turn pipeline) speaks through one Speaker, so
voice resolution, caching and the `TTS_FALLBACK` rule are the same everywhere.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from telemetry import metrics
from tts.base import AudioClip, TTSEngine, TTSError
from tts.cache import CacheEntry, CachedTTSEngine, TTSCache
from tts.voices import Catalogue

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Spoken:
    """A synthesized clip and how it was made."""

    clip: AudioClip
    engine: str  # the engine that actually spoke
    voice: str | None
    cached: bool = False
    entry: CacheEntry | None = None
    fallback_reason: str | None = None  # set when TTS_FALLBACK spoke instead of the requested engine


class Speaker:
    """The configured TTS engines behind one `speak()`."""

    def __init__(self, engines: Mapping[str, TTSEngine], default_engine: str, catalogue: Catalogue,
                 cache: TTSCache | None = None, fallback: str | None = None) -> None:
        if default_engine not in engines:
            raise ValueError(f"default TTS engine {default_engine!r} is not configured")
        if fallback and fallback not in engines:
            raise ValueError(f"TTS fallback {fallback!r} is not configured")
        self.engines = dict(engines)
        self.default_engine = default_engine
        self.catalogue = catalogue
        self.fallback = fallback or None
        self._cached = {name: CachedTTSEngine(e, cache) for name, e in engines.items()} if cache else {}

    def names(self) -> list[str]:
        """Configured engine names, the default first."""
        return [self.default_engine, *sorted(n for n in self.engines if n != self.default_engine)]

    def engine_for_voice(self, voice: str) -> str | None:
        """The configured engine that owns catalogue voice `voice`, if any."""
        entry = next((v for v in self.catalogue.voices if v.voice_id == voice), None)
        return entry.engine if entry is not None and entry.engine in self.engines else None

    def speak(self, text: str, engine: str, voice: str | None, cancel: threading.Event | None = None,
              **options: Any) -> Spoken:
        """Synthesize with `engine`; on failure (not a cancel) speak with the fallback engine when one is set."""
        try:
            return self._speak(text, engine, voice, cancel, **options)
        except TTSError as e:
            if cancel is None or not cancel.is_set():
                metrics.tts_failures.labels(engine).inc()
            if cancel is not None and cancel.is_set() or self.fallback is None or engine == self.fallback:
                raise
            log.warning("TTS engine %s failed (%s); speaking with %s", engine, e, self.fallback)
            spoken = self._speak(text, self.fallback, None, cancel)
            reason = f"the {engine} engine failed"  # the detail (maybe an upstream body) stays in the log
            return Spoken(spoken.clip, spoken.engine, None, spoken.cached, spoken.entry, fallback_reason=reason)

    def _speak(self, text: str, engine: str, voice: str | None, cancel: threading.Event | None,
               **options: Any) -> Spoken:
        cached_engine = self._cached.get(engine)
        if cached_engine is None:
            return Spoken(self.engines[engine].synthesize(text, voice, cancel=cancel, **options), engine, voice)
        result = cached_engine.synthesize_cached(text, voice, cancel=cancel, **options)
        return Spoken(result.clip, engine, voice, result.cached, result.entry)
