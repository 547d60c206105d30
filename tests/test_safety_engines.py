"""Engine failures as a client sees them: scrubbed messages, a stalled LLM, the remote-call bound, nothing to speak."""
from __future__ import annotations

import logging
import threading
import time

import pytest

from llm.base import ChatTurn, Prompt
from llm.fallback import FallbackChatEngine
from llm.openai_compat import OpenAIChatEngine
from llm.prompts import build_messages
from llm.remote import LLMStalled
from tests.conftest import sse_events
from tests.fakes import DEFAULT_REPLY, FakeOpenAIServer, Mode, StubEngine

SECRET_KEY = "sk-test-0123456789abcdef"
LEAKS = (SECRET_KEY, "Bearer", "10.0.0.7", "127.0.0.1", "/v1")  # the key, the header, hosts, paths
PROMPT = Prompt(system_prompt="당신은 면접관입니다.", question_set_rag_enabled=False)
TURN = ChatTurn(message="안녕하세요.")
STALL_S = 0.3  # s of silence after the first token that end a reply in these tests
UNSPEAKABLE = ("😀🎉👍", "!!! ... ???", "https://example.com/jobs/42", "___ *** ---")


def remote_app(make_app, fake: FakeOpenAIServer, **overrides):
    return make_app(LLM_ENGINE="openai", LLM_API_URL=fake.base_url, LLM_MODEL="fake-model",
                    OPENAI_API_KEY=SECRET_KEY, **overrides)


def test_an_upstream_error_body_echoing_the_key_never_reaches_the_client(make_app, caplog):
    with FakeOpenAIServer(mode=Mode.ECHO_AUTH) as fake:
        app = remote_app(make_app, fake)
        client = app.test_client()
        with caplog.at_level(logging.WARNING):
            rest = client.post("/api/chat", json={"message": "안녕하세요", "history": []})
            stream = sse_events(client.post("/api/chat/stream", json={"message": "안녕하세요", "history": []}))
            video = sse_events(client.post("/api/v2/chat_and_lipsync/stream",
                                           json={"message": "안녕하세요", "history": [], "resolution": "360p"}))
        assert SECRET_KEY in fake.requests_to("/v1/chat/completions")[0].headers["authorization"]  # it was echoed
    assert rest.status_code == 503 and rest.get_json()["error"].startswith("LLM error: ")
    shown = [rest.get_json()["error"], stream[-1]["message"], video[-1]["message"]]
    assert stream[-1]["type"] == "error" and video[-1]["type"] == "error"
    for message in shown:
        assert not [leak for leak in LEAKS if leak in message], message
    logged = caplog.text
    assert "10.0.0.7" in logged and "401" in logged  # the log keeps the detail ...
    assert SECRET_KEY not in logged  # ... minus the secret


def test_a_remote_llm_that_stalls_mid_reply_ends_the_turn_and_cools_down():
    backup = StubEngine("gpt-4o-mini", pieces=("대체", " 응답."))
    with FakeOpenAIServer(stall_after=2) as fake:
        primary = OpenAIChatEngine(fake.base_url, "fake-model", None, 30.0, build_messages=build_messages)
        engine = FallbackChatEngine([primary, backup], cooldown_s=60.0, stall_s=STALL_S)
        got: list[str] = []
        started = time.monotonic()
        with pytest.raises(LLMStalled):
            got.extend(engine.stream(TURN, PROMPT, threading.Event()))
        stalled_after = time.monotonic() - started
        assert got == list(DEFAULT_REPLY[:2]) and stalled_after < 5  # not the 30 s read timeout
        assert engine.cooling_down() == [primary.source]
        nxt = engine.stream(TURN, PROMPT, threading.Event())
        assert "".join(nxt) == "대체 응답." and nxt.source == backup.source  # the next turn: the fallback
        assert len(fake.chat_bodies) == 1
        fake.release.set()


def test_a_slow_reader_is_not_a_stall():
    with FakeOpenAIServer(token_delay_s=0.0) as fake:
        primary = OpenAIChatEngine(fake.base_url, "fake-model", None, 30.0, build_messages=build_messages)
        engine = FallbackChatEngine([primary, StubEngine("backup")], stall_s=STALL_S)
        stream = engine.stream(TURN, PROMPT, threading.Event())
        pieces = [next(stream)]
        time.sleep(3 * STALL_S)  # the consumer (TTS, render) is busy; the engine is not silent
        pieces += list(stream)
    assert pieces == list(DEFAULT_REPLY)


def test_remote_llm_calls_beyond_the_bound_are_503_with_retry_after(make_app):
    with FakeOpenAIServer(stall_after=1) as fake:
        app = remote_app(make_app, fake, MAX_REMOTE_LLM_CALLS=1, LLM_STALL_S=30)
        holder = app.test_client().post("/api/chat/stream", json={"message": "안녕하세요", "history": []},
                                        buffered=False)
        first = next(iter(holder.response))  # the first token is out: the only call slot is held
        assert b"token" in first
        refused = app.test_client().post("/api/chat", json={"message": "안녕하세요", "history": []})
        fake.release.set()
        holder.close()
    assert refused.status_code == 503 and int(refused.headers["Retry-After"]) >= 1
    assert "busy" in refused.get_json()["error"]


@pytest.mark.parametrize("text", UNSPEAKABLE)
def test_text_with_nothing_to_speak_is_the_clients_400(client, app, text):
    for path in ("/api/v2/tts", "/api/v2/lipsync", "/api/v2/lipsync/stream", "/api/tts"):
        response = client.post(path, json={"text": text})
        assert response.status_code == 400, (path, response.get_json())
        assert "'text' has nothing to speak" in response.get_json()["error"]
    socket = app.extensions["socketio"].test_client(app, flask_test_client=client)
    ack = socket.emit("generate", {"text": text}, callback=True)
    assert ack["accepted"] is False and "nothing to speak" in ack["error"]
