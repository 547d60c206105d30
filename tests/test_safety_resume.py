"""Resume after a drop: a POST stream whose client leaves keeps its job for STREAM_RESUME_GRACE_S, resumable with the
last event_id through any web process; cancelled only if nobody resumes."""
from __future__ import annotations

import json
import secrets
import threading

import pytest

from runtime.services import Engines
from tests.conftest import services_of, sse_events, wait_until
from tests.fakes.hooked import HookedLipsync, hold_until
from tests.test_safety_owners import script

TURN = {"text": "안녕하세요. 반갑습니다. 오늘 면접을 시작하겠습니다.", "resolution": "360p"}


def first_events(response, count: int) -> list[dict]:
    """Read `count` data events of a streaming response, then drop the connection."""
    events, buffer = [], b""
    chunks = iter(response.response)
    while len(events) < count:
        buffer += next(chunks)
        while b"\n\n" in buffer:
            block, buffer = buffer.split(b"\n\n", 1)
            events += [json.loads(line[6:]) for line in block.split(b"\n") if line.startswith(b"data: ")]
    response.close()  # the flaky mobile network
    return events


@pytest.fixture(params=["local", "redis"])
def two_web_processes(request, make_app):
    """Two apps serving one deployment (redis: one prefix; local: the same app twice), renders held by `gate`."""
    gate = threading.Event()

    def app(**overrides):
        lipsync = HookedLipsync(hold_until(gate, limit_s=30))
        return make_app(engines=Engines(lipsync=lipsync), STREAM_RESUME_GRACE_S=5, **overrides)

    if request.param == "local":
        one = app(JOB_BACKEND="local")
        yield one, one, gate
    else:
        shared = {"JOB_BACKEND": "redis", "REDIS_URL": request.getfixturevalue("redis_url"),
                  "REDIS_PREFIX": f"t{secrets.token_hex(6)}", "SOCKETIO_QUEUE": False}
        yield app(**shared, REDIS_LOCAL_WORKERS=1), app(**shared, REDIS_LOCAL_WORKERS=0), gate
    gate.set()


def test_a_dropped_stream_is_resumed_from_its_last_event_through_another_web_process(two_web_processes):
    first, other, gate = two_web_processes
    seen = first_events(script(first).post("/api/v2/lipsync/stream", json=TURN, buffered=False), 1)
    job_id, last = seen[-1]["request_id"], seen[-1]["event_id"]
    resumed = script(other).get(f"/api/jobs/{job_id}/events", headers={"Last-Event-ID": str(last)}, buffered=False)
    assert resumed.status_code == 200
    gate.set()
    rest = sse_events(resumed)
    assert rest[-1]["type"] == "done" and not any(e["type"] == "cancelled" for e in rest)
    assert [e["event_id"] for e in rest] == sorted(e["event_id"] for e in rest) and rest[0]["event_id"] > last


def test_a_dropped_stream_nobody_resumes_is_cancelled_after_the_grace(make_app):
    gate = threading.Event()
    app = make_app(engines=Engines(lipsync=HookedLipsync(hold_until(gate, limit_s=30))), STREAM_RESUME_GRACE_S=0.5)
    seen = first_events(script(app).post("/api/v2/lipsync/stream", json=TURN, buffered=False), 1)
    job_id = seen[-1]["request_id"]
    assert services_of(app).queue.active_count() == 1  # kept through the drop
    wait_until(lambda: services_of(app).queue.active_count() == 0, timeout=10, what="the job cancelled")
    events = sse_events(script(app).get(f"/api/jobs/{job_id}/events"))
    assert events[-1]["type"] == "cancelled"
    gate.set()
