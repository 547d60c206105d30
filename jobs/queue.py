"""The local job backend: admitted jobs run on their own named thread; render slots are handed out FIFO.

A job is admitted only while fewer than `max_concurrent + max_queue` jobs are active, so threads and
memory stay bounded. Its text stages (LLM, TTS) run at once; before rendering it asks for one of
`max_concurrent` slots and waits in line, receiving `queue_position` events as its place changes.
Cancel sets the job's one token, which every stage checks; a cancelled job frees its slot at its next check.
Each job's events are kept in an in-memory log with ids (for resuming streams) until they expire.
"""
from __future__ import annotations

import logging
import math
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from jobs.backend import ClientBusy, QueueFull, UnknownJob
from pipeline.context import DescribeError, JobContext, run_to_end
from jobs.events import EventLog, JobEvent
from pipeline.events import QueuePosition, TurnEvent, TurnResult
from pipeline.spec import JobRequest
from telemetry.context import job_scope

log = logging.getLogger(__name__)

INITIAL_JOB_ESTIMATE_S = 10.0  # render time assumed before any job finished
ESTIMATE_SMOOTHING = 0.3  # weight of the newest job in the running average
EVENTS_KEPT_S = 600.0  # s a finished job's events stay readable (a client resuming its stream)
MAX_FINISHED_LOGS = 1000  # finished jobs whose events are kept at most

Runner = Callable[[JobContext, JobRequest], TurnResult]  # returns the `done` event's result
Relay = Callable[[str, JobEvent], None]  # (sid, event): send to the Socket.IO room of `sid`


@dataclass(eq=False)
class Job:
    """One admitted job: its request, context (cancel token, deadline) and event log."""

    request: JobRequest
    ctx: JobContext
    log: EventLog
    started_at: float | None = None  # when it got a render slot
    position: int | None = None  # last place in line told to subscribers

    @property
    def id(self) -> str:
        """The job's id (the seed's request_id)."""
        return self.ctx.job_id

    @property
    def sid(self) -> str | None:
        """The Socket.IO session the job belongs to."""
        return self.request.sid


