"""A database that cannot be reached (down, refusing connections, pool exhausted) is a 503 JSON error with a
fixed message: the client never sees the URL, host, user or password, nor a traceback; the log gets the cause."""
from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask
from flask.typing import ResponseReturnValue
from server.errors import error_response
from store.database import DATABASE_UNAVAILABLE, UNAVAILABLE_ERRORS

log = logging.getLogger(__name__)

__all__ = ["DATABASE_UNAVAILABLE", "UNAVAILABLE_ERRORS", "register_database_errors", "unavailable_message"]
RETRY_AFTER_S = 5


def unavailable_message(error: Exception) -> str:
    """The client's message for a connection-level failure; the driver's cause (not the SQL or its values) is logged."""
    cause = getattr(error, "orig", None) or error
    log.warning("database unavailable: %s: %s", type(cause).__name__, (str(cause).splitlines() or [""])[0])
    return DATABASE_UNAVAILABLE


def register_unavailable(app: Flask, errors: tuple[type[Exception], ...], message: Callable[[Exception], str],
                         retry_after_s: int, code: str) -> None:
    """Map `errors` (a component out of reach) to 503 + Retry-After with `message(error)` and `code`."""

    def unavailable(e: Exception) -> ResponseReturnValue:
        return error_response(message(e), 503, code, {"Retry-After": str(retry_after_s)})

    for error in errors:
        app.register_error_handler(error, unavailable)


def register_database_errors(app: Flask) -> None:
    """Map the database's connection-level failures to 503 + Retry-After."""
    register_unavailable(app, UNAVAILABLE_ERRORS, unavailable_message, RETRY_AFTER_S, "database_unavailable")
