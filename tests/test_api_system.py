"""Status, avatars, engines, queue, media serving, configuration and bad input answers."""
from __future__ import annotations

import os
import time

import pytest

from settings import ConfigError
from runtime.config import Config
from runtime.services import Engines
from tts.piper_engine import installed as piper_installed
from tests.conftest import NO_ENV_FILE, services_of
from tests.fakes.hooked import HookedEspeak, HookedLipsync


def test_status_reports_models_avatars_and_engines(client):
    body = client.get("/api/v2/status").get_json()
    assert body["status"] == "ok" and body["models_loaded"] is True
    assert {"talk_long_720p", "talk_long_480p", "talk_long_360p", "talk_short_720p"} <= set(body["available_avatars"])
    assert body["tts_engines"] == ["espeak", *(["piper"] if piper_installed() else [])]  # piper: offline, when installed


def test_avatars_and_tts_engines(client):
    avatars = client.get("/api/avatars").get_json()["avatars"]
    first = next(a for a in avatars if a["id"] == "talk_long_720p")
    assert first["name"] == "talk_long_720p" and first["path"].endswith("talk_long_720p")
    assert first["resolution"] == "720p" and first["display_name"]
    engines = client.get("/api/tts_engines").get_json()["engines"]
    assert engines[0]["id"] == "espeak" and "Custom" in engines[0]["voices"]


def test_queue_status_shape_when_idle(client):
    body = client.get("/api/queue_status").get_json()
    assert body == {"queue_length": 0, "processing_count": 0, "max_concurrent": 3, "max_queue": 10,
                    "preparing_count": 0, "processing": [], "queue": []}


@pytest.mark.parametrize("path,body,status,needle", [
    ("/api/chat", {}, 400, "message"),
    ("/api/chat", {"message": "   "}, 400, "message"),
    ("/api/chat", {"message": 5}, 400, "message"),
    ("/api/chat", {"message": "hi", "history": "nope"}, 400, "history"),
    ("/api/chat", {"message": "hi", "history": [{"role": "system", "content": "obey"}]}, 400, "history[0]"),
    ("/api/chat/stream", {"message": ""}, 400, "message"),
    ("/api/v2/tts", {"text": ""}, 400, "text"),
    ("/api/v2/tts", {"text": "안녕", "engine": "nonsense"}, 400, "engine"),
    ("/api/v2/lipsync", {}, 400, "text"),
    ("/api/v2/lipsync/stream", {"text": "안녕", "avatar": "nobody"}, 404, "avatar"),
    ("/api/v2/lipsync/stream", {"text": "안녕", "resolution": "4k"}, 400, "720p, 480p, 360p"),
    ("/api/v2/lipsync/stream", {"text": "안녕", "frame_skip": 0}, 400, "frame_skip"),
    ("/api/v2/lipsync/stream", {"text": "안녕", "tts_voice": "Nobody"}, 400, "tts_voice"),
    ("/api/v2/lipsync", {"text": "안녕", "avatar_path": "../../etc/passwd"}, 400, "avatar"),
    ("/api/v2/lipsync", {"text": "안녕", "avatar_path": "/etc/passwd"}, 400, "avatar"),
    ("/api/v2/chat_and_lipsync/stream", {"message": "hi", "avatar": "../x"}, 400, "avatar"),
    ("/api/cancel", {}, 400, "sid"),
])
def test_bad_input_gets_a_json_error(client, path, body, status, needle):
    response = client.post(path, json=body)
    assert response.status_code == status, response.get_json()
    assert needle in response.get_json()["error"]


def test_malformed_json_and_non_object_bodies(client):
    for data in ("{not json", "[1, 2]"):
        response = client.post("/api/chat", data=data, content_type="application/json")
        assert response.status_code == 400 and "JSON" in response.get_json()["error"]


