"""Blinks at random human-like intervals and gaze shifts: the schedules, the eye warp, and how they chain."""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from avatars.eyelids import bounds, warp_eyes
from avatars.format import Avatar
from avatars.store import AvatarStore
from lipsync.base import RenderSpec
from lipsync.blinks import BLINK_LIDS, avatar_loop_lids, clip_lids, intervals, loop_lids, speech_lids
from lipsync.cpu import CpuLipsyncEngine
from lipsync.gaze import gaze_track
from lipsync.idle_clip import idle_frames, idle_view
from lipsync.region import face_region
from tests.test_head_motion import engine  # noqa: F401 - the loaded CPU engine fixture
from tests.tools.speech import Part, speech

FPS = 25
LONG: list[Part] = [(0.3, None)] + [(1.5, ["a", "m", "o", "i", "a", "e"]), (0.3, None)] * 6  # ~11 s of speech


@pytest.fixture(scope="module")
def avatar(precomputed_dir: Path) -> Avatar:
    return AvatarStore(precomputed_dir).get("talk_long_360p")


def eye_box(avatar: Avatar, pos: int) -> tuple[slice, slice]:
    x0, y0, x1, y1 = bounds(avatar.eyes, tuple(map(float, avatar.mouth_xy[pos])))
    return slice(y0, y1), slice(x0, x1)


def test_intervals_are_random_within_the_human_range_and_reproducible() -> None:
    gaps = np.concatenate([intervals(loop_lids(seed, 6000, FPS), FPS) for seed in range(20)])  # 20 x 4 min
    singles = gaps[gaps >= 1.0]
    doubles = gaps[gaps < 1.0]
    assert singles.min() >= 2.0 - 1e-9 and singles.max() <= 10.0 + 1e-9
    assert 3.3 < singles.mean() < 4.8 and singles.std() > 0.8  # about 4 s, not a fixed period
    assert 0.03 < len(doubles) / len(gaps) < 0.2 and (doubles >= 0.28).all()  # an occasional double blink
    assert np.array_equal(loop_lids(7, 600, FPS), loop_lids(7, 600, FPS))
    assert not np.array_equal(loop_lids(7, 600, FPS), loop_lids(8, 600, FPS))


def test_the_idle_loop_wraps_with_a_natural_gap_and_no_blink_across_its_end() -> None:
    for seed in range(30):
        lids = loop_lids(seed, 600, FPS)
        assert lids[0] == 0 and lids[-1] == 0
        starts = np.flatnonzero((lids[1:] > 0) & (lids[:-1] == 0)) + 1
        assert len(starts) >= 3  # 24 s: several blinks
        assert (600 - starts[-1] + starts[0]) / FPS >= 2.0  # the gap over the loop's end


def test_a_clip_blinks_on_its_own_seed_and_agrees_with_the_idle_loop_at_both_ends() -> None:
    loop = loop_lids(3, 600, FPS)
    blink = int(np.flatnonzero(loop > 0)[0])
    for start, n in ((blink + 2, 300), (blink - 300 + 2, 300), (10, 250)):  # mid-blink at its start / its end / neither
        lids = clip_lids(11, n, FPS, loop, start)
        positions = (start + np.arange(n)) % 600
        assert lids[0] == loop[positions[0]] and lids[-1] == loop[positions[-1]]
        for run in (slice(0, len(BLINK_LIDS)), slice(n - len(BLINK_LIDS), n)):  # a blink under way at an end: the loop's own
            ours, theirs = lids[run], loop[positions[run]]
            assert (ours[theirs > 0] == theirs[theirs > 0]).all() if theirs[0 if run.start == 0 else -1] > 0 else True
        assert len(intervals(lids, FPS)) >= 1  # 10-12 s: blinks of its own
    assert not np.array_equal(clip_lids(11, 300, FPS, loop, 10), clip_lids(12, 300, FPS, loop, 10))


def test_closing_the_lids_covers_the_eyes_and_touches_nothing_else(avatar: Avatar) -> None:
    frame = avatar.idle_frame(0)
    rows, cols = eye_box(avatar, 0)
    shut, half, looked = frame.copy(), frame.copy(), frame.copy()
    origin = tuple(map(float, avatar.mouth_xy[0]))
    warp_eyes(shut, avatar.eyes, origin, 1.0, (0.0, 0.0))
    warp_eyes(half, avatar.eyes, origin, 0.5, (0.0, 0.0))
    warp_eyes(looked, avatar.eyes, origin, 0.0, (0.35, 0.0))
    dark = lambda img: int((img[rows, cols].max(axis=2) < 70).sum())  # iris, pupil and lashes
    assert dark(shut) < dark(half) < dark(frame)
    for img in (shut, looked):
        outside = np.ones(frame.shape[:2], bool)
        outside[rows, cols] = False
        assert np.array_equal(img[outside], frame[outside])
    assert np.abs(looked.astype(int) - frame.astype(int)).max() > 40  # the iris moved


