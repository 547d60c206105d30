"""A finished chat turn is kept by the pipeline's own completion (wherever it ran: a web process's thread or a Redis
worker), not by the SSE stream that asked for it: a client that drops its stream does not lose the record, and the
stream it would have read says the same whether it stayed or resumed."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy.exc import OperationalError

from runtime.services import Engines
from store.database import DATABASE_UNAVAILABLE
from tests.conftest import redis_overrides, services_of, sse_events, wait_until
from tests.fakes.hooked import HookedLipsync, hold_until
from tests.test_job_events import sse_blocks
from tests.test_safety_resume import first_events

MESSAGE = "안녕하세요, 지원 동기를 말씀드리겠습니다."


@pytest.fixture(params=["local", "redis"])
def held_app(request, make_app):
    """An app on each backend whose renders wait for `gate` (so a client can leave before the turn ends)."""
    gate = threading.Event()
    backend = {"JOB_BACKEND": "local"} if request.param == "local" else redis_overrides(
        request.getfixturevalue("redis_url"), 1)
    app = make_app(engines=Engines(lipsync=HookedLipsync(hold_until(gate, limit_s=30))), STREAM_RESUME_GRACE_S=30,
                   **backend)
    yield app, gate
    gate.set()


def new_session(client) -> str:
    return client.post("/api/sessions", json={}).get_json()["session_id"]


def messages_of(client, session_id: str) -> list[dict]:
    return client.get(f"/api/sessions/{session_id}/messages").get_json()["messages"]


def test_a_turn_whose_client_left_after_the_first_event_is_kept_in_its_session(held_app):
    app, gate = held_app
    client = app.test_client()
    session_id = new_session(client)
    seen = first_events(client.post("/api/v2/chat_and_lipsync/stream", buffered=False,
                                    json={"session_id": session_id, "message": MESSAGE, "resolution": "360p"}), 1)
    assert seen[0]["type"] == "status" and seen[0]["stage"] == "llm"
    job_id = seen[0]["request_id"]
    assert messages_of(client, session_id) == []  # the turn is still rendering: nothing kept yet
    gate.set()
    queue = services_of(app).queue
    wait_until(lambda: any(e.terminal for e in queue.read_events(job_id, 0, 0)), timeout=60, what="the turn's end")
    assert queue.read_events(job_id, 0, 0)[-1].type == "done"
    kept = messages_of(client, session_id)
    assert [(m["role"], m["content"]) for m in kept][:1] == [("user", MESSAGE)]
    assert [m["role"] for m in kept] == ["user", "assistant"] and kept[1]["content"]
    assert kept[1]["video_url"] and kept[1]["audio_url"]  # the record has the turn's media, as a streamed one had


def test_a_resumed_chat_stream_equals_the_original_one(held_app):
    app, gate = held_app
    gate.set()
    client = app.test_client()
    session_id = new_session(client)
    posted = sse_events(client.post("/api/v2/chat_and_lipsync/stream",
                                    json={"session_id": session_id, "message": MESSAGE, "resolution": "360p",
                                          "tts_engine": "elevenlabs"}))
    assert posted[-1]["type"] == "done" and "'elevenlabs' is not configured" in posted[-1]["tts_engine_reason"]
    replay = sse_blocks(client.get(f"/api/jobs/{posted[-1]['request_id']}/events"))
    assert [data for _, data in replay] == posted  # every event, tts_engine_reason included
    assert "message_id" not in posted[-1]  # the stream's `done` is the seed's: the stored ids are not added
    assert [m["role"] for m in messages_of(client, session_id)] == ["user", "assistant"]  # kept once


def test_a_database_lost_while_keeping_the_turn_is_a_503_or_an_error_event_with_the_media(make_app, monkeypatch):
    app = make_app(JOB_BACKEND="local")
    client = app.test_client()
    session_id = new_session(client)
    store = services_of(app).pipeline.parts.sessions
    assert store is services_of(app).sessions  # the pipeline keeps turns in the app's own session store

    def unreachable(*args, **kwargs):
        raise OperationalError("INSERT", {}, ConnectionRefusedError("the database went away"))

    monkeypatch.setattr(store, "add_turn", unreachable)
    body = {"session_id": session_id, "message": MESSAGE, "resolution": "360p"}
    answer = client.post("/api/v2/chat_and_lipsync", json=body)
    assert answer.status_code == 503 and answer.headers["Retry-After"]
    assert answer.get_json() == {"success": False, "error": DATABASE_UNAVAILABLE, "code": "database_unavailable"}
    error = sse_events(client.post("/api/v2/chat_and_lipsync/stream", json=body))[-1]
    assert error["type"] == "error" and error["message"] == DATABASE_UNAVAILABLE
    assert error["code"] == "database_unavailable" and error["response"]
    assert client.get(error["video_url"]).status_code == 200 and client.get(error["audio_url"]).status_code == 200
