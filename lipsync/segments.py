"""Split an utterance into video segments cut at pauses, and slice its audio at frame boundaries.

All of the cutting policy lives here (`SEGMENT_POLICY`, the dB thresholds, `PLANNER_VERSION`);
`cache_settings()` is part of the render cache's key, so changing any of it never serves stale cuts.

Frame `f` of an utterance starts at sample `f * sample_rate // fps` (floor), so consecutive
segments' audio slices tile the PCM exactly with no sample lost or repeated, even when
`sample_rate / fps` is not a whole number. The last frame may run past the end of the speech:
`segment_samples` pads it with silence, so every segment's audio lasts exactly as long as its
frames and audio never drifts from video across segments.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

SILENCE_DBFS = -45.0  # dB re full scale: a frame's RMS below this counts as a pause
SHORTFALL_DB_PER_S = 20.0  # dB: how much quieter a cut must be to sit 1 s away from its target
PLANNER_VERSION = 2  # bump when the cutting algorithm changes (2: the opening ramp)
_EPSILON_FRAMES = 1e-9  # forgives float error in duration*fps before rounding up
_FULL_SCALE = 32768.0  # int16 full scale


@dataclass(frozen=True)
class SegmentPlan:
    """A run of frames on the utterance's timeline: [first_frame, first_frame + frame_count)."""

    first_frame: int
    frame_count: int

    @property
    def end_frame(self) -> int:
        """One past the segment's last frame."""
        return self.first_frame + self.frame_count


@dataclass(frozen=True)
class CutLimits:
    """Segment lengths (s) allowed in one sentence: its first segment, the later ones, the shortest, and the ramp:
    a later segment is at most `ramp` times its start time long (never under first_max_s; 0: no ramp)."""

    first_max_s: float
    max_s: float
    min_s: float
    ramp: float = 0.0


@dataclass(frozen=True)
class SegmentPolicy:
    """How a turn's sentences are cut: the turn's opening sentence starts with a very short segment and ramps up.

    The ramp is for many turns starting at once: a viewer plays from the first segment, so segment k must be
    rendered by the time it plays. An opening sentence with no early pause was cut 0.56 + 1.72 s, which must render
    at 2.6x real time while every other new turn does the same; with segments at most as long as their start time
    it needs 1.5x, as much as sentences whose commas already cut them short (bench/segment_burst.py)."""

    opening: CutLimits = CutLimits(0.64, 2.0, 0.32, ramp=1.0)  # first segment 16..8 frames at 25 fps: starts early
    later: CutLimits = CutLimits(1.0, 2.0, 0.4)  # every later sentence

    def limits(self, opening: bool) -> CutLimits:
        """The limits for the turn's opening sentence or for a later one."""
        return self.opening if opening else self.later


SEGMENT_POLICY = SegmentPolicy()


def cache_settings() -> dict[str, Any]:
    """Everything that decides where segments are cut (part of the render cache key)."""
    return {"version": PLANNER_VERSION, "policy": asdict(SEGMENT_POLICY), "silence_dbfs": SILENCE_DBFS,
            "shortfall_db_per_s": SHORTFALL_DB_PER_S}


def frame_count_for(duration_s: float, fps: int) -> int:
    """Frames needed to show `duration_s` seconds at `fps` (rounded up, so no audio is cut)."""
    return max(0, math.ceil(duration_s * fps - _EPSILON_FRAMES))


def frame_boundary(frame: int, sample_rate: int, fps: int) -> int:
    """Index of the first sample of `frame`."""
    return frame * sample_rate // fps


def segment_samples(
    samples: np.ndarray, sample_rate: int, fps: int, plan: SegmentPlan
) -> np.ndarray:
    """The PCM under `plan`'s frames, zero-padded at the end past the utterance's last sample."""
    start = frame_boundary(plan.first_frame, sample_rate, fps)
    end = frame_boundary(plan.end_frame, sample_rate, fps)
    piece = samples[start:end]
    if len(piece) == end - start:
        return piece
    padded = np.zeros(end - start, dtype=samples.dtype)
    padded[: len(piece)] = piece
    return padded


