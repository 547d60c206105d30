"""Socket.IO on the default namespace: `generate` / `cancel` in; progress, queue and results out to the sid's room."""
from __future__ import annotations

import logging
from typing import Any

from flask import request
from flask_socketio import SocketIO, emit

from jobs.spec import TurnSpec
from server import turns
from server.errors import ApiError, BadRequest
from server.identity import authenticator, socket_identity
from server.limits import socket_limits
from server.services import services
from server.turn_requests import render_options
from server.validation import speakable_text

log = logging.getLogger(__name__)


def register_socket_handlers(socketio: SocketIO) -> None:
    """Attach the handlers; job events reach the requesting client's sid room only (the backend relays them)."""

    @socketio.on("generate")
    def on_generate(data: Any = None) -> dict[str, Any]:
        sid = request.sid  # type: ignore[attr-defined]
        s = services()
        try:
            body = data if isinstance(data, dict) else {}
            socket_limits().hit_generate(socket_identity())
            if not isinstance(data, dict):
                raise BadRequest("generate expects an object like {text, avatar, resolution}")
            spec = TurnSpec(render_options(s, body), text=speakable_text(body, "text", s.config))
            job_id = turns.submit(s, spec, sid, notify_socket=True)
        except ApiError as e:
            emit("error", {"error": e.message, "status": e.status})
            return {"accepted": False, "error": e.message}
        return {"accepted": True, "request_id": job_id}

    @socketio.on("cancel")
    def on_cancel(data: Any = None) -> dict[str, Any]:
        count = services().queue.cancel_sid(request.sid)  # type: ignore[attr-defined]
        return {"status": "cancelled", "cancelled": count}

    @socketio.on("disconnect")
    def on_disconnect(reason: Any = None) -> None:
        authenticator().forget_socket(request.sid)  # type: ignore[attr-defined]
        cancelled = services().queue.cancel_sid(request.sid)  # type: ignore[attr-defined]
        if cancelled:
            log.info("client %s left; cancelled %d job(s)", request.sid, cancelled)  # type: ignore[attr-defined]
