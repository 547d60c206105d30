"""The job backend protocol: what the web tier asks of wherever turns run (local threads or Redis + RQ workers)."""
from __future__ import annotations

from collections.abc import Collection
from typing import Any, Protocol

from jobs.events import JobEvent
from pipeline.spec import JobRequest


class QueueFull(Exception):
    """No room for another job; `retry_after` is a whole number of seconds."""

    def __init__(self, retry_after: int, message: str = "the generation queue is full, try again later") -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NoWorkers(QueueFull):
    """No turn worker is alive to take the job (the Redis backend's workers all stopped or lost Redis)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after, "no turn worker is running; try again shortly")


class ClientBusy(Exception):
    """The client already has as many jobs in flight as it may (MAX_JOBS_PER_CLIENT); `retry_after` in seconds."""

    def __init__(self, limit: int, retry_after: int) -> None:
        super().__init__(f"you already have {limit} generation(s) in progress; wait for one to finish")
        self.retry_after = retry_after


class UnknownJob(KeyError):
    """No job with this id (never submitted, or its events expired)."""


class JobBackend(Protocol):
    """Admission, events with ids, cancel and a status snapshot; one implementation per backend."""

    def submit(self, request: JobRequest) -> str:
        """Admit the job and return its id, or raise QueueFull (no room) / ClientBusy (its client's limit)."""
        ...

    def read_events(self, job_id: str, after: int, timeout_s: float) -> list[JobEvent]:
        """The job's events with id > `after`, waiting up to `timeout_s` for one; UnknownJob when none exists."""
        ...

    def request_of(self, job_id: str) -> JobRequest:
        """The job's request (its owner: None when the server itself submitted it); UnknownJob when none exists."""
        ...

    def mark_resumed(self, job_id: str) -> None:
        """Note that a client follows the job again (a dropped stream's job is then not cancelled)."""
        ...

    def resumed(self, job_id: str) -> bool:
        """Whether a client followed the job again since its stream dropped (in any web process)."""
        ...

    def cancel_job(self, job_id: str, owners: Collection[str] | None = None) -> bool:
        """Cancel one unfinished job (with `owners`: only if its owner is one of them); True when it was cancelled."""
        ...

    def cancel_sid(self, sid: str, owners: Collection[str] | None = None) -> int:
        """Cancel every unfinished job of a Socket.IO sid (with `owners`: only theirs); return how many."""
        ...

    def snapshot(self) -> dict[str, Any]:
        """The seed's /api/queue_status body, each entry with its job's `owner` (the web tier masks others')."""
        ...

    def active_count(self) -> int:
        """Jobs admitted and not finished."""
        ...

    def shutdown(self, timeout_s: float = 5.0) -> None:
        """Refuse new jobs, cancel the active ones, stop background threads."""
        ...
