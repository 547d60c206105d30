"""A component out of reach is a 503 JSON error with Retry-After and a fixed message, never a 500 nor a traceback:
a database that cannot be reached (down, refusing connections, pool exhausted: the client never sees the URL,
host, user or password) and a job store (Redis) that cannot (status, the queue and new turns say so while Redis
is away and answer again when it is back). The log gets the cause."""
from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask
from flask.typing import ResponseReturnValue

from jobs.redis_store import UNREACHABLE
from server.errors import error_response
from store.database import DATABASE_UNAVAILABLE, UNAVAILABLE_ERRORS

log = logging.getLogger(__name__)

__all__ = ["DATABASE_UNAVAILABLE", "QUEUE_UNAVAILABLE", "RETRY_AFTER_S", "UNAVAILABLE_ERRORS",
           "queue_unavailable", "register_unavailable_errors", "unavailable_message"]
QUEUE_UNAVAILABLE = "the job queue is unavailable; try again shortly"
RETRY_AFTER_S = 5


def unavailable_message(error: Exception) -> str:
    """The client's message for a connection-level failure; the driver's cause (not the SQL or its values) is logged."""
    cause = getattr(error, "orig", None) or error
    log.warning("database unavailable: %s: %s", type(cause).__name__, (str(cause).splitlines() or [""])[0])
    return DATABASE_UNAVAILABLE


def queue_unavailable(error: Exception) -> str:
    """The client's message for an unreachable job store (the cause goes to the log)."""
    log.warning("job store unreachable: %s: %s", type(error).__name__, error)
    return QUEUE_UNAVAILABLE


def _register(app: Flask, errors: tuple[type[Exception], ...], message: Callable[[Exception], str], code: str) -> None:
    """Map `errors` (a component out of reach) to 503 + Retry-After with `message(error)` and `code`."""

    def unavailable(e: Exception) -> ResponseReturnValue:
        return error_response(message(e), 503, code, {"Retry-After": str(RETRY_AFTER_S)})

    for error in errors:
        app.register_error_handler(error, unavailable)


def register_unavailable_errors(app: Flask) -> None:
    """Map the database's connection-level failures and an unreachable job store to 503 + Retry-After."""
    _register(app, UNAVAILABLE_ERRORS, unavailable_message, "database_unavailable")
    _register(app, UNREACHABLE, queue_unavailable, "queue_unavailable")
