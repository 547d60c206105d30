"""The realtime pipeline end to end: stage overlap, seed order, cancel at every stage, disconnect, render cache."""
from __future__ import annotations

import json
import threading
import time
from typing import Any

import numpy as np
import pytest

from pipeline.render_cache import RenderCache
from lipsync.segments import frame_count_for
from runtime.services import Engines
from tests.conftest import services_of
from tests.fakes.hooked import HookedEspeak, HookedLipsync
from tests.fakes.openai_server import FakeOpenAIServer
from tests.test_api_lipsync import decode_mp4, fetch

TWO_SENTENCES = "안녕하세요, 면접에 오신 것을 환영합니다. 먼저 간단히 자기소개를 해주시겠어요?"
THREE_SENTENCES = "Hello and welcome to the interview. Please take a seat. Could you introduce yourself briefly?"
SLOW_REPLY = ("안녕하세요, 면접에 오신 것을 환영합니다.", " 먼저", " 간단히 자기소개를", " 해주시겠어요?")
LOW_RES = {"avatar": "talk_long", "resolution": "360p"}
SEED_STAGES = ["llm", "llm_done", "tts", "tts_done", "lipsync", "done"]
DEADLINE_S = 30.0  # generous: only "it finishes at all"


class EventStream:
    """The events of an unbuffered SSE test response, read as they arrive (heartbeats bound each wait)."""

    def __init__(self, response) -> None:
        assert response.status_code == 200, response.get_data(as_text=True)
        self._response = response
        self._chunks = iter(response.response)
        self._buffer = ""
        self._deadline = time.monotonic() + DEADLINE_S
        self.seen: list[dict[str, Any]] = []

    def next(self) -> dict[str, Any] | None:
        while True:
            assert time.monotonic() < self._deadline, f"stream stalled after {[e['type'] for e in self.seen]}"
            if "\n\n" in self._buffer:
                block, self._buffer = self._buffer.split("\n\n", 1)
                if block.startswith("data: "):
                    self.seen.append(json.loads(block[len("data: "):]))
                    return self.seen[-1]
                continue  # a heartbeat
            chunk = next(self._chunks, None)
            if chunk is None:
                return None
            self._buffer += chunk.decode() if isinstance(chunk, bytes) else chunk

    def until(self, type_: str) -> dict[str, Any]:
        while (event := self.next()) is not None:
            if event["type"] == type_:
                return event
        raise AssertionError(f"no {type_} event; got {[e['type'] for e in self.seen]}")

    def rest(self) -> list[dict[str, Any]]:
        while self.next() is not None:
            pass
        return self.seen

    def close(self) -> None:
        self._response.close()


def stream(app, path: str, body: dict[str, Any]) -> EventStream:
    return EventStream(app.test_client().post(path, json=body, buffered=False))


def stages(events: list[dict[str, Any]]) -> list[str]:
    return [e.get("stage", e["type"]) for e in events if e["type"] not in ("token", "segment")]


def wait_until(predicate, timeout: float = DEADLINE_S) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.02)


def cancel_sid(app, sid: str) -> None:
    """POST /api/cancel from another thread (this one is inside a streaming response)."""
    result: dict = {}

    def post() -> None:
        result.update(app.test_client().post("/api/cancel", json={"sid": sid}).get_json())

    worker = threading.Thread(target=post)
    worker.start()
    worker.join(DEADLINE_S)
    assert result == {"status": "cancelled", "cancelled": 1}


def assert_no_running_work(app) -> None:
    """Job threads (the job's and its stages') gone, the queue idle, no generated file left."""
    s = services_of(app)
    wait_until(lambda: not [t for t in threading.enumerate() if t.name.startswith("job-")])
    snapshot = s.queue.snapshot()
    assert s.queue.active_count() == 0 and snapshot["processing_count"] == 0 and snapshot["queue_length"] == 0
    assert not list(s.media.video_dir.iterdir()) and not list(s.media.audio_dir.iterdir())


def slow_llm_app(make_app, fake: FakeOpenAIServer, **overrides: Any):
    return make_app(LLM_ENGINE="openai", LLM_API_URL=fake.base_url, LLM_MODEL="fake-model", SSE_HEARTBEAT_S=0.5,
                    **overrides)


