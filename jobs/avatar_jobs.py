"""Avatar creation jobs off the request threads: the events a job sends, how one is carried out, and the local
backend.

Locally one worker thread (avatar precompute is CPU-heavy; two at once only halve each other's speed) takes jobs
in order; at most `max_pending` wait or run, beyond that `submit` raises JobsFull. Each job publishes each new
state as an event (for polling, SSE and Socket.IO) and ends `completed` or `failed`; whatever a job raises ends
that job, never the worker. The upload folder is removed when the job ends. On the Redis backend the same jobs run
on the turn workers (jobs/redis_avatar_jobs.py).

The events are typed like a turn's (`pipeline.events.WireEvent`): each knows its channels and its JSON. On the wire
every one is a `progress` carrying the job's whole state (the avatar-forge seed's status object; its stream has no
request or event ids, so the SSE layout leaves them out); the kinds a backend stores (`progress`, `done`, `error`)
tell which one ends the job.
"""
from __future__ import annotations

import logging
import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from avatars.precompute_errors import PrecomputeCancelled, PrecomputeError
from avatars.upload_jobs import AvatarJob
from pipeline.events import WireEvent

log = logging.getLogger(__name__)

KEEP_FINISHED = 200  # finished jobs remembered for status queries (oldest forgotten first)
# the seed's status object, in its order (then the avatar's names)
STATE_FIELDS = ("job_id", "status", "progress", "current_step", "result_url", "error", "avatar", "display_name")


