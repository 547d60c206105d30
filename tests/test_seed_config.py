"""The seeds' configuration works unchanged: engines chosen by the realtime seed's keys, the chatbot seed's names
as aliases, and every answer says which TTS engine spoke when the requested one is not configured."""
from __future__ import annotations

from pathlib import Path

import pytest

from runtime.config import Config
from tests.conftest import services_of, sse_events
from tests.fakes.elevenlabs_server import FakeElevenLabs
from tests.fakes.openai_server import FakeOpenAIServer
from tests.test_sockets import socket_client

SEED_ENV = """# the realtime seed's .env, keys only
LLM_API_URL={llm}
LLM_MODEL=vllm-qwen3-30b-a3b
OPENAI_API_KEY=sk-seed-fallback
ELEVENLABS_API_KEY={eleven}
MUSETALK_PATH=/opt/MuseTalk
"""


def load(tmp_path: Path, text: str, **overrides) -> Config:
    env = tmp_path / ".env"
    env.write_text(text)
    return Config.load(overrides, env_file=env)


def test_the_realtime_seeds_keys_select_its_engines(tmp_path):
    config = load(tmp_path, SEED_ENV.format(llm="https://api.mindprep.co.kr/v1/chat/completions", eleven="xi-key"))
    assert (config.LLM_ENGINE, config.TTS_ENGINE, config.LIPSYNC_ENGINE) == ("openai", "elevenlabs", "musetalk")
    # the seed's OPENAI_API_KEY is its fallback's: OpenAI gets it, the LLM_API_URL server never does
    assert config.LLM_FALLBACK_API_URL == "https://api.openai.com/v1"
    assert config.LLM_FALLBACK_API_KEY == "sk-seed-fallback" and config.OPENAI_API_KEY == ""


def test_explicit_engines_win_and_no_keys_mean_the_embedded_ones(tmp_path):
    seed = SEED_ENV.format(llm="http://127.0.0.1:9/v1", eleven="xi-key")
    explicit = load(tmp_path, seed + "LLM_ENGINE=scripted\nTTS_ENGINE=espeak\nLIPSYNC_ENGINE=cpu\n")
    assert (explicit.LLM_ENGINE, explicit.TTS_ENGINE, explicit.LIPSYNC_ENGINE) == ("scripted", "espeak", "cpu")
    assert explicit.OPENAI_API_KEY == "sk-seed-fallback" and explicit.LLM_FALLBACK_API_URL == ""
    empty = load(tmp_path, "LLM_ENGINE=\nTTS_ENGINE=\nLIPSYNC_ENGINE=\n")
    assert (empty.LLM_ENGINE, empty.TTS_ENGINE, empty.LIPSYNC_ENGINE) == ("scripted", "espeak", "cpu")
    openai_primary = load(tmp_path, "LLM_API_URL=https://api.openai.com/v1\nLLM_MODEL=gpt-4o-mini\nOPENAI_API_KEY=sk-1\n")
    assert openai_primary.OPENAI_API_KEY == "sk-1" and openai_primary.LLM_FALLBACK_API_URL == ""


def test_the_chatbot_seeds_names_are_aliases(tmp_path):
    config = load(tmp_path, "LLM_SERVER_URL=http://localhost:8000\nLLM_MODEL=m\nDEFAULT_MAX_TOKENS=256\n"
                            "DEFAULT_TEMPERATURE=0.3\n")
    assert (config.LLM_ENGINE, config.LLM_API_URL) == ("openai", "http://localhost:8000")
    assert config.LLM_MAX_TOKENS == 256 and config.LLM_TEMPERATURE == 0.3
    ours = load(tmp_path, "DEFAULT_MAX_TOKENS=256\nLLM_MAX_TOKENS=99\n")
    assert ours.LLM_MAX_TOKENS == 99


def test_a_seed_env_serves_with_those_engines(make_app):
    with FakeOpenAIServer(models=("vllm-qwen3-30b-a3b",), reply=("안녕", "하세요.")) as llm, FakeElevenLabs() as eleven:
        # the reply guard would replace the canned greeting (it asks nothing): this test is about engines and keys
        client = make_app(LLM_API_URL=llm.base_url, LLM_MODEL="vllm-qwen3-30b-a3b", OPENAI_API_KEY="sk-seed-fallback",
                          LLM_REPLY_GUARD=False,
                          ELEVENLABS_API_KEY=eleven.api_key, ELEVENLABS_BASE_URL=eleven.base_url).test_client()
        status = client.get("/api/v2/status").get_json()
        assert status["llm_engine"] == "openai" and status["tts_engines"][0] == "elevenlabs"
        assert client.get("/api/llm_status").get_json()["fallback"] == "OpenAI (gpt-4o-mini)"
        reply = client.post("/api/chat", json={"message": "안녕하세요", "history": []}).get_json()
        assert reply["response"] == "안녕하세요." and "vllm-qwen3-30b-a3b" in reply["llm_source"]
        assert "sk-seed" not in llm.requests_to(llm.CHAT_PATH)[-1].headers.get("authorization", "")
        spoken = client.post("/api/v2/tts", json={"text": "안녕하세요.", "engine": "elevenlabs"}).get_json()
        assert spoken["engine"] == "elevenlabs" and spoken["engine_reason"] is None


@pytest.fixture
def espeak_app(make_app):
    return make_app(DEFAULT_RESOLUTION="360p")


def test_an_unconfigured_seed_engine_is_reported_in_every_answer(espeak_app):
    client = espeak_app.test_client()
    reason = "'elevenlabs' is not configured on this server; 'espeak' speaks instead"
    spoken = client.post("/api/v2/tts", json={"text": "네.", "engine": "elevenlabs"}).get_json()
    assert spoken["engine"] == "espeak" and spoken["engine_reason"] == reason
    video = client.post("/api/v2/lipsync", json={"text": "네.", "tts_engine": "elevenlabs"}).get_json()
    assert video["success"] is True and video["tts_engine"] == "espeak" and video["tts_engine_reason"] == reason
    events = sse_events(client.post("/api/v2/lipsync/stream", json={"text": "네.", "tts_engine": "elevenlabs"}))
    tts_done = next(e for e in events if e.get("stage") == "tts_done")
    assert tts_done["tts_engine"] == "espeak" and tts_done["tts_engine_reason"] == reason
    assert events[-1]["type"] == "done" and events[-1]["tts_engine_reason"] == reason
    ack = socket_client(espeak_app).emit("generate", {"text": "네.", "tts_engine": "elevenlabs"}, callback=True)
    assert ack["accepted"] is True and ack["tts_engine_reason"] == reason
    plain = client.post("/api/v2/tts", json={"text": "네."}).get_json()
    assert plain["engine"] == "espeak" and plain["engine_reason"] is None
    services_of(espeak_app).queue.cancel_sid("")  # nothing left running
