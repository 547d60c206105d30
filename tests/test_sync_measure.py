"""The sync measure on real pipeline output: espeak -> CPU lipsync -> segments -> joined MP4, decoded back."""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from avatars.format import Avatar
from avatars.store import AvatarStore
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.encode import AAC_FRAME_SAMPLES, AUDIO_RATE, encode_segment
from tests.tools.render_file import render_mp4, with_pauses
from lipsync.segments import SegmentPlan, frame_count_for, segment_samples
from tests.tools.sync_measure import avatar_mouth_box, measure
from tts.base import AudioClip
from tts.espeak import EspeakEngine

SENTENCES = {
    "ko": "안녕하세요, 오늘 면접에 와 주셔서 감사합니다. 먼저 자기소개를 부탁드립니다.",
    "en-us": "Hello, thank you for coming in today. Could you start by introducing yourself?",
}
PAUSE_S = 0.4  # silence before and after the sentence, as between sentences of a turn
MIN_CORRELATION = 0.45  # measured here: ~0.59 (ko) and ~0.72 (en); a mouth out of step falls well below
SHIFT_FRAMES = 3  # the negative control delays the audio by this much


@pytest.fixture(scope="module")
def avatar(precomputed_dir: Path) -> Avatar:
    return AvatarStore(precomputed_dir).get("talk_long_360p")


@pytest.fixture(scope="module")
def engine() -> CpuLipsyncEngine:
    e = CpuLipsyncEngine(head_motion=False)  # the mouth alone: measured at a fixed box
    e.load()
    return e


def sentence(voice: str) -> AudioClip:
    """An espeak sentence with pauses around it."""
    return with_pauses(EspeakEngine().synthesize(SENTENCES[voice], voice), PAUSE_S, PAUSE_S)


@pytest.mark.parametrize("voice", ["ko", "en-us"])
def test_joined_turn_is_in_sync(tmp_path: Path, avatar: Avatar, engine: CpuLipsyncEngine, voice: str) -> None:
    clip = sentence(voice)
    segments = render_mp4(engine, avatar, clip, tmp_path / "turn.mp4", tmp_path)
    assert len(segments) >= 2  # the measure sees the joins too
    report = measure(tmp_path / "turn.mp4", avatar_mouth_box(avatar))
    assert report.frames == frame_count_for(clip.duration, avatar.fps)
    assert abs(report.best_lag) <= 1
    assert report.best_correlation > MIN_CORRELATION and report.correlation > MIN_CORRELATION
    assert report.pause_frames >= 10 and report.closed_in_pauses >= 0.9
    # what the file carries: the sound track's edit list skips the AAC priming, so decoded audio and video start together
    sound = next(t for t in report.tracks if t.handler == "soun")
    assert sound.skipped_s == pytest.approx(AAC_FRAME_SAMPLES / AUDIO_RATE)
    assert report.video_start_s == pytest.approx(0.0, abs=1e-3) and report.audio_start_s == pytest.approx(0.0, abs=1e-3)


def test_audio_out_of_step_is_caught(tmp_path: Path, avatar: Avatar, engine: CpuLipsyncEngine) -> None:
    clip = sentence("en-us")
    frames = frame_count_for(clip.duration, avatar.fps)
    pcm = segment_samples(clip.samples, clip.sample_rate, avatar.fps, SegmentPlan(0, frames))
    delay = SHIFT_FRAMES * clip.sample_rate // avatar.fps
    late = np.concatenate([np.zeros(delay, np.int16), pcm[:-delay]])  # sound 3 frames after the picture
    video = engine.render(RenderSpec(avatar, clip, 0, frames), threading.Event())
    encode_segment(video, late, clip.sample_rate, avatar.fps, tmp_path / "late.mp4")
    in_step = measure(tmp_path / "late.mp4", avatar_mouth_box(avatar))
    assert in_step.best_lag <= -SHIFT_FRAMES  # the mouth now moves before the sound
    assert in_step.correlation < in_step.best_correlation - 0.1
    sound = next(t for t in in_step.tracks if t.handler == "soun")
    assert sound.edits == ()  # a fragmented segment has no edit list: priming plays, video is shifted with it
