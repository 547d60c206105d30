"""Avatar creation jobs: a small bounded worker of its own, off the request threads.

One worker thread (avatar precompute is CPU-heavy; two at once only halve each other's speed) takes jobs
in order; at most `max_pending` wait or run, beyond that `submit` raises JobsFull. Each job publishes
its progress as a list of events (for polling, SSE and Socket.IO) and ends `completed` or `failed`;
whatever a job raises ends that job, never the worker. The upload folder is removed when the job ends.

Later wiring: the shared job queue (jobs/) once it has a backend protocol, so avatar jobs run on the
local and the Redis backend like the turns do.
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
from typing import Any

from avatars.precompute_errors import PrecomputeCancelled, PrecomputeError

log = logging.getLogger(__name__)

TERMINAL = frozenset({"completed", "failed"})
KEEP_FINISHED = 200  # finished jobs remembered for status queries (oldest forgotten first)

# work(job, progress, cancel) -> result_url; raises PrecomputeError (the client's fault) or anything else
Work = Callable[["AvatarJob", Callable[[int, str], None], threading.Event], str]


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


class AvatarJobs:
    """Submit, look up and follow avatar jobs."""

    def __init__(self, work: Work, max_pending: int, timeout_s: float,
                 on_event: Callable[[AvatarJob, dict[str, Any]], None] | None = None) -> None:
        self._work = work
        self._max_pending = max_pending
        self._timeout_s = timeout_s
        self._on_event = on_event
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
        cancel = threading.Event()
        timer = threading.Timer(self._timeout_s, cancel.set)
        timer.daemon = True
        timer.start()
        try:
            self._publish(job, "processing", 1, "starting")
            url = self._work(job, lambda percent, step: self._publish(job, "processing", percent, step), cancel)
            job.result_url = url
            self._publish(job, "completed", 100, "done")
        except PrecomputeCancelled:
            self._fail(job, f"the avatar job took longer than {self._timeout_s:g} s")
        except PrecomputeError as e:
            self._fail(job, str(e))
        except Exception:  # a bug or a decoder crash ends this job only; the worker goes on
            log.exception("avatar job %s failed", job.id)
            self._fail(job, "internal error while making the avatar")
        finally:
            timer.cancel()
            shutil.rmtree(job.upload_dir, ignore_errors=True)
            with self._changed:
                self._pending -= 1

    def _fail(self, job: AvatarJob, message: str) -> None:
        job.error = message
        self._publish(job, "failed", job.progress, "failed")

    def _publish(self, job: AvatarJob, status: str, progress: int, step: str) -> None:
        with self._changed:
            job.status, job.progress, job.current_step = status, max(job.progress, progress), step
            event = {"type": "progress", **job.to_api()}
            job.events.append(event)
            self._changed.notify_all()
        if self._on_event is not None:
            self._on_event(job, event)

    def _forget_old(self) -> None:
        """Drop the oldest finished jobs beyond KEEP_FINISHED (called with the lock held)."""
        finished = [j.id for j in self._jobs.values() if j.status in TERMINAL]
        for job_id in finished[: max(0, len(finished) - KEEP_FINISHED)]:
            del self._jobs[job_id]
