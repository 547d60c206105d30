"""Socket.IO on the default namespace: `generate` / `cancel` in; progress, queue and results out to the sid's room."""
from __future__ import annotations

import logging
from typing import Any

from flask import request
from flask_socketio import SocketIO, emit

from jobs.events import JobEvent
from jobs.pipeline import TurnSpec
from server.errors import ApiError, BadRequest
from server.identity import authenticator, socket_identity
from server.limits import socket_limits
from server.routes.lipsync import render_options, submit
from server.services import services
from server.validation import speakable_text

log = logging.getLogger(__name__)


def socket_payload(event: JobEvent) -> tuple[str, dict[str, Any]] | None:
    """The Socket.IO event name and data for a job event (None: not sent over the socket)."""
    data = event.data
    if event.type == "done":
        return "generation_complete", {
            "video_url": data["video_url"], "elapsed": data["elapsed"]["total"], "audio_url": data["audio_url"],
            "audio_duration": data["audio_duration"], "request_id": event.job_id, "elapsed_detail": data["elapsed"],
        }
    if event.type == "error":
        return "error", {"error": data.get("message", "generation failed"), "request_id": event.job_id}
    if event.type in ("progress", "queue_position", "segment", "cancelled"):
        return event.type, {**data, "request_id": event.job_id}
    return None


def register_socket_handlers(socketio: SocketIO) -> None:
    """Attach the handlers; every emit goes to the requesting client's sid room only."""

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

            def relay(event: JobEvent) -> None:
                payload = socket_payload(event)
                if payload is not None:
                    socketio.emit(payload[0], payload[1], to=sid)

            job = submit(s, spec, sid, relay)
        except ApiError as e:
            emit("error", {"error": e.message, "status": e.status})
            return {"accepted": False, "error": e.message}
        return {"accepted": True, "request_id": job.id}

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
