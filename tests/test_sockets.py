"""Socket.IO on the default namespace: generate → progress/segment/generation_complete; cancel; errors."""
from __future__ import annotations

import threading
import time

from runtime.services import Engines
from tests.conftest import services_of, wait_until
from tests.fakes.hooked import HookedLipsync, hold_until


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
    gate = threading.Event()  # never opened: only a cancel ends these renders
    app = make_app(engines=Engines(lipsync=HookedLipsync(hold_until(gate, limit_s=30))), MAX_CONCURRENT=1)
    s = services_of(app)
    first, second = socket_client(app), socket_client(app)
    first_id = first.emit("generate", {"text": "하나. 둘.", "resolution": "360p"}, callback=True)["request_id"]
    wait_until(lambda: s.queue.snapshot()["processing_count"] == 1, what="the first job rendering")
    second_id = second.emit("generate", {"text": "셋. 넷.", "resolution": "360p"}, callback=True)["request_id"]
    wait_until(lambda: s.queue.snapshot()["queue_length"] == 1, what="the second job waiting")
    assert first.emit("cancel", callback=True) == {"status": "cancelled", "cancelled": 1}
    cancelled = next(e for e in wait_for(first, "cancelled") if e["name"] == "cancelled")["args"][0]
    assert cancelled["request_id"] == first_id
    wait_until(lambda: s.queue.snapshot()["processing_count"] == 1, what="the second job rendering")
    second.disconnect()
    wait_until(lambda: s.queue.active_count() == 0, what="the disconnected client's job ended")
    terminal = s.queue.read_events(second_id, 0, 0)[-1]
    assert terminal.type == "cancelled"  # it was stopped by the disconnect, not finished


def test_queue_position_events_reach_the_waiting_client(make_app):
    gate = threading.Event()
    app = make_app(engines=Engines(lipsync=HookedLipsync(hold_until(gate))), MAX_CONCURRENT=1)
    s = services_of(app)
    first, second = socket_client(app), socket_client(app)
    first.emit("generate", {"text": "하나.", "resolution": "360p"})
    wait_until(lambda: s.queue.snapshot()["processing"], what="the first job rendering")
    second.emit("generate", {"text": "둘.", "resolution": "360p"})
    position = next(e for e in wait_for(second, "queue_position") if e["name"] == "queue_position")["args"][0]
    assert position["position"] == 1 and position["estimated_wait"] > 0
    gate.set()
    wait_for(second, "generation_complete")
