"""The TTS engine protocol and the audio clip every engine returns."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np


class TTSError(RuntimeError):
    """A TTS engine failed to produce audio (engine down, bad answer, unknown voice)."""


class NothingToSpeak(TTSError):
    """The text holds nothing an engine can say (only symbols, emoji or a URL): the client's error."""

    public_message = "it holds only symbols, emoji or links"


@dataclass(frozen=True)
class Timing:
    """One timed symbol of an utterance: a phoneme (IPA), a character or a word."""

    symbol: str
    start: float  # seconds from the clip's start
    end: float  # seconds from the clip's start


@dataclass(frozen=True)
class AudioClip:
    """Mono 16-bit PCM with optional timings on the clip's own timeline."""

    samples: np.ndarray  # int16, shape [n]
    sample_rate: int  # Hz
    phonemes: tuple[Timing, ...] = field(default=())
    words: tuple[Timing, ...] = field(default=())

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.sample_rate


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
