"""Avatars from an uploaded photo or video: the job, its progress (poll, SSE, Socket.IO), listing, lipsync, delete,
the avatar-forge aliases, and every hostile upload refused with nothing left on disk."""
from __future__ import annotations

import io
import json
import pickle
import secrets
import struct
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import cv2
import matplotlib.cbook
import numpy as np
import pytest
from flask import Flask

from avatars.store import AvatarStore
from lipsync.encode import encode_segment
from tests.conftest import services_of, sse_events

GRACE = Path(matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
FAST = json.dumps({"idle_seconds": 0.4})  # a short idle loop keeps the tests quick


@pytest.fixture
def own_avatars(tmp_path: Path, precomputed_dir: Path) -> Path:
    """A per-test avatar folder: the operator's avatars linked in (not uploads other tests left in the shared
    folder), uploads written beside them."""
    root = tmp_path / "precomputed"
    root.mkdir()
    for avatar in AvatarStore(precomputed_dir).list():
        if avatar.owner is None:
            (root / avatar.id).symlink_to(precomputed_dir / avatar.id, target_is_directory=True)
    return root


@pytest.fixture
def upload_app(make_app: Callable[..., Flask], own_avatars: Path) -> Callable[..., Flask]:
    return lambda **overrides: make_app(PRECOMPUTED_DIR=own_avatars, **overrides)


def _post(client, data: bytes, field: str = "file", path: str = "/api/avatars", filename: str = "me.jpg", **form):
    return client.post(path, data={field: (io.BytesIO(data), filename), **form}, content_type="multipart/form-data")


def _wait(client, status_url: str, timeout_s: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        data = client.get(status_url).get_json()["data"]
        if data["status"] in ("completed", "failed"):
            return data
        time.sleep(0.05)
    raise AssertionError(f"job did not finish in {timeout_s} s")


def _nothing_left(app: Flask, root: Path) -> None:
    uploads = services_of(app).config.MEDIA_DIR / "uploads"
    assert not uploads.exists() or not any(uploads.iterdir())
    assert sorted(p.name for p in root.iterdir() if not p.is_symlink()) == []


def _video(path: Path, frame: np.ndarray, count: int = 25) -> Path:
    encode_segment([frame] * count, np.zeros(count * 640, np.int16), 16000, 25, path)
    return path


def _grace_frame() -> np.ndarray:
    frame = np.zeros((360, 640, 3), np.uint8)
    frame[:, 166:473] = cv2.resize(cv2.imread(str(GRACE)), (307, 360))  # 512x600 kept in proportion
    return frame


def test_photo_upload_becomes_an_avatar_at_every_resolution_and_speaks(upload_app, own_avatars):
    app = upload_app()
    client = app.test_client()
    response = _post(client, GRACE.read_bytes(), name="Grace Hopper", options=FAST)
    assert response.status_code == 202, response.get_json()
    data = response.get_json()["data"]
    assert data["status_url"] == f"/api/avatars/jobs/{data['job_id']}" and data["estimated_time"] > 0
    done = _wait(client, data["status_url"])
    assert done["status"] == "completed" and done["progress"] == 100 and done["error"] is None, done
    name = done["avatar"]
    assert name.startswith("grace_hopper_") and done["result_url"] == f"/api/avatars/{name}"
    shown = client.get(done["result_url"]).get_json()["data"]
    assert sorted(a["resolution"] for a in shown["avatars"]) == ["360p", "480p", "720p"]
    assert shown["display_name"] == "Grace Hopper"
    listed = {a["id"] for a in client.get("/api/avatars").get_json()["avatars"]}
    assert {f"{name}_720p", f"{name}_480p", f"{name}_360p"} <= listed
    events = sse_events(client.post("/api/v2/lipsync/stream", json={"text": "안녕하세요.", "avatar": name,
                                                                    "resolution": "360p"}))
    assert any(e["type"] == "segment" for e in events) and events[-1]["type"] == "done"
    sse = sse_events(client.get(f"{data['status_url']}/events"))
    assert sse[-1]["status"] == "completed" and [e["progress"] for e in sse] == sorted(e["progress"] for e in sse)
    assert {e["current_step"] for e in sse} >= {"finding and tracking the face", "writing every resolution"}
    uploads = services_of(app).config.MEDIA_DIR / "uploads"
    assert list(uploads.iterdir()) == []  # the upload is gone once the avatar exists

    assert client.get(f"/idle/{name}_360p.mp4").status_code == 200
    assert client.get(f"/listening/{name}_360p.nod.mp4").status_code == 200
    idle_dir = services_of(app).config.MEDIA_DIR / "idle"
    assert any(idle_dir.glob(f"{name}_360p-*.mp4")) and any(idle_dir.rglob(f"nod/{name}_360p-*.mp4"))
    assert client.delete("/api/avatars/talk_long").status_code == 403
    deleted = client.delete(f"/api/avatars/{name}").get_json()
    assert deleted["success"] is True and len(deleted["data"]["deleted"]) == 3
    assert not any(a["base_name"] == name for a in client.get("/api/avatars").get_json()["avatars"])
    assert client.delete(f"/api/avatars/{name}").status_code == 404
    assert not any(idle_dir.rglob(f"{name}_*"))  # its idle, listening and nod clips went with it


def test_generate_alias_and_socketio_progress(upload_app):
    app = upload_app()
    socket = app.extensions["socketio"].test_client(app)
    sid = app.extensions["socketio"].server.manager.sid_from_eio_sid(socket.eio_sid, "/")  # what io().id says
    client = app.test_client()
    response = _post(client, GRACE.read_bytes(), field="image", path="/api/generate", options=FAST, sid=sid)
    assert response.status_code == 202, response.get_json()
    data = response.get_json()["data"]
    assert data["status_url"] == f"/api/generate/status/{data['job_id']}"
    done = _wait(client, data["status_url"])
    assert set(done) >= {"job_id", "status", "progress", "current_step", "result_url", "error"}
    assert done["status"] == "completed"
    received = [m for m in socket.get_received() if m["name"] == "progress"]
    assert received and received[-1]["args"][0]["status"] == "completed"
    assert received[-1]["args"][0]["job_id"] == data["job_id"]


def _bomb_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG whose header declares a huge image (the pixel data would inflate to gigabytes)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (width + 1) * 64)  # the first 64 rows; a real bomb goes on
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


def _encoded(image: np.ndarray) -> bytes:
    return cv2.imencode(".jpg", image)[1].tobytes()


def _tiny_face() -> bytes:
    canvas = np.full((300, 400, 3), 200, np.uint8)
    small = cv2.resize(cv2.imread(str(GRACE)), None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    canvas[20:20 + small.shape[0], 20:20 + small.shape[1]] = small
    return _encoded(canvas)


LIMITS = {"AVATAR_UPLOAD_MAX_SECONDS": 1.0, "AVATAR_UPLOAD_MAX_BYTES": 400_000}
HOSTILE: dict[str, tuple[Callable[[Path], bytes], str, int, str, dict]] = {  # bytes, file name, status, message words
    "decompression bomb": (lambda _: _bomb_png(), "me.png", 400, "decompression bomb", {}),
    "bomb under Pillow's own ceiling": (lambda _: _bomb_png(5000, 4000), "me.png", 400, "decompression bomb", {}),
    "zip polyglot": (lambda _: GRACE.read_bytes() + _zip({"evil.py": b"print(1)"}), "me.jpg", 400, "polyglot", {}),
    "html polyglot": (lambda _: GRACE.read_bytes() + b"<script>alert(1)</script>" * 4, "me.jpg", 400, "polyglot", {}),
    "pickle renamed .jpg": (lambda _: pickle.dumps({"a": 1}), "weights.jpg", 400, "pickle", {}),
    "torch .pt renamed .jpg": (lambda _: _zip({"archive/data.pkl": pickle.dumps([1]), "archive/version": b"3"}),
                               "model.jpg", 400, "ZIP", {}),
    "not media": (lambda _: b"just some text that is not an image", "me.jpg", 400, "not a JPEG", {}),
    "no face": (lambda _: _encoded(np.full((400, 400, 3), 128, np.uint8)), "me.jpg", 422, "no frontal face", {}),
    "several faces": (lambda _: _encoded(np.hstack([cv2.imread(str(GRACE))] * 2)), "us.jpg", 422, "2 faces", {}),
    "tiny face": (lambda _: _tiny_face(), "far.jpg", 422, "px wide", {}),
    "video too long": (lambda tmp: _video(tmp / "long.mp4", _grace_frame(), count=75).read_bytes(), "me.mp4", 400,
                       "limit is 1 s", {}),
    "video frames too big": (lambda tmp: _video(tmp / "big.mp4", _grace_frame()).read_bytes(), "me.mp4", 400,
                             "more than 200000 pixels", {"AVATAR_UPLOAD_MAX_PIXELS": 200_000}),
    "too many bytes": (lambda _: GRACE.read_bytes() + b"\xff\xd9" * 300_000, "me.jpg", 413, "upload limit", {}),
    "a few bytes over": (lambda _: GRACE.read_bytes().ljust(410_000, b"\x00") + b"\xff\xd9", "me.jpg", 413,
                         "upload limit", {}),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_upload_is_refused_with_a_message_and_nothing_left_on_disk(case, upload_app, own_avatars, tmp_path):
    make, filename, status, words, overrides = HOSTILE[case]
    app = upload_app(**{**LIMITS, **overrides})
    response = _post(app.test_client(), make(tmp_path), filename=filename)
    body = response.get_json()
    assert response.status_code == status, body
    assert body["success"] is False and words in body["error"], body
    _nothing_left(app, own_avatars)


def test_missing_file_and_bad_options_are_400(upload_app, own_avatars):
    app = upload_app()
    client = app.test_client()
    assert _post(client, b"", filename="").status_code == 400
    assert "'file'" in client.post("/api/avatars", data={}, content_type="multipart/form-data").get_json()["error"]
    for options in ("[1]", "{not json", json.dumps({"idle_seconds": 99})):
        response = _post(client, GRACE.read_bytes(), options=options)
        assert response.status_code == 400 and "'options'" in response.get_json()["error"], options
    _nothing_left(app, own_avatars)


def test_a_video_the_decoder_chokes_on_is_a_job_error_and_the_worker_goes_on(upload_app, own_avatars, tmp_path):
    app = upload_app()
    client = app.test_client()
    good = _video(tmp_path / "good.mp4", _grace_frame()).read_bytes()
    mdat = good.find(b"mdat")
    crafted = good[: mdat + 8] + np.random.default_rng(0).integers(0, 256, len(good) - mdat - 8, np.uint8).tobytes()
    response = _post(client, crafted, filename="me.mp4")
    assert response.status_code == 202, response.get_json()
    failed = _wait(client, response.get_json()["data"]["status_url"])
    assert failed["status"] == "failed" and "decoding failed" in failed["error"]
    _nothing_left(app, own_avatars)
    again = _post(client, good, filename="me.mp4", options=FAST)
    assert _wait(client, again.get_json()["data"]["status_url"])["status"] == "completed"


def test_the_queue_is_bounded(upload_app, own_avatars):
    app = upload_app(AVATAR_JOBS_MAX_PENDING=1)
    client = app.test_client()
    first = _post(client, GRACE.read_bytes(), options=FAST)
    second = _post(client, GRACE.read_bytes(), options=FAST)
    assert first.status_code == 202
    assert second.status_code == 503 and second.headers["Retry-After"]
    _wait(client, first.get_json()["data"]["status_url"])
    assert client.get("/api/avatars/jobs/unknown").status_code == 404


def test_only_the_owner_deletes_an_upload(upload_app):
    app = upload_app()
    alice, mallory = app.test_client(), app.test_client()
    assert alice.get("/api/avatars").status_code == mallory.get("/api/avatars").status_code == 200  # their cookies
    done = _wait(alice, _post(alice, GRACE.read_bytes(), options=FAST).get_json()["data"]["status_url"])
    assert mallory.delete(f"/api/avatars/{done['avatar']}").status_code == 404  # another's upload: not found
    assert alice.delete(f"/api/avatars/{done['avatar']}").status_code == 200


# -- the Redis backend: avatar jobs shared by every web process, made by any turn worker -------------------------
@pytest.fixture
def cluster(upload_app, redis_url: str) -> Callable[..., Flask]:
    """Apps that act as web processes of one deployment (one Redis prefix, one media and avatar folder);
    `cluster(n)` is one with n worker threads."""
    prefix = f"t{secrets.token_hex(6)}"
    return lambda workers, **overrides: upload_app(JOB_BACKEND="redis", REDIS_URL=redis_url, REDIS_PREFIX=prefix,
                                                   REDIS_LOCAL_WORKERS=workers, SOCKETIO_QUEUE=False, **overrides)


def test_a_job_sent_to_one_web_process_is_made_by_anothers_worker_and_seen_by_both(cluster, own_avatars):
    web, worker = cluster(0), cluster(1)
    client, other = web.test_client(), worker.test_client()
    response = _post(client, GRACE.read_bytes(), name="Grace", options=FAST)
    assert response.status_code == 202, response.get_json()
    status_url = response.get_json()["data"]["status_url"]
    done = _wait(other, status_url)  # asked of the process that did not take the upload
    assert done["status"] == "completed", done
    assert client.get(status_url).get_json()["data"] == done
    sse = sse_events(client.get(f"{status_url}/events"))
    assert [e["status"] for e in sse][0] == "queued" and sse[-1]["status"] == "completed"
    assert {e["current_step"] for e in sse} >= {"finding and tracking the face", "writing every resolution"}
    listed = {a["id"] for a in client.get("/api/avatars").get_json()["avatars"]}
    assert f"{done['avatar']}_360p" in listed  # the worker wrote it where the web process reads
    _nothing_left_but(web, own_avatars, done["avatar"])


def _nothing_left_but(app: Flask, root: Path, name: str) -> None:
    uploads = services_of(app).config.MEDIA_DIR / "uploads"
    assert not uploads.exists() or not any(uploads.iterdir())
    assert {p.name.rsplit("_", 1)[0] for p in root.iterdir() if not p.is_symlink()} == {name}


def test_the_pending_limit_holds_across_web_processes_and_a_lost_worker_fails_its_job(cluster, own_avatars):
    first, second = cluster(0, AVATAR_JOBS_MAX_PENDING=1), cluster(0, AVATAR_JOBS_MAX_PENDING=1)  # no workers
    accepted = _post(first.test_client(), GRACE.read_bytes(), options=FAST)
    assert accepted.status_code == 202
    refused = _post(second.test_client(), GRACE.read_bytes(), options=FAST)
    assert refused.status_code == 503 and refused.headers["Retry-After"]
    job_id = accepted.get_json()["data"]["job_id"]
    jobs = services_of(second).avatar_jobs
    jobs.store.mark_running(job_id, "a worker killed at once")  # took the job, then died
    jobs.store.redis.delete(jobs.store.key("lease", job_id))  # LEASE_S later: its lease lapsed, nobody renewed it
    lost = second.test_client().get(f"/api/avatars/jobs/{job_id}").get_json()["data"]
    assert lost["status"] == "failed" and "stopped before it finished" in lost["error"]
    _nothing_left(first, own_avatars)  # its upload went with it
    assert _post(second.test_client(), GRACE.read_bytes(), options=FAST).status_code == 202  # room again
