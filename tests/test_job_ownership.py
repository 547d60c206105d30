"""Jobs belong to the client that started them: cancel, queue status and event streams check it, on both backends;
MAX_JOBS_PER_CLIENT bounds one client's jobs in flight (429 + Retry-After), so a flood leaves room for others."""
from __future__ import annotations

import threading

import pytest

from runtime.services import Engines
from tests.conftest import redis_overrides, services_of, sse_events, wait_until
from tests.fakes.hooked import HookedLipsync, hold_until

TURN = {"text": "안녕하세요. 반갑습니다.", "resolution": "360p"}


@pytest.fixture(params=["local", "redis"])
def held_app(request, make_app):
    """Build apps on either backend whose renders hold until cancelled (or 30 s)."""
    gate = threading.Event()

    def factory(**overrides):
        backend = ({"JOB_BACKEND": "local"} if request.param == "local"
                   else redis_overrides(request.getfixturevalue("redis_url"), 1))
        lipsync = HookedLipsync(hold_until(gate, limit_s=30))
        return make_app(engines=Engines(lipsync=lipsync), **{"MAX_CONCURRENT": 1, **backend, **overrides})

    yield factory
    gate.set()


def known_client(app):
    """A browser-like client that already holds its anonymous identity cookie."""
    client = app.test_client()
    assert client.get("/api/queue_status").status_code == 200
    return client


def test_another_client_can_neither_see_cancel_nor_follow_my_job(held_app):
    app = held_app()
    s = services_of(app)
    alice, mallory = known_client(app), known_client(app)
    result: dict = {}
    thread = threading.Thread(target=lambda: result.update(events=sse_events(alice.post(
        "/api/v2/lipsync/stream", json={**TURN, "sid": "alice-sid"}))))
    thread.start()
    wait_until(lambda: s.queue.snapshot()["processing_count"] == 1, what="alice's job rendering")

    mine = alice.get("/api/queue_status").get_json()["processing"][0]
    assert mine["sid"] == "alice-sid" and mine["request_id"]
    theirs = mallory.get("/api/queue_status").get_json()
    assert theirs["processing_count"] == 1 and theirs["processing"][0]["sid"] is None
    assert theirs["processing"][0]["request_id"] is None

    assert mallory.post("/api/cancel", json={"sid": "alice-sid"}).get_json()["cancelled"] == 0
    assert mallory.post("/api/cancel", json={"request_id": mine["request_id"]}).get_json()["cancelled"] == 0
    assert mallory.get(f"/api/jobs/{mine['request_id']}/events").status_code == 404
    assert s.queue.snapshot()["processing_count"] == 1  # still rendering

    follow = alice.get(f"/api/jobs/{mine['request_id']}/events", buffered=False)
    assert follow.status_code == 200
    follow.close()
    assert alice.post("/api/cancel", json={"request_id": mine["request_id"]}).get_json()["cancelled"] == 1
    thread.join(15)
    assert not thread.is_alive() and result["events"][-1]["type"] == "cancelled"


def stream_in_thread(client, sid: str) -> threading.Thread:
    """Read a POST stream to its end on a thread of its own (each request keeps its own context)."""
    thread = threading.Thread(target=lambda: sse_events(client.post("/api/v2/lipsync/stream",
                                                                    json={**TURN, "sid": sid})))
    thread.start()
    return thread


def test_a_client_at_its_job_limit_gets_429_while_others_are_admitted(held_app):
    app = held_app(MAX_JOBS_PER_CLIENT=2, MAX_QUEUE=6)
    s = services_of(app)
    alice, bob = known_client(app), known_client(app)
    streams = [stream_in_thread(alice, "a1"), stream_in_thread(alice, "a2")]
    wait_until(lambda: s.queue.active_count() == 2, what="alice's two jobs admitted")
    refused = alice.post("/api/v2/lipsync/stream", json=TURN)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "in progress" in refused.get_json()["error"]
    streams.append(stream_in_thread(bob, "b1"))
    wait_until(lambda: s.queue.active_count() == 3, what="bob's job admitted beside alice's")
    assert alice.post("/api/cancel", json={"sid": "a1"}).get_json()["cancelled"] == 1
    wait_until(lambda: s.queue.active_count() == 2, what="alice's first job cancelled")
    streams.append(stream_in_thread(alice, "a3"))  # room again for alice
    wait_until(lambda: s.queue.active_count() == 3, what="alice's next job admitted")
    for who, sid in ((alice, "a2"), (alice, "a3"), (bob, "b1")):
        assert who.post("/api/cancel", json={"sid": sid}).get_json()["cancelled"] == 1
    for thread in streams:
        thread.join(15)
        assert not thread.is_alive()


def test_one_flooding_socket_takes_only_its_share_of_the_queue(held_app):
    app = held_app(MAX_JOBS_PER_CLIENT=2, MAX_QUEUE=6)
    s = services_of(app)
    flood = app.extensions["socketio"].test_client(app, flask_test_client=known_client(app))
    acks = [flood.emit("generate", {**TURN, "avatar": "talk_long"}, callback=True) for _ in range(20)]
    assert sum(ack["accepted"] for ack in acks) == 2
    assert all("in progress" in ack["error"] for ack in acks if not ack["accepted"])
    errors = [m for m in flood.get_received() if m["name"] == "error"]
    assert errors and errors[0]["args"][0]["status"] == 429
    other = app.extensions["socketio"].test_client(app, flask_test_client=known_client(app))
    assert other.emit("generate", {**TURN, "avatar": "talk_long"}, callback=True)["accepted"] is True
    assert other.emit("cancel", callback=True)["cancelled"] == 1  # its own job only
    assert s.queue.active_count() >= 2  # the flood's jobs are untouched by the other client's cancel
    flood.disconnect()
    other.disconnect()
    wait_until(lambda: s.queue.active_count() == 0, what="disconnects cancel the rest")
