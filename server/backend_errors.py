"""A job store (Redis) that cannot be reached is a 503 JSON error with Retry-After and a fixed message, never a 500:
status, the queue and new turns say so while Redis is away and answer again when it is back."""
from __future__ import annotations

import logging

from flask import Flask

from jobs.redis_store import UNREACHABLE
from server.database_errors import register_unavailable

log = logging.getLogger(__name__)

QUEUE_UNAVAILABLE = "the job queue is unavailable; try again shortly"
RETRY_AFTER_S = 5


def queue_unavailable(error: Exception) -> str:
    """The client's message for an unreachable job store (the cause goes to the log)."""
    log.warning("job store unreachable: %s: %s", type(error).__name__, error)
    return QUEUE_UNAVAILABLE


def register_backend_errors(app: Flask) -> None:
    """Map an unreachable job store to 503 + Retry-After."""
    register_unavailable(app, UNREACHABLE, queue_unavailable, RETRY_AFTER_S, "queue_unavailable")
