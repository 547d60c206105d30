"""Speaking a text: pick the engine (by name or by the voice's catalogue entry), serve from the cache, fall back.

Every caller (the `/api/v2/tts` and `/api/tts` routes, the turn routes, session settings, the pipeline) speaks
through one Speaker, and `Speaker.choose` is the one place that decides which engine speaks a voice, so voice
resolution, caching and the `TTS_FALLBACK` rule are the same everywhere.
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

SEED_DEFAULT_VOICE = "Custom"  # the seed's voice name for "the engine's default voice"
# Engine names a seed client may send although this server is not configured for them: served by the default engine.
KNOWN_SEED_ENGINES = frozenset({"elevenlabs", "gpt_sovits", "espeak"})


@dataclass(frozen=True)
class TtsChoice:
    """The engine that will speak, its voice, and the reason when the requested engine does not."""

    engine: str
    voice: str | None
    reason: str | None = None  # e.g. "'elevenlabs' is not configured on this server; 'espeak' speaks instead"


class VoiceChoiceError(ValueError):
    """A request's engine or voice that no configured engine serves; `field` is "engine" or "voice"."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field} {problem}")
        self.field = field
        self.problem = problem  # e.g. "must be one of espeak, piper; got 'x'"


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

    def choose(self, requested: str | None, voice: str | None) -> TtsChoice:
        """The engine and voice that speak a request naming engine `requested` and/or voice `voice`: the named engine;
        else the configured engine of the voice's catalogue entry; else the default. A seed engine name that is not
        configured is served (and reported) by the default engine; VoiceChoiceError for what no engine here serves."""
        unconfigured = requested is not None and requested not in self.engines
        if unconfigured and requested not in KNOWN_SEED_ENGINES:
            raise VoiceChoiceError("engine", f"must be one of {', '.join(self.names())}; got {requested!r}")
        entry = next((v for v in self.catalogue.voices if v.voice_id == voice), None) if voice else None
        owner = entry.engine if entry is not None and entry.engine in self.engines else None
        engine = (None if unconfigured else requested) or owner or self.default_engine
        reason = f"{requested!r} is not configured on this server; {engine!r} speaks instead" if unconfigured else None
        voices = self.engines[engine].voices()
        if voice == SEED_DEFAULT_VOICE and voice not in voices:
            voice = None  # the seed's default voice name = this engine's default voice
        if voice is not None and voice not in voices:
            if entry is not None and owner is None and requested is None:
                raise VoiceChoiceError("voice", f"names voice {voice!r} of engine {entry.engine!r}, which is not "
                                                "configured here")
            raise VoiceChoiceError("voice", f"must be one of {', '.join(voices)}; got {voice!r}")
        return TtsChoice(engine, voice, reason)

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
