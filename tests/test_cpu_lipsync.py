"""The CPU lipsync engine on a generated avatar: frame counts, silence, segments, cancel, mouth track."""
from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from avatars.format import Avatar
from avatars.store import AvatarStore
from lipsync.base import LipsyncError, RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from tests.tools.speech import Part, speech
from lipsync.track import frame_total, mouth_track
from tts.base import Timing

FPS = 25


KOREAN = ["ɐ", "n", "n", "j", "ʌ", "ŋ", "h", "ɐ", "s", "e", "j", "o"]  # 안녕하세요
ENGLISH = ["h", "ə", "l", "əʊ", "m", "ɑː", "p"]
CLIP_PARTS: list[Part] = [(0.6, None), (1.2, KOREAN), (0.6, None), (0.8, ENGLISH), (0.4, None)]
SILENT = [range(0, 13), range(47, 58), range(80, 90)]  # frames well inside the pauses (1 frame of anticipation spared)
SPOKEN = [range(17, 44), range(61, 77)]


@pytest.fixture(scope="module")
def avatar(precomputed_dir: Path) -> Avatar:
    """The drawn avatar without its eye lines: no blinks (tests/test_blinks.py), so silence shows the idle frame exactly."""
    return replace(AvatarStore(precomputed_dir).get("talk_long_360p"), eyes=None)


@pytest.fixture()
def engine() -> CpuLipsyncEngine:
    e = CpuLipsyncEngine(head_motion=False)  # the mouth alone: measured at a fixed box
    e.load()
    return e


def render(engine: CpuLipsyncEngine, spec: RenderSpec, cancel: threading.Event | None = None) -> list[np.ndarray]:
    return list(engine.render(spec, cancel or threading.Event()))


def mouth_box(avatar: Avatar, frame: np.ndarray, pos: int) -> np.ndarray:
    x, y = avatar.mouth_xy[pos % avatar.loop_length]
    w, h = avatar.mouth.box_size
    return frame[y : y + h, x : x + w].astype(np.int16)


def test_engine_protocol(avatar: Avatar) -> None:
    e = CpuLipsyncEngine(head_motion=False)  # the mouth alone: measured at a fixed box
    assert e.name == "cpu" and not e.loaded
    with pytest.raises(LipsyncError, match="load"):
        e.render(RenderSpec(avatar, speech([(0.2, None)]), 0, 5), threading.Event())
    e.load()
    e.load()
    assert e.loaded
    with pytest.raises(LipsyncError, match="cpu engine"):
        e.render(RenderSpec(replace(avatar, engines=("musetalk",)), speech([(0.2, None)]), 0, 5), threading.Event())
    with pytest.raises(LipsyncError, match="frame_skip"):
        e.render(RenderSpec(avatar, speech([(0.2, None)]), 0, 5, frame_skip=0), threading.Event())


@pytest.mark.parametrize(("first", "count"), [(0, 0), (0, 1), (0, 90), (37, 20), (85, 15), (200, 3)])
def test_frame_count_is_exact(avatar: Avatar, engine: CpuLipsyncEngine, first: int, count: int) -> None:
    frames = render(engine, RenderSpec(avatar, speech(CLIP_PARTS), first, count))
    assert len(frames) == count
    assert all(f.shape == (360, 640, 3) and f.dtype == np.uint8 for f in frames)


@pytest.mark.parametrize("timings", [True, False], ids=["phonemes", "audio-only"])
def test_mouth_closed_in_silence_and_moving_in_speech(avatar: Avatar, engine: CpuLipsyncEngine, timings: bool) -> None:
    clip = speech(CLIP_PARTS, timings=timings)
    assert frame_total(clip, FPS) == 90
    frames = render(engine, RenderSpec(avatar, clip, 0, 90, loop_offset=17))
    for span in SILENT:
        for i in span:
            idle = avatar.idle_frame(17 + i)
            assert np.array_equal(frames[i], idle), f"frame {i} is not the idle frame"
    spoken = [i for span in SPOKEN for i in span]
    moved = [np.abs(mouth_box(avatar, frames[i], 17 + i) - mouth_box(avatar, avatar.idle_frame(17 + i), 17 + i)).mean() for i in spoken]
    assert np.mean(np.array(moved) > 1.0) > 0.8


def test_audio_silence_closes_the_mouth_even_if_timings_say_otherwise(avatar: Avatar, engine: CpuLipsyncEngine) -> None:
    clip = speech([(0.4, ["a", "a"]), (0.8, None)])
    lying = replace(clip, phonemes=(Timing("a", 0.0, 1.2),))
    frames = render(engine, RenderSpec(avatar, lying, 0, 30))
    assert all(np.array_equal(frames[i], avatar.idle_frame(i)) for i in range(14, 30))
    assert not np.array_equal(frames[5], avatar.idle_frame(5))


