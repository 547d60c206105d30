"""The TTS engine protocol; every engine returns an audio.clip.AudioClip."""
from __future__ import annotations

import threading
from typing import Protocol

from audio.clip import AudioClip, Timing

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
