"""Each avatar's idle loop: listed by /api/avatars, served with Range, frame k = idle position k, encoded once."""
from __future__ import annotations

import io
import threading
from dataclasses import replace
from fractions import Fraction

import av
import numpy as np
import pytest

import lipsync.idle_clip
from lipsync.idle_clip import IDLE_DIR, idle_clip, idle_view
from tests.conftest import services_of

AVATAR = "talk_long_360p"
DIFFERENT_PIXEL = 12  # 8-bit levels: where two loop positions differ visibly (a blink, the breathing)


@pytest.fixture
def encodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Note every idle encode (the real one still runs)."""
    calls: list[str] = []
    encode = lipsync.idle_clip.encode_segment

    def counted(*args, **kwargs):
        calls.append(str(args[3] if len(args) > 3 else kwargs["path"]))
        return encode(*args, **kwargs)

    monkeypatch.setattr(lipsync.idle_clip, "encode_segment", counted)
    return calls


def decode_frames(data: bytes) -> tuple[list[np.ndarray], list[Fraction], list[str]]:
    """BGR frames, their presentation times and the stream kinds of an MP4 held in memory."""
    with av.open(io.BytesIO(data)) as container:
        kinds = sorted(s.type for s in container.streams)
        frames, times = [], []
        for frame in container.decode(video=0):
            frames.append(frame.to_ndarray(format="bgr24"))
            times.append(frame.pts * frame.time_base)
    return frames, times, kinds


def difference(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per-pixel largest channel difference of two BGR frames."""
    return np.abs(a.astype(int) - b.astype(int)).max(axis=2)


def test_avatars_list_their_idle_loop_served_with_range_decodable_and_encoded_once(make_app, encodes):
    app = make_app()
    client = app.test_client()
    listed = {a["id"]: a for a in client.get("/api/avatars").get_json()["avatars"]}
    avatar = services_of(app).avatars.get(AVATAR)
    entry = listed[AVATAR]
    assert entry["idle_url"] == f"/idle/{AVATAR}.mp4" and entry["idle_frames"] == 3 * avatar.loop_length == 600  # 24 s: blinks vary
    count = entry["idle_frames"]
    assert entry["fps"] == 25 and all(a["idle_url"] == f"/idle/{a['id']}.mp4" for a in listed.values())
    assert encodes == []  # listing encodes nothing

    response = client.get(entry["idle_url"])
    assert response.status_code == 200 and response.mimetype == "video/mp4"
    data = response.get_data()
    frames, times, kinds = decode_frames(data)
    assert kinds == ["audio", "video"] and len(frames) == count
    assert times == [Fraction(k, avatar.fps) for k in range(count)]  # frame k plays at k / fps
    with av.open(io.BytesIO(data)) as container:
        silence = np.concatenate([f.to_ndarray().ravel() for f in container.decode(audio=0)])
    assert np.abs(silence).max() < 1e-4

    # frame k is idle position k: where positions 0 and k differ, the decoded frame k matches position k
    far = max(range(avatar.loop_length), key=lambda k: difference(idle_view(avatar, k), idle_view(avatar, 0)).sum())
    changed = difference(idle_view(avatar, far), idle_view(avatar, 0)) > DIFFERENT_PIXEL
    assert changed.sum() > 50
    for k, other in ((far, 0), (0, far)):
        error = difference(frames[k], idle_view(avatar, k))[changed].mean()
        wrong = difference(frames[k], idle_view(avatar, other))[changed].mean()
        assert error < wrong / 2, (k, error, wrong)

    partial = client.get(entry["idle_url"], headers={"Range": "bytes=0-99"})
    assert partial.status_code == 206 and partial.get_data() == data[:100]
    assert client.get(entry["idle_url"]).get_data() == data
    assert len(encodes) == 1  # the second request found the file
    again = make_app(MEDIA_DIR=services_of(app).config.MEDIA_DIR).test_client()  # a restart keeps the clip
    assert again.get(entry["idle_url"]).get_data() == data and len(encodes) == 1


def test_concurrent_first_requests_encode_once(make_app, encodes):
    s = services_of(make_app())
    avatar, folder = s.avatars.get(AVATAR), s.config.MEDIA_DIR / IDLE_DIR
    start, paths = threading.Barrier(4), []

    def fetch() -> None:
        start.wait()
        paths.append(idle_clip(avatar, folder))

    workers = [threading.Thread(target=fetch) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert len(paths) == 4 and len(set(paths)) == 1 and len(encodes) == 1
    assert sorted(p.name for p in folder.iterdir()) == [paths[0].name]  # no fragment or temp file left


def test_a_regenerated_avatar_gets_a_fresh_clip_and_the_stale_one_goes(make_app, encodes):
    s = services_of(make_app())
    avatar, folder = s.avatars.get(AVATAR), s.config.MEDIA_DIR / IDLE_DIR
    old = idle_clip(avatar, folder)
    new = idle_clip(replace(avatar, source_hash="f" * 64), folder)
    assert new != old and new.is_file() and not old.exists() and len(encodes) == 2


def test_the_media_janitor_leaves_idle_loops_alone(make_app):
    app = make_app()
    s = services_of(app)
    assert app.test_client().get(f"/idle/{AVATAR}.mp4").status_code == 200
    assert s.media.purge(0, now=1e12) == 0  # every turn file would be expired by then
    assert len(list((s.config.MEDIA_DIR / IDLE_DIR).glob("*.mp4"))) == 1


@pytest.mark.parametrize("name", ["nobody_360p.mp4", AVATAR, f"{AVATAR}.webm", "..%2Fvideo%2Fx.mp4", "TALK.mp4"])
def test_unknown_or_malformed_idle_names_are_json_404(client, name):
    response = client.get(f"/idle/{name}")
    assert response.status_code == 404 and response.get_json()["success"] is False
