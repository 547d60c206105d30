"""The bounded job queue: admission, FIFO slots, positions, cancel, terminal events."""
from __future__ import annotations

import threading
import time

import pytest

from jobs.events import Subscription
from jobs.queue import Job, JobQueue, QueueFull


def gated_work(gate: threading.Event, rendered: list[str]):
    """Work that takes a render slot, then holds it until `gate` opens, checking cancel like a render loop."""

    def work(job: Job) -> dict:
        job.acquire_slot()
        while not gate.wait(0.01):
            job.check()
        rendered.append(job.id)
        return {"ok": True}

    return work


def wait_until(predicate, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def terminal_of(sub: Subscription):
    return [e for e in sub.events(5.0) if e is not None][-1]


def test_at_most_max_concurrent_render_and_waiting_jobs_count_down_in_order():
    queue = JobQueue(max_concurrent=2, max_queue=5)
    gates = [threading.Event() for _ in range(5)]
    rendered: list[str] = []
    positions: dict[int, list[int]] = {i: [] for i in range(5)}
    jobs = []
    for i in range(5):
        job = Job(work=gated_work(gates[i], rendered))
        job.fanout.add(lambda e, i=i: positions[i].append(e.data["position"]) if e.type == "queue_position" else None)
        jobs.append(queue.submit(job))
        wait_until(lambda: queue.snapshot()["processing_count"] + queue.snapshot()["queue_length"] == i + 1)
    snapshots = []
    for i in range(5):
        snap = queue.snapshot()
        snapshots.append(snap)
        assert snap["processing_count"] <= 2
        gates[i].set()
        wait_until(lambda: jobs[i].id in rendered)
    wait_until(lambda: queue.active_count() == 0)
    assert rendered == [j.id for j in jobs]  # FIFO
    assert [s["queue_length"] for s in snapshots[:3]] == [3, 2, 1]
    assert positions[4] == [3, 2, 1]  # the last job's place counted down
    assert positions[0] == [] and positions[1] == []  # slots were free for the first two


def test_queue_full_raises_with_retry_after():
    queue = JobQueue(max_concurrent=1, max_queue=1)
    gate = threading.Event()
    queue.submit(Job(work=gated_work(gate, [])))
    queue.submit(Job(work=gated_work(gate, [])))
    with pytest.raises(QueueFull) as info:
        queue.submit(Job(work=gated_work(gate, [])))
    assert info.value.retry_after >= 1
    gate.set()
    wait_until(lambda: queue.active_count() == 0)


def test_cancel_by_sid_frees_the_slot_and_sends_cancelled_not_done():
    queue = JobQueue(max_concurrent=1, max_queue=3)
    gate = threading.Event()
    running = Job(work=gated_work(gate, []), sid="alice")
    waiting = Job(work=gated_work(threading.Event(), []), sid="alice")
    other = Job(work=gated_work(gate, []), sid="bob")
    subs = [Subscription() for _ in range(3)]
    for job, sub in zip((running, waiting, other), subs):
        job.fanout.add(sub)
        queue.submit(job)
    wait_until(lambda: queue.snapshot()["queue_length"] == 2)
    assert queue.cancel_sid("alice") == 2
    assert terminal_of(subs[0]).type == "cancelled"
    assert terminal_of(subs[1]).type == "cancelled"
    wait_until(lambda: queue.snapshot()["processing"] and queue.snapshot()["processing"][0]["sid"] == "bob")
    gate.set()
    assert terminal_of(subs[2]).type == "done"


def test_failing_work_becomes_an_error_event_and_frees_the_slot():
    def boom(job: Job) -> dict:
        job.acquire_slot()
        raise RuntimeError("engine exploded")

    queue = JobQueue(max_concurrent=1, max_queue=0, describe_error=lambda e: f"failed: {e}")
    sub = Subscription()
    job = Job(work=boom)
    job.fanout.add(sub)
    queue.submit(job)
    event = terminal_of(sub)
    assert event.type == "error" and event.data["message"] == "failed: engine exploded"
    wait_until(lambda: queue.active_count() == 0)
    assert queue.snapshot()["processing_count"] == 0


def test_job_past_its_deadline_is_stopped_with_an_error():
    queue = JobQueue(max_concurrent=1, max_queue=0, job_timeout_s=0.05)
    sub = Subscription()
    job = Job(work=gated_work(threading.Event(), []))
    job.fanout.add(sub)
    queue.submit(job)
    event = terminal_of(sub)
    assert event.type == "error" and "longer than" in event.data["message"]


def test_shutdown_cancels_and_joins_threads():
    queue = JobQueue(max_concurrent=1, max_queue=2)
    for _ in range(3):
        queue.submit(Job(work=gated_work(threading.Event(), [])))
    queue.shutdown(timeout_s=5)
    assert queue.active_count() == 0
    assert not [t for t in threading.enumerate() if t.name.startswith("job-")]
    with pytest.raises(QueueFull):
        queue.submit(Job(work=gated_work(threading.Event(), [])))