@pytest.mark.parametrize(("split", "skip", "offset"), [(45, 1, 0), (33, 2, 120), (1, 3, 199)])
def test_segments_join_without_a_jump(avatar: Avatar, engine: CpuLipsyncEngine, split: int, skip: int, offset: int) -> None:
    clip = speech(CLIP_PARTS)
    whole = render(engine, RenderSpec(avatar, clip, 0, 90, loop_offset=offset, frame_skip=skip))
    first = render(engine, RenderSpec(avatar, clip, 0, split, loop_offset=offset, frame_skip=skip))
    second = render(engine, RenderSpec(avatar, clip, split, 90 - split, loop_offset=offset, frame_skip=skip))
    assert len(first + second) == 90
    assert all(np.array_equal(a, b) for a, b in zip(whole, first + second))


def test_idle_loop_continues_across_clips(avatar: Avatar, engine: CpuLipsyncEngine) -> None:
    quiet = speech([(2.0, None)])
    frames = render(engine, RenderSpec(avatar, quiet, 10, 40, loop_offset=180))
    assert all(np.array_equal(f, avatar.idle_frame(190 + i)) for i, f in enumerate(frames))


def test_frame_skip_reuses_the_mouth(avatar: Avatar, engine: CpuLipsyncEngine) -> None:
    clip = speech(CLIP_PARTS)
    changes = {}
    for skip in (1, 3):
        frames = render(engine, RenderSpec(avatar, clip, 0, 90, frame_skip=skip))
        same_place = [i for i in range(18, 44) if avatar.loop_index[i] == avatar.loop_index[i - 1]]  # same idle frame and mouth box
        changes[skip] = sum(not np.array_equal(mouth_box(avatar, frames[i], i), mouth_box(avatar, frames[i - 1], i - 1)) for i in same_place)
        assert len(same_place) > 10
    assert changes[3] <= changes[1] / 2


def test_cancel_stops_rendering(avatar: Avatar, engine: CpuLipsyncEngine) -> None:
    cancel = threading.Event()
    got = []
    for frame in engine.render(RenderSpec(avatar, speech(CLIP_PARTS), 0, 90), cancel):
        got.append(frame)
        if len(got) == 5:
            cancel.set()
    assert len(got) == 5
    cancel_first = threading.Event()
    cancel_first.set()
    assert render(engine, RenderSpec(avatar, speech(CLIP_PARTS), 0, 90), cancel_first) == []


def _mid(track_values: np.ndarray, seconds: tuple[float, float]) -> float:
    a, b = (int(s * FPS) for s in seconds)
    return float(np.mean(track_values[a:b]))


@pytest.mark.parametrize(
    ("symbols", "open_range", "width_range"),
    [
        (["a"], (0.7, 1.0), (-0.1, 0.4)),  # wide open
        (["m"], (0.0, 0.05), (-0.2, 0.2)),  # lips together
        (["u"], (0.1, 0.35), (-1.0, -0.8)),  # rounded
        (["i"], (0.15, 0.35), (0.6, 1.0)),  # spread
        (["아"], (0.7, 1.0), (-0.1, 0.4)),  # Hangul character timings (ElevenLabs)
        (["우"], (0.1, 0.35), (-1.0, -0.8)),
    ],
)
def test_track_reaches_each_viseme(symbols: list[str], open_range: tuple[float, float], width_range: tuple[float, float]) -> None:
    track = mouth_track(speech([(0.3, None), (0.6, symbols), (0.3, None)]), FPS)
    assert open_range[0] <= _mid(track.open, (0.45, 0.75)) <= open_range[1]
    assert width_range[0] <= _mid(track.width, (0.45, 0.75)) <= width_range[1]


def test_bilabials_close_the_lips_between_vowels() -> None:
    track = mouth_track(speech([(0.2, None), (0.6, ["a", "m", "a"]), (0.2, None)]), FPS)
    spoken = track.open[6:19]
    assert spoken.max() > 0.6 and spoken.min() < 0.05


def test_audio_only_track_follows_loudness_and_spectrum() -> None:
    back = mouth_track(speech([(0.2, None), (0.6, ["o"]), (0.2, None)], timings=False, vowel_hz=400), FPS)
    front = mouth_track(speech([(0.2, None), (0.6, ["i"]), (0.2, None)], timings=False, vowel_hz=2000), FPS)
    assert _mid(back.open, (0.3, 0.7)) > 0.5 and _mid(front.open, (0.3, 0.7)) > 0.3
    assert _mid(front.width, (0.3, 0.7)) > _mid(back.width, (0.3, 0.7)) + 0.5
    assert back.open[:3].max() == 0 and back.open[-3:].max() == 0  # frame 3 may anticipate the onset


def test_character_timings_glide_over_spaces() -> None:
    chars = ["아", " ", "아"]  # ElevenLabs-style characters: a space between words is not a pause
    track = mouth_track(speech([(0.2, None), (0.9, chars), (0.2, None)]), FPS)
    assert track.open[7:25].min() > 0.3
    with_comma = mouth_track(speech([(0.2, None), (0.9, ["아", ",", "아"]), (0.2, None)]), FPS)
    assert with_comma.open[7:25].min() < 0.15
