"""A mono PCM clip with the timings of what it says: what TTS engines return and lip sync consumes."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


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