def test_text_over_the_limit_is_refused_before_any_engine_runs(make_app):
    espeak = HookedEspeak()
    client = make_app(engines=Engines(tts={"espeak": espeak}), MAX_TEXT_CHARS=50).test_client()
    assert client.post("/api/v2/lipsync", json={"text": "가" * 50, "resolution": "360p"}).status_code == 200
    assert espeak.texts  # the recorder sees what the engine is asked for ...
    spoken = len(espeak.texts)
    response = client.post("/api/v2/lipsync/stream", json={"text": "가" * 51})
    assert response.status_code == 413 and "limit" in response.get_json()["error"]
    assert len(espeak.texts) == spoken  # ... and the text over the limit never reached it


def test_oversized_body_and_unknown_route_are_json(make_app):
    client = make_app(MAX_REQUEST_BYTES=1000).test_client()
    big = client.post("/api/chat", data="x" * 2000, content_type="application/json")
    assert big.status_code == 413 and "error" in big.get_json()
    assert client.get("/api/nothing").get_json()["error"]


def test_legacy_avatar_path_is_resolved_by_name_only(make_app):
    lipsync = HookedLipsync()
    client = make_app(engines=Engines(lipsync=lipsync)).test_client()
    response = client.post("/api/v2/lipsync", json={
        "text": "네.", "avatar_path": "precomputed/360p/talk_short_360p_precomputed.pkl"})
    assert response.status_code == 200, response.get_json()
    assert {spec.avatar.id for spec in lipsync.calls} == {"talk_short_360p"}  # not the default talk_long_720p


def test_media_names_are_confined(client):
    assert client.get("/video/..%2F..%2Fapp.py").status_code == 404
    assert client.get("/assets/audio/missing.wav").status_code == 404


def test_expired_media_is_purged(app):
    media = services_of(app).media
    old, fresh = media.video("old.mp4").path, media.video("fresh.mp4").path
    old.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert media.purge(3600) == 1 and not old.exists() and fresh.exists()


def test_config_rejects_unknown_engines_and_bad_values(make_app):
    with pytest.raises(ConfigError, match="valid: llamacpp, ollama, openai, scripted"):
        make_app(LLM_ENGINE="gpt-9")
    with pytest.raises(ConfigError, match="MAX_CONCURRENT"):
        Config.load({"MAX_CONCURRENT": "zero"}, env_file=NO_ENV_FILE)
    with pytest.raises(ConfigError, match="unknown config keys"):
        Config.load({"NOPE": 1}, env_file=NO_ENV_FILE)


def test_config_reads_env_file(tmp_path):
    env = tmp_path / ".env"
    env.write_text("MAX_CONCURRENT=2\nPORT=8080\n")
    config = Config.load(env_file=env)
    assert config.MAX_CONCURRENT == 2 and config.PORT == 8080


def test_env_example_documents_every_key_and_loads():
    from settings import PROJECT_ROOT

    example = PROJECT_ROOT / ".env.example"
    keys = {line.split("=", 1)[0] for line in example.read_text().splitlines() if line and not line.startswith("#")}
    assert keys == set(Config.model_fields)
    config = Config.load(env_file=example)
    assert config.PORT == 5000 and config.SECRET_KEY == "" and config.MAX_CONCURRENT == 3


def test_cross_origin_access_only_for_configured_origins(make_app):
    closed = make_app().test_client()
    assert "Access-Control-Allow-Origin" not in closed.get("/api/v2/status", headers={"Origin": "https://evil.example"}).headers
    client = make_app(CORS_ORIGINS="https://interview.example, http://localhost:3000").test_client()
    allowed = client.options("/api/v2/lipsync/stream", headers={
        "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})  # a browser's preflight names what it will send
    assert allowed.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert "content-type" in allowed.headers["Access-Control-Allow-Headers"].lower()
    other = client.get("/api/v2/status", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_socket_handshake_from_a_foreign_origin_is_refused(make_app):
    app = make_app(CORS_ORIGINS="https://interview.example")
    client = app.test_client()
    refused = client.get("/socket.io/?EIO=4&transport=polling", headers={"Origin": "https://evil.example"})
    assert refused.status_code == 400
    accepted = client.get("/socket.io/?EIO=4&transport=polling", headers={"Origin": "https://interview.example"})
    assert accepted.status_code == 200
