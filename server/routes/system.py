"""Server status, the queue, cancel and the avatar list."""
from __future__ import annotations

from flask import Blueprint, request
from flask.typing import ResponseReturnValue

from server import turns
from server.api.edge import Query, operation
from avatars.access import visible_avatars
from server.avatar_entries import avatar_entry
from runtime.errors import BadRequest
from server.identity import caller_owners, job_owners
from server.schemas.events import LipsyncStreamEvent
from server.schemas.system import (
    AvatarsResponse,
    CancelRequest,
    CancelResponse,
    QueueStatusResponse,
    StatusResponse,
)
from server.services import services

bp = Blueprint("system", __name__)


@bp.get("/api/v2/status")
@operation(StatusResponse, tag="system")
def status() -> ResponseReturnValue:
    """The seed's status body plus the engines in use; 503 while the job store (Redis) is unreachable."""
    s = services()
    s.queue.active_count()  # a job store that cannot be reached answers 503 (server/unavailable.py)
    return StatusResponse(
        status="ok",
        models_loaded=s.models_loaded(),
        available_avatars=[a.id for a in visible_avatars(s.avatars, caller_owners())],
        tts_engines=s.tts.names(),
        llm_engine=s.llm_chain.primary.name,
        lipsync_engine=s.lipsync.name,
    ).model_dump()


@bp.get("/api/avatars")
@operation(AvatarsResponse, tag="system")
def avatars() -> ResponseReturnValue:
    """Every avatar this caller may use (the operator's, shared uploads and its own): the seed's id/name/path plus
    resolution, a display name and its idle loop."""
    return AvatarsResponse(avatars=[avatar_entry(a) for a in visible_avatars(services().avatars, caller_owners())]).model_dump()


@bp.get("/api/queue_status")
@operation(QueueStatusResponse, tag="system")
def queue_status() -> ResponseReturnValue:
    """Jobs rendering and waiting."""
    return QueueStatusResponse(**turns.queue_status(services(), job_owners())).model_dump()


@bp.post("/api/cancel")
@operation(CancelResponse, body=CancelRequest, tag="system")
def cancel(body: CancelRequest) -> ResponseReturnValue:
    """Cancel the caller's jobs of a Socket.IO `sid` (or one job by `request_id`); others' jobs are not touched."""
    if body.sid is None and body.request_id is None:
        raise BadRequest("'sid' is required (the Socket.IO session id whose generation to cancel)")
    return CancelResponse(cancelled=turns.cancel(services(), job_owners(), body.sid, body.request_id)).model_dump()


@bp.get("/api/jobs/<request_id>/events")
@operation(stream=LipsyncStreamEvent, errors=(400, 404), tag="lipsync", query=(
    Query("last_event_id", "Resume after this event id (the `Last-Event-ID` header wins when both are sent)",
          {"type": "integer", "minimum": 0}),))
def job_events(request_id: str) -> ResponseReturnValue:
    """A job's events as SSE, each with an `id:`; after `Last-Event-ID` (header or query) when resuming."""
    raw = request.headers.get("Last-Event-ID", request.args.get("last_event_id", "0"))
    if not raw.strip().isdigit():
        raise BadRequest(f"'Last-Event-ID' must be a non-negative event id, got {raw!r}")
    return turns.resume(services(), request_id, int(raw), job_owners())