def frame_loudness(samples: np.ndarray, sample_rate: int, fps: int) -> np.ndarray:
    """RMS level in dBFS of each frame of the utterance (missing tail samples count as silence)."""
    frames = frame_count_for(len(samples) / sample_rate, fps)
    bounds = np.arange(frames + 1, dtype=np.int64) * sample_rate // fps  # [frames + 1]
    power = np.square(samples.astype(np.float64) / _FULL_SCALE)
    cumulative = np.concatenate(([0.0], np.cumsum(power)))  # [n + 1]
    clipped = np.minimum(bounds, len(samples))
    energy = cumulative[clipped[1:]] - cumulative[clipped[:-1]]  # [frames]
    mean_power = energy / np.maximum(np.diff(bounds), 1)
    return 10.0 * np.log10(np.maximum(mean_power, 1e-12))


def plan_segments(
    samples: np.ndarray,
    sample_rate: int,
    fps: int,
    first_max_s: float = SEGMENT_POLICY.later.first_max_s,
    max_s: float = SEGMENT_POLICY.later.max_s,
    min_s: float = SEGMENT_POLICY.later.min_s,
    ramp: float = SEGMENT_POLICY.later.ramp,
) -> list[SegmentPlan]:
    """Cover the utterance's frames with segments cut at pauses; the first one is short.

    Each segment aims at a target length: the limit (first_max_s for the first segment, max_s
    after it), or for the tail the remaining frames spread evenly over the fewest segments. The
    cut goes to the pause (a boundary whose two neighbouring frames are both below SILENCE_DBFS)
    nearest the target; with no pause, to the quietest boundary, where each frame away from the
    target costs SHORTFALL_DB_PER_S / fps. Segments stay within [min_s, limit]; ties go later.
    With `ramp` > 0 the limit after the first segment is `ramp` x the segment's start, within
    [first_max_s, max_s], and a segment aims at its limit until the limit reaches max_s.
    """
    min_frames = max(1, math.ceil(min_s * fps - _EPSILON_FRAMES))
    first_frames = math.floor(first_max_s * fps + _EPSILON_FRAMES)
    max_frames = math.floor(max_s * fps + _EPSILON_FRAMES)
    if not 2 * min_frames <= first_frames <= max_frames:
        raise ValueError(
            f"need 2*min_s <= first_max_s <= max_s in frames at {fps} fps, "
            f"got min={min_frames} first_max={first_frames} max={max_frames}"
        )
    total = frame_count_for(len(samples) / sample_rate, fps)
    loudness = frame_loudness(samples, sample_rate, fps)
    # Loudness of the boundary before frame f: the louder of frames f-1 and f.
    boundary_db = np.maximum(loudness[:-1], loudness[1:]) if total > 1 else np.zeros(0)

    plans: list[SegmentPlan] = []
    start = 0
    limit = first_frames
    while total - start > limit:
        lo = start + min_frames
        hi = min(start + limit, total - min_frames)
        remaining = total - start
        ramping = not plans or limit < max_frames
        target = limit if ramping else math.ceil(remaining / math.ceil(remaining / limit))
        window = boundary_db[lo - 1 : hi]  # boundaries before frames lo..hi
        cut = _choose_cut(window, min(start + target, hi) - lo, SHORTFALL_DB_PER_S / fps)
        plans.append(SegmentPlan(start, lo + cut - start))
        start = lo + cut
        limit = max_frames if ramp <= 0 else min(max_frames, max(first_frames, math.floor(ramp * start)))
    if total > start:
        plans.append(SegmentPlan(start, total - start))
    return plans


def plan_sentence(samples: np.ndarray, sample_rate: int, fps: int, *, opening: bool) -> list[SegmentPlan]:
    """A sentence's segments under SEGMENT_POLICY (`opening`: the turn's first sentence)."""
    limits = SEGMENT_POLICY.limits(opening)
    return plan_segments(samples, sample_rate, fps, limits.first_max_s, limits.max_s, limits.min_s, limits.ramp)


def segments_needed(frames: int, fps: int) -> int:
    """How many more segments `frames` frames will take at most (the `count` estimate of `segment` events)."""
    return math.ceil(frames / (SEGMENT_POLICY.later.max_s * fps))


def _choose_cut(window_db: np.ndarray, target: int, db_per_frame: float) -> int:
    """Offset in `window_db` of the pause nearest `target`, else of the best quiet, near one."""
    distance = np.abs(np.arange(len(window_db)) - target)
    pauses = window_db < SILENCE_DBFS
    if pauses.any():
        return _last_argmin(np.where(pauses, distance, np.iinfo(np.int64).max))
    return _last_argmin(window_db + distance * db_per_frame)


def _last_argmin(values: np.ndarray) -> int:
    """Index of the minimum, the last one on ties."""
    return len(values) - 1 - int(np.argmin(values[::-1]))