def test_segments_stream_while_the_llm_is_still_writing_and_the_seed_order_holds(make_app):
    with FakeOpenAIServer(reply=SLOW_REPLY, stall_after=3) as fake:  # stalls inside the second sentence
        app = slow_llm_app(make_app, fake)
        events = stream(app, "/api/v2/chat_and_lipsync/stream", {"message": "안녕하세요", "history": [], **LOW_RES})
        first = events.until("segment")
        assert first["index"] == 0 and first["start"] == 0
        assert "llm_done" not in [e["type"] for e in events.seen]  # video exists before the reply is complete
        fake.release.set()
        seen = events.rest()
    assert stages(seen) == SEED_STAGES
    segments = [e for e in seen if e["type"] == "segment"]
    assert [s["index"] for s in segments] == list(range(len(segments)))
    for before, after in zip(segments, segments[1:]):  # one continuous timeline across sentences
        assert after["start"] == pytest.approx(before["start"] + before["duration"], abs=0.002)
    done, tts_done = seen[-1], next(e for e in seen if e.get("stage") == "tts_done")
    assert done["response"] == "".join(SLOW_REPLY) and done["audio_duration"] == tts_done["duration"]
    assert set(done["elapsed"]) >= {"llm", "llm_first_token", "tts", "tts_first", "lipsync", "encode", "render_fps",
                                    "ttff", "rtf", "total"}
    assert done["elapsed"]["ttff"] < done["elapsed"]["total"]
    video = decode_mp4(fetch(app.test_client(), done["video_url"]))
    assert video["frames"] == round(sum(s["duration"] for s in segments) * 25)
    assert video["audio_s"] == pytest.approx(done["audio_duration"], abs=0.1)
    wait_until(lambda: not [t for t in threading.enumerate() if t.name.startswith("job-")])


def test_sequential_mode_renders_only_after_the_whole_reply_is_spoken(make_app):
    app = make_app(PIPELINE_MODE="sequential")
    seen = stream(app, "/api/v2/chat_and_lipsync/stream", {"message": "안녕하세요", "history": [], **LOW_RES}).rest()
    assert stages(seen) == SEED_STAGES
    types = [e.get("stage", e["type"]) for e in seen]
    assert types.index("tts_done") < types.index("segment")


def test_the_idle_loop_runs_on_across_sentences(make_app):
    lipsync = HookedLipsync()
    app = make_app(engines=Engines(lipsync=lipsync))
    specs = lipsync.calls
    seen = stream(app, "/api/v2/lipsync/stream", {"text": THREE_SENTENCES, **LOW_RES}).rest()
    clips = list(dict.fromkeys(id(spec.clip) for spec in specs))  # one clip per sentence, in order
    assert len(clips) == 3
    offset = 0
    for clip_id in clips:
        mine = [spec for spec in specs if id(spec.clip) == clip_id]
        assert {spec.loop_offset for spec in mine} == {offset}  # the idle loop continues where it was
        offset += frame_count_for(mine[0].clip.duration, 25)
    segments = [e for e in seen if e["type"] == "segment"]
    assert round((segments[-1]["start"] + segments[-1]["duration"]) * 25) == offset


def test_cancel_during_the_llm_closes_its_stream_and_leaves_nothing(make_app):
    with FakeOpenAIServer(reply=SLOW_REPLY, stall_after=1) as fake:  # stalls before a sentence is complete
        app = slow_llm_app(make_app, fake)
        events = stream(app, "/api/v2/chat_and_lipsync/stream",
                        {"message": "안녕하세요", "history": [], "sid": "llm-sid", **LOW_RES})
        events.until("token")
        cancel_sid(app, "llm-sid")
        seen = events.rest()
        assert fake.disconnected.wait(5)  # the HTTP stream to the LLM server was cut
    assert seen[-1]["type"] == "cancelled" and seen[-1]["segments_done"] == 0
    assert "done" not in [e["type"] for e in seen]
    assert_no_running_work(app)


def test_cancel_during_tts_aborts_the_synthesis(make_app):
    entered, aborted = threading.Event(), threading.Event()

    def held(text, cancel):
        entered.set()
        if cancel.wait(DEADLINE_S):
            aborted.set()

    app = make_app(engines=Engines(tts={"espeak": HookedEspeak(held)}), SSE_HEARTBEAT_S=0.5)
    events = stream(app, "/api/v2/lipsync/stream", {"text": TWO_SENTENCES, "sid": "tts-sid", **LOW_RES})
    events.until("status")
    assert entered.wait(DEADLINE_S)
    cancel_sid(app, "tts-sid")
    seen = events.rest()
    assert aborted.is_set() and seen[-1]["type"] == "cancelled"
    assert_no_running_work(app)


def test_cancel_during_render_stops_the_render_loop_and_reports_the_segment_reached(make_app):
    second = threading.Event()

    def held(call, frame, cancel):
        if call == 2 and frame == 1:  # inside the second segment: wait for the cancel
            second.set()
            cancel.wait(DEADLINE_S)

    lipsync = HookedLipsync(held)
    app = make_app(engines=Engines(lipsync=lipsync), SSE_HEARTBEAT_S=0.5)
    calls, frames_out = lipsync.calls, lipsync.frames_out
    events = stream(app, "/api/v2/lipsync/stream", {"text": TWO_SENTENCES, "sid": "render-sid", **LOW_RES})
    events.until("segment")
    assert second.wait(DEADLINE_S)
    cancel_sid(app, "render-sid")
    seen = events.rest()
    assert seen[-1]["type"] == "cancelled" and seen[-1]["segments_done"] == 1
    assert frames_out.count(2) < calls[1].frame_count  # the render loop stopped early
    assert len(calls) == 2  # and no later segment started
    assert_no_running_work(app)


