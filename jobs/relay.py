"""Job events sent to the Socket.IO room of the client's sid (from any process)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobs.events import JobEvent

Emit = Callable[..., Any]  # SocketIO.emit(event, data, to=room): an app's, or a message-queue-only one in a worker
Payload = Callable[[JobEvent], "tuple[str, dict[str, Any]] | None"]  # a job event → (Socket.IO event, data) or None


def socket_relay(emit: Emit, payload_of: Payload) -> Callable[[str, JobEvent], None]:
    """A relay that sends each job event the socket client should see (`payload_of` says which, and as what) to
    its sid's room."""

    def relay(sid: str, event: JobEvent) -> None:
        payload = payload_of(event)
        if payload is not None:
            emit(payload[0], payload[1], to=sid)

    return relay
