"""A database that goes away is a defined 503 JSON error on every endpoint that needs it, never a 500 or a
traceback, and never its host, port, user or password; a database unreachable at start stops the start."""
from __future__ import annotations

import json
import time
from contextlib import ExitStack

import pytest

from cli.cluster import free_port
from server.unavailable import DATABASE_UNAVAILABLE
from store.database import DatabaseError
from tests.conftest import sse_events
from tests.postgres import running_postgres


def chunk_events(chunks) -> list[dict]:
    """The JSON events of an SSE body read chunk by chunk (`buffered=False`)."""
    return [json.loads(line[6:]) for chunk in chunks
            for line in (chunk.decode() if isinstance(chunk, bytes) else chunk).splitlines() if line.startswith("data: ")]


def test_a_database_that_goes_down_is_a_503_on_sessions_and_chat(make_app):
    with running_postgres() as postgres:
        url = postgres.create_database()
        client = make_app(DATABASE_URL=url).test_client()
        session_id = client.post("/api/sessions").get_json()["session_id"]
        assert client.post("/api/chat", json={"session_id": session_id, "message": "시작"}).status_code == 200
    # the server is stopped now; the app's pooled connections are dead
    calls = [client.post("/api/sessions", json={}), client.get("/api/sessions"),
             client.get(f"/api/sessions/{session_id}"),
             client.get(f"/api/sessions/{session_id}/messages?limit=5"), client.delete(f"/api/sessions/{session_id}"),
             client.post("/api/chat", json={"session_id": session_id, "message": "계속"}),
             client.post("/api/chat/stream", json={"session_id": session_id, "message": "계속"}),
             client.post("/api/v2/chat_and_lipsync", json={"session_id": session_id, "message": "계속"}),
             client.post("/api/v2/chat_and_lipsync/stream", json={"session_id": session_id, "message": "계속"}),
             client.post("/api/clear_history")]
    for response in calls:
        text = response.get_data(as_text=True)
        assert response.status_code == 503, (response.request.path, text)
        assert response.get_json() == {"success": False, "error": DATABASE_UNAVAILABLE, "code": "database_unavailable"}
        assert response.headers["Retry-After"] == "5"
        assert str(postgres.port) not in text and "127.0.0.1" not in text and "tests" not in text
    assert client.get("/api/v2/status").status_code == 200  # what needs no database still answers


def test_a_database_unreachable_at_start_stops_it_without_the_password(make_app):
    url = f"postgresql://interviews:s3cret-pw@127.0.0.1:{free_port()}/interviews"  # nothing listens there
    with pytest.raises(DatabaseError) as raised:
        make_app(DATABASE_URL=url)
    assert "s3cret-pw" not in str(raised.value) and "127.0.0.1" in str(raised.value)


def test_a_database_lost_during_a_stream_ends_it_with_an_error_event(make_app):
    with ExitStack() as stack:
        postgres = stack.enter_context(running_postgres())
        client = make_app(DATABASE_URL=postgres.create_database()).test_client()
        session_id = client.post("/api/sessions").get_json()["session_id"]
        response = client.post("/api/chat/stream", json={"session_id": session_id, "message": "시작"}, buffered=False)
        chunks = iter(response.response)
        first = next(chunks)
        stack.close()  # PostgreSQL stops before the turn is stored
        events = chunk_events([first, *chunks])
    assert events[0]["type"] == "token"
    assert events[-1] == {"type": "error", "message": DATABASE_UNAVAILABLE}


def test_a_database_lost_before_a_lipsync_turn_is_stored_ends_the_stream_with_an_error_keeping_the_media(make_app):
    with ExitStack() as stack:
        postgres = stack.enter_context(running_postgres())
        app = make_app(DATABASE_URL=postgres.create_database())
        client = app.test_client()
        session_id = client.post("/api/sessions", json={"company_name": "네이버"}).get_json()["session_id"]
        response = client.post("/api/v2/chat_and_lipsync/stream", buffered=False,
                               json={"session_id": session_id, "message": "시작", "resolution": "360p"})
        chunks = iter(response.response)
        first = next(chunks)  # `status llm`: the turn runs; nothing is stored before its `done`
        stack.close()  # PostgreSQL stops during the turn
        events = chunk_events([first, *chunks])
    assert events[0]["type"] == "status" and "done" not in [e["type"] for e in events]
    error = events[-1]
    assert error["type"] == "error" and error["message"] == DATABASE_UNAVAILABLE
    assert error["response"] and error["video_url"].startswith("/video/") and error["audio_url"]
    assert str(postgres.port) not in json.dumps(events) and "tests" not in json.dumps(error)
    video = client.get(error["video_url"])  # the rendered reply is not lost: it plays, as any turn's media
    assert video.status_code == 200 and video.mimetype == "video/mp4" and len(video.data) > 1000
    # the server stays healthy: what needs no database still works, the socket's generate (which stores nothing) too
    assert client.get("/api/v2/status").status_code == 200
    stateless = client.post("/api/v2/chat_and_lipsync/stream", json={"message": "안녕하세요", "history": [],
                                                                     "resolution": "360p"})
    assert sse_events(stateless)[-1]["type"] == "done"
    sock = app.extensions["socketio"].test_client(app, flask_test_client=client)
    assert sock.emit("generate", {"text": "안녕하세요.", "resolution": "360p"}, callback=True)["accepted"] is True
    deadline = time.monotonic() + 30
    received: list[dict] = []
    while not any(e["name"] in ("generation_complete", "error") for e in received) and time.monotonic() < deadline:
        received += sock.get_received()
        time.sleep(0.05)
    assert [e["name"] for e in received if e["name"] in ("generation_complete", "error")] == ["generation_complete"]
