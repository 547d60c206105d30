"""Render an utterance to one MP4 the way the turn pipeline does, for benchmarks and sync checks.

Segments are cut at pauses (`plan_segments`), each rendered and encoded in one pass, then joined
with the whole utterance's audio encoded once (`join_segments`) — the same files a client gets.
"""
from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import numpy as np

from avatars.format import Avatar
from lipsync.base import LipsyncEngine, RenderSpec
from lipsync.encode import DEFAULT_SETTINGS, EncoderSettings, encode_segment, join_segments
from lipsync.segments import SegmentPlan, frame_count_for, plan_segments, segment_samples
from audio.clip import AudioClip, Timing


def render_mp4(
    engine: LipsyncEngine, avatar: Avatar, clip: AudioClip, path: Path, segment_dir: Path, *,
    settings: EncoderSettings = DEFAULT_SETTINGS, frame_skip: int = 1, cancel: threading.Event | None = None,
) -> list[Path]:
    """Write `clip` spoken by `avatar` to `path` (segments go to `segment_dir`); returns the segment files."""
    cancel = cancel or threading.Event()
    fps, rate = avatar.fps, clip.sample_rate
    segments = []
    for i, plan in enumerate(plan_segments(clip.samples, rate, fps)):
        segment = Path(segment_dir) / f"{Path(path).stem}_s{i:03d}.mp4"
        frames = engine.render(RenderSpec(avatar, clip, plan.first_frame, plan.frame_count, frame_skip=frame_skip), cancel)
        encode_segment(frames, segment_samples(clip.samples, rate, fps, plan), rate, fps, segment, cancel, settings)
        segments.append(segment)
    whole = SegmentPlan(0, frame_count_for(clip.duration, fps))
    join_segments(segments, segment_samples(clip.samples, rate, fps, whole), rate, Path(path), settings)
    return segments


def with_pauses(clip: AudioClip, lead_s: float, tail_s: float) -> AudioClip:
    """`clip` with silence before and after it (as between the sentences of a turn), timings moved along."""
    lead, tail = round(lead_s * clip.sample_rate), round(tail_s * clip.sample_rate)
    shift = lead / clip.sample_rate

    def moved(timings: tuple[Timing, ...]) -> tuple[Timing, ...]:
        return tuple(replace(t, start=t.start + shift, end=t.end + shift) for t in timings)

    samples = np.concatenate([np.zeros(lead, np.int16), clip.samples, np.zeros(tail, np.int16)])
    return AudioClip(samples, clip.sample_rate, moved(clip.phonemes), moved(clip.words))