def test_the_idle_clip_blinks_where_its_schedule_says(avatar: Avatar) -> None:
    lids = avatar_loop_lids(avatar)
    assert len(lids) == idle_frames(avatar) == 3 * avatar.loop_length
    shut = int(np.argmax(lids))
    rows, cols = eye_box(avatar, shut)
    assert np.abs(idle_view(avatar, shut)[rows, cols].astype(int) - avatar.idle_frame(shut)[rows, cols]).max() > 40
    open_ = int(np.flatnonzero(lids == 0)[0])
    assert np.array_equal(idle_view(avatar, open_), avatar.idle_frame(open_))


def test_speech_blinks_and_meets_the_idle_clip_at_its_end(avatar: Avatar, engine: CpuLipsyncEngine) -> None:
    clip = speech(LONG)
    n = int(np.ceil(clip.duration * FPS))
    offset = 37
    frames = list(engine.render(RenderSpec(avatar, clip, 0, n, loop_offset=offset), threading.Event()))
    lids = speech_lids(avatar, clip, n, offset)
    assert len(intervals(lids, FPS)) >= 1
    assert np.array_equal(frames[-1], idle_view(avatar, offset + n - 1))  # the idle clip goes on from here
    shut = int(np.argmax(lids))
    rows, cols = eye_box(avatar, (offset + shut) % avatar.loop_length)
    dark = lambda img: int((img[rows, cols].max(axis=2) < 70).sum())
    assert dark(frames[shut]) < 0.7 * dark(frames[shut - 2])  # the iris and pupil gone (the lashes stay)


def test_gaze_looks_away_at_some_sentence_starts_and_is_back_by_the_end() -> None:
    tracks = [gaze_track(speech([(0.1 + 0.02 * k, None), (2.0, ["a", "o", "e", "i"]), (0.3, None)]), FPS, 70) for k in range(12)]
    away = [t for t in tracks if t.side != 0]
    assert 3 <= len(away) <= 11  # some sentences, not all
    for t in away:
        assert t.weight[0] == 0 and t.weight[-1] == 0 and t.weight.max() > 0.9
        assert int(np.argmax(t.weight)) < FPS  # at the start
        assert np.abs(np.diff(t.weight)).max() < 0.25  # smooth
    assert {t.side for t in away} == {-1.0, 1.0}


def test_the_face_region_holds_the_eyes(avatar: Avatar) -> None:
    region = face_region(avatar)
    for pos in range(avatar.loop_length):
        x0, y0, x1, y1 = bounds(avatar.eyes, tuple(map(float, avatar.mouth_xy[pos])))
        assert region.x <= x0 and region.y <= y0 and x1 <= region.x + region.width and y1 <= region.y + region.height


def test_face_region_frames_carry_the_blinks_and_gaze_and_the_rest_is_the_idle_clip(avatar: Avatar,
                                                                                       engine: CpuLipsyncEngine) -> None:
    clips = (speech([(0.3 + 0.02 * k, None), *LONG[1:]]) for k in range(20))
    clip = next(c for c in clips if gaze_track(c, FPS, int(np.ceil(c.duration * FPS))).side != 0)  # one that looks away
    n = int(np.ceil(clip.duration * FPS))
    region = face_region(avatar)
    box = np.s_[region.y : region.y + region.height, region.x : region.x + region.width]
    full = list(engine.render(RenderSpec(avatar, clip, 0, n, loop_offset=9), threading.Event()))
    boxes = list(engine.render(RenderSpec(avatar, clip, 0, n, loop_offset=9, region=region), threading.Event()))
    assert (speech_lids(avatar, clip, n, 9) > 0).any()  # a blink in the box too
    for k, (frame, part) in enumerate(zip(full, boxes)):
        assert np.array_equal(frame[box], part)
        rebuilt = idle_view(avatar, 9 + k).copy()  # what the page holds, with the box drawn over it
        rebuilt[box] = part
        assert np.array_equal(rebuilt, frame)
