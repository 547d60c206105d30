"""The typed turn events say on the wire, byte for byte, what the string-keyed events said before them.

`tests/contract/turn_events_wire.json` was written by the previous implementation (`JobEvent(type, data)` through
the pydantic stream models) for the events below: their SSE JSON (with and without a TTS engine reason) and
their Socket.IO (name, payload). Each event also survives a backend's record (Redis) unchanged.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from jobs.events import JobEvent
from interview.exchange import StoredReply
from pipeline import events as ev
from server.schemas.events import SOCKET_OUT, LipsyncStreamEvent, derived, socket_event, sse_event

WIRE = json.loads((Path(__file__).parent / "contract" / "turn_events_wire.json").read_text(encoding="utf-8"))
JOB = "abc123"
CHAT = ev.TurnResult(video_url="/video/t.mp4", video_path="video/t.mp4", audio_url="/assets/audio/t.wav",
                     audio_duration=1.234, segments=2, cache_hits=0,
                     elapsed={"total": 1.5, "llm": 0.1, "tts": 0.2}, response="안녕하세요.", llm_source="embedded",
                     question_index=1, total_questions=5, finished=False, speaker="김",
                     stored=StoredReply(content="안녕하세요.", session_id="s1", message_id=2, role="assistant",
                                        created_at="2026-12-06T19:00:00+00:00"))  # kept, and not streamed
TEXT = ev.TurnResult(video_url="/video/t.mp4", video_path="video/t.mp4", audio_url="/assets/audio/t.wav",
                     audio_duration=1.0, segments=1, cache_hits=1, elapsed={"total": 1.5, "tts": 0.2}, text="네.")
SPOKEN = {"audio_url": "/assets/audio/t.wav", "duration": 1.234, "elapsed": 0.2, "tts_engine": "espeak"}
EVENTS: list[ev.TurnEvent] = [
    ev.Status(stage="llm"), ev.Progress(progress=5, stage="llm"), ev.Token(content="안녕"),
    ev.LlmDone(response="안녕하세요.", llm_source="embedded", elapsed=0.123), ev.Status(stage="tts"),
    ev.SpeechDone(**SPOKEN, tts_fallback_reason=None), ev.SpeechDone(**SPOKEN, tts_fallback_reason="down"),
    ev.Status(stage="lipsync"),
    ev.Segment(index=0, url="/video/s0.mp4", start=0.0, duration=0.96, count=3, fragment_offset=812,
               caption=ev.Caption(0, "안녕하세요.", 0.0, 1.2)),
    ev.Segment(index=1, url="/video/s1.mp4", start=0.96, duration=0.96, count=3, fragment_offset=None,
               region=ev.FaceRegion(1, 2, 30, 40, 640, 360)),
    ev.Progress(progress=60, stage="lipsync", frames_done=24, frames_total=48),
    ev.QueuePosition(position=2, estimated_wait=12.5),
    ev.Done(result=CHAT), ev.Done(result=TEXT), ev.Cancelled(segments_done=2),
    ev.Error(message="boom", code="engine_unavailable"),
    ev.Error(message="the worker running this job stopped before it finished", code="worker_lost"),
    ev.Error(message="queue gone", code="queue_unavailable"),
]
CASES = list(enumerate(zip(EVENTS, WIRE, strict=True), start=1))


def dumped(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


@pytest.mark.parametrize(("event_id", "case"), CASES, ids=[f"{i}-{e.kind}" for i, (e, _) in CASES])
def test_each_event_says_on_every_channel_exactly_what_it_said_before(event_id, case):
    event, wire = case
    job_event = JobEvent(JOB, event, event_id)
    assert wire["type"] == event.type
    assert dumped(sse_event(job_event)) == wire["sse"]
    assert dumped(sse_event(job_event, "why")) == wire["sse_reason"]
    assert dumped(socket_event(job_event)) == wire["socket"]


@pytest.mark.parametrize("event", EVENTS, ids=[e.kind for e in EVENTS])
def test_an_event_comes_back_from_its_record_unchanged(event):
    assert ev.from_record(json.loads(json.dumps(event.to_record()))) == event


def test_the_api_document_models_accept_what_the_events_send():
    for event_id, (event, _) in CASES:
        job_event = JobEvent(JOB, event, event_id)
        sse = sse_event(job_event, "why")
        if sse is not None:
            assert LipsyncStreamEvent.model_validate(sse).root.model_dump(exclude_unset=True) == sse
        socket = socket_event(job_event)
        if socket is not None:
            assert SOCKET_OUT[socket[0]].model_validate(socket[1]).model_dump(exclude_unset=True) == socket[1]


def test_every_event_kind_is_covered_and_unique():
    assert len({cls.kind for cls in ev.EVENT_CLASSES}) == len(ev.EVENT_CLASSES)
    assert {type(e) for e in EVENTS} == set(ev.EVENT_CLASSES)
    with pytest.raises(ValueError, match="unknown turn event"):
        ev.from_record({"type": "nonsense", "data": {}})


@dataclass(frozen=True, kw_only=True)
class Hint(ev.TurnEvent):
    """A made-up event, as a later one would be added: a class with its fields and its layout."""

    kind = type = "hint"
    SSE_LAYOUT = ("type", "text", "request_id", "event_id")

    text: str
    caption: ev.Caption | None = None


def test_an_event_class_added_later_lays_out_its_json_and_gets_a_documented_model():
    expected = {"type": "hint", "text": "천천히", "request_id": JOB, "event_id": 4}
    assert Hint(text="천천히").sse_json(JOB, 4) == expected
    assert Hint(text="x").socket_json(JOB) is None  # no Socket.IO name: not sent there
    schema = derived(Hint, Hint.SSE_LAYOUT).model_json_schema()
    assert schema["title"] == "HintEvent" and list(schema["properties"]) == ["type", "text", "request_id"]
    assert schema["required"] == ["text"] and schema["properties"]["type"]["const"] == "hint"
