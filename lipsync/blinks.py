"""When the eyes blink: random, human-like intervals, the same for the same seed, seamless across segments and loops.

People blink every 2-10 s (about 4 s on average while talking or listening; the intervals are skewed,
a log-normal fits them), now and then twice in a row. A blink takes ~200 ms: the lid drops in two
frames and rises in three (BLINK_LIDS). Intervals are drawn from a log-normal with median
INTERVAL_MEDIAN_S, clipped to [INTERVAL_MIN_S, INTERVAL_MAX_S]; DOUBLE_SHARE of the blinks are followed
by a second one after 0.3-0.5 s.

Two schedules share that process:
- an idle loop's (`loop_lids`), seeded by the avatar, with no blink across the loop's end and a natural
  gap across it, so the loop repeats without a visible seam;
- a speech clip's (`clip_lids`), seeded by the clip's audio (a turn renders the same every time). Its
  own blinks stay clear of the clip's ends; where the idle loop is mid-blink at the clip's first or last
  frame, that blink is kept, so the frame before and after the clip (idle loop or the next sentence,
  which share the turn's timeline) always agree on the lids.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from audio.clip import AudioClip

if TYPE_CHECKING:
    from avatars.format import Avatar

BLINK_LIDS = (0.5, 1.0, 0.85, 0.5, 0.2)  # lid closure over a blink's frames at 25 fps (fast close, slower open)
INTERVAL_MEDIAN_S = 3.6  # s between blink starts (median); the clipped mean comes out near 4 s
INTERVAL_SIGMA = 0.45  # log-normal spread
INTERVAL_MIN_S, INTERVAL_MAX_S = 2.0, 10.0
DOUBLE_SHARE = 0.1  # blinks followed by a quick second one
DOUBLE_GAP_S = (0.3, 0.5)  # s from a blink's start to its double's
FIRST_MIN_S = 0.5  # s: a clip's first blink of its own comes no sooner (the sentence before may have just blinked)
IDLE_CLIP_S = 24.0  # s: the idle clip is at least this long, so its blinks do not repeat every breathing loop


def seed_of(*parts: object) -> int:
    """A stable 64-bit seed from any values (same parts, same blinks in every process)."""
    return int.from_bytes(hashlib.sha256(repr(parts).encode()).digest()[:8], "little")


def audio_seed(clip: AudioClip, *parts: object) -> int:
    """A stable seed from a clip's audio (a strided sample sum and its length) and `parts`."""
    samples = clip.samples
    return seed_of(*parts, int(np.abs(samples[:: max(1, len(samples) // 4096)].astype(np.int64)).sum()), len(samples))


def _starts(rng: np.random.Generator, fps: int, begin: int, end: int, first_gap: float) -> list[int]:
    """Blink start frames in [begin, end): the first `first_gap` s after `begin`, then random intervals."""
    starts: list[int] = []
    t = begin + first_gap * fps
    while t < end:
        starts.append(int(round(t)))
        if rng.random() < DOUBLE_SHARE:
            t += rng.uniform(*DOUBLE_GAP_S) * fps
            if t < end:
                starts.append(int(round(t)))
        t += _interval(rng) * fps
    return starts


def _interval(rng: np.random.Generator) -> float:
    """One interval between blinks (s)."""
    return float(np.clip(rng.lognormal(np.log(INTERVAL_MEDIAN_S), INTERVAL_SIGMA), INTERVAL_MIN_S, INTERVAL_MAX_S))


def _draw(lids: np.ndarray, starts: list[int], offset: int = 0) -> None:
    """Put a blink at each start (array index = frame - offset), clipped to the array."""
    for s in starts:
        for k, lid in enumerate(BLINK_LIDS):
            i = s + k - offset
            if 0 <= i < len(lids):
                lids[i] = max(lids[i], lid)


def loop_lids(seed: int, length: int, fps: int) -> np.ndarray:
    """Lid closure [length] of an idle loop: random blinks, none across the end, the gap over the end natural too."""
    rng = np.random.default_rng(seed)
    first = float(rng.uniform(0.4, 1.0) * INTERVAL_MEDIAN_S)
    starts = _starts(rng, fps, 0, length - len(BLINK_LIDS), first)
    min_gap = INTERVAL_MIN_S * fps
    while starts and length - starts[-1] + first * fps < min_gap:  # the wrap-around gap would be too short
        starts.pop()
    lids = np.zeros(length, np.float32)
    _draw(lids, starts)
    return lids


def clip_lids(seed: int, n_frames: int, fps: int, loop: np.ndarray, loop_start: int) -> np.ndarray:
    """Lid closure [n_frames] of a clip whose frame 0 is at position `loop_start` of the idle loop's lids `loop`."""
    lids = np.zeros(n_frames, np.float32)
    if n_frames == 0:
        return lids
    positions = (loop_start + np.arange(n_frames)) % len(loop)
    from_loop = loop[positions]
    head = _blink_run(from_loop, 0)
    tail = n_frames - _blink_run(from_loop[::-1], 0)
    lids[:head], lids[tail:] = from_loop[:head], from_loop[tail:]  # blinks under way at the ends: the loop's own
    rng = np.random.default_rng(seed)
    begin, end = head + 1, tail - len(BLINK_LIDS) - 1  # its own blinks open and close inside the clip
    # the first start: the remaining part of an interval already under way (a renewal process seen from a random
    # moment), so short sentences blink as often as long ones
    first = max(rng.uniform(0, 1) * _interval(rng), FIRST_MIN_S)
    _draw(lids, _starts(rng, fps, begin, max(end, begin), first))
    return lids


def _blink_run(lids: np.ndarray, start: int) -> int:
    """Frames from `start` until the eye is open again (0 if open there)."""
    closed = lids[start:] > 0
    return int(np.argmin(closed)) if not closed.all() else len(closed)


def intervals(lids: np.ndarray, fps: int) -> np.ndarray:
    """Seconds between consecutive blink starts in a lid track (a start = the lid leaving 0)."""
    starts = np.flatnonzero((lids[1:] > 0) & (lids[:-1] <= 0)) + 1
    return np.diff(starts) / fps


def idle_length(loop_length: int, fps: int) -> int:
    """Frames of an avatar's idle clip: whole breathing loops adding up to at least IDLE_CLIP_S (blinks need room to vary)."""
    return loop_length * max(1, -(-int(IDLE_CLIP_S * fps) // loop_length))


@lru_cache(maxsize=64)
def _avatar_loop(name: str, length: int, fps: int) -> np.ndarray:
    lids = loop_lids(seed_of("idle", name), length, fps)
    lids.flags.writeable = False
    return lids


def avatar_loop_lids(avatar: "Avatar") -> np.ndarray:
    """The lids of `avatar`'s idle clip (read-only; one person blinks alike at every resolution)."""
    return _avatar_loop(avatar.name, idle_length(avatar.loop_length, avatar.fps), avatar.fps)


def speech_lids(avatar: "Avatar", clip: AudioClip, n_frames: int, loop_start: int) -> np.ndarray:
    """The lids of a clip of `n_frames` on `avatar` whose frame 0 is turn frame `loop_start` (seeded by the clip's audio)."""
    return clip_lids(audio_seed(clip, "speech", avatar.name), n_frames, avatar.fps, avatar_loop_lids(avatar), loop_start)
