"""The job backend protocol: what the web tier asks of wherever turns run (local threads or Redis + RQ workers)."""
from __future__ import annotations

from typing import Any, Protocol

from jobs.events import JobEvent
from jobs.spec import JobRequest


class QueueFull(Exception):
    """No room for another job; `retry_after` is a whole number of seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("the generation queue is full, try again later")
        self.retry_after = retry_after


class UnknownJob(KeyError):
    """No job with this id (never submitted, or its events expired)."""


class JobBackend(Protocol):
    """Admission, events with ids, cancel and a status snapshot; one implementation per backend."""

    def submit(self, request: JobRequest) -> str:
        """Admit the job and return its id, or raise QueueFull."""
        ...

    def read_events(self, job_id: str, after: int, timeout_s: float) -> list[JobEvent]:
        """The job's events with id > `after`, waiting up to `timeout_s` for one; UnknownJob when none exists."""
        ...

    def cancel_job(self, job_id: str) -> bool:
        """Cancel one unfinished job; True when it existed."""
        ...

    def cancel_sid(self, sid: str) -> int:
        """Cancel every unfinished job of a Socket.IO sid; return how many."""
        ...

    def snapshot(self) -> dict[str, Any]:
        """The seed's /api/queue_status body."""
        ...

    def active_count(self) -> int:
        """Jobs admitted and not finished."""
        ...

    def shutdown(self, timeout_s: float = 5.0) -> None:
        """Refuse new jobs, cancel the active ones, stop background threads."""
        ...
