"""Server-Sent Events: one `data:` line per JSON event, heartbeats while idle, headers that defeat buffering."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from flask import Response, stream_with_context

HEARTBEAT = ": keep-alive\n\n"
# No `Connection` header: it is hop-by-hop, the server's to set (PEP 3333). Werkzeug's server adds its own
# `close`; an extra `keep-alive` before it made http.client keep the socket and send its next request there,
# which Werkzeug's post-response drain then swallowed — that request hung until the client's read timeout.
SSE_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no",  # nginx: pass events through at once
}


@dataclass(frozen=True)
class SseEvent:
    """An event with an SSE `id:` (what a client sends back as `Last-Event-ID` to resume after it)."""

    data: dict[str, Any]
    id: int


def format_event(data: dict[str, Any], event_id: int | None = None) -> str:
    """One SSE event in the seed's shape: `data: {json}` (then `id: n` when given) and a blank line."""
    tail = "" if event_id is None else f"id: {event_id}\n"
    return f"data: {json.dumps(data, ensure_ascii=False)}\n{tail}\n"


def sse_response(events: Iterable[dict[str, Any] | SseEvent | None]) -> Response:
    """Stream events (None = heartbeat) as text/event-stream."""

    def body() -> Iterator[str]:
        iterator = iter(events)
        try:
            for event in iterator:
                if isinstance(event, SseEvent):
                    yield format_event(event.data, event.id)
                else:
                    yield HEARTBEAT if event is None else format_event(event)
        finally:  # the client went away or the stream ended: let the producer clean up now
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    return Response(stream_with_context(body()), mimetype="text/event-stream", headers=SSE_HEADERS)
