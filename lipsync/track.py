"""The mouth track: per video frame, how open and how wide the mouth is.

From timings (espeak phonemes, ElevenLabs characters) each symbol becomes visemes; every viseme
pulls the mouth towards its shape with a weight that is flat over its own interval and falls off
outside it (a dominance model of coarticulation), sampled a little ahead of the sound because lips
move before we hear them. Without timings the track comes from the audio (loudness opens the jaw,
the spectral balance rounds or spreads the lips). Either way, frames where the audio is silent are
forced to the closed rest shape.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lipsync.audio import FrameAudio, analyse
from lipsync.visemes import VISEMES, is_vowel, symbol_visemes
from audio.clip import AudioClip, Timing

LEAD = 0.03  # s: the mouth shows each sound this much before it is heard
COARTICULATION = 0.035  # s: how far a viseme's pull reaches beyond its interval (Gaussian sigma)
SUBSAMPLES = 4  # samples per frame, averaged (a frame shows a 40 ms stretch, not an instant)
VOWEL_SHARE = 2.0  # a vowel gets this many times a consonant's share of a multi-viseme symbol
OPEN_RANGE_DB = 24.0  # audio track: dB between a barely open and a fully open mouth
OPEN_FLOOR_BELOW_PEAK = 30.0  # audio track: dB below the peak where the mouth starts to open
AUDIO_SMOOTH = 0.8  # frames: Gaussian smoothing of the audio-driven track
CHUNK = 2048  # time samples blended at once (bounds memory on long clips)


@dataclass(frozen=True)
class MouthTrack:
    """Mouth parameters per frame of a clip; frames past the end are closed."""

    open: np.ndarray  # [N] float32 0..1
    width: np.ndarray  # [N] float32 -1..1
    active: np.ndarray  # [N] bool: speech may move the mouth (False = silence, mouth closed)

    def __len__(self) -> int:
        return len(self.open)

    def active_at(self, frame: int) -> bool:
        """True when the mouth may move at `frame`."""
        return 0 <= frame < len(self.active) and bool(self.active[frame])

    def at(self, frame: int) -> tuple[float, float]:
        """(open, width) at `frame`; (0, 0) outside the track."""
        if 0 <= frame < len(self.open):
            return float(self.open[frame]), float(self.width[frame])
        return 0.0, 0.0


def frame_total(clip: AudioClip, fps: int) -> int:
    """Number of video frames that cover `clip`."""
    return int(np.ceil(clip.duration * fps - 1e-9))


def mouth_track(clip: AudioClip, fps: int) -> MouthTrack:
    """The mouth track of a whole clip: from phoneme timings, else character timings, else the audio."""
    n = frame_total(clip, fps)
    audio = analyse(clip, fps, n, lead=LEAD)
    timings = clip.phonemes
    if timings:
        open_, width = _from_timings(timings, fps, n)
    else:
        open_, width = _from_audio(audio)
    gate = _speech_gate(audio)
    return MouthTrack((open_ * gate).astype(np.float32), (width * gate).astype(np.float32), gate)


def _events(timings: tuple[Timing, ...]) -> list[tuple[float, float, str]]:
    """Timed visemes (start, end, name): symbols split into their visemes, untimed gaps filled with silence.

    Symbols without a viseme (spaces between words) are bridged: no silence is put in their place.
    """
    events: list[tuple[float, float, str]] = []
    last_end = 0.0
    for t in sorted(timings, key=lambda t: t.start):
        names = symbol_visemes(t.symbol)
        if not names or t.end <= t.start:
            last_end = max(last_end, t.end)
            continue
        if t.start > last_end + 1e-3:
            events.append((last_end, t.start, "sil"))
        shares = np.array([VOWEL_SHARE if is_vowel(v) else 1.0 for v in names])
        edges = t.start + (t.end - t.start) * np.concatenate([[0.0], np.cumsum(shares) / shares.sum()])
        events += [(float(a), float(b), v) for a, b, v in zip(edges[:-1], edges[1:], names)]
        last_end = max(last_end, t.end)
    events.append((last_end, last_end + 10.0, "sil"))
    return events


def _from_timings(timings: tuple[Timing, ...], fps: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Dominance-weighted blend of viseme targets, sampled SUBSAMPLES times per frame."""
    ev = _events(timings)
    start = np.array([e[0] for e in ev])
    end = np.array([e[1] for e in ev])
    vis = [VISEMES[e[2]] for e in ev]
    dom = np.array([v.dominance for v in vis])
    target_open = np.array([v.open for v in vis])
    target_width = np.array([v.width for v in vis])
    times = (np.arange(n * SUBSAMPLES) + 0.5) / (fps * SUBSAMPLES) + LEAD  # [n*S]
    targets = np.stack([target_open, target_width], 1)  # [E, 2]
    blended = np.empty((len(times), 2))
    for a in range(0, len(times), CHUNK):
        t = times[a : a + CHUNK, None]
        dist = np.maximum(start[None, :] - t, 0.0) + np.maximum(t - end[None, :], 0.0)  # [chunk, E]
        weight = dom[None, :] * np.exp(-0.5 * (dist / COARTICULATION) ** 2)
        blended[a : a + CHUNK] = (weight @ targets) / (weight.sum(axis=1, keepdims=True) + 1e-12)
    per_frame = blended.reshape(n, SUBSAMPLES, 2).mean(axis=1)
    open_, width = per_frame[:, 0], per_frame[:, 1]
    for s, e, name in ev:  # lips must visibly meet for p, b, m
        f = int(((s + e) / 2 - LEAD) * fps)
        if name == "PP" and 0 <= f < n:
            open_[f] = 0.0
    return open_, width


def _from_audio(audio: FrameAudio) -> tuple[np.ndarray, np.ndarray]:
    """Jaw from loudness, lip width from spectral balance (front vowels spread, back vowels round)."""
    floor = audio.peak_db - OPEN_FLOOR_BELOW_PEAK
    open_ = np.clip((audio.db - floor) / OPEN_RANGE_DB, 0.0, 1.0) ** 0.8
    front = audio.mid / (audio.low + audio.mid + 1e-9)
    width = np.clip((front - 0.3) * 3.0, -1.0, 1.0)
    hiss = audio.high > 0.45  # fricatives: teeth nearly closed, lips spread
    open_ = np.where(hiss, np.minimum(open_, 0.12), open_)
    width = np.where(hiss, 0.5, width)
    return _smooth(open_), _smooth(width)


def _smooth(x: np.ndarray) -> np.ndarray:
    """Gaussian smoothing over frames (edges held)."""
    radius = int(np.ceil(3 * AUDIO_SMOOTH))
    k = np.exp(-0.5 * (np.arange(-radius, radius + 1) / AUDIO_SMOOTH) ** 2)
    padded = np.pad(x, radius, mode="edge")
    return np.convolve(padded, k / k.sum(), mode="valid")


def _speech_gate(audio: FrameAudio) -> np.ndarray:
    """True where the mouth may move: voiced frames and the frame just before speech (anticipation)."""
    gate = audio.voiced.copy()
    gate[:-1] |= audio.voiced[1:]
    return gate