class JobQueue:
    """Admission control, FIFO render slots, cancel by job or socket sid, event logs and a status snapshot."""

    def __init__(
        self,
        run: Runner,
        max_concurrent: int,
        max_queue: int,
        job_timeout_s: float = math.inf,
        describe_error: DescribeError = lambda e: (str(e), "job_failed"),
        relay: Relay | None = None,
        max_per_client: int = 0,
    ) -> None:
        self.run = run
        self.describe_error = describe_error
        self.max_concurrent = max_concurrent
        self.max_queue = max_queue
        self.job_timeout_s = job_timeout_s
        self.relay = relay
        self.max_per_client = max_per_client  # 0 = no per-client limit
        self._cond = threading.Condition()
        self._active: dict[str, Job] = {}  # admitted and not finished
        self._waiting: deque[Job] = deque()  # in line for a slot, FIFO
        self._running: dict[str, Job] = {}  # holding a slot
        self._threads: dict[str, threading.Thread] = {}
        self._logs: dict[str, EventLog] = {}  # every job's events, finished ones until they expire
        self._requests: dict[str, JobRequest] = {}  # every job with a log: its request (owner, annotations)
        self._resumed: set[str] = set()  # jobs a client followed again after their stream dropped
        self._estimate_s = INITIAL_JOB_ESTIMATE_S
        self._closed = False

    # -- submission -------------------------------------------------------------------------
    def submit(self, request: JobRequest) -> str:
        """Admit the job and start its thread, or raise QueueFull; returns the job id."""
        job_id = secrets.token_hex(8)
        events = EventLog(job_id)
        job = Job(request, JobContext(job_id, lambda event: self._publish(job, event),
                                      lambda: self._acquire_slot(job), timeout_s=self.job_timeout_s), events)
        with self._cond:
            if self._closed or len(self._active) >= self.max_concurrent + self.max_queue:
                raise QueueFull(self._retry_after_locked())
            if self._client_busy_locked(request.owner):
                raise ClientBusy(self.max_per_client, self._retry_after_locked())
            self._expire_logs_locked()
            self._active[job_id] = job
            self._logs[job_id] = events
            self._requests[job_id] = request
            thread = threading.Thread(target=self._run, args=(job,), name=f"job-{job_id}", daemon=True)
            self._threads[job_id] = thread
        thread.start()
        return job_id

    def _client_busy_locked(self, owner: str | None) -> bool:
        """True when `owner` already has `max_per_client` jobs admitted."""
        if not self.max_per_client or owner is None:
            return False
        return sum(job.request.owner == owner for job in self._active.values()) >= self.max_per_client

    def _run(self, job: Job) -> None:
        """Run the turn, free the slot, then send exactly one terminal event."""
        with job_scope(job.id, job.request.http_request_id):
            run_to_end(job.ctx, lambda: self.run(job.ctx, job.request), self.describe_error, lambda: self._finish(job))

    def _publish(self, job: Job, event: TurnEvent) -> None:
        logged = job.log.append(event)
        if self.relay is not None and job.request.notify_socket and job.sid is not None:
            self.relay(job.sid, logged)

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

    # -- events -----------------------------------------------------------------------------
    def read_events(self, job_id: str, after: int, timeout_s: float) -> list[JobEvent]:
        """The job's events after id `after` (waiting up to `timeout_s`); UnknownJob when there is no such job."""
        with self._cond:
            events = self._logs.get(job_id)
        if events is None:
            raise UnknownJob(job_id)
        return events.read(after, timeout_s)

    def _expire_logs_locked(self) -> None:
        """Drop the logs of jobs finished more than EVENTS_KEPT_S ago (and the oldest beyond MAX_FINISHED_LOGS)."""
        finished = [(events.finished_at, job_id) for job_id, events in self._logs.items()
                    if events.finished_at is not None]
        cutoff = time.monotonic() - EVENTS_KEPT_S
        finished.sort()
        excess = len(finished) - MAX_FINISHED_LOGS
        for i, (finished_at, job_id) in enumerate(finished):
            if finished_at < cutoff or i < excess:
                del self._logs[job_id]
                self._requests.pop(job_id, None)
                self._resumed.discard(job_id)

    # -- render slots -----------------------------------------------------------------------
    def _acquire_slot(self, job: Job) -> None:
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
                if job.ctx.cancel.is_set():
                    self._waiting.remove(job)
                    break
                if self._waiting[0] is job and len(self._running) < self.max_concurrent:
                    self._waiting.popleft()
                    self._take_slot_locked(job)
                    break
                self._cond.wait(timeout=0.5)
        self._publish_positions()
        job.ctx.check()

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
                    changed.append((job, position))
            per_job = self._estimate_s / self.max_concurrent
        for job, position in changed:
            job.ctx.publish(QueuePosition(position=position, estimated_wait=round(position * per_job, 1)))

    # -- cancel -----------------------------------------------------------------------------
    def request_of(self, job_id: str) -> JobRequest:
        """The job's request; UnknownJob when no log of it is kept."""
        with self._cond:
            if job_id not in self._requests:
                raise UnknownJob(job_id)
            return self._requests[job_id]

    def mark_resumed(self, job_id: str) -> None:
        """Note that a client follows the job again."""
        with self._cond:
            self._resumed.add(job_id)

    def resumed(self, job_id: str) -> bool:
        """Whether a client followed the job again."""
        with self._cond:
            return job_id in self._resumed

    def cancel_job(self, job_id: str, owners: Collection[str] | None = None) -> bool:
        """Set the job's cancel token (with `owners`: only on their job); True when it was set."""
        with self._cond:
            job = self._active.get(job_id)
            if job is None or (owners is not None and job.request.owner not in owners):
                return False
            job.ctx.request_cancel()
            self._cond.notify_all()
        return True

    def cancel_sid(self, sid: str, owners: Collection[str] | None = None) -> int:
        """Cancel every unfinished job of a Socket.IO sid (with `owners`: only theirs); return how many."""
        with self._cond:
            ids = [job.id for job in self._active.values() if job.sid == sid]
        return sum(self.cancel_job(job_id, owners) for job_id in ids)

    # -- status -----------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """The seed's /api/queue_status body (plus `preparing_count`, `max_queue`; each entry with its `owner`)."""
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
            "processing": [{"request_id": j.id, "sid": j.sid, "owner": j.request.owner, "started_at": j.started_at}
                           for j in running],
            "queue": [
                {"request_id": j.id, "sid": j.sid, "owner": j.request.owner, "position": i,
                 "estimated_wait": round(i * per_job, 1)}
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
