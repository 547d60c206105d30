"""The seed's TTS, lipsync and chat-and-lipsync endpoints on the embedded engines, end to end."""
from __future__ import annotations

import io
import threading

import av
import pytest

from runtime.services import Engines
from tests.conftest import services_of, sse_events, wait_until
from tests.fakes.hooked import HookedLipsync, hold_until

KOREAN_TWO_SENTENCES = "안녕하세요, 면접에 오신 것을 환영합니다. 먼저 간단히 자기소개를 해주시겠어요?"


def decode_mp4(data: bytes) -> dict:
    """Decode every frame and audio sample of an MP4 held in memory."""
    with av.open(io.BytesIO(data)) as container:
        kinds = sorted(s.type for s in container.streams)
        frames = sum(1 for _ in container.decode(video=0))
    with av.open(io.BytesIO(data)) as container:
        audio = container.streams.audio[0]
        samples = sum(f.samples for f in container.decode(audio=0))
        rate = audio.rate
    return {"kinds": kinds, "frames": frames, "audio_s": samples / rate}


def fetch(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data()


def test_tts_writes_a_wav_served_with_range(client):
    response = client.post("/api/v2/tts", json={"text": "안녕하세요, 반갑습니다.", "engine": "elevenlabs", "voice": "Custom"})
    body = response.get_json()
    assert response.status_code == 200 and body["success"] is True
    assert body["audio_url"].startswith("/assets/audio/") and body["audio_path"].endswith(".wav")
    assert 0.5 < body["duration"] < 5 and body["elapsed"] >= 0
    partial = client.get(body["audio_url"], headers={"Range": "bytes=0-43"})
    assert partial.status_code == 206 and partial.get_data()[:4] == b"RIFF" and len(partial.get_data()) == 44


def test_lipsync_stream_events_in_seed_order_with_segments_and_playable_mp4(client):
    response = client.post("/api/v2/lipsync/stream",
                           json={"text": KOREAN_TWO_SENTENCES, "avatar": "talk_long", "resolution": "360p"})
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    assert response.headers["Cache-Control"] == "no-cache" and response.headers["X-Accel-Buffering"] == "no"
    events = sse_events(response)
    order = [e.get("stage", e["type"]) for e in events if e["type"] != "segment"]
    assert order == ["tts", "tts_done", "lipsync", "done"]
    segments = [e for e in events if e["type"] == "segment"]
    assert len(segments) >= 2 and [s["index"] for s in segments] == list(range(len(segments)))
    tts_done = next(e for e in events if e.get("stage") == "tts_done")  # segments may come before it
    assert tts_done["audio_url"].startswith("/assets/audio/") and tts_done["duration"] > 1
    assert tts_done["message"].startswith("TTS 완료")
    done = events[-1]
    assert done["text"] == KOREAN_TWO_SENTENCES and done["audio_duration"] == pytest.approx(tts_done["duration"])
    assert set(done["elapsed"]) >= {"tts", "lipsync", "total"}
    assert segments[0]["start"] == 0 and sum(s["duration"] for s in segments) == pytest.approx(
        done["audio_duration"], abs=0.05)
    video = decode_mp4(fetch(client, done["video_url"]))
    assert video["kinds"] == ["audio", "video"]
    assert video["frames"] == round(sum(s["duration"] for s in segments) * 25)
    assert video["audio_s"] == pytest.approx(done["audio_duration"], abs=0.1)
    first = decode_mp4(fetch(client, segments[0]["url"]))
    assert first["kinds"] == ["audio", "video"] and first["frames"] == round(segments[0]["duration"] * 25)


def test_lipsync_sync_returns_the_seed_fields(client):
    response = client.post("/api/v2/lipsync", json={"text": "Hello, welcome to the interview.", "avatar": "talk_short",
                                                    "resolution": "360p", "frame_skip": 2, "tts_voice": "Custom"})
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["success"] is True and body["video_url"].startswith("/video/") and body["video_path"].endswith(".mp4")
    assert isinstance(body["elapsed"], float)
    assert decode_mp4(fetch(client, body["video_url"]))["kinds"] == ["audio", "video"]


def test_chat_and_lipsync_stream_event_order(client):
    response = client.post("/api/v2/chat_and_lipsync/stream", json={
        "message": "면접을 시작합니다.", "history": [], "org_type": "일반기업", "company_name": "삼성전자",
        "job_name": "개발엔지니어링", "avatar": "talk_long", "resolution": "360p"})
    events = sse_events(response)
    kinds = [e.get("stage", e["type"]) for e in events if e["type"] not in ("token", "segment")]
    assert kinds == ["llm", "llm_done", "tts", "tts_done", "lipsync", "done"]
    tokens = [e["content"] for e in events if e["type"] == "token"]
    llm_done = next(e for e in events if e["type"] == "llm_done")
    assert len(tokens) > 3 and "".join(tokens).strip() == llm_done["response"]
    assert "삼성전자" in llm_done["response"]
    first_token = next(i for i, e in enumerate(events) if e["type"] == "token")
    assert first_token < events.index(llm_done)  # segments may come before llm_done: the pipeline overlaps stages
    done = events[-1]
    assert done["response"] == llm_done["response"] and done["llm_source"] == llm_done["llm_source"]
    assert set(done["elapsed"]) >= {"llm", "tts", "lipsync", "total"}


def test_chat_and_lipsync_sync_uses_legacy_history(client):
    first = client.post("/api/v2/chat_and_lipsync", json={"message": "면접을 시작합니다.", "resolution": "360p",
                                                          "company_name": "네이버", "job_name": "기획전략"})
    assert first.status_code == 200, first.get_json()
    body = first.get_json()
    assert body["success"] is True and body["response"] and body["video_url"].startswith("/video/")
    second = client.post("/api/chat", json={"message": "저는 기획 업무를 3년 했습니다.", "company_name": "네이버",
                                            "job_name": "기획전략"})
    assert second.get_json()["llm_params"]["history_count"] == 2  # the server remembered the first exchange


def held_app(make_app, **overrides):
    """An app whose renders hold their first frame until the returned gate opens (or the job is cancelled)."""
    gate = threading.Event()
    return make_app(engines=Engines(lipsync=HookedLipsync(hold_until(gate))), **overrides), gate


def test_cancel_by_sid_stops_the_stream_without_done_and_removes_partial_files(make_app):
    app, gate = held_app(make_app, MAX_CONCURRENT=1)
    s = services_of(app)
    client = app.test_client()
    result: dict = {}
    thread = threading.Thread(target=lambda: result.update(events=sse_events(client.post(
        "/api/v2/lipsync/stream", json={"text": KOREAN_TWO_SENTENCES, "resolution": "360p", "sid": "abc"}))))
    thread.start()
    wait_until(lambda: s.queue.snapshot()["processing"], what="a job holding the render slot")
    cancel = app.test_client().post("/api/cancel", json={"sid": "abc"})
    assert cancel.get_json() == {"status": "cancelled", "cancelled": 1}
    thread.join(10)
    assert not thread.is_alive()
    types = [e["type"] for e in result["events"]]
    assert types[-1] == "cancelled" and "done" not in types
    assert s.queue.snapshot()["processing_count"] == 0
    assert not list(s.media.video_dir.iterdir())  # no partial segment or turn file left
    gate.set()


def test_full_queue_answers_503_with_retry_after(make_app):
    app, gate = held_app(make_app, MAX_CONCURRENT=1, MAX_QUEUE=0)
    s = services_of(app)
    client = app.test_client()
    holder = threading.Thread(target=lambda: client.post("/api/v2/lipsync", json={"text": "하나.", "resolution": "360p"}))
    holder.start()
    wait_until(lambda: s.queue.active_count() == 1, what="the first job admitted")
    response = app.test_client().post("/api/v2/lipsync/stream", json={"text": "둘.", "resolution": "360p"})
    assert response.status_code == 503 and "full" in response.get_json()["error"]
    assert int(response.headers["Retry-After"]) >= 1
    gate.set()
    holder.join(10)
    assert not holder.is_alive()


def test_cancelled_synchronous_request_answers_409(make_app):
    app, gate = held_app(make_app)
    s = services_of(app)
    result: dict = {}
    thread = threading.Thread(target=lambda: result.update(response=app.test_client().post(
        "/api/v2/lipsync", json={"text": "하나.", "resolution": "360p", "sid": "sync-client"})))
    thread.start()
    wait_until(lambda: s.queue.snapshot()["processing_count"] == 1, what="the job rendering")
    assert app.test_client().post("/api/cancel", json={"sid": "sync-client"}).get_json()["cancelled"] == 1
    thread.join(10)
    assert not thread.is_alive()
    assert result["response"].status_code == 409 and "cancelled" in result["response"].get_json()["error"]
    gate.set()
