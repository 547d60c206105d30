"""TTS through the server: the sibling seed's /api/tts and voices, the cache, remote engines, fallback."""
from __future__ import annotations

from runtime.services import Engines
from tests.conftest import sse_events
from tests.fakes.hooked import HookedEspeak
from tests.fakes.elevenlabs_server import FakeElevenLabs
from tests.fakes.gpt_sovits_server import Fault, FakeGptSovits

SENTENCE = "안녕하세요, 면접을 시작하겠습니다."


def test_api_tts_returns_metadata_then_serves_the_repeat_from_the_cache(make_app):
    espeak = HookedEspeak()
    client = make_app(engines=Engines(tts={"espeak": espeak})).test_client()
    first = client.post("/api/tts", json={"text": SENTENCE, "voice_id": "ko", "media_type": "wav"}).get_json()
    assert first["success"] is True
    data = first["data"]
    assert {"audio_url", "file_id", "duration", "file_size", "format", "voice_id", "created_at", "cached"} <= set(data)
    assert data["cached"] is False and data["format"] == "wav" and data["voice_id"] == "ko" and data["duration"] > 1
    spoken = len(espeak.texts)
    assert spoken == 1  # the first request reached the engine
    again = client.post("/api/tts", json={"text": SENTENCE, "voice_id": "ko"}).get_json()["data"]
    assert again["cached"] is True and again["file_id"] == data["file_id"] and len(espeak.texts) == spoken
    assert client.get(again["audio_url"]).get_data()[:4] == b"RIFF"


def test_api_tts_binary_and_bad_voices(client):
    binary = client.post("/api/tts", json={"text": SENTENCE, "voice_id": "default", "return_binary": True})
    assert binary.status_code == 200 and binary.mimetype == "audio/wav" and binary.get_data()[:4] == b"RIFF"
    unknown = client.post("/api/tts", json={"text": SENTENCE, "voice_id": "nobody"})
    assert unknown.status_code == 400 and "nobody" in unknown.get_json()["error"]
    unconfigured = client.post("/api/tts", json={"text": SENTENCE, "voice_id": "Rachel"})
    assert unconfigured.status_code == 400 and "elevenlabs" in unconfigured.get_json()["error"]
    assert client.post("/api/tts", json={"text": SENTENCE, "media_type": "mp3"}).status_code == 400  # ogg, aac: see test_voice_tuning


def test_voices_lists_only_configured_engines(client):
    body = client.get("/api/tts/voices").get_json()
    ids = {v["id"] for v in body["data"]["voices"]}
    assert body["success"] is True and body["data"]["default_voice_id"] == "ko"
    assert {"ko", "en-us"} <= ids and "Rachel" not in ids


def test_elevenlabs_engine_speaks_a_lipsync_turn_with_character_timings(make_app):
    with FakeElevenLabs() as fake:
        app = make_app(ELEVENLABS_API_KEY=fake.api_key, ELEVENLABS_BASE_URL=fake.base_url,
                       ELEVENLABS_VOICE_ID="voice-custom", TTS_ENGINE="elevenlabs")
        client = app.test_client()
        engines = client.get("/api/tts_engines").get_json()["engines"]
        assert [e["id"] for e in engines] == ["elevenlabs", "espeak"] and "Custom" in engines[0]["voices"]
        events = sse_events(client.post("/api/v2/lipsync/stream", json={
            "text": SENTENCE, "tts_engine": "elevenlabs", "tts_voice": "Custom", "resolution": "360p"}))
        assert events[-1]["type"] == "done", events[-1]
        assert fake.requests[-1].path.startswith("/v1/text-to-speech/voice-custom/stream/with-timestamps")


def test_gpt_sovits_silent_failure_is_an_error_and_the_fallback_speaks(make_app):
    with FakeGptSovits(fault=Fault.SILENT_200) as fake:
        common = {"TTS_BASE_URL": fake.base_url, "GPT_SOVITS_REF_AUDIO": "ref/interviewer.wav",
                  "GPT_SOVITS_PROMPT_TEXT": "안녕하세요", "TTS_ENGINE": "gpt_sovits", "TTS_CACHE_MAX_BYTES": 0}
        strict = make_app(**common).test_client()
        failed = strict.post("/api/v2/tts", json={"text": SENTENCE, "engine": "gpt_sovits"})
        assert failed.status_code == 503 and "TTS error" in failed.get_json()["error"]
        events = sse_events(strict.post("/api/v2/lipsync/stream", json={"text": SENTENCE, "resolution": "360p"}))
        assert events[-1]["type"] == "error" and "TTS error" in events[-1]["message"]
        lenient = make_app(**common, TTS_FALLBACK="espeak").test_client()
        spoken = lenient.post("/api/v2/tts", json={"text": SENTENCE, "engine": "gpt_sovits"}).get_json()
        assert spoken["success"] is True and spoken["engine"] == "espeak" and spoken["fallback_reason"]
        events = sse_events(lenient.post("/api/v2/lipsync/stream", json={"text": SENTENCE, "resolution": "360p"}))
        tts_done = next(e for e in events if e.get("stage") == "tts_done")
        assert events[-1]["type"] == "done" and tts_done["tts_engine"] == "espeak" and tts_done["tts_fallback_reason"]


def test_engine_that_needs_a_key_fails_at_start(make_app):
    import pytest

    from settings import ConfigError

    with pytest.raises(ConfigError, match="ELEVENLABS_API_KEY"):
        make_app(TTS_ENGINE="elevenlabs")
