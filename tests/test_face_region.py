"""Face-region delivery: the box rendered alone equals the full frame's box, and outside it nothing speaks."""
from __future__ import annotations

import io
import threading
from pathlib import Path

import av
import numpy as np
import pytest

from avatars.format import Avatar
from avatars.store import AvatarStore
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.region import face_region
from tests.conftest import services_of, sse_events
from tests.tools.speech import speech

FPS = 25


@pytest.fixture(scope="module")
def avatar(precomputed_dir: Path) -> Avatar:
    return AvatarStore(precomputed_dir).get("talk_long_360p")


def test_the_region_is_even_and_inside_the_frame(avatar: Avatar) -> None:
    r = face_region(avatar)
    assert r.x % 2 == r.y % 2 == r.width % 2 == r.height % 2 == 0
    assert 0 <= r.x and r.x + r.width <= avatar.width and 0 <= r.y and r.y + r.height <= avatar.height
    assert r.width * r.height < avatar.width * avatar.height / 4  # far fewer pixels to encode, though it holds the moving head
    assert r.as_event(avatar)["frame_width"] == avatar.width


def test_region_frames_are_the_full_frames_box_and_the_rest_is_the_idle_loop(avatar: Avatar) -> None:
    engine = CpuLipsyncEngine()
    engine.load()
    clip = speech([(0.2, None), (0.8, ["a", "m", "o", "i"]), (0.2, None)])
    r = face_region(avatar)
    full = list(engine.render(RenderSpec(avatar, clip, 0, 30, loop_offset=3), threading.Event()))
    boxes = list(engine.render(RenderSpec(avatar, clip, 0, 30, loop_offset=3, region=r), threading.Event()))
    assert [b.shape for b in boxes] == [(r.height, r.width, 3)] * 30
    moved = 0
    for k, (frame, box) in enumerate(zip(full, boxes)):
        idle = avatar.idle_frame((3 + k) % avatar.loop_length)
        assert np.array_equal(frame[r.y : r.y + r.height, r.x : r.x + r.width], box)
        outside = frame.copy()
        outside[r.y : r.y + r.height, r.x : r.x + r.width] = idle[r.y : r.y + r.height, r.x : r.x + r.width]
        assert np.array_equal(outside, idle)  # compositing the box over the idle frame rebuilds the frame
        moved += not np.array_equal(frame, idle)
    assert moved > 10  # the mouth did move inside the box


def decode(data: bytes) -> tuple[int, tuple[int, int]]:
    """(frames, (width, height)) of an MP4 held in memory."""
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.video[0]
        return sum(1 for _ in container.decode(video=0)), (stream.width, stream.height)


def pictures(data: bytes) -> list[np.ndarray]:
    """The decoded BGR frames of an MP4 held in memory."""
    with av.open(io.BytesIO(data)) as container:
        return [frame.to_ndarray(format="bgr24") for frame in container.decode(video=0)]


def test_a_face_turn_streams_the_region_and_its_mp4_is_composed_on_request(client, app) -> None:
    response = client.post("/api/v2/lipsync/stream", json={
        "text": "안녕하세요. 반갑습니다.", "avatar": "talk_long", "resolution": "360p", "delivery": "face"})
    events = sse_events(response)
    segments = [e for e in events if e["type"] == "segment"]
    done = events[-1]
    assert done["type"] == "done" and len(segments) >= 2
    placement = segments[0]["region"]
    assert {s["region"]["x"] for s in segments} == {placement["x"]}  # one box for the whole turn
    assert (placement["frame_width"], placement["frame_height"]) == (640, 360)
    boxes: list[np.ndarray] = []
    for s in segments:
        count, size = decode(client.get(s["url"]).get_data())
        assert size == (placement["width"], placement["height"])
        boxes += pictures(client.get(s["url"]).get_data())
    frames = len(boxes)
    video_dir = services_of(app).media.video_dir
    name = done["video_url"].rsplit("/", 1)[1]
    assert not (video_dir / name).exists()  # nothing full-frame was encoded for the live turn ...
    whole = client.get(done["video_url"])
    assert whole.status_code == 200  # ... until the whole MP4 is asked for
    count, size = decode(whole.get_data())
    assert size == (640, 360) and count == frames
    x, y, w, h = placement["x"], placement["y"], placement["width"], placement["height"]
    for box, full in zip(boxes, pictures(whole.get_data())):  # each streamed box, where it belongs (x264's loss aside)
        assert np.abs(full[y : y + h, x : x + w].astype(int) - box.astype(int)).mean() < 2.0


def test_a_full_turn_has_no_region_and_bad_delivery_is_a_400(client) -> None:
    response = client.post("/api/v2/lipsync/stream", json={"text": "네.", "avatar": "talk_long", "resolution": "360p"})
    assert all("region" not in e for e in sse_events(response) if e["type"] == "segment")
    bad = client.post("/api/v2/lipsync/stream", json={"text": "네.", "delivery": "mouth"})
    assert bad.status_code == 400 and "'delivery'" in bad.get_json()["error"]
