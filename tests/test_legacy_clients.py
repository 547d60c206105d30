"""Legacy mode for clients that keep no cookie (the seed's curl and `requests.post` examples): a conversation per
address + User-Agent, cleared by POST /api/clear_history exactly for that client; on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from flask import Flask

CURL = {"User-Agent": "curl/8.5.0"}
REQUESTS = {"User-Agent": "python-requests/2.32.3"}
BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0"}


@pytest.fixture
def app(make_app, database_url):
    return make_app(DATABASE_URL=database_url)


def cookieless_turn(app: Flask, message: str, headers: dict[str, str]) -> int:
    """One POST /api/chat from a client with no cookie jar (a fresh test client); its history_count."""
    client = app.test_client()
    response = client.post("/api/chat", json={"message": message}, headers=headers)
    assert response.status_code == 200, response.get_json()
    assert client.get_cookie("session") is not None  # offered a cookie, which this client never sends back
    return response.get_json()["llm_params"]["history_count"]


def test_a_cookieless_client_holds_a_multi_turn_interview(app):
    counts = [cookieless_turn(app, answer, CURL) for answer in ("면접을 시작합니다.", "저는 개발자입니다.", "네.")]
    assert counts == [0, 2, 4]


def test_clear_history_resets_exactly_that_clients_conversation(app):
    for answer in ("면접을 시작합니다.", "저는 개발자입니다."):
        cookieless_turn(app, answer, CURL)
    assert cookieless_turn(app, "안녕하세요", REQUESTS) == 4  # another User-Agent at that address: the same client
    browser = app.test_client()  # keeps its cookie, got before its first turn (a page load)
    assert browser.get("/api/llm_status", headers=BROWSER).status_code == 200
    browser.post("/api/chat", json={"message": "시작"}, headers=BROWSER)
    browser.post("/api/chat", json={"message": "계속"}, headers=BROWSER)
    cleared = app.test_client().post("/api/clear_history", headers=CURL)
    assert cleared.status_code == 200 and cleared.get_json() == {"status": "cleared"}
    assert cookieless_turn(app, "다시 시작합니다.", REQUESTS) == 0
    assert browser.post("/api/chat", json={"message": "마지막"}, headers=BROWSER).get_json()["llm_params"][
        "history_count"] == 4


def test_a_browser_takes_its_first_turn_along_and_shares_nothing_after(app):
    browser = app.test_client()  # its first request has no cookie yet: kept under its address, then taken over
    counts = [browser.post("/api/chat", json={"message": m}, headers=BROWSER).get_json()["llm_params"]["history_count"]
              for m in ("시작", "계속", "또")]
    assert counts == [0, 2, 4]
    assert cookieless_turn(app, "안녕하세요", BROWSER) == 0  # same address and User-Agent, no cookie: its own


def test_stateless_history_and_session_ids_leave_the_legacy_conversation_alone(app):
    cookieless_turn(app, "면접을 시작합니다.", CURL)
    stateless = app.test_client().post("/api/chat", json={"message": "x", "history": []}, headers=CURL)
    assert stateless.get_json()["llm_params"]["history_count"] == 0
    session_id = app.test_client().post("/api/sessions").get_json()["session_id"]
    app.test_client().post("/api/chat", json={"message": "y", "session_id": session_id}, headers=CURL)
    assert cookieless_turn(app, "계속합니다.", CURL) == 2
