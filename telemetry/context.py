"""The request and job a log line is about, carried in context variables (set per request and per job thread)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
job_id: ContextVar[str | None] = ContextVar("job_id", default=None)


@contextmanager
def job_scope(job: str, request: str | None = None) -> Iterator[None]:
    """Mark every log line written inside as about `job` (and the request that started it, when known)."""
    job_token = job_id.set(job)
    request_token = request_id.set(request) if request is not None else None
    try:
        yield
    finally:
        job_id.reset(job_token)
        if request_token is not None:
            request_id.reset(request_token)
