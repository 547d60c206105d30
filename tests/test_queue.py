"""The local job backend: admission, FIFO slots, positions, cancel, terminal events, event logs with ids."""
from __future__ import annotations

import threading

import pytest

from jobs.backend import QueueFull, UnknownJob
from pipeline.context import JobContext
from jobs.events import JobEvent, follow
from pipeline.events import TurnResult
from jobs.queue import JobQueue
from pipeline.spec import JobRequest, RenderOptions, TurnSpec
from tests.conftest import wait_until

TERMINAL_WAIT_S = 10.0

RESULT = TurnResult(video_url="/video/x.mp4", video_path="video/x.mp4", audio_url="/assets/audio/x.wav",
                    audio_duration=1.0, segments=1, cache_hits=0, elapsed={"total": 1.0}, text="x")

class Gates:
    """A runner whose jobs take a render slot, then hold it until the gate named by their spec's text opens."""

    def __init__(self) -> None:
        self.gates: dict[str, threading.Event] = {}
        self.rendered: list[str] = []

    def request(self, name: str, sid: str | None = None) -> JobRequest:
        self.gates[name] = threading.Event()
        return JobRequest(TurnSpec(RenderOptions("talk_long_360p"), text=name), sid=sid)

    def __call__(self, ctx: JobContext, request: JobRequest) -> TurnResult:
        ctx.render_slot()
        while not self.gates[request.spec.text].wait(0.01):
            ctx.check()
        self.rendered.append(request.spec.text)
        return RESULT


def events_of(queue: JobQueue, job_id: str, after: int = 0) -> list[JobEvent]:
    """The job's events after `after` up to its terminal one; fails instead of waiting forever."""
    seen = []
    for event in follow(lambda since, timeout: queue.read_events(job_id, since, timeout), after, 0.1):
        assert len([e for e in seen if e is None]) < TERMINAL_WAIT_S / 0.1, "no terminal event"
        seen.append(event)
    return [e for e in seen if e is not None]


def test_at_most_max_concurrent_render_and_waiting_jobs_count_down_in_order():
    gates = Gates()
    queue = JobQueue(gates, max_concurrent=2, max_queue=5)
    ids = []
    for i in range(5):
        ids.append(queue.submit(gates.request(str(i))))
        wait_until(lambda: queue.snapshot()["processing_count"] + queue.snapshot()["queue_length"] == i + 1)
    snapshots = []
    for i in range(5):
        snap = queue.snapshot()
        snapshots.append(snap)
        assert snap["processing_count"] <= 2
        gates.gates[str(i)].set()
        wait_until(lambda: str(i) in gates.rendered)
    wait_until(lambda: queue.active_count() == 0)
    assert gates.rendered == ["0", "1", "2", "3", "4"]  # FIFO
    assert [s["queue_length"] for s in snapshots[:3]] == [3, 2, 1]
    positions = {i: [e.event.position for e in events_of(queue, ids[i]) if e.type == "queue_position"]
                 for i in range(5)}
    assert positions[4] == [3, 2, 1]  # the last job's place counted down
    assert positions[0] == [] and positions[1] == []  # slots were free for the first two


def test_queue_full_raises_with_retry_after():
    gates = Gates()
    queue = JobQueue(gates, max_concurrent=1, max_queue=1)
    queue.submit(gates.request("a"))
    queue.submit(gates.request("b"))
    with pytest.raises(QueueFull) as info:
        queue.submit(gates.request("c"))
    assert info.value.retry_after >= 1
    for gate in gates.gates.values():
        gate.set()
    wait_until(lambda: queue.active_count() == 0)


def test_cancel_by_sid_frees_the_slot_and_sends_cancelled_not_done():
    gates = Gates()
    queue = JobQueue(gates, max_concurrent=1, max_queue=3)
    running = queue.submit(gates.request("running", sid="alice"))
    wait_until(lambda: queue.snapshot()["processing_count"] == 1)
    waiting = queue.submit(gates.request("waiting", sid="alice"))
    other = queue.submit(gates.request("other", sid="bob"))
    wait_until(lambda: queue.snapshot()["queue_length"] == 2)
    assert queue.cancel_sid("alice") == 2
    assert events_of(queue, running)[-1].type == "cancelled"
    assert events_of(queue, waiting)[-1].type == "cancelled"
    wait_until(lambda: queue.snapshot()["processing"] and queue.snapshot()["processing"][0]["sid"] == "bob")
    gates.gates["other"].set()
    assert events_of(queue, other)[-1].type == "done"


def test_failing_work_becomes_an_error_event_and_frees_the_slot():
    def boom(ctx: JobContext, request: JobRequest) -> TurnResult:
        ctx.render_slot()
        raise RuntimeError("engine exploded")

    queue = JobQueue(boom, max_concurrent=1, max_queue=0, describe_error=lambda e: (f"failed: {e}", "job_failed"))
    event = events_of(queue, queue.submit(Gates().request("x")))[-1]
    assert event.type == "error" and event.event.message == "failed: engine exploded"
    wait_until(lambda: queue.active_count() == 0)
    assert queue.snapshot()["processing_count"] == 0


def test_a_failed_stage_stopping_the_others_is_still_an_error_not_a_cancel():
    def stops_then_fails(ctx: JobContext, request: JobRequest) -> TurnResult:
        ctx.cancel.set()  # what a stage that ends early does to stop the turn's other stages
        raise RuntimeError("render failed")

    queue = JobQueue(stops_then_fails, max_concurrent=1, max_queue=0, describe_error=lambda e: (str(e), "job_failed"))
    assert events_of(queue, queue.submit(Gates().request("x")))[-1].type == "error"


def test_job_past_its_deadline_is_stopped_with_an_error():
    gates = Gates()
    queue = JobQueue(gates, max_concurrent=1, max_queue=0, job_timeout_s=0.05)
    event = events_of(queue, queue.submit(gates.request("x")))[-1]
    assert event.type == "error" and "longer than" in event.event.message


def test_events_have_ids_and_a_reader_resumes_after_the_last_one_it_saw():
    gates = Gates()
    queue = JobQueue(gates, max_concurrent=1, max_queue=2)
    first = queue.submit(gates.request("first"))
    wait_until(lambda: queue.snapshot()["processing_count"] == 1)
    second = queue.submit(gates.request("second"))
    wait_until(lambda: queue.read_events(second, 0, 0))
    gates.gates["first"].set()
    gates.gates["second"].set()
    everything = events_of(queue, second)
    assert [e.id for e in everything] == list(range(1, len(everything) + 1)) and everything[-1].type == "done"
    resumed = events_of(queue, second, after=1)
    assert resumed == everything[1:]  # nothing lost, nothing repeated
    assert events_of(queue, first)[-1].type == "done"  # a finished job's log is still readable
    with pytest.raises(UnknownJob):
        queue.read_events("nope", 0, 0)


def test_shutdown_cancels_and_joins_threads():
    gates = Gates()
    queue = JobQueue(gates, max_concurrent=1, max_queue=2)
    for name in "abc":
        queue.submit(gates.request(name))
    queue.shutdown(timeout_s=5)
    assert queue.active_count() == 0
    assert not [t for t in threading.enumerate() if t.name.startswith("job-")]
    with pytest.raises(QueueFull):
        queue.submit(gates.request("d"))
