"""SIGTERM while streams are open: each open SSE stream ends with an `error` event saying the server is shutting
down (code `shutting_down`), and — where the job goes on running on a worker (JOB_BACKEND=redis) — where to resume
it, instead of being cut off without a word when the process exits.

Gunicorn's worker handles SIGTERM itself (stop accepting, give requests the graceful timeout); `watch_sigterm`
chains a handler in front of its own that only marks the app as stopping, which every stream checks at least once
a second.
"""
from __future__ import annotations

import signal
import threading
from typing import Any

from flask import Flask, current_app

EXTENSION_KEY = "shutdown"
SHUTTING_DOWN = "shutting_down"  # the error code of the event
MESSAGE = "the server is shutting down"


def register_shutdown(app: Flask) -> threading.Event:
    """The app's stopping flag (set by SIGTERM once `watch_sigterm` runs, or by a test)."""
    return app.extensions.setdefault(EXTENSION_KEY, threading.Event())


def stopping() -> threading.Event:
    """The current app's stopping flag."""
    return current_app.extensions[EXTENSION_KEY]


def watch_sigterm(app: Flask) -> None:
    """Set the app's stopping flag on SIGTERM, then let the previous handler (gunicorn's) do its work."""
    flag = register_shutdown(app)
    previous = signal.getsignal(signal.SIGTERM)

    def on_sigterm(signum: int, frame: Any) -> None:
        flag.set()
        if callable(previous):
            previous(signum, frame)
        elif previous == signal.SIG_DFL:
            raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_sigterm)


def shutdown_event(job_id: str, resumable: bool) -> dict[str, Any]:
    """The stream's last event: what happened, and where to resume when the job keeps running elsewhere."""
    event: dict[str, Any] = {"type": "error", "code": SHUTTING_DOWN, "request_id": job_id}
    if resumable:
        event["message"] = f"{MESSAGE}; the job goes on: resume at resume_url with your last event id"
        event["resume_url"] = f"/api/jobs/{job_id}/events"
    else:
        event["message"] = f"{MESSAGE}; this turn ends with it"
    return event
