"""Owner checks: a session, its messages, its report, chat with its id, its deletion, a character and an uploaded
avatar belong to the identity that made them (another gets 404); a session made without a cookie or key stays
reachable by its id alone (the chatbot seed's clients know only the id)."""
from __future__ import annotations

import json
import os
import time

import pytest

from store.keys import issue
from store.api_keys import DatabaseKeyRepository
from tests.conftest import services_of, sse_events
from tests.test_avatar_uploads import FAST, GRACE, _post, _wait, own_avatars  # noqa: F401 -- fixture
from tests.test_characters_api import NEW

HELLO = {"message": "안녕하세요"}


def browser(app, address: str = "127.0.0.1"):
    """A browser-like client that already holds its anonymous identity cookie."""
    client = app.test_client()
    client.environ_base.update(REMOTE_ADDR=address)
    assert client.get("/api/queue_status").status_code == 200
    return client


def script(app, address: str = "127.0.0.1", agent: str = "curl/8"):
    """A client that keeps no cookies (curl, `requests.post`)."""
    client = app.test_client(use_cookies=False)
    client.environ_base.update(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    return client


def keyed(app, name: str):
    """A client with its own API key (the headers to send)."""
    token = issue(DatabaseKeyRepository(services_of(app).database), name)[1]
    return app.test_client(use_cookies=False), {"Authorization": f"Bearer {token}"}


def trespasses(client, session_id: str, headers: dict | None = None):
    """Every way into a session: read, messages, report, chat (JSON and SSE), delete."""
    kw = {"headers": headers or {}}
    return {"get": client.get(f"/api/sessions/{session_id}", **kw),
            "messages": client.get(f"/api/sessions/{session_id}/messages", **kw),
            "report": client.post("/api/interview/report", json={"session_id": session_id}, **kw),
            "chat": client.post("/api/chat", json={**HELLO, "session_id": session_id}, **kw),
            "chat_stream": client.post("/api/chat/stream", json={**HELLO, "session_id": session_id}, **kw),
            "chat_and_lipsync": client.post("/api/v2/chat_and_lipsync/stream",
                                            json={**HELLO, "session_id": session_id, "resolution": "360p"}, **kw),
            "delete": client.delete(f"/api/sessions/{session_id}", **kw)}


def test_another_browser_gets_404_for_my_session_and_everything_in_it(make_app):
    app = make_app()
    alice, mallory = browser(app), browser(app)
    session_id = alice.post("/api/sessions", json={"company_name": "ACME"}).get_json()["session_id"]
    assert alice.post("/api/chat", json={**HELLO, "session_id": session_id}).status_code == 200
    refused = trespasses(mallory, session_id)
    assert {k: r.status_code for k, r in refused.items()} == dict.fromkeys(refused, 404)
    assert all(r.get_json()["error"] == "Session not found" for r in refused.values() if r.is_json)
    messages = alice.get(f"/api/sessions/{session_id}/messages").get_json()["messages"]
    assert [m["content"] for m in messages if m["role"] == "user"] == ["안녕하세요"]  # nothing appended by mallory
    assert alice.post("/api/interview/report", json={"session_id": session_id}).status_code == 200
    assert alice.delete(f"/api/sessions/{session_id}").status_code == 200


def test_a_session_made_with_a_key_belongs_to_that_key(make_app):
    app = make_app()
    (owner, mine), (other, theirs) = keyed(app, "owner"), keyed(app, "other")
    session_id = owner.post("/api/sessions", json={}, headers=mine).get_json()["session_id"]
    refused = trespasses(other, session_id, theirs)
    assert {k: r.status_code for k, r in refused.items()} == dict.fromkeys(refused, 404)
    assert browser(app).get(f"/api/sessions/{session_id}").status_code == 404
    assert owner.get(f"/api/sessions/{session_id}", headers=mine).status_code == 200


def test_a_session_made_without_cookie_or_key_is_reachable_by_its_id_alone(make_app):
    app = make_app()
    session_id = script(app).post("/api/sessions", json={}).get_json()["session_id"]
    elsewhere = script(app, address="10.9.8.7", agent="python-requests/2")
    assert elsewhere.post("/api/chat", json={**HELLO, "session_id": session_id}).status_code == 200
    assert elsewhere.get(f"/api/sessions/{session_id}/messages").get_json()["count"] == 2
    assert browser(app).get(f"/api/sessions/{session_id}").status_code == 200
    assert elsewhere.delete(f"/api/sessions/{session_id}").status_code == 200


def test_a_cookieless_script_deletes_the_character_it_created_and_others_get_404(make_app):
    app = make_app()
    curl = script(app, agent="curl/8")
    created = curl.post("/api/characters", json=NEW)
    assert created.status_code == 201
    character_id = created.get_json()["data"]["id"]
    assert browser(app, address="10.0.0.2").delete(f"/api/characters/{character_id}").status_code == 404
    assert script(app, address="10.0.0.2").delete(f"/api/characters/{character_id}").status_code == 404
    assert script(app, agent="another agent/1").delete(f"/api/characters/{character_id}").status_code == 200


@pytest.fixture
def uploaded(make_app, own_avatars):
    """An app and the name of a photo avatar uploaded by `alice` (a browser), private."""
    app = make_app(PRECOMPUTED_DIR=own_avatars)
    alice = browser(app)
    done = _wait(alice, _post(alice, GRACE.read_bytes(), name="Aaron", options=FAST).get_json()["data"]["status_url"])
    assert done["status"] == "completed", done
    return app, alice, done["avatar"]


def test_an_uploaded_avatar_is_listed_previewed_and_used_only_by_its_owner(uploaded):
    app, alice, name = uploaded
    mallory, curl = browser(app, address="10.0.0.3"), script(app, address="10.0.0.4")

    def listed(client) -> set[str]:
        return {a["base_name"] for a in client.get("/api/avatars").get_json()["avatars"]}

    assert name in listed(alice) and name not in listed(mallory) and name not in listed(curl)
    assert f"{name}_360p" not in mallory.get("/api/v2/status").get_json()["available_avatars"]
    assert alice.get(f"/api/avatars/{name}/still.jpg").status_code == 200
    assert mallory.get(f"/api/avatars/{name}/still.jpg").status_code == 404
    assert curl.get(f"/api/avatars/{name}/still.jpg").status_code == 404
    assert mallory.get(f"/api/avatars/{name}").status_code == 404
    for clip in (f"/idle/{name}_360p.mp4", f"/listening/{name}_360p.mp4", f"/listening/{name}_360p.nod.mp4"):
        assert mallory.get(clip).status_code == 404
    speak = {"text": "아무 말이나.", "avatar": name, "resolution": "360p"}
    assert mallory.post("/api/v2/lipsync/stream", json=speak).status_code == 404
    assert mallory.post("/api/sessions", json={"avatar": name}).status_code == 404
    socket = app.extensions["socketio"].test_client(app, flask_test_client=mallory)
    ack = socket.emit("generate", speak, callback=True)
    socket.disconnect()
    assert ack["accepted"] is False and "not found" in ack["error"]
    assert mallory.delete(f"/api/avatars/{name}").status_code == 404
    events = sse_events(alice.post("/api/v2/lipsync/stream", json=speak))
    assert events[-1]["type"] == "done"


def test_a_shared_upload_is_listed_to_everyone_but_deleted_only_by_its_owner(make_app, own_avatars):
    app = make_app(PRECOMPUTED_DIR=own_avatars)
    alice, mallory = browser(app), browser(app, address="10.0.0.3")
    shared = json.dumps({**json.loads(FAST), "shared": True})
    done = _wait(alice, _post(alice, GRACE.read_bytes(), name="Team", options=shared).get_json()["data"]["status_url"])
    name = done["avatar"]
    assert name in {a["base_name"] for a in mallory.get("/api/avatars").get_json()["avatars"]}
    assert mallory.get(f"/api/avatars/{name}/still.jpg").status_code == 200
    assert mallory.delete(f"/api/avatars/{name}").status_code == 404
    assert alice.delete(f"/api/avatars/{name}").status_code == 200


def test_uploads_count_in_a_per_owner_byte_cap_checked_before_writing(make_app, own_avatars):
    app = make_app(PRECOMPUTED_DIR=own_avatars, AVATAR_UPLOAD_MAX_BYTES=200_000, AVATAR_UPLOAD_OWNER_MAX_BYTES=200_000)
    alice, bob = browser(app), browser(app, address="10.0.0.3")
    done = _wait(alice, _post(alice, GRACE.read_bytes(), options=FAST).get_json()["data"]["status_url"])
    held = folder_bytes_of(app, done["avatar"])
    assert held + len(GRACE.read_bytes()) > 200_000  # the premise: one avatar and another upload pass the cap
    refused = _post(alice, GRACE.read_bytes(), options=FAST)
    assert refused.status_code == 413 and "AVATAR_UPLOAD_OWNER_MAX_BYTES" in refused.get_json()["error"]
    uploads = services_of(app).config.MEDIA_DIR / "uploads"
    assert not uploads.exists() or not any(uploads.iterdir())  # refused before anything was written
    assert _post(bob, GRACE.read_bytes(), options=FAST).status_code == 202  # the cap is per owner
    assert alice.delete(f"/api/avatars/{done['avatar']}").status_code == 200
    assert _post(alice, GRACE.read_bytes(), options=FAST).status_code == 202


def folder_bytes_of(app, name: str) -> int:
    root = services_of(app).avatars.root
    return sum(p.stat().st_size for folder in root.glob(f"{name}_*") for p in folder.rglob("*") if p.is_file())


def test_unused_uploads_expire_and_orphaned_upload_folders_are_collected(uploaded):
    from runtime.avatar_jobs import sweep_uploads

    app, alice, name = uploaded
    s = services_of(app)
    orphan = s.config.MEDIA_DIR / "uploads" / ("0" * 32)
    orphan.mkdir(parents=True)
    (orphan / "upload.jpg").write_bytes(GRACE.read_bytes())
    sweep_uploads(s.avatars, s.config)
    assert orphan.exists() and name in {a.name for a in s.avatars.list()}  # young: both kept
    old = time.time() - s.config.AVATAR_UPLOAD_IDLE_DAYS * 86400 - 60
    for folder in [*s.avatars.root.glob(f"{name}_*"), orphan]:
        os.utime(folder, (old, old))
    sweep_uploads(s.avatars, s.config)
    assert not orphan.exists() and name not in {a.name for a in s.avatars.list()}
    assert {"talk_long", "talk_short"} <= {a.name for a in s.avatars.list()}  # the operator's avatars never expire


def test_the_page_hands_a_browser_its_identity_before_its_api_calls(make_app):
    app = make_app()
    page = app.test_client()
    assert page.get("/").status_code == 200 and page.get_cookie("session") is not None
    session_id = page.post("/api/sessions", json={}).get_json()["session_id"]
    assert [s["session_id"] for s in page.get("/api/sessions").get_json()["sessions"]] == [session_id]
    assert browser(app).get(f"/api/sessions/{session_id}").status_code == 404
