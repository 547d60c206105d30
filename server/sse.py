"""Server-Sent Events: one `data:` line per JSON event, heartbeats while idle, headers that defeat buffering."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from flask import Response, stream_with_context

HEARTBEAT = ": keep-alive\n\n"
SSE_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no",  # nginx: pass events through at once
    "Connection": "keep-alive",
}


def format_event(data: dict[str, Any]) -> str:
    """One SSE event in the seed's shape: `data: {json}` and a blank line."""
    return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"


def sse_response(events: Iterable[dict[str, Any] | None]) -> Response:
    """Stream events (None = heartbeat) as text/event-stream."""

    def body() -> Iterator[str]:
        iterator = iter(events)
        try:
            for event in iterator:
                yield HEARTBEAT if event is None else format_event(event)
        finally:  # the client went away or the stream ended: let the producer clean up now
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    return Response(stream_with_context(body()), mimetype="text/event-stream", headers=SSE_HEADERS)