def held_at_second_render() -> HookedLipsync:
    """A lipsync engine whose second segment waits for a cancel that only a disconnect can send."""

    def held(call, frame, cancel):
        if call == 2 and frame == 0:
            cancel.wait(DEADLINE_S)

    return HookedLipsync(held)


def test_sse_client_disconnect_cancels_the_job(make_app):
    lipsync = held_at_second_render()
    app = make_app(engines=Engines(lipsync=lipsync), SSE_HEARTBEAT_S=0.5)
    calls = lipsync.calls
    events = stream(app, "/api/v2/lipsync/stream", {"text": TWO_SENTENCES, **LOW_RES})
    events.until("segment")
    wait_until(lambda: len(calls) == 2)
    events.close()
    assert_no_running_work(app)
    assert len(calls) == 2


def test_socket_disconnect_cancels_the_job(make_app):
    lipsync = held_at_second_render()
    app = make_app(engines=Engines(lipsync=lipsync))
    calls = lipsync.calls
    sock = app.extensions["socketio"].test_client(app, flask_test_client=app.test_client())
    assert sock.emit("generate", {"text": TWO_SENTENCES, **LOW_RES}, callback=True)["accepted"] is True
    wait_until(lambda: len(calls) == 2)
    assert any(e["name"] == "segment" for e in sock.get_received())
    sock.disconnect()
    assert_no_running_work(app)
    assert len(calls) == 2


def test_a_cache_hit_renders_nothing_and_plays_the_same(make_app):
    lipsync, espeak = HookedLipsync(), HookedEspeak()
    app = make_app(engines=Engines(lipsync=lipsync, tts={"espeak": espeak}))
    specs, spoken = lipsync.calls, espeak.texts
    client = app.test_client()
    body = {"text": TWO_SENTENCES, **LOW_RES}
    first = client.post("/api/v2/lipsync", json=body).get_json()
    renders, syntheses = len(specs), len(spoken)
    assert renders > 0 and syntheses == 2
    seen = stream(app, "/api/v2/lipsync/stream", body).rest()
    assert len(specs) == renders and len(spoken) == syntheses  # neither TTS nor rendering ran again
    done = seen[-1]
    assert done["type"] == "done" and done["cache_hits"] == 2 and stages(seen) == ["tts", "tts_done", "lipsync", "done"]
    assert done["audio_duration"] == pytest.approx(first["audio_duration"])
    frames = [decode_mp4(fetch(client, d["video_url"]))["frames"] for d in (first, done)]
    assert frames[0] == frames[1]
    for segment in (e for e in seen if e["type"] == "segment"):
        assert client.get(segment["url"]).status_code == 200
    client.post("/api/v2/lipsync", json={**body, "frame_skip": 2})
    assert len(specs) > renders  # another frame_skip is another rendering


def test_prerendered_openings_serve_the_first_turn_from_the_cache(make_app):
    lipsync = HookedLipsync()
    app = make_app(engines=Engines(lipsync=lipsync), PRERENDER_OPENINGS=True, DEFAULT_RESOLUTION="360p")
    prerendered = len(lipsync.calls)
    assert prerendered > 0  # the openings were rendered at start ...
    seen = stream(app, "/api/v2/chat_and_lipsync/stream", {"message": "안녕하세요", "history": [], **LOW_RES}).rest()
    done = seen[-1]
    assert done["type"] == "done" and done["cache_hits"] >= 3
    assert len(lipsync.calls) == prerendered  # ... and the first turn rendered nothing


def test_the_render_cache_stays_within_its_budget(tmp_path):
    segment = tmp_path / "segment.mp4"
    segment.write_bytes(b"x" * 4000)
    cache = RenderCache(tmp_path / "cache", max_bytes=10_000)
    for key in ("a", "b", "c"):
        cache.put(key, np.zeros(100, dtype=np.int16), 22050, [(segment, 25)])
        time.sleep(0.01)  # distinct last-use times
    assert cache.size_bytes() <= 10_000
    assert cache.checkout("a", lambda i: tmp_path / f"a{i}.mp4") is None  # the oldest went
    hit = cache.checkout("c", lambda i: tmp_path / f"c{i}.mp4")
    assert hit is not None and hit.segments == ((tmp_path / "c0.mp4", 25),)
    assert (tmp_path / "c0.mp4").stat().st_size == 4000
    (tmp_path / "cache" / "c" / "audio.npy").write_bytes(b"not numpy")
    assert cache.checkout("c", lambda i: tmp_path / f"d{i}.mp4") is None  # a damaged entry is a miss, and dropped
    assert not (tmp_path / "cache" / "c").exists()
