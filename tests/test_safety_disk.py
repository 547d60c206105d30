"""Disk caps that hold at write time: speech from /api/tts and /api/v2/tts is counted in MEDIA_MAX_BYTES before it is
written (the oldest speech-only files make room, else 503 + Retry-After), never found over the cap afterwards."""
from __future__ import annotations

import os
import time

from tests.conftest import services_of

CAP = 600_000


def media_bytes(app) -> int:
    media = services_of(app).media
    return sum(p.stat().st_size for folder in (media.video_dir, media.audio_dir) for p in folder.iterdir())


def age_all(app, seconds: float) -> None:
    media = services_of(app).media
    for path in media.audio_dir.iterdir():
        then = time.time() - seconds
        os.utime(path, (then, then))


def test_speech_requests_never_push_media_over_its_byte_cap(make_app):
    app = make_app(MEDIA_MAX_BYTES=CAP, TTS_CACHE_MAX_BYTES=0)
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
