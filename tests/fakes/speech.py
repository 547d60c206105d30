"""Speech-like test audio made here: one tone burst per character, silence for spaces."""
from __future__ import annotations

import numpy as np

AMPLITUDE = 8000  # int16 peak of a character's tone
BASE_HZ = 140.0  # Hz, lowest character tone


def char_samples(sample_rate: int, char_s: float) -> int:
    """Samples per character at `sample_rate`."""
    return int(round(char_s * sample_rate))


def speech_like(text: str, sample_rate: int, char_s: float) -> np.ndarray:
    """int16 audio with exactly char_samples() samples per character of `text`."""
    n = char_samples(sample_rate, char_s)
    t = np.arange(n) / sample_rate
    envelope = np.sin(np.pi * np.arange(n) / n)  # fade in and out, no clicks
    pieces = []
    for char in text:
        if char.isspace():
            pieces.append(np.zeros(n))
        else:
            hz = BASE_HZ + (ord(char) % 40) * 12.0
            pieces.append(AMPLITUDE * envelope * np.sin(2 * np.pi * hz * t))
    return np.concatenate(pieces).astype(np.int16) if pieces else np.zeros(0, np.int16)
