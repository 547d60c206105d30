"""Avatar creation jobs off the request threads: what a job is, how one is carried out, and the local backend.

Locally one worker thread (avatar precompute is CPU-heavy; two at once only halve each other's speed) takes jobs
in order; at most `max_pending` wait or run, beyond that `submit` raises JobsFull. Each job publishes
its progress as a list of events (for polling, SSE and Socket.IO) and ends `completed` or `failed`;
whatever a job raises ends that job, never the worker. The upload folder is removed when the job ends.
On the Redis backend the same jobs run on the turn workers (avatars/redis_upload_jobs.py).
"""
from __future__ import annotations

import logging
import secrets
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from avatars.precompute_errors import PrecomputeCancelled, PrecomputeError

log = logging.getLogger(__name__)

TERMINAL = frozenset({"completed", "failed"})
KEEP_FINISHED = 200  # finished jobs remembered for status queries (oldest forgotten first)

# work(job, progress, cancel) -> result_url; raises PrecomputeError (the client's fault) or anything else
Work = Callable[["AvatarJob", Callable[[int, str], None], threading.Event], str]
Notify = Callable[[str, dict[str, Any]], None]  # (sid, progress event): send to that Socket.IO client
Report = Callable[[str, int, str], None]  # (status, percent, step): publish the job's new state
JOB_FIELDS = ("name", "display_name", "owner", "options", "sid", "id", "created")  # what crosses a process


class JobsFull(RuntimeError):
    """Too many avatar jobs are waiting or running."""


@dataclass
class AvatarJob:
    """One avatar being made from an upload."""

    name: str  # avatar base name it will have
    display_name: str
    owner: str
    upload_dir: Path  # removed when the job ends
    source: Path
    options: dict[str, Any] = field(default_factory=dict)
    sid: str | None = None  # Socket.IO client that hears `progress`
    id: str = field(default_factory=lambda: secrets.token_hex(16))
    status: str = "queued"
    progress: int = 0
    current_step: str = "waiting for the worker"
    result_url: str | None = None
    error: str | None = None
    created: float = field(default_factory=time.time)
    events: list[dict[str, Any]] = field(default_factory=list)

    def to_api(self) -> dict[str, Any]:
        """The seed's status object (plus the avatar's name)."""
        return {"job_id": self.id, "status": self.status, "progress": self.progress, "current_step": self.current_step,
                "result_url": self.result_url, "error": self.error, "avatar": self.name,
                "display_name": self.display_name}

    def to_json(self) -> dict[str, Any]:
        """What a worker in another process needs to run the job (JSON)."""
        return {**{name: getattr(self, name) for name in JOB_FIELDS}, "upload_dir": str(self.upload_dir),
                "source": str(self.source)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "AvatarJob":
        """Rebuild a job written by `to_json`."""
        return cls(**{name: data[name] for name in JOB_FIELDS}, upload_dir=Path(data["upload_dir"]),
                   source=Path(data["source"]))

    def advance(self, status: str, progress: int, step: str) -> dict[str, Any]:
        """Move to a new state (progress never goes back); returns the `progress` event that says so."""
        self.status, self.progress, self.current_step = status, max(self.progress, progress), step
        return {"type": "progress", **self.to_api()}

    def apply(self, state: dict[str, Any]) -> None:
        """Take the status fields of a `to_api` dict (the newest event of a job kept elsewhere)."""
        self.status, self.progress, self.current_step = state["status"], state["progress"], state["current_step"]
        self.result_url, self.error = state["result_url"], state["error"]


class AvatarJobQueue(Protocol):
    """Where avatar jobs wait and run: this process's thread, or the Redis backend's workers."""

    def submit(self, job: AvatarJob) -> AvatarJob:
        """Queue `job`; JobsFull when too many wait or run (the upload is removed then)."""
        ...

    def get(self, job_id: str) -> AvatarJob | None:
        """The job with its current status, or None."""
        ...

    def events(self, job: AvatarJob, after: int, timeout_s: float) -> list[dict[str, Any]]:
        """The job's `progress` events after the first `after`, waiting up to `timeout_s` for one."""
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
            self._forget_old()
        self._publish(job, "queued", 0, job.current_step)
        self._executor.submit(self._run, job)
        return job

    def get(self, job_id: str) -> AvatarJob | None:
        """The job, or None."""
        with self._changed:
            return self._jobs.get(job_id)

    def events(self, job: AvatarJob, after: int, timeout_s: float) -> list[dict[str, Any]]:
        """The job's events after index `after`, waiting up to `timeout_s` for one (empty: still nothing new)."""
        with self._changed:
            self._changed.wait_for(lambda: len(job.events) > after, timeout=timeout_s)
            return job.events[after:]

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
            event = job.advance(status, progress, step)
            job.events.append(event)
            self._changed.notify_all()
        if self._notify is not None and job.sid:
            self._notify(job.sid, event)

    def _forget_old(self) -> None:
        """Drop the oldest finished jobs beyond KEEP_FINISHED (called with the lock held)."""
        finished = [j.id for j in self._jobs.values() if j.status in TERMINAL]
        for job_id in finished[: max(0, len(finished) - KEEP_FINISHED)]:
            del self._jobs[job_id]
