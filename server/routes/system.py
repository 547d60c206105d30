"""Server status, the queue, cancel and the avatar list."""
from __future__ import annotations

from flask import Blueprint
from flask.typing import ResponseReturnValue

from jobs.idle_clip import idle_url
from server.api.edge import operation
from server.errors import BadRequest
from server.schemas.system import AvatarsResponse, CancelRequest, CancelResponse, QueueStatusResponse, StatusResponse
from server.services import services

bp = Blueprint("system", __name__)


@bp.get("/api/v2/status")
@operation(StatusResponse, tag="system")
def status() -> ResponseReturnValue:
    """The seed's status body plus the engines in use."""
    s = services()
    return StatusResponse(
        status="ok",
        models_loaded=s.lipsync.loaded,
        available_avatars=[a.id for a in s.avatars.list()],
        tts_engines=s.tts.names(),
        llm_engine=getattr(s.llm, "primary", s.llm).name,
        lipsync_engine=s.lipsync.name,
    ).model_dump()


@bp.get("/api/avatars")
@operation(AvatarsResponse, tag="system")
def avatars() -> ResponseReturnValue:
    """Every precomputed avatar: the seed's id/name/path plus resolution, a display name and its idle loop."""
    return AvatarsResponse(avatars=[
        {"id": a.id, "name": a.id, "path": a.path, "base_name": a.name, "resolution": a.resolution,
         "display_name": a.display_name, "idle_url": idle_url(a.id), "idle_frames": a.frame_count, "fps": a.fps}
        for a in services().avatars.list()
    ]).model_dump()


@bp.get("/api/queue_status")
@operation(QueueStatusResponse, tag="system")
def queue_status() -> ResponseReturnValue:
    """Jobs rendering and waiting."""
    return QueueStatusResponse(**services().queue.snapshot()).model_dump()


@bp.post("/api/cancel")
@operation(CancelResponse, body=CancelRequest, tag="system")
def cancel(body: CancelRequest) -> ResponseReturnValue:
    """Cancel the jobs of a Socket.IO `sid` (or one job by `request_id`)."""
    if body.sid is None and body.request_id is None:
        raise BadRequest("'sid' is required (the Socket.IO session id whose generation to cancel)")
    queue = services().queue
    count = queue.cancel_sid(body.sid) if body.sid is not None else int(queue.cancel_job(body.request_id or ""))
    return CancelResponse(cancelled=count).model_dump()
