"""Synthetic utterances with exact phoneme timings, for tests and benchmarks (no TTS needed)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from audio.clip import AudioClip, Timing

SAMPLE_RATE = 22050  # Hz, as espeak-ng produces
PITCH = 130.0  # Hz of the voiced buzz
LEVEL = 0.8  # of full scale at the loudest

Part = tuple[float, Sequence[str] | None]  # (seconds, phonemes spread evenly over them; None = silence)


def speech(parts: Sequence[Part], *, timings: bool = True, vowel_hz: float = 700.0, sample_rate: int = SAMPLE_RATE) -> AudioClip:
    """A clip that buzzes (with a formant-like tone at `vowel_hz`) where phonemes are given and is silent elsewhere."""
    audio, phonemes, t = [], [], 0.0
    for seconds, symbols in parts:
        n = int(round(seconds * sample_rate))
        tt = np.arange(n) / sample_rate
        if symbols is None:
            audio.append(np.zeros(n))
        else:
            buzz = 0.25 * np.sin(2 * np.pi * PITCH * tt) * (1.2 + np.sin(2 * np.pi * 6 * tt))
            audio.append(buzz + 0.12 * np.sin(2 * np.pi * vowel_hz * tt))
            step = seconds / len(symbols)
            phonemes += [Timing(s, t + i * step, t + (i + 1) * step) for i, s in enumerate(symbols)]
        t += seconds
    samples = (np.concatenate(audio) * 32767 * LEVEL).astype(np.int16)
    return AudioClip(samples, sample_rate, tuple(phonemes) if timings else ())
