"""An avatar job's events are typed (jobs/avatar_jobs.py) and their wire JSON is the one the dicts had, byte for
byte: the SSE line, the Socket.IO `progress` payload, the status object, and the records a backend keeps."""
from __future__ import annotations

import json
import threading
from pathlib import Path

from avatars.upload_jobs import AvatarJob
from jobs.avatar_jobs import AvatarJobCompleted, AvatarJobEvent, AvatarJobFailed, AvatarJobs, avatar_event
from server.sse import format_event

STATE = ('"job_id": "j1", "status": "processing", "progress": 40, "current_step": "drawing the mouth", '
         '"result_url": null, "error": null, "avatar": "grace_1", "display_name": "Grace"')


def job(tmp_path: Path, **state: object) -> AvatarJob:
    made = AvatarJob("grace_1", "Grace", "anon:1", tmp_path / "upload", tmp_path / "upload" / "a.jpg", id="j1")
    for name, value in state.items():
        setattr(made, name, value)
    return made


def test_the_wire_json_is_the_status_object_as_progress(tmp_path: Path) -> None:
    event = AvatarJobEvent.of(job(tmp_path, status="processing", progress=40, current_step="drawing the mouth"))
    assert format_event(event.sse_json("j1", 3)) == "data: {\"type\": \"progress\", " + STATE + "}\n\n"
    name, payload = event.socket_json("j1")
    assert name == "progress" and json.dumps(payload, ensure_ascii=False) == "{\"type\": \"progress\", " + STATE + "}"
    assert json.dumps(event.values(), ensure_ascii=False) == "{" + STATE + "}"  # the status route's `data`
    assert event.to_record() == {"type": "progress", "data": json.loads("{" + STATE + "}")}
    assert not event.terminal and avatar_event(event.to_record()) == event


def test_a_finished_job_sends_a_terminal_event_kept_as_done_or_error(tmp_path: Path) -> None:
    done = AvatarJobEvent.of(job(tmp_path, status="completed", progress=100, current_step="done",
                                 result_url="/api/avatars/grace_1"))
    failed = AvatarJobEvent.of(job(tmp_path, status="failed", error="no face found"))
    assert isinstance(done, AvatarJobCompleted) and done.terminal and done.to_record()["type"] == "done"
    assert isinstance(failed, AvatarJobFailed) and failed.terminal and failed.to_record()["type"] == "error"
    assert done.sse_json("j1", 1)["type"] == failed.socket_json("j1")[1]["type"] == "progress"  # on the wire
    assert avatar_event(done.to_record()) == done and avatar_event(failed.to_record()) == failed
    restored = avatar_event(done.to_record()).applied_to(job(tmp_path))
    assert (restored.status, restored.progress, restored.result_url) == ("completed", 100, "/api/avatars/grace_1")


def test_the_local_backend_publishes_each_state_and_tells_the_socket_client(tmp_path: Path) -> None:
    heard: list[tuple[str, AvatarJobEvent]] = []

    def work(made: AvatarJob, progress, cancel: threading.Event) -> str:  # noqa: ANN001 - the backend's callback
        progress(50, "drawing")
        return f"/api/avatars/{made.name}"

    backend = AvatarJobs(work, max_pending=2, timeout_s=30, notify=lambda sid, event: heard.append((sid, event)))
    submitted = backend.submit(job(tmp_path, sid="sid-1"))
    events: list[AvatarJobEvent] = []
    while not events or not events[-1].terminal:
        events += backend.events(submitted, len(events), timeout_s=10)
    backend.shutdown()
    assert [(e.status, e.progress) for e in events] == [("queued", 0), ("processing", 1), ("processing", 50),
                                                         ("completed", 100)]
    assert [e for _, e in heard] == events and {sid for sid, _ in heard} == {"sid-1"}
    assert events[-1].result_url == "/api/avatars/grace_1"
