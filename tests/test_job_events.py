"""`GET /api/jobs/<request_id>/events`: a job's events as SSE with ids; `Last-Event-ID` resumes exactly."""
from __future__ import annotations

import json
from typing import Any

from tests.conftest import sse_events

TURN = {"text": "안녕하세요. 반갑습니다.", "avatar": "talk_long", "resolution": "360p"}


def sse_blocks(response) -> list[tuple[int, dict[str, Any]]]:
    """Every event of a finished SSE response as (SSE id, data)."""
    blocks = []
    for block in response.get_data(as_text=True).split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if not line.startswith(":"))
        if "data" in fields:
            blocks.append((int(fields["id"]), json.loads(fields["data"])))
    return blocks


def test_a_finished_jobs_events_replay_with_ids_and_resume_after_last_event_id(client):
    posted = sse_events(client.post("/api/v2/lipsync/stream", json=TURN))
    request_id = posted[-1]["request_id"]
    assert all(e["request_id"] == request_id for e in posted)  # the first event too: a client can resume
    replay = sse_blocks(client.get(f"/api/jobs/{request_id}/events"))
    assert [data for _, data in replay] == posted  # the same events, now with SSE ids
    assert [i for i, _ in replay] == [data["event_id"] for _, data in replay] == sorted({i for i, _ in replay})
    cut = replay[2][0]
    resumed = sse_blocks(client.get(f"/api/jobs/{request_id}/events", headers={"Last-Event-ID": str(cut)}))
    assert resumed == replay[3:]  # nothing lost, nothing repeated
    assert sse_blocks(client.get(f"/api/jobs/{request_id}/events?last_event_id={cut}")) == replay[3:]


def test_unknown_jobs_and_bad_ids_are_json_errors(client):
    missing = client.get("/api/jobs/0123456789abcdef/events")
    assert missing.status_code == 404 and "request_id" in missing.get_json()["error"]
    bad = client.get("/api/jobs/x/events", headers={"Last-Event-ID": "-3"})
    assert bad.status_code == 400 and "Last-Event-ID" in bad.get_json()["error"]


def test_a_resumed_stream_says_what_the_original_said_about_the_tts_engine(client):
    posted = sse_events(client.post("/api/v2/lipsync/stream", json={**TURN, "tts_engine": "elevenlabs"}))
    reason = posted[-1]["tts_engine_reason"]
    assert "'elevenlabs' is not configured" in reason
    replay = sse_blocks(client.get(f"/api/jobs/{posted[-1]['request_id']}/events"))
    assert [data for _, data in replay] == posted  # tts_done and done carry the reason again
    assert sum("tts_engine_reason" in data for _, data in replay) == 2
