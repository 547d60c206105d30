"""The chatbot-backend seed's session API and chat with `session_id`, on SQLite and on a real PostgreSQL."""
from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from store.sessions import InterviewSettings, SessionStore
from tests.conftest import services_of, sse_events

INTERVIEW = {"org_type": "일반기업", "company_name": "삼성전자", "job_name": "개발엔지니어링"}


@pytest.fixture
def app(make_app, database_url):
    return make_app(DATABASE_URL=database_url)


def new_session(client, **body) -> str:
    response = client.post("/api/sessions", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["session_id"]


def test_the_seed_session_flow(client):
    session_id = new_session(client, metadata={"user_id": "example"})
    chat = client.post("/api/chat", json={"session_id": session_id, "message": "안녕하세요!", "max_new_tokens": 256,
                                          "temperature": 0.7, "do_sample": True})
    body = chat.get_json()
    assert chat.status_code == 200, body
    assert body["content"] == body["response"] and body["llm_source"] and body["llm_params"]["max_tokens"] == 256
    assert body["session_id"] == session_id and body["role"] == "assistant" and isinstance(body["message_id"], int)
    info = client.get(f"/api/sessions/{session_id}").get_json()
    assert info["metadata"] == {"user_id": "example"} and info["message_count"] == 2
    messages = client.get(f"/api/sessions/{session_id}/messages?limit=10").get_json()["messages"]
    assert [(m["role"], m["content"]) for m in messages] == [("user", "안녕하세요!"), ("assistant", body["content"])]
    assert messages[1]["llm_source"] == body["llm_source"] and messages[1]["timings"]["llm"] >= 0
    assert client.delete(f"/api/sessions/{session_id}").get_json()["success"] is True
    for response in (client.get(f"/api/sessions/{session_id}"), client.get(f"/api/sessions/{session_id}/messages"),
                     client.delete(f"/api/sessions/{session_id}"),
                     client.post("/api/chat", json={"session_id": session_id, "message": "계속"})):
        assert response.status_code == 404 and response.get_json()["error"] == "Session not found"


def test_a_session_keeps_the_history_and_its_interview_settings(client):
    session_id = new_session(client, **INTERVIEW, total_questions=3)
    for i, answer in enumerate(["면접을 시작합니다.", "저는 백엔드 개발자입니다.", "성능 개선 경험이 있습니다."]):
        params = client.post("/api/chat", json={"session_id": session_id, "message": answer}).get_json()["llm_params"]
        assert params["history_count"] == 2 * i
        assert params["company_name"] == "삼성전자" and params["question_set_rag_enabled"] is True
    newest = client.get(f"/api/sessions/{session_id}/messages?limit=3").get_json()["messages"]
    assert [m["role"] for m in newest] == ["assistant", "user", "assistant"] and newest[1]["content"] == "성능 개선 경험이 있습니다."
    info = client.get(f"/api/sessions/{session_id}").get_json()
    assert info["total_questions"] == 3 and info["question_index"] >= 2


@pytest.mark.parametrize("mode", ["study", "real"])
def test_the_interview_mode_of_a_session_decides_hints_and_the_report_notes_it(client, mode):
    session_id = new_session(client, **INTERVIEW, total_questions=3, interview_mode=mode)
    assert client.get(f"/api/sessions/{session_id}").get_json()["interview_mode"] == mode
    client.post("/api/chat", json={"session_id": session_id, "message": "면접을 시작합니다."})
    reply = client.post("/api/chat", json={"session_id": session_id, "message": "힌트 좀 주실 수 있나요?"}).get_json()
    assert reply["response"].startswith("힌트:") is (mode == "study")
    assert ("실전 모드에서는 힌트를 드리지 않습니다." in reply["response"]) is (mode == "real")
    # a stateless client says the mode on the chat itself
    history = client.get(f"/api/sessions/{session_id}/messages").get_json()["messages"][:2]
    stateless = client.post("/api/chat", json={"message": "힌트 좀 주실 수 있나요?", "interview_mode": mode,
                                               "history": [{"role": m["role"], "content": m["content"]}
                                                           for m in history]}).get_json()
    assert stateless["response"].startswith("힌트:") is (mode == "study")
    report = client.post("/api/interview/report", json={"session_id": session_id}).get_json()["report"]
    assert report["interview"]["interview_mode"] == mode
    assert ("실전 모드" if mode == "real" else "연습 모드") in report["summary"]


def test_the_stream_stores_both_messages_and_sends_the_seed_fields(client):
    session_id = new_session(client)
    events = sse_events(client.post("/api/chat/stream", json={"session_id": session_id, "message": "시작합니다"}))
    done = events[-1]
    assert done["type"] == "done" and done["content"] == done["response"] and done["session_id"] == session_id
    assert all(e["type"] == "token" and e["content"] for e in events[:-1])
    stored = client.get(f"/api/sessions/{session_id}/messages").get_json()["messages"]
    assert stored[-1]["message_id"] == done["message_id"] and stored[-1]["content"] == done["response"]


def test_max_context_messages_limits_the_history_sent(make_app, database_url):
    client = make_app(DATABASE_URL=database_url, MAX_CONTEXT_MESSAGES=3).test_client()
    session_id = new_session(client)
    counts = [client.post("/api/chat", json={"session_id": session_id, "message": f"답변 {i}"}).get_json()[
        "llm_params"]["history_count"] for i in range(3)]
    assert counts == [0, 2, 3]


@pytest.mark.parametrize("body, field", [
    ({"max_new_tokens": 0}, "max_new_tokens"), ({"max_new_tokens": 5000}, "max_new_tokens"),
    ({"max_new_tokens": "many"}, "max_new_tokens"), ({"temperature": 2.5}, "temperature"),
    ({"temperature": -1}, "temperature"), ({"do_sample": "yes"}, "do_sample"), ({"session_id": 7}, "session_id"),
])
def test_bad_generation_fields_are_400_naming_the_field(client, body, field):
    response = client.post("/api/chat", json={"message": "안녕하세요", "history": [], **body})
    assert response.status_code == 400 and field in response.get_json()["error"]


def test_do_sample_false_is_greedy(client):
    params = client.post("/api/chat", json={"message": "안녕하세요", "history": [], "temperature": 0.9,
                                            "do_sample": False}).get_json()["llm_params"]
    assert params["temperature"] == 0.0


@pytest.mark.parametrize("limit", ["0", "-1", "abc", "1.5", "", "１"])
def test_a_limit_that_is_not_a_positive_integer_is_400(client, limit):
    session_id = new_session(client)
    response = client.get(f"/api/sessions/{session_id}/messages?limit={limit}")
    assert response.status_code == 400 and "limit" in response.get_json()["error"]


@pytest.mark.parametrize("bad_id", ["s1", "x" * 36, "D5B8BCE6-6FA5-4C09-A0A0-02F0D2C4EA18", "1" * 500,
                                    "00000000-0000-0000-0000-000000000000"])
def test_an_id_not_in_the_server_format_is_404_without_touching_the_database(app, client, bad_id):
    statements: list[str] = []
    engine = services_of(app).database.engine
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    for response in (client.get(f"/api/sessions/{bad_id}"), client.get(f"/api/sessions/{bad_id}/messages"),
                     client.delete(f"/api/sessions/{bad_id}"),
                     client.post("/api/chat", json={"session_id": bad_id, "message": "안녕"})):
        assert response.status_code == 404 and response.get_json()["error"] == "Session not found"
    assert statements == []


def test_bad_session_bodies_are_rejected(client):
    assert client.post("/api/sessions", json={"metadata": "x"}).status_code == 400
    assert client.post("/api/sessions", json={"metadata": {"blob": "x" * 5000}}).status_code == 400
    assert client.post("/api/sessions", json={"total_questions": 0}).status_code == 400
    assert client.post("/api/sessions", json={"avatar": "nobody"}).status_code == 404
    assert client.post("/api/sessions", json={"avatar": "../x"}).status_code == 400
    assert client.post("/api/sessions", json={"tts_voice": "no-such-voice"}).status_code == 400
    assert client.post("/api/sessions", data="{", content_type="application/json").status_code == 400
    bad_mode = client.post("/api/sessions", json={"interview_mode": "exam"})
    assert bad_mode.status_code == 400 and "interview_mode" in bad_mode.get_json()["error"]
    assert client.post("/api/chat", json={"message": "네", "interview_mode": "exam"}).status_code == 400


def test_a_session_idle_past_the_timeout_is_gone(app, client):
    """The clock is injected: a store that lives 25 hours ago creates the session in the app's database."""
    past = SessionStore(services_of(app).database, timedelta(hours=24), 10,
                        clock=lambda: datetime.now(UTC) - timedelta(hours=25))
    stale = past.create({}, None, InterviewSettings()).id
    fresh = new_session(client)
    assert client.get(f"/api/sessions/{stale}").status_code == 404
    assert client.get(f"/api/sessions/{stale}/messages").get_json()["error"] == "Session not found"
    assert client.get(f"/api/sessions/{fresh}").status_code == 200


def test_the_list_shows_only_this_browsers_sessions(app):
    mine, theirs = app.test_client(), app.test_client()
    assert mine.get("/api/sessions").get_json()["count"] == 0  # the page's first request hands the browser its cookie
    first, second = new_session(mine, **INTERVIEW), new_session(mine)
    new_session(theirs)
    listed = mine.get("/api/sessions").get_json()
    assert [s["session_id"] for s in listed["sessions"]] == [second, first] and listed["count"] == 2
    assert listed["sessions"][1]["company_name"] == "삼성전자" and listed["sessions"][1]["questions_answered"] == 0
    assert [s["session_id"] for s in theirs.get("/api/sessions").get_json()["sessions"]] != [second, first]


def test_twenty_concurrent_writers_lose_no_message(app):
    """20 clients (two per session) send 3 turns each at the same moment: every message is stored."""
    sessions = [new_session(app.test_client()) for _ in range(10)]
    start, failures = threading.Barrier(20), []

    def writer(n: int) -> None:
        client = app.test_client()
        start.wait(timeout=30)
        for turn in range(3):
            response = client.post("/api/chat", json={"session_id": sessions[n % 10], "message": f"{n}-{turn}"})
            if response.status_code != 200:
                failures.append(response.get_json())

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert failures == []
    client = app.test_client()
    for n, session_id in enumerate(sessions):
        messages = client.get(f"/api/sessions/{session_id}/messages").get_json()["messages"]
        assert len(messages) == 12
        assert sorted(m["content"] for m in messages if m["role"] == "user") == sorted(
            f"{w}-{t}" for w in (n, n + 10) for t in range(3))


def test_a_stored_turns_media_links_are_signed_afresh_when_read_back(make_app):
    client = make_app(MEDIA_URL_TTL_S=1.0).test_client()
    session_id = new_session(client, **INTERVIEW, resolution="360p")
    done = client.post("/api/v2/chat_and_lipsync", json={"session_id": session_id, "message": "시작합니다"}).get_json()
    time.sleep(1.5)  # the links the turn handed out have expired
    assert client.get(done["video_url"]).status_code == 403
    reply = client.get(f"/api/sessions/{session_id}/messages").get_json()["messages"][-1]
    assert reply["video_url"].split("?")[0] == done["video_url"].split("?")[0] != reply["video_url"]
    for url, mimetype in ((reply["video_url"], "video/mp4"), (reply["audio_url"], "audio/wav")):
        media = client.get(url)
        assert media.status_code == 200 and media.mimetype == mimetype
