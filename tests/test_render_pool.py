"""RENDER_PROCESSES: a turn rendered in a render process is the same stream; cancel and a crash end it cleanly."""
from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path

import numpy as np
import pytest

from audio.clip import AudioClip
from avatars.store import AvatarStore
from jobs.events import JobEvent
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.encode import EncodeCancelled, EncoderSettings
from lipsync.render_pool import RenderPool, RenderProcessDied, Recipe, pool_size, shared_pool
from lipsync.segments import plan_segments, segment_samples
from lipsync.turn_render import LocalTurnRender
from lipsync.turn_stream import TurnStream
from pipeline.spec import JobRequest, RenderOptions, TurnSpec
from runtime.services import build_backend, build_pipeline
from runtime.config import Config
from tests.conftest import NO_ENV_FILE, wait_until
from tests.tools.probe import decode_video

RATE = 16_000
LONG_FRAMES = 3000  # a segment far longer than any test waits for: only a cancel or a crash ends it early
SETTINGS = EncoderSettings(threads=1)


@pytest.fixture(scope="module")
def pool() -> RenderPool:
    """The pool the apps of this test run share (created once, its processes replaced when one dies)."""
    return shared_pool(pool_size(-1), Recipe(head_motion=True))


@pytest.fixture(scope="module")
def avatar(precomputed_dir: Path):
    store = AvatarStore(precomputed_dir)
    return store.get(store.resolve("talk_long", "360p"))


def speech(seconds: float) -> AudioClip:
    """Syllable-like bursts of a tone (the mouth opens and closes), with quiet gaps to cut segments at."""
    t = np.arange(int(seconds * RATE)) / RATE
    envelope = (np.sin(2 * np.pi * 3 * t) > 0.2).astype(np.float64)
    return AudioClip((9000 * envelope * np.sin(2 * np.pi * 220 * t)).astype(np.int16), RATE)


def render_all(render, avatar, clip: AudioClip, folder: Path) -> list[bytes]:
    """Every segment of `clip` through `render`, as written bytes."""
    out = []
    for i, plan in enumerate(plan_segments(clip.samples, RATE, avatar.fps)):
        spec = RenderSpec(avatar, clip, plan.first_frame, plan.frame_count)
        segment, _ = render.render(spec, segment_samples(clip.samples, RATE, avatar.fps, plan), folder / f"s{i}.mp4",
                                   threading.Event(), 0.0)
        out.append(segment.path.read_bytes())
    render.close()
    return out


def long_segment(avatar, folder: Path) -> tuple[RenderSpec, np.ndarray, Path]:
    """A segment of LONG_FRAMES frames (idle after the speech ends)."""
    samples = np.zeros(LONG_FRAMES * RATE // avatar.fps, np.int16)
    return RenderSpec(avatar, speech(1.0), 0, LONG_FRAMES), samples, folder / "long.mp4"


def test_a_pooled_turn_writes_the_same_segments_as_one_rendered_here(pool, avatar, precomputed_dir, tmp_path, caplog):
    clip = speech(4.0)
    (tmp_path / "here").mkdir()
    (tmp_path / "there").mkdir()
    engine = CpuLipsyncEngine()
    engine.load()
    here = render_all(LocalTurnRender(engine, TurnStream(avatar.fps, RATE, SETTINGS)), avatar, clip, tmp_path / "here")
    with caplog.at_level(logging.DEBUG, logger="lipsync.render_pool"):
        there = render_all(pool.open(precomputed_dir, avatar.fps, RATE, SETTINGS), avatar, clip, tmp_path / "there")
    assert len(here) >= 2 and here == there
    timelines = [r.timeline for r in caplog.records if hasattr(r, "timeline")]  # what bench.capacity --trace reads
    assert [t.file for t in timelines] == [f"s{i}.mp4" for i in range(len(there))]
    assert all(t.sent <= t.received <= t.started < t.finished <= t.read <= t.resumed for t in timelines)


def test_a_turn_that_finds_every_process_idle_goes_to_the_one_picked_least_recently(pool, precomputed_dir):
    if pool.size < 2:
        pytest.skip("one render process here")
    first = pool.open(precomputed_dir, 25, RATE, SETTINGS)
    first.close()
    second = pool.open(precomputed_dir, 25, RATE, SETTINGS)
    second.close()
    assert first._process is not second._process


def test_cancel_stops_a_segment_rendering_in_its_process_and_the_process_serves_on(pool, avatar, precomputed_dir,
                                                                                   tmp_path):
    render = pool.open(precomputed_dir, avatar.fps, RATE, SETTINGS)
    spec, samples, path = long_segment(avatar, tmp_path)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    with pytest.raises(EncodeCancelled):
        render.render(spec, samples, path, cancel, 0.0)
    render.close()
    assert not path.exists() and not list(tmp_path.glob(".*.part"))
    (tmp_path / "after").mkdir()
    assert len(render_all(pool.open(precomputed_dir, avatar.fps, RATE, SETTINGS), avatar, speech(2.0),
                          tmp_path / "after")) >= 1


def test_a_killed_render_process_fails_its_segment_and_is_replaced(pool, avatar, precomputed_dir, tmp_path):
    render = pool.open(precomputed_dir, avatar.fps, RATE, SETTINGS)
    victim = render._process.process
    spec, samples, path = long_segment(avatar, tmp_path)
    threading.Timer(0.3, os.kill, (victim.pid, signal.SIGKILL)).start()
    with pytest.raises(RenderProcessDied):
        render.render(spec, samples, path, threading.Event(), 0.0)
    render.close()
    assert victim.wait(5) == -signal.SIGKILL
    (tmp_path / "after").mkdir()
    segments = render_all(pool.open(precomputed_dir, avatar.fps, RATE, SETTINGS), avatar, speech(2.0), tmp_path / "after")
    assert victim not in [p.process for p in pool.processes()]
    assert len(segments) >= 1 and len(list(decode_video(tmp_path / "after" / "s0.mp4"))) > 0


def test_a_turn_whose_render_process_dies_ends_with_an_error_event(pool, precomputed_dir, tmp_path):
    config = Config.load({"PRECOMPUTED_DIR": precomputed_dir, "MEDIA_DIR": tmp_path / "media", "DATA_DIR": tmp_path,
                          "WARM_UP": False, "TTS_ENGINE": "espeak", "LIPSYNC_ENGINE": "cpu", "LLM_ENGINE": "scripted",
                          "RENDER_CACHE_MB": 0, "TTS_CACHE_MAX_BYTES": 0}, env_file=NO_ENV_FILE)
    events: list[JobEvent] = []

    def relay(sid: str, event: JobEvent) -> None:
        events.append(event)
        if event.type == "segment" and event.event.index == 0:  # mid-turn: every render process is killed
            for process in pool.processes():
                os.kill(process.process.pid, signal.SIGKILL)
                process.process.wait(5)

    pipeline = build_pipeline(config)
    assert pipeline.parts.render_pool is pool
    queue = build_backend(config, pipeline, relay, None)
    try:
        spec = TurnSpec(RenderOptions("talk_long_360p"),
                        text="안녕하세요, 면접에 오신 것을 환영합니다. 먼저 지난 회사에서 맡았던 일을 자세히 말씀해 주시겠어요?")
        queue.submit(JobRequest(spec, sid="s", notify_socket=True))
        wait_until(lambda: events and events[-1].terminal, timeout=60, what="the turn's terminal event")
    finally:
        queue.shutdown()
    assert events[-1].type == "error" and events[-1].event.code == "engine_unavailable"
    assert [e.type for e in events].count("segment") == 1
