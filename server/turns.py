"""Turns as a service: submit, stream (SSE) and wait — the one place REST routes and Socket.IO handlers use.

Every stream reads the job's event log from the backend by id, so a stream can start late, resume after
`Last-Event-ID`, or be served by another web process (redis backend) without losing or repeating an event.
Every event carries `request_id` and `event_id`; `GET /api/jobs/<request_id>/events` also sends SSE `id:` lines.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection, Iterator
from typing import Any

from flask import Response

from jobs.backend import ClientBusy, NoWorkers, QueueFull, UnknownJob
from jobs.events import JobEvent, follow
from jobs.redis_store import UNREACHABLE
from pipeline.events import Cancelled, Done, Error, TurnResult
from pipeline.spec import JobRequest, TurnSpec
from runtime.errors import ApiError, NotFound, TooManyRequests, Unavailable
from server.unavailable import RETRY_AFTER_S, queue_unavailable
from server.identity import Identity, job_owner
from server.schemas.events import sse_event
from runtime.services import Services
from server.shutdown import shutdown_event, stopping
from server.sse import SseEvent, sse_response
from telemetry import context as telemetry_context

log = logging.getLogger(__name__)
STOP_POLL_S = 1.0  # s: a stream notices SIGTERM (and a synchronous request its client leaving) within this



class JobFailed(ApiError):
    """A synchronous job ended with an error event."""

    status = 500
    code = "job_failed"


class JobWasCancelled(ApiError):
    """A synchronous job was cancelled (by `/api/cancel` or the socket's `cancel`) before it finished."""

    status = 409
    code = "cancelled"


def submit(s: Services, spec: TurnSpec, sid: str | None = None, *, notify_socket: bool = False,
           identity: Identity | None = None, tts_engine_reason: str | None = None) -> str:
    """Queue the turn for `identity` (default: the REST request's caller) and return its request id; 503 +
    Retry-After when the queue is full, 429 + Retry-After when the caller has MAX_JOBS_PER_CLIENT jobs in flight."""
    try:
        job_id = s.queue.submit(JobRequest(spec, sid, notify_socket, identity.owner if identity else job_owner(),
                                           tts_engine_reason=tts_engine_reason,
                                           http_request_id=telemetry_context.request_id.get()))
    except QueueFull as e:
        code = "no_workers" if isinstance(e, NoWorkers) else "queue_full"
        raise Unavailable(str(e), headers={"Retry-After": str(e.retry_after)}, code=code) from e
    except ClientBusy as e:
        raise TooManyRequests(str(e), headers={"Retry-After": str(e.retry_after)}, code="too_many_jobs") from e
    log.info("turn %s queued", job_id, extra={"job_id": job_id})  # links this request's id to the job's lines
    return job_id


def cancel(s: Services, owners: Collection[str], sid: str | None = None, request_id: str | None = None) -> int:
    """Cancel the caller's jobs of a sid, or their one job by request id; other clients' jobs are never touched."""
    if sid is not None:
        return s.queue.cancel_sid(sid, owners)
    return int(s.queue.cancel_job(request_id or "", owners))


def queue_status(s: Services, viewer: Collection[str]) -> dict[str, Any]:
    """The seed's /api/queue_status body; other clients' entries keep their place but not their sid/request_id."""
    snapshot = s.queue.snapshot()
    for entry in (*snapshot["processing"], *snapshot["queue"]):
        if entry.pop("owner", None) not in viewer:
            entry.update(sid=None, request_id=None)
    return snapshot


def events(s: Services, job_id: str, after: int = 0) -> Iterator[JobEvent | None]:
    """The job's events after id `after` up to its terminal one (None = up to STOP_POLL_S of silence)."""
    return follow(lambda since, timeout: s.queue.read_events(job_id, since, timeout), after,
                  min(s.config.SSE_HEARTBEAT_S, STOP_POLL_S))


def stream(s: Services, spec: TurnSpec, sid: str | None, tts_engine_reason: str | None = None) -> Response:
    """Submit a turn and relay its events as SSE; the client leaving before the end cancels the job unless it (or
    anyone it hands the id to) resumes within STREAM_RESUME_GRACE_S (`GET /api/jobs/<id>/events`).
    `tts_engine_reason` (why the requested TTS engine does not speak) is added to `status tts_done` and `done`."""
    job_id = submit(s, spec, sid, tts_engine_reason=tts_engine_reason)
    return sse_response(_sse(s, job_id, events(s, job_id), cancel_on_leave=True, with_ids=False,
                             tts_engine_reason=tts_engine_reason))


def resume(s: Services, job_id: str, last_event_id: int, owners: Collection[str]) -> Response:
    """The caller's job's events after `last_event_id` as SSE (404 for an unknown job or another client's: the
    answer does not tell which); a dropped stream's job is kept from then on, and leaving does not cancel. It says
    what the original stream said, the reason why the requested TTS engine does not speak included."""
    try:
        request = s.queue.request_of(job_id)
        if request.owner not in owners:
            raise UnknownJob(job_id)
    except UnknownJob as e:
        raise NotFound(f"no job with request_id {job_id!r} (unknown or expired)") from e
    s.queue.mark_resumed(job_id)
    return sse_response(_sse(s, job_id, events(s, job_id, last_event_id), tts_engine_reason=request.tts_engine_reason))


def _sse(s: Services, job_id: str, source: Iterator[JobEvent | None], cancel_on_leave: bool = False, with_ids: bool = True,
         tts_engine_reason: str | None = None) -> Iterator[SseEvent | dict[str, Any] | None]:
    """The job's events for a stream; the seed's POST streams keep their `data:`-only shape (`with_ids=False`).
    A heartbeat every SSE_HEARTBEAT_S of silence; the job store lost meanwhile (Redis down) ends the stream with an
    `error` event, and so does SIGTERM (server/shutdown.py)."""
    finished = False
    stop = stopping()
    # a job on a Redis worker outlives this process: the client resumes it elsewhere, so it is not cancelled
    resumable = s.config.JOB_BACKEND == "redis" and s.config.REDIS_LOCAL_WORKERS == 0
    quiet_since = time.monotonic()
    try:
        for event in source:
            if stop.is_set() and (event is None or not event.terminal):  # a job's own end still goes out
                finished = True
                if not resumable and cancel_on_leave:  # the job ends with this process: no grace to wait out
                    s.queue.cancel_job(job_id)
                yield shutdown_event(job_id, resumable)
                return
            if event is None:
                if time.monotonic() - quiet_since >= s.config.SSE_HEARTBEAT_S:
                    quiet_since = time.monotonic()
                    yield None
                continue
            quiet_since = time.monotonic()
            finished = event.terminal
            data = sse_event(event, tts_engine_reason)
            if data is not None:
                yield SseEvent(data, event.id) if with_ids else data
    except UNREACHABLE as e:
        finished = True  # nothing to cancel through a store that is gone; its worker fails the turn
        yield sse_event(JobEvent(job_id, Error(message=queue_unavailable(e), code="queue_unavailable")))
    finally:
        if not finished and cancel_on_leave:
            cancel_unless_resumed(s, job_id)


def cancel_unless_resumed(s: Services, job_id: str) -> None:
    """A stream's client left: cancel its job after STREAM_RESUME_GRACE_S unless someone resumed it meanwhile."""
    grace = s.config.STREAM_RESUME_GRACE_S
    if not grace:
        s.queue.cancel_job(job_id)
        return

    def expire() -> None:
        try:
            if not s.queue.resumed(job_id):
                s.queue.cancel_job(job_id)
        except UNREACHABLE:  # Redis is away: the job cannot be flagged; the worker fails it on its own
            return

    timer = threading.Timer(grace, expire)
    timer.daemon = True
    timer.name = f"resume-grace-{job_id}"
    timer.start()


def wait(s: Services, spec: TurnSpec, sid: str | None,
         client_gone: Callable[[], bool] = lambda: False) -> TurnResult:
    """Submit a turn and block until it ends; its result, or an error response (409 when cancelled).
    A client that leaves meanwhile (`client_gone`, asked at every event and heartbeat) cancels the job."""
    job_id = submit(s, spec, sid)
    for event in events(s, job_id):
        if event is None or not event.terminal:
            if client_gone():
                s.queue.cancel_job(job_id)
                raise JobWasCancelled("the client left before the result was ready")
            continue
        if isinstance(event.event, Done):
            return event.event.result
        if isinstance(event.event, Cancelled):
            raise JobWasCancelled("generation was cancelled")
        if isinstance(event.event, Error) and event.event.code == "database_unavailable":
            raise Unavailable(event.event.message, headers={"Retry-After": str(RETRY_AFTER_S)},
                              code="database_unavailable")
        raise JobFailed(event.event.message if isinstance(event.event, Error) else "generation failed")
    raise JobFailed("generation ended without a result")
