"""Per-video-frame audio measurements: loudness, voice activity and a coarse spectral shape."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from audio.clip import AudioClip

SILENCE_DBFS = -50.0  # frames quieter than this are silent whatever the clip's level
SILENCE_BELOW_PEAK = 40.0  # dB: frames this far below the clip's loudest frame are silent too
MIN_PAUSE = 0.12  # s: quieter stretches shorter than this are stop closures inside words, not pauses
WINDOW = 0.04  # s analysed around each frame centre
LOW_BAND = (150.0, 900.0)  # Hz: first formant region (jaw opening)
MID_BAND = (900.0, 2600.0)  # Hz: second formant of front vowels (spread lips)
HIGH_BAND = (3500.0, 8000.0)  # Hz: fricative noise (s, sh)


@dataclass(frozen=True)
class FrameAudio:
    """Measurements per video frame of a clip."""

    db: np.ndarray  # [N] float: RMS level, dBFS
    voiced: np.ndarray  # [N] bool: speech present (short gaps inside speech count as speech)
    low: np.ndarray  # [N] float: share of energy in LOW_BAND
    mid: np.ndarray  # [N] float: share in MID_BAND
    high: np.ndarray  # [N] float: share in HIGH_BAND
    peak_db: float


def _windows(samples: np.ndarray, sr: int, centres: np.ndarray) -> np.ndarray:
    """Hann-windowed excerpts [N, n] of `samples` around `centres` (s), zero outside the clip."""
    n = max(int(round(WINDOW * sr)), 16)
    starts = np.rint(centres * sr).astype(np.int64) - n // 2
    padded = np.concatenate([np.zeros(n, np.float32), samples, np.zeros(n, np.float32)])
    idx = np.clip(starts[:, None] + np.arange(n)[None, :] + n, 0, len(padded) - 1)
    return padded[idx] * np.hanning(n).astype(np.float32)


def analyse(clip: AudioClip, fps: int, n_frames: int, lead: float = 0.0) -> FrameAudio:
    """Measure `clip` at the centres of `n_frames` video frames, looking `lead` seconds ahead."""
    samples = clip.samples.astype(np.float32) / 32768.0
    centres = (np.arange(n_frames) + 0.5) / fps + lead
    win = _windows(samples, clip.sample_rate, centres)
    rms = np.sqrt(np.mean(win * win, axis=1) / 0.375)  # 0.375 = mean of hann^2
    db = 20.0 * np.log10(np.maximum(rms, 1e-7))
    peak = float(db.max()) if n_frames else SILENCE_DBFS
    loud = db > max(SILENCE_DBFS, peak - SILENCE_BELOW_PEAK)
    voiced = _fill_short_gaps(loud, int(round(MIN_PAUSE * fps)))
    spec = np.abs(np.fft.rfft(win, axis=1)) ** 2
    freqs = np.fft.rfftfreq(win.shape[1], 1.0 / clip.sample_rate)
    total = spec[:, freqs >= LOW_BAND[0]].sum(axis=1) + 1e-12
    share = lambda band: spec[:, (freqs >= band[0]) & (freqs < band[1])].sum(axis=1) / total  # noqa: E731
    return FrameAudio(db, voiced, share(LOW_BAND), share(MID_BAND), share(HIGH_BAND), peak)


def _fill_short_gaps(active: np.ndarray, min_gap: int) -> np.ndarray:
    """Mark inactive runs shorter than `min_gap` frames as active when speech lies on both sides."""
    out = active.copy()
    idx = np.flatnonzero(active)
    if len(idx) < 2:
        return out
    gaps = np.diff(idx)
    for start, gap in zip(idx[:-1], gaps):
        if 1 < gap <= min_gap:
            out[start + 1 : start + gap] = True
    return out
