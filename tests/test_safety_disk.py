"""Disk caps that hold at write time: speech from /api/tts and /api/v2/tts and avatar uploads are counted in
MEDIA_MAX_BYTES before they are written (the oldest speech-only files make room, else 503 + Retry-After for speech,
507 for an upload), never found over the cap afterwards."""
from __future__ import annotations

import os
import time

from tests.conftest import services_of
from tests.test_avatar_uploads import FAST, GRACE, _post, _wait, own_avatars  # noqa: F401 -- fixture
from tests.test_safety_owners import browser, folder_bytes_of

CAP = 600_000


def media_bytes(app) -> int:
    media = services_of(app).media
    return sum(p.stat().st_size for folder in (media.video_dir, media.audio_dir) for p in folder.iterdir())


def age_all(app, seconds: float) -> None:
    media = services_of(app).media
    for path in media.audio_dir.iterdir():
        then = time.time() - seconds
        os.utime(path, (then, then))


def test_speech_requests_never_push_media_over_its_byte_cap(make_app, own_avatars):
    app = make_app(PRECOMPUTED_DIR=own_avatars, MEDIA_MAX_BYTES=CAP, TTS_CACHE_MAX_BYTES=0)  # no other test's uploads
    client = app.test_client()
    text = "안녕하세요. 오늘 면접을 맡은 면접관입니다. 편하게 말씀해 주세요."
    answers = []
    for i in range(12):
        answers.append(client.post("/api/v2/tts", json={"text": f"{text} {i}"}))
        assert media_bytes(app) <= CAP
    statuses = [a.status_code for a in answers]
    assert 200 in statuses and 503 in statuses  # full of young files: refused, not written
    refused = answers[statuses.index(503)]
    assert "MEDIA_MAX_BYTES" in refused.get_json()["error"] and int(refused.headers["Retry-After"]) >= 1
    age_all(app, 3600)  # fetched long ago: the oldest speech-only files make room now
    again = client.post("/api/tts", json={"text": text, "voice_id": "ko"})
    assert again.status_code == 200 and media_bytes(app) <= CAP
    assert client.get(again.get_json()["data"]["audio_url"]).status_code == 200


def test_uploads_count_in_the_media_byte_cap_checked_before_writing(make_app, own_avatars):
    photo = GRACE.read_bytes()
    cap = len(photo) + 40_000
    app = make_app(PRECOMPUTED_DIR=own_avatars, MEDIA_MAX_BYTES=cap, TTS_CACHE_MAX_BYTES=0)
    alice, bob = browser(app), browser(app, address="10.0.0.9")
    done = _wait(alice, _post(alice, photo, options=FAST).get_json()["data"]["status_url"])
    assert done["status"] == "completed"
    held = folder_bytes_of(app, done["avatar"])
    assert held + len(photo) > cap  # the premise: the finished avatar and a second upload pass the cap
    refused = _post(bob, photo, options=FAST)  # another owner: well under its own AVATAR_UPLOAD_OWNER_MAX_BYTES
    assert refused.status_code == 507 and "MEDIA_MAX_BYTES" in refused.get_json()["error"]
    uploads = services_of(app).config.MEDIA_DIR / "uploads"
    assert not uploads.exists() or not any(uploads.iterdir())  # refused before anything was written
    speech = bob.post("/api/v2/tts", json={"text": "안녕하세요. 오늘 면접을 맡은 면접관입니다. 편하게 말씀해 주세요."})
    assert speech.status_code == 503  # speech counts the uploads too
    assert alice.delete(f"/api/avatars/{done['avatar']}").status_code == 200
    assert _post(bob, photo, options=FAST).status_code == 202  # the room is back
