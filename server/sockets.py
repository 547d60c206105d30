"""Socket.IO on the default namespace: `generate` / `cancel` in; progress, queue and results out to the sid's room."""
from __future__ import annotations

import logging
from typing import Any

from flask import request
from flask_socketio import SocketIO, emit

from pipeline.spec import TurnSpec
from server import turns
from server.api.edge import validate
from server.api.safe_json import RejectedPayload
from runtime.errors import ApiError, BadRequest
from server.identity import authenticator, socket_identity
from server.limits import limited_event, socket_limits
from server.schemas.events import CancelAck, GenerateAck, SocketError
from server.schemas.lipsync import LipsyncRequest
from runtime.turn_requests import render_options
from server.services import caller, coach_services, services

log = logging.getLogger(__name__)


def generate_request(data: Any) -> LipsyncRequest:
    """The `generate` payload as a LipsyncRequest, or the ApiError naming what is wrong with it."""
    if isinstance(data, RejectedPayload):
        raise BadRequest(data.message)
    if not isinstance(data, dict):
        raise BadRequest("generate expects an object like {text, avatar, resolution}")
    return validate(LipsyncRequest, data)


def register_socket_handlers(socketio: SocketIO) -> None:
    """Attach the handlers; job events reach the requesting client's sid room only (the backend relays them)."""

    @socketio.on("generate")
    @limited_event({"accepted": False})
    def on_generate(data: Any = None) -> dict[str, Any]:
        sid = request.sid  # type: ignore[attr-defined]
        s = services()
        try:
            identity = socket_identity()
            socket_limits().hit_generate(identity)
            body = generate_request(data)
            options, choice = render_options(s, body, caller())
            job_id = turns.submit(s, TurnSpec(options, text=body.text), sid, notify_socket=True, identity=identity)
        except ApiError as e:
            emit("error", SocketError(error=e.message, status=e.status, code=e.code).model_dump(exclude_none=True))
            return GenerateAck(accepted=False, error=e.message).model_dump(exclude_none=True)
        return GenerateAck(accepted=True, request_id=job_id, tts_engine=choice.engine,
                           tts_engine_reason=choice.reason).model_dump(exclude_none=True)

    @socketio.on("cancel")
    @limited_event({"cancelled": 0})
    def on_cancel(data: Any = None) -> dict[str, Any]:
        count = turns.cancel(services(), {socket_identity().owner}, sid=request.sid)  # type: ignore[attr-defined]
        return CancelAck(cancelled=count).model_dump()

    @socketio.on("disconnect")
    def on_disconnect(reason: Any = None) -> None:
        authenticator().forget_socket(request.sid)  # type: ignore[attr-defined]  (its queued STT waits end)
        coach_services().streams.close(request.sid)  # type: ignore[attr-defined]  (its audio is freed)
        cancelled = services().queue.cancel_sid(request.sid)  # type: ignore[attr-defined]
        if cancelled:
            log.info("client %s left; cancelled %d job(s)", request.sid, cancelled)  # type: ignore[attr-defined]
