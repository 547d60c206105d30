"""Which frames of a segment MuseTalk must generate: speech frames, thinned by frame_skip; silence shows idle frames.

A frame counts as silent when the whole audio window its features see (80 ms before to 120 ms after the
frame's start) is below the pause threshold: then the mouth stays closed for sure, because the idle frame
itself is shown, and the GPU skips it.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import gcd

import numpy as np
from scipy.signal import resample_poly

from lipsync.segments import SILENCE_DBFS

SAMPLE_RATE = 16000  # Hz, whisper's input rate
VIDEO_FPS = 25  # MuseTalk was trained at 25 fps
LEFT_FRAMES = 2  # video frames of audio context before a frame (80 ms)
RIGHT_FRAMES = 2  # video frames of audio context after it: the window ends 120 ms after the frame starts
WINDOW_BEFORE = LEFT_FRAMES * SAMPLE_RATE // VIDEO_FPS  # samples (80 ms)
WINDOW_AFTER = (RIGHT_FRAMES + 1) * SAMPLE_RATE // VIDEO_FPS  # samples (120 ms)
FULL_SCALE = 32768.0  # int16 full scale


@dataclass(frozen=True, eq=False)
class FramePlan:
    """For each frame of a segment: its unique avatar frame, and which generated face (or -1: idle) it shows."""

    rows: np.ndarray  # int [count]: unique avatar frame (latent row) of each frame
    source: np.ndarray  # int [count]: index into `generate`, or -1 for the plain idle frame
    generate: np.ndarray  # int [n]: clip frames whose face the worker generates, ascending


def to_whisper_audio(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """int16 PCM at any rate → float32 at 16 kHz in [-1, 1]."""
    audio = samples.astype(np.float32) / FULL_SCALE
    if sample_rate == SAMPLE_RATE:
        return audio
    g = gcd(SAMPLE_RATE, sample_rate)
    return resample_poly(audio, SAMPLE_RATE // g, sample_rate // g).astype(np.float32)


def voiced(audio: np.ndarray, first: int, count: int) -> np.ndarray:
    """bool [count]: does frame first..first+count-1 hear anything above the pause threshold in its window?"""
    per_frame = SAMPLE_RATE // VIDEO_FPS
    starts = (first + np.arange(count)) * per_frame - WINDOW_BEFORE  # [count]
    power = np.concatenate(([0.0], np.cumsum(np.square(audio.astype(np.float64)))))  # [L + 1]
    lo = np.clip(starts, 0, len(audio))
    hi = np.clip(starts + WINDOW_BEFORE + WINDOW_AFTER, 0, len(audio))
    mean = (power[hi] - power[lo]) / (WINDOW_BEFORE + WINDOW_AFTER)
    return 10.0 * np.log10(np.maximum(mean, 1e-12)) > SILENCE_DBFS


def plan_frames(audio: np.ndarray, first: int, count: int, loop_rows: np.ndarray, frame_skip: int) -> FramePlan:
    """Plan a segment: `loop_rows` [count] are the unique frames the idle loop shows at each of its frames."""
    speech = voiced(audio, first, count)
    source = np.full(count, -1, dtype=np.int64)
    generate: list[int] = []
    for i in range(count):
        frame = first + i
        if not speech[i]:
            continue
        if i == 0 or not speech[i - 1] or frame % frame_skip == 0:
            generate.append(frame)
        source[i] = len(generate) - 1  # a skipped frame repeats the last generated face of its speech run
    return FramePlan(loop_rows.astype(np.int64), source, np.asarray(generate, dtype=np.int64))
