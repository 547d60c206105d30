"""A bounded job queue: admitted jobs run on their own named thread; render slots are handed out FIFO.

A job is admitted only while fewer than `max_concurrent + max_queue` jobs are active, so threads and
memory stay bounded. Its text stages (LLM, TTS) run at once; before rendering it asks for one of
`max_concurrent` slots and waits in line, receiving `queue_position` events as its place changes.
Cancel is one event per job that every stage checks; a cancelled job frees its slot at its next check.
"""
from __future__ import annotations

import logging
import math
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jobs.events import EventFanout, JobEvent

log = logging.getLogger(__name__)

INITIAL_JOB_ESTIMATE_S = 10.0  # render time assumed before any job finished
ESTIMATE_SMOOTHING = 0.3  # weight of the newest job in the running average


class QueueFull(Exception):
    """No room for another job; `retry_after` is a whole number of seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("the generation queue is full, try again later")
        self.retry_after = retry_after


class JobCancelled(Exception):
    """Raised inside a job when its cancel event is set."""


class JobTimedOut(Exception):
    """Raised inside a job that ran past its deadline."""


@dataclass
class Job:
    """One unit of work with its identity, cancel event and event fan-out."""

    work: Callable[["Job"], dict[str, Any]]  # returns the `done` event's fields
    kind: str = "lipsync"
    sid: str | None = None
    id: str = field(default_factory=lambda: secrets.token_hex(8))
    cancel_event: threading.Event = field(default_factory=threading.Event)
    fanout: EventFanout = field(default_factory=EventFanout)
    created_at: float = field(default_factory=time.time)
    started_at: float | None = None  # when it got a render slot
    deadline: float = math.inf  # time.monotonic() after which check() raises JobTimedOut
    segments_done: int = 0  # playable segments published so far (reported on cancel)
    position: int | None = None  # last place in line told to subscribers
    queue: "JobQueue | None" = None

    def publish(self, type_: str, **data: Any) -> None:
        """Send an event to every subscriber of this job."""
        self.fanout.publish(JobEvent(self.id, type_, data))

    def check(self) -> None:
        """Raise JobCancelled / JobTimedOut; every stage calls this between steps."""
        if self.cancel_event.is_set():
            raise JobCancelled(self.id)
        if time.monotonic() > self.deadline:
            raise JobTimedOut(self.id)

    def acquire_slot(self) -> None:
        """Wait in line for a render slot (no-op when already holding one)."""
        assert self.queue is not None, "job was not submitted"
        self.queue.acquire_slot(self)


class JobQueue:
    """Admission control, FIFO render slots, cancel by job or socket sid, and a status snapshot."""

    def __init__(
        self,
        max_concurrent: int,
        max_queue: int,
        job_timeout_s: float = math.inf,
        describe_error: Callable[[Exception], str] = str,
    ) -> None:
        self.describe_error = describe_error
        self.max_concurrent = max_concurrent
        self.max_queue = max_queue
        self.job_timeout_s = job_timeout_s
        self._cond = threading.Condition()
        self._active: dict[str, Job] = {}  # admitted and not finished
        self._waiting: deque[Job] = deque()  # in line for a slot, FIFO
        self._running: dict[str, Job] = {}  # holding a slot
        self._threads: dict[str, threading.Thread] = {}
        self._estimate_s = INITIAL_JOB_ESTIMATE_S
        self._closed = False

    # -- submission -------------------------------------------------------------------------
    def submit(self, job: Job) -> Job:
        """Admit `job` and start its thread, or raise QueueFull."""
        with self._cond:
            if self._closed or len(self._active) >= self.max_concurrent + self.max_queue:
                raise QueueFull(self._retry_after_locked())
            job.queue = self
            job.deadline = time.monotonic() + self.job_timeout_s
            self._active[job.id] = job
            thread = threading.Thread(target=self._run, args=(job,), name=f"job-{job.id}", daemon=True)
            self._threads[job.id] = thread
        thread.start()
        return job

    def _run(self, job: Job) -> None:
        """Run the work, free the slot, then send exactly one terminal event."""
        error: Exception | None = None
        try:
            result = job.work(job)
        except Exception as e:  # noqa: BLE001 - every failure becomes an event, never a dead thread
            error = e
        finally:
            self._finish(job)
        if error is None:
            job.publish("done", request_id=job.id, **result)
        elif isinstance(error, JobCancelled) or job.cancel_event.is_set():
            # an engine's own "aborted" error after a cancel is still a cancel
            job.publish("cancelled", request_id=job.id, message="cancelled", segments_done=job.segments_done)
        elif isinstance(error, JobTimedOut):
            job.publish("error", request_id=job.id,
                        message=f"the job ran longer than {self.job_timeout_s:.0f} s and was stopped")
        else:
            job.publish("error", request_id=job.id, message=self.describe_error(error))

    def _finish(self, job: Job) -> None:
        with self._cond:
            self._active.pop(job.id, None)
            self._threads.pop(job.id, None)
            if job in self._waiting:
                self._waiting.remove(job)
            if self._running.pop(job.id, None) is not None and job.started_at is not None:
                held = time.time() - job.started_at
                self._estimate_s += ESTIMATE_SMOOTHING * (held - self._estimate_s)
            self._cond.notify_all()
        self._publish_positions()

    # -- render slots -----------------------------------------------------------------------
    def acquire_slot(self, job: Job) -> None:
        """Block until `job` is first in line and a slot is free; raise JobCancelled if cancelled meanwhile."""
        with self._cond:
            if job.id in self._running:
                return
            if not self._waiting and len(self._running) < self.max_concurrent:
                self._take_slot_locked(job)
                return
            self._waiting.append(job)
        self._publish_positions()
        with self._cond:
            while True:
                if job.cancel_event.is_set():
                    self._waiting.remove(job)
                    break
                if self._waiting[0] is job and len(self._running) < self.max_concurrent:
                    self._waiting.popleft()
                    self._take_slot_locked(job)
                    break
                self._cond.wait(timeout=0.5)
        self._publish_positions()
        job.check()

    def _take_slot_locked(self, job: Job) -> None:
        self._running[job.id] = job
        job.started_at = time.time()

    def _publish_positions(self) -> None:
        """Tell each waiting job its new place in line (1 = next) and the estimated wait, when it changed."""
        with self._cond:
            changed = []
            for position, job in enumerate(self._waiting, start=1):
                if job.position != position:
                    job.position = position
                    changed.append(job)
            per_job = self._estimate_s / self.max_concurrent
        for job in changed:
            job.publish("queue_position", position=job.position, estimated_wait=round(job.position * per_job, 1))

    # -- cancel -----------------------------------------------------------------------------
    def cancel_job(self, job_id: str) -> bool:
        """Set the job's cancel event; True when such an unfinished job existed."""
        with self._cond:
            job = self._active.get(job_id)
            if job is None:
                return False
            job.cancel_event.set()
            self._cond.notify_all()
        return True

    def cancel_sid(self, sid: str) -> int:
        """Cancel every unfinished job of a Socket.IO sid; return how many."""
        with self._cond:
            ids = [job.id for job in self._active.values() if job.sid == sid]
        return sum(self.cancel_job(job_id) for job_id in ids)

    # -- status -----------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """The seed's /api/queue_status body (plus `preparing_count`, `max_queue`)."""
        with self._cond:
            running = list(self._running.values())
            waiting = list(self._waiting)
            preparing = len(self._active) - len(running) - len(waiting)
            per_job = self._estimate_s / self.max_concurrent
        return {
            "queue_length": len(waiting),
            "processing_count": len(running),
            "max_concurrent": self.max_concurrent,
            "max_queue": self.max_queue,
            "preparing_count": preparing,
            "processing": [{"request_id": j.id, "sid": j.sid, "started_at": j.started_at} for j in running],
            "queue": [
                {"request_id": j.id, "sid": j.sid, "position": i, "estimated_wait": round(i * per_job, 1)}
                for i, j in enumerate(waiting, start=1)
            ],
        }

    def active_count(self) -> int:
        """Jobs admitted and not finished."""
        with self._cond:
            return len(self._active)

    def _retry_after_locked(self) -> int:
        return max(1, math.ceil(self._estimate_s * (len(self._waiting) + 1) / self.max_concurrent))

    # -- shutdown ---------------------------------------------------------------------------
    def shutdown(self, timeout_s: float = 5.0) -> None:
        """Refuse new jobs, cancel the active ones and join their threads."""
        with self._cond:
            self._closed = True
            jobs = list(self._active.values())
            threads = list(self._threads.values())
        for job in jobs:
            self.cancel_job(job.id)
        deadline = time.monotonic() + timeout_s
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
