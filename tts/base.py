"""The TTS engine protocol and what an engine declares on its registry line; every engine returns an AudioClip."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Protocol

from pydantic import Field

from audio.clip import AudioClip, Timing
from settings.engine import EngineSettings, is_given

if TYPE_CHECKING:
    from tts.voices import Catalogue, Voice

__all__ = ["AudioClip", "TTSEngine", "TTSError", "Timing"]  # the clip types are re-exported for the engines


class TTSError(RuntimeError):
    """A TTS engine failed to produce audio (engine down, bad answer, unknown voice)."""


class NothingToSpeak(TTSError):
    """The text holds nothing an engine can say (only symbols, emoji or a URL): the client's error."""

    public_message = "it holds only symbols, emoji or links"


class TTSEngine(Protocol):
    """A speech synthesizer; `synthesize` may be called from several job threads."""

    name: str  # registry key, e.g. "espeak"
    display_name: str  # shown by /api/tts_engines

    def voices(self) -> list[str]:
        """Voice names this engine accepts."""
        ...

    def synthesize(
        self, text: str, voice: str | None = None, *, cancel: threading.Event | None = None
    ) -> AudioClip:
        """Speak `text` with `voice` (None = the engine's default); raise TTSError on failure."""
        ...

    @property
    def settings(self) -> dict[str, Any]:
        """Everything besides text and voice that changes the audio (part of every cache key); none by default."""
        return {}

    def status(self) -> str | None:
        """"online" or "offline" by a cheap probe; None when the engine has none (configured is all we know)."""
        return None


class SpeechSettings(EngineSettings):
    """speech (TTS), every engine: espeak is always available, a remote engine is configured when its key/URL is set"""

    TTS_TIMEOUT_S: Annotated[float, Field(gt=0)] = 30.0
    """limit of one remote TTS request"""
    TTS_FALLBACK: str = ""
    """e.g. espeak: speaks the turn when the chosen engine fails"""
    TTS_CACHE_MAX_BYTES: Annotated[int, Field(ge=0)] = 200_000_000
    """TTS cache (MEDIA_DIR/tts_cache), least recently used evicted; 0 = off"""


def always_ready(config: Any) -> str | None:
    """An engine that needs nothing: never missing anything."""
    return None


def no_voices(config: Any, catalogue: "Catalogue") -> Iterable["Voice"]:
    """An engine whose voices are all in voices.json."""
    return ()


@dataclass(frozen=True)
class TTSEntry:
    """One registry line: how an engine is built from the settings and what it declares about itself."""

    build: Callable[[Any, "Catalogue"], TTSEngine]  # (the server's Config, the voice catalogue) -> the engine
    settings: type[EngineSettings] | None = None  # its own keys, collected into the server's Config
    missing: Callable[[Any], str | None] = always_ready  # what else it lacks to run here (its packages), or None
    voices: Callable[[Any, "Catalogue"], Iterable["Voice"]] = no_voices  # catalogue voices its settings add
    # The settings it needs set (a remote engine's key or URL): without them it is left out; with them all given
    # and TTS_ENGINE empty, the operator configured it, so it speaks by default (settings/engine.py: default_engine).
    needs: tuple[str, ...] = ()

    def lacks(self, config: Any) -> str | None:
        """What it lacks to run with `config` (the needed settings that are empty, or what `missing` names), or None."""
        empty = [key for key in self.needs if not is_given(getattr(config, key))]
        return ", ".join(empty) if empty else self.missing(config)
