"""Socket.IO on the default namespace: generate → progress/segment/generation_complete; cancel; errors."""
from __future__ import annotations

import threading
import time

from tests.conftest import services_of


def socket_client(app):
    return app.extensions["socketio"].test_client(app, flask_test_client=app.test_client())


def wait_for(sock, name: str, timeout: float = 30.0) -> list[dict]:
    """Collect received events until one called `name` arrives."""
    received: list[dict] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        received += sock.get_received()
        if any(e["name"] == name for e in received):
            return received
        time.sleep(0.02)
    raise AssertionError(f"no {name} event; got {[e['name'] for e in received]}")


def test_generate_streams_progress_segments_and_completion(app):
    sock = socket_client(app)
    ack = sock.emit("generate", {"text": "안녕하세요. 반갑습니다.", "avatar": "talk_long", "resolution": "360p"},
                    callback=True)
    assert ack["accepted"] is True
    events = wait_for(sock, "generation_complete")
    names = [e["name"] for e in events]
    assert "progress" in names and "segment" in names
    progress = [e["args"][0]["progress"] for e in events if e["name"] == "progress"]
    assert progress == sorted(progress) and progress[-1] == 100
    complete = next(e["args"][0] for e in events if e["name"] == "generation_complete")
    assert complete["video_url"].startswith("/video/") and isinstance(complete["elapsed"], float)
    assert app.test_client().get(complete["video_url"]).status_code == 200


def test_generate_with_bad_input_emits_error(app):
    sock = socket_client(app)
    ack = sock.emit("generate", {"avatar": "talk_long"}, callback=True)
    assert ack["accepted"] is False
    error = next(e for e in sock.get_received() if e["name"] == "error")
    assert "text" in error["args"][0]["error"]


def test_cancel_event_and_disconnect_cancel_the_clients_jobs(make_app):
    app = make_app(MAX_CONCURRENT=1)
    s = services_of(app)
    gate = threading.Event()
    run = s.pipeline.run
    s.pipeline.run = lambda job, spec: (gate.wait(5), run(job, spec))[1]
    first, second = socket_client(app), socket_client(app)
    first.emit("generate", {"text": "하나. 둘.", "resolution": "360p"})
    second.emit("generate", {"text": "셋. 넷.", "resolution": "360p"})
    assert first.emit("cancel", callback=True) == {"status": "cancelled", "cancelled": 1}
    gate.set()
    assert any(e["name"] == "cancelled" for e in wait_for(first, "cancelled"))
    second.disconnect()
    deadline = time.monotonic() + 10
    while s.queue.active_count() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert s.queue.active_count() == 0


def test_queue_position_events_reach_the_waiting_client(make_app):
    app = make_app(MAX_CONCURRENT=1)
    s = services_of(app)
    gate = threading.Event()
    render = s.lipsync.render

    def held_render(spec, cancel):
        gate.wait(5)
        yield from render(spec, cancel)

    s.lipsync.render = held_render
    first, second = socket_client(app), socket_client(app)
    first.emit("generate", {"text": "하나.", "resolution": "360p"})
    while not s.queue.snapshot()["processing"]:
        time.sleep(0.01)
    second.emit("generate", {"text": "둘.", "resolution": "360p"})
    position = next(e for e in wait_for(second, "queue_position") if e["name"] == "queue_position")["args"][0]
    assert position["position"] == 1 and position["estimated_wait"] > 0
    gate.set()
    wait_for(second, "generation_complete")