@dataclass(frozen=True, kw_only=True)
class AvatarJobEvent(WireEvent):
    """The job's new state (`queued`, `processing`), sent as `progress` over SSE and to its Socket.IO client."""

    kind = type = "progress"
    SSE_LAYOUT = ("type", *STATE_FIELDS)
    SOCKET_NAME = "progress"
    SOCKET_LAYOUT = ("type", *STATE_FIELDS)
    KEEP_NULL = frozenset(STATE_FIELDS)  # the status object always has every key

    job_id: str
    status: str
    progress: int
    current_step: str
    result_url: str | None
    error: str | None
    avatar: str
    display_name: str

    @staticmethod
    def of(job: AvatarJob) -> "AvatarJobEvent":
        """The event that says where `job` stands now (a finished job's is terminal)."""
        cls = ENDINGS.get(job.status, AvatarJobEvent)
        return cls(job_id=job.id, status=job.status, progress=job.progress, current_step=job.current_step,
                   result_url=job.result_url, error=job.error, avatar=job.name, display_name=job.display_name)

    def socket_json(self, request_id: str, edge: Mapping[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
        """Socket.IO `progress`: the same JSON as the stream's, `type` included."""
        return self.type, self._laid_out({**self.values(), "type": self.type, **(edge or {})}, self.SOCKET_LAYOUT)

    def applied_to(self, job: AvatarJob) -> AvatarJob:
        """`job` with this event's state (the newest event of a job kept elsewhere)."""
        job.status, job.progress, job.current_step = self.status, self.progress, self.current_step
        job.result_url, job.error = self.result_url, self.error
        return job


@dataclass(frozen=True, kw_only=True)
class AvatarJobCompleted(AvatarJobEvent):
    """The avatar is made: `result_url` names it."""

    kind = "done"
    terminal = True


@dataclass(frozen=True, kw_only=True)
class AvatarJobFailed(AvatarJobEvent):
    """The job failed: `error` says why."""

    kind = "error"
    terminal = True


ENDINGS: dict[str, type[AvatarJobEvent]] = {"completed": AvatarJobCompleted, "failed": AvatarJobFailed}
_BY_KIND = {cls.kind: cls for cls in (AvatarJobEvent, AvatarJobCompleted, AvatarJobFailed)}


def avatar_event(record: Mapping[str, Any]) -> AvatarJobEvent:
    """Rebuild an event a backend stored (`to_record`); ValueError for an unknown kind."""
    cls = _BY_KIND.get(record["type"])
    if cls is None:
        raise ValueError(f"unknown avatar job event {record['type']!r}")
    return cls(**record["data"])


# work(job, progress, cancel) -> result_url; raises PrecomputeError (the client's fault) or anything else
Work = Callable[[AvatarJob, Callable[[int, str], None], threading.Event], str]
Notify = Callable[[str, AvatarJobEvent], None]  # (sid, event): send to that Socket.IO client
Report = Callable[[str, int, str], None]  # (status, percent, step): publish the job's new state


class JobsFull(RuntimeError):
    """Too many avatar jobs are waiting or running."""


class AvatarJobQueue(Protocol):
    """Where avatar jobs wait and run: this process's thread, or the Redis backend's workers."""

    def submit(self, job: AvatarJob) -> AvatarJob:
        """Queue `job`; JobsFull when too many wait or run (the upload is removed then)."""
        ...

    def get(self, job_id: str) -> AvatarJob | None:
        """The job with its current status, or None."""
        ...

    def events(self, job: AvatarJob, after: int, timeout_s: float) -> list[AvatarJobEvent]:
        """The job's events after the first `after`, waiting up to `timeout_s` for one."""
        ...

    def shutdown(self) -> None:
        """Stop taking jobs."""
        ...


def carry_out(job: AvatarJob, work: Work, timeout_s: float, report: Report) -> None:
    """Run one job to its end through `report`: processing, then completed or failed (with `job.error`); whatever
    `work` raises ends the job only. The upload folder is removed in any case."""
    cancel = threading.Event()
    timer = threading.Timer(timeout_s, cancel.set)
    timer.daemon = True
    timer.start()
    try:
        report("processing", 1, "starting")
        job.result_url = work(job, lambda percent, step: report("processing", percent, step), cancel)
        report("completed", 100, "done")
    except PrecomputeCancelled:
        job.error = f"the avatar job took longer than {timeout_s:g} s"
    except PrecomputeError as e:
        job.error = str(e)
    except Exception:  # a bug or a decoder crash ends this job only; the worker goes on
        log.exception("avatar job %s failed", job.id)
        job.error = "internal error while making the avatar"
    finally:
        timer.cancel()
        shutil.rmtree(job.upload_dir, ignore_errors=True)
    if job.error is not None:
        report("failed", job.progress, "failed")


class AvatarJobs:
    """The local backend: submit, look up and follow avatar jobs run on a thread of this process."""

    def __init__(self, work: Work, max_pending: int, timeout_s: float, notify: Notify | None = None) -> None:
        self._work = work
        self._max_pending = max_pending
        self._timeout_s = timeout_s
        self._notify = notify
        self._jobs: OrderedDict[str, AvatarJob] = OrderedDict()
        self._events: dict[str, list[AvatarJobEvent]] = {}
        self._pending = 0
        self._changed = threading.Condition()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="avatar-job")

    def submit(self, job: AvatarJob) -> AvatarJob:
        """Queue `job`; JobsFull when `max_pending` are already waiting or running (the upload is removed)."""
        with self._changed:
            if self._pending >= self._max_pending:
                shutil.rmtree(job.upload_dir, ignore_errors=True)
                raise JobsFull(f"{self._pending} avatar jobs are already waiting or running; try again later")
            self._pending += 1
            self._jobs[job.id] = job
            self._events[job.id] = []
            self._forget_old()
        self._publish(job, "queued", 0, job.current_step)
        self._executor.submit(self._run, job)
        return job

    def get(self, job_id: str) -> AvatarJob | None:
        """The job, or None."""
        with self._changed:
            return self._jobs.get(job_id)

    def events(self, job: AvatarJob, after: int, timeout_s: float) -> list[AvatarJobEvent]:
        """The job's events after index `after`, waiting up to `timeout_s` for one (empty: still nothing new)."""
        with self._changed:
            published = self._events.get(job.id)
            if published is None:  # forgotten (finished long ago): its last state ends a follower's stream
                return [AvatarJobEvent.of(job)]
            self._changed.wait_for(lambda: len(published) > after, timeout=timeout_s)
            return published[after:]

    def shutdown(self) -> None:
        """Stop taking jobs; the running one finishes in the background."""
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: AvatarJob) -> None:
        try:
            carry_out(job, self._work, self._timeout_s, lambda status, percent, step:
                      self._publish(job, status, percent, step))
        finally:
            with self._changed:
                self._pending -= 1

    def _publish(self, job: AvatarJob, status: str, progress: int, step: str) -> None:
        with self._changed:
            job.advance(status, progress, step)
            event = AvatarJobEvent.of(job)
            self._events[job.id].append(event)
            self._changed.notify_all()
        if self._notify is not None and job.sid:
            self._notify(job.sid, event)

    def _forget_old(self) -> None:
        """Drop the oldest finished jobs beyond KEEP_FINISHED (called with the lock held)."""
        finished = [j.id for j in self._jobs.values() if j.status in ENDINGS]
        for job_id in finished[: max(0, len(finished) - KEEP_FINISHED)]:
            del self._jobs[job_id]
            self._events.pop(job_id, None)
