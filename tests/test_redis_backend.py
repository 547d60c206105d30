"""The Redis backend in one process: a real redis-server, RQ worker threads, the same endpoints and events."""
from __future__ import annotations

import threading
import time

import pytest

from pipeline.spec import JobRequest, RenderOptions, TurnSpec
from runtime.services import Engines
from tests.conftest import redis_overrides, services_of, sse_events, wait_until
from tests.fakes.hooked import HookedLipsync, hold_until
from tests.test_job_events import sse_blocks

TURN = {"text": "안녕하세요. 반갑습니다.", "avatar": "talk_long", "resolution": "360p"}


@pytest.fixture
def redis_app(make_app, redis_url):
    """Build apps on the Redis backend (each with its own keys) with `workers` worker threads."""

    def factory(workers: int = 1, engines: Engines | None = None, **overrides):
        return make_app(engines=engines, **{**redis_overrides(redis_url, workers), **overrides})

    return factory


def test_a_turn_streams_in_the_seed_order_and_replays_with_ids(redis_app):
    client = redis_app().test_client()
    events = sse_events(client.post("/api/v2/lipsync/stream", json=TURN))
    order = [e.get("stage", e["type"]) for e in events if e["type"] not in ("segment", "queue_position")]
    assert order == ["tts", "tts_done", "lipsync", "done"]
    request_id = events[-1]["request_id"]
    replay = sse_blocks(client.get(f"/api/jobs/{request_id}/events"))
    assert [data for _, data in replay] == events
    resumed = sse_blocks(client.get(f"/api/jobs/{request_id}/events", headers={"Last-Event-ID": str(replay[1][0])}))
    assert resumed == replay[2:]
    assert client.get(events[-1]["video_url"]).status_code == 200


def terminal(s, job_id: str):
    wait_until(lambda: any(e.terminal for e in s.queue.read_events(job_id, 0, 0)), what=f"job {job_id} ended")
    return s.queue.read_events(job_id, 0, 0)[-1]


def test_admission_positions_cancel_and_status_come_from_the_shared_queue(redis_app):
    gate = threading.Event()  # never opened: only a cancel ends a render
    app = redis_app(workers=1, engines=Engines(lipsync=HookedLipsync(hold_until(gate, limit_s=30))), MAX_QUEUE=1)
    s = services_of(app)
    spec = TurnSpec(RenderOptions("talk_long_360p"), text="하나.")
    first = s.queue.submit(JobRequest(spec, sid="alice"))
    wait_until(lambda: s.queue.snapshot()["processing_count"] == 1, what="the first job on the worker")
    second = s.queue.submit(JobRequest(spec, sid="bob", owner="anon:bob"))
    snapshot = s.queue.snapshot()
    assert snapshot["queue_length"] == 1 and snapshot["max_concurrent"] == 1 and snapshot["queue"][0]["sid"] == "bob"
    full = app.test_client().post("/api/v2/lipsync/stream", json=TURN)
    assert full.status_code == 503 and int(full.headers["Retry-After"]) >= 1
    position = [e for e in s.queue.read_events(second, 0, 0) if e.type == "queue_position"]
    assert [e.event.position for e in position] == [1] and position[0].event.estimated_wait > 0
    assert app.test_client().post("/api/cancel", json={"sid": "bob"}).get_json()["cancelled"] == 0  # not theirs
    assert s.queue.cancel_sid("bob", {"anon:bob"}) == 1
    assert terminal(s, second).type == "cancelled"  # it left the line without a worker
    assert s.queue.cancel_sid("alice") == 1
    last = terminal(s, first)
    assert last.type == "cancelled" and last.event.segments_done == 0  # the worker saw the flag mid-render
    wait_until(lambda: s.queue.active_count() == 0, what="no active job")
    assert s.queue.cancel_job(first) is False  # finished jobs cannot be cancelled again


def test_socket_clients_get_events_from_worker_threads(redis_app):
    app = redis_app()  # SOCKETIO_QUEUE off: one process, and the Socket.IO test client refuses a message queue
    sock = app.extensions["socketio"].test_client(app, flask_test_client=app.test_client())
    ack = sock.emit("generate", {"text": "네, 좋습니다.", "resolution": "360p"}, callback=True)
    assert ack["accepted"] is True
    received: list = []
    wait_until(lambda: received.extend(sock.get_received()) or any(e["name"] == "generation_complete"
                                                                   for e in received), timeout=30,
               what="generation_complete")
    complete = next(e["args"][0] for e in received if e["name"] == "generation_complete")
    assert complete["request_id"] == ack["request_id"] and complete["video_url"].startswith("/video/")


def test_a_web_process_without_worker_threads_leaves_the_engine_unloaded_and_reports_the_workers(redis_app):
    web = redis_app(workers=0, HEALTH_CACHE_S=0.01)
    assert services_of(web).lipsync.loaded is False  # the workers render: no second copy of the model here
    client = web.test_client()
    assert client.get("/api/v2/status").get_json()["models_loaded"] is False  # nobody can render yet
    health = client.get("/api/health")
    lipsync = health.get_json()["data"]["components"]["lipsync"]
    assert health.status_code == 503 and lipsync["status"] == "unhealthy" and lipsync["workers"] == 0
    prefix = services_of(web).config.REDIS_PREFIX
    redis_app(workers=1, REDIS_PREFIX=prefix)  # a worker joins the deployment
    wait_until(lambda: client.get("/api/v2/status").get_json()["models_loaded"] is True, 10)
    time.sleep(0.02)  # past the health cache
    lipsync = client.get("/api/health").get_json()["data"]["components"]["lipsync"]
    assert lipsync["status"] == "healthy" and lipsync["workers"] == 1
    events = sse_events(client.post("/api/v2/lipsync/stream", json=TURN))
    assert events[-1]["type"] == "done"  # rendered by the other process's worker
