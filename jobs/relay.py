"""Job events as the seed's Socket.IO events, sent to the room of the client's sid (from any process)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobs.events import JobEvent

Emit = Callable[..., Any]  # SocketIO.emit(event, data, to=room): an app's, or a message-queue-only one in a worker


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


def socket_relay(emit: Emit) -> Callable[[str, JobEvent], None]:
    """A relay that sends each job event the socket client should see to its sid's room."""

    def relay(sid: str, event: JobEvent) -> None:
        payload = socket_payload(event)
        if payload is not None:
            emit(payload[0], payload[1], to=sid)

    return relay
