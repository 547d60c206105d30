"""Server status, the queue, cancel and the avatar list."""
from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from server import turns
from server.avatar_entries import avatar_entry
from server.errors import BadRequest
from server.services import services
from server.validation import json_body, optional_name

bp = Blueprint("system", __name__)


@bp.get("/api/v2/status")
def status() -> ResponseReturnValue:
    """The seed's status body plus the engines in use."""
    s = services()
    return jsonify(
        status="ok",
        models_loaded=s.lipsync.loaded,
        available_avatars=[a.id for a in s.avatars.list()],
        tts_engines=s.tts.names(),
        llm_engine=getattr(s.llm, "primary", s.llm).name,
        lipsync_engine=s.lipsync.name,
    )


@bp.get("/api/avatars")
def avatars() -> ResponseReturnValue:
    """Every precomputed avatar: the seed's id/name/path plus resolution, a display name and its idle loop."""
    return jsonify(avatars=[avatar_entry(a) for a in services().avatars.list()])


@bp.get("/api/queue_status")
def queue_status() -> ResponseReturnValue:
    """Jobs rendering and waiting."""
    return jsonify(services().queue.snapshot())


@bp.post("/api/cancel")
def cancel() -> ResponseReturnValue:
    """Cancel the jobs of a Socket.IO `sid` (or one job by `request_id`)."""
    body = json_body()
    sid = optional_name(body, "sid")
    request_id = optional_name(body, "request_id")
    if sid is None and request_id is None:
        raise BadRequest("'sid' is required (the Socket.IO session id whose generation to cancel)")
    queue = services().queue
    count = queue.cancel_sid(sid) if sid is not None else int(queue.cancel_job(request_id or ""))
    return jsonify(status="cancelled", cancelled=count)


@bp.get("/api/jobs/<request_id>/events")
def job_events(request_id: str) -> ResponseReturnValue:
    """A job's events as SSE, each with an `id:`; after `Last-Event-ID` (header or query) when resuming."""
    raw = request.headers.get("Last-Event-ID", request.args.get("last_event_id", "0"))
    if not raw.strip().isdigit():
        raise BadRequest(f"'Last-Event-ID' must be a non-negative event id, got {raw!r}")
    return turns.resume(services(), request_id, int(raw))
