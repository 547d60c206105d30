"""The MuseTalk GPU worker process and engine on tiny models (CPU): render, cross-job batching, cancel, failures.

Set MUSETALK_TEST_DEVICE=cuda to run the same tests on a GPU (fp16).
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.musetalk_fixtures import FACE_BOX, require_torch, speech_clip, tiny_models_once, write_avatar

require_torch()

from avatars.format import Avatar, load_avatar  # noqa: E402
from lipsync.musetalk.prep import prepare_avatar  # noqa: E402
from lipsync.base import LipsyncError, RenderSpec  # noqa: E402
from lipsync.musetalk.client import FaceJob, WorkerClient  # noqa: E402
from lipsync.musetalk.engine import MuseTalkEngine  # noqa: E402
from lipsync.musetalk.plan import to_whisper_audio  # noqa: E402
from lipsync.musetalk.protocol import Faces, WorkerSettings  # noqa: E402

DEVICE = os.environ.get("MUSETALK_TEST_DEVICE", "cpu")
BATCH = 6
TOLERANCE = 1 if DEVICE == "cpu" else 4  # uint8 levels: kernels may differ with the batch size (more so in fp16)


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[MuseTalkEngine, Avatar]]:
    root = tiny_models_once(tmp_path_factory.getbasetemp())
    precomputed = tmp_path_factory.mktemp("precomputed")
    folder = precomputed / "mt_face_360p"
    folder.mkdir()
    write_avatar(folder)
    prepare_avatar(folder, str(root), DEVICE, face_box=FACE_BOX)
    engine = MuseTalkEngine(WorkerSettings(str(root), DEVICE, batch_size=BATCH, first_batch=2), precomputed)
    assert not engine.loaded
    engine.load()
    yield engine, load_avatar(folder)
    engine.close()
    assert not engine.loaded


def face_job(avatar: Avatar, folder: Path, frames: range, seconds: float = 1.2, seed: int = 0) -> FaceJob:
    clip = speech_clip(seconds, seed=seed)
    index = np.asarray(frames)
    return FaceJob(f"clip{seed}", to_whisper_audio(clip.samples, clip.sample_rate), int(seconds * 25), str(folder),
                   len(avatar.frames), index, avatar.loop_index[index % avatar.loop_length])


def collect(client: WorkerClient, handle) -> np.ndarray:
    faces = list(handle.faces(threading.Event(), 60.0))
    client.release(handle)
    return np.stack(faces)


def test_worker_reports_models_loaded(setup) -> None:
    engine, _ = setup
    assert engine.loaded and engine.info is not None
    assert engine.info.device == DEVICE.split(":")[0] or engine.info.device.startswith(DEVICE)
    assert engine.info.dtype == ("float16" if DEVICE.startswith("cuda") else "float32")


def test_render_pastes_faces_in_speech_and_shows_idle_frames_in_silence(setup) -> None:
    engine, avatar = setup
    clip = speech_clip(0.8, silent=((0.0, 0.4),))
    frames = list(engine.render(RenderSpec(avatar, clip, 0, 20, loop_offset=1), threading.Event()))
    assert len(frames) == 20 and all(f.shape == (360, 640, 3) and f.dtype == np.uint8 for f in frames)
    positions = [1 + i for i in range(20)]
    idle = [avatar.idle_frame(p) for p in positions]
    assert all(np.array_equal(frames[i], idle[i]) for i in range(7))  # silence (window reaches 120 ms ahead)
    for i in range(12, 20):
        row = avatar.loop_index[positions[i] % avatar.loop_length]
        x1, y1, x2, y2 = 250, 150 + row, 390, 300 + row  # FACE_BOX + extra_margin, following the face
        diff = np.abs(frames[i].astype(int) - idle[i].astype(int)).sum(axis=2)
        assert diff[y1 + 100: y2 - 20, x1 + 40: x2 - 40].mean() > 1.0  # the mouth area is generated
        diff[y1:y2, x1:x2] = 0
        assert diff.max() == 0  # nothing outside the face box changes


def test_segments_join_exactly_like_one_render(setup) -> None:
    engine, avatar = setup
    clip = speech_clip(0.6)
    whole = list(engine.render(RenderSpec(avatar, clip, 0, 15), threading.Event()))
    parts = [f for first, count in ((0, 7), (7, 8)) for f in engine.render(RenderSpec(avatar, clip, first, count),
                                                                            threading.Event())]
    assert len(parts) == 15
    assert max(int(np.abs(a.astype(int) - b.astype(int)).max()) for a, b in zip(whole, parts)) <= TOLERANCE


def test_two_jobs_batched_together_give_the_frames_they_give_alone(setup) -> None:
    engine, avatar = setup
    client, folder = engine.client, engine.precomputed_dir / avatar.id
    job_a = face_job(avatar, folder, range(0, 8), seed=1)
    job_b = face_job(avatar, folder, range(3, 9), seed=2)
    alone_a = collect(client, client.submit(job_a))
    alone_b = collect(client, client.submit(job_b))
    handles = [client.submit(job_a), client.submit(job_b)]
    batches: dict[int, set[int]] = {}
    together = []
    for handle in handles:
        faces = []
        while len(faces) < handle.total:
            message = handle.inbox.get(timeout=60)
            if isinstance(message, Faces):
                batches.setdefault(message.batch_id, set()).add(handle.req_id)
                faces.extend(message.faces)
        together.append(np.stack(faces))
        client.release(handle)
    assert any(len(ids) == 2 for ids in batches.values()), "the jobs never shared a batch"
    for alone, mixed in ((alone_a, together[0]), (alone_b, together[1])):
        assert alone.shape == mixed.shape
        assert int(np.abs(alone.astype(int) - mixed.astype(int)).max()) <= TOLERANCE


def test_cancel_stops_the_job_at_a_batch_boundary(setup) -> None:
    engine, avatar = setup
    client = engine.client
    handle = client.submit(face_job(avatar, engine.precomputed_dir / avatar.id, range(0, 60), seconds=2.4))
    first = handle.inbox.get(timeout=60)
    assert isinstance(first, Faces) and first.start == 0 and len(first.faces) == 2  # small first batch
    client.cancel(handle)
    ended = handle.wait_end(60)
    assert ended is not None and ended.reason == "cancelled" and ended.frames_done < 60
    client.release(handle)
    cancel = threading.Event()
    frames = engine.render(RenderSpec(avatar, speech_clip(2.0), 0, 50), cancel)
    got = [next(frames), next(frames)]
    cancel.set()
    assert len(got) + len(list(frames)) == 2  # the engine stops at once


def test_a_failed_job_does_not_stop_the_worker(setup, tmp_path: Path) -> None:
    engine, avatar = setup
    client = engine.client
    broken = client.submit(face_job(avatar, tmp_path, range(0, 5)))  # no latents there
    with pytest.raises(LipsyncError, match="failed"):
        list(broken.faces(threading.Event(), 60.0))
    assert engine.loaded
    assert collect(client, client.submit(face_job(avatar, engine.precomputed_dir / avatar.id, range(0, 5)))).shape == (
        5, 256, 256, 3)


def test_unprepared_avatar_is_refused_with_the_fix(setup, tmp_path: Path) -> None:
    engine, _ = setup
    plain = write_avatar(tmp_path / "plain_360p", "plain_360p")
    with pytest.raises(LipsyncError, match="lipsync.musetalk.prep"):
        engine.render(RenderSpec(plain, speech_clip(0.4), 0, 10), threading.Event())


def test_face_region_renders_only_the_box_the_full_render_changes(setup) -> None:
    engine, avatar = setup
    region = engine.region(avatar)
    assert region.x % 2 == region.y % 2 == region.width % 2 == region.height % 2 == 0
    assert region.width * region.height < avatar.width * avatar.height / 4  # a fraction of the frame to encode
    clip = speech_clip(0.8, silent=((0.0, 0.2),))
    full = list(engine.render(RenderSpec(avatar, clip, 0, 20, loop_offset=3), threading.Event()))
    boxes = list(engine.render(RenderSpec(avatar, clip, 0, 20, loop_offset=3, region=region), threading.Event()))
    assert [b.shape for b in boxes] == [(region.height, region.width, 3)] * 20
    box = np.s_[region.y : region.y + region.height, region.x : region.x + region.width]
    moved = 0
    for k, (frame, part) in enumerate(zip(full, boxes)):
        assert int(np.abs(frame[box].astype(int) - part.astype(int)).max()) <= TOLERANCE
        idle = avatar.idle_frame(3 + k)
        outside = frame.copy()
        outside[box] = idle[box]
        assert np.array_equal(outside, idle)  # the box over the idle frame rebuilds the full frame
        moved += int(np.abs(part.astype(int) - idle[box].astype(int)).max()) > 10
    assert moved >= 10  # the generated mouth lies inside the box
