"""The STT engine protocol, the transcript every engine returns, and the registry line and settings the engines
declare (settings/engine.py)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from settings.engine import EngineEntry, EngineSettings

SAMPLE_RATE = 16000  # Hz, what every engine receives (mono float32 in -1..1)
Cancelled = Callable[[], bool]  # asked between steps of a transcription: True once its client has left


class STTError(RuntimeError):
    """An STT engine could not transcribe (engine down, bad answer, missing install)."""


class STTCancelled(STTError):
    """The client left: its transcription was given up (waiting or part-way), nobody reads the answer."""


def check_cancelled(cancelled: Cancelled | None) -> None:
    """STTCancelled once `cancelled` says the client has left."""
    if cancelled is not None and cancelled():
        raise STTCancelled("the client left; its transcription was stopped")


class LanguageUnsupported(STTError):
    """The engine does not recognise the language asked for (the caller's mistake: a 400, not a 503)."""


@dataclass(frozen=True)
class Word:
    """One recognised word on the audio's timeline."""

    word: str
    start: float  # s from the audio's start
    end: float  # s from the audio's start
    probability: float | None = None

    def to_api(self) -> dict[str, Any]:
        """The JSON edge's shape."""
        data: dict[str, Any] = {"word": self.word, "start": round(self.start, 3), "end": round(self.end, 3)}
        if self.probability is not None:
            data["probability"] = round(self.probability, 3)
        return data


@dataclass(frozen=True)
class Transcript:
    """What was said, in which language, with word timings."""

    text: str
    language: str
    duration: float  # s of audio transcribed
    words: tuple[Word, ...] = field(default=())

    def to_api(self) -> dict[str, Any]:
        """The JSON edge's shape (text, language, duration, words)."""
        return {"text": self.text, "language": self.language, "duration": round(self.duration, 3),
                "words": [w.to_api() for w in self.words]}


class STTEngine(Protocol):
    """A speech recogniser; `transcribe` may be called from several request threads."""

    name: str  # registry key, e.g. "whisper"
    languages: frozenset[str] | None  # the only languages it recognises; None = whatever the model detects

    def transcribe(self, samples: np.ndarray, language: str | None = None, *, words: bool = True,
                   cancelled: Cancelled | None = None) -> Transcript:
        """Transcribe mono float32 samples at SAMPLE_RATE (language None = detect; words False = no timings,
        as for partials); raise STTError on failure, STTCancelled soon after `cancelled()` turns True."""
        ...

    def load(self) -> None:
        """Load models now (otherwise the first call does); raise STTError when it cannot."""
        ...


STTEntry = EngineEntry[STTEngine]  # an STT engine's registry line (stt/registry.py)


class ModelFolderSettings(EngineSettings):
    """speech to text, the embedded engines (whisper, vosk)"""

    STT_MODEL_DIR: str = ""
    """whisper: CTranslate2 folder, vosk: Vosk model folder; empty = the packaged model"""
