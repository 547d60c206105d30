"""API errors and their JSON shape: `{"success": false, "error": "...", "code": "..."}` with the seed's status codes.

`code` is a compatible addition: a stable machine-readable name (`queue_full`, `engine_unavailable`,
`database_unavailable`, …) so a program can tell apart errors that share a status; docs/api.md lists them.
"""
from __future__ import annotations

import logging
import re

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from telemetry import metrics

log = logging.getLogger(__name__)

REFUSAL_STATUSES = (429, 503)  # counted by cause in avatar_refusals_total
HTTP_CODES = {413: "payload_too_large", 429: "rate_limited"}  # werkzeug's own errors, named as ours are


class ApiError(Exception):
    """An error a client caused or must know about; `status` is the HTTP code, `code` its stable name."""

    status = 500
    code = "internal_error"

    def __init__(self, message: str, *, headers: dict[str, str] | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}
        if code is not None:
            self.code = code


class BadRequest(ApiError):
    """A missing, malformed or out-of-range field (400)."""

    status = 400
    code = "bad_request"


class Unauthorized(ApiError):
    """No valid API key where one is required (401)."""

    status = 401
    code = "unauthorized"


class Forbidden(ApiError):
    """The caller is known but may not do this, or a media link is unsigned or expired (403)."""

    status = 403
    code = "forbidden"


class TooManyRequests(ApiError):
    """A per-client limit was reached (429, with Retry-After)."""

    status = 429
    code = "rate_limited"


class NotFound(ApiError):
    """An unknown avatar or file (404)."""

    status = 404
    code = "not_found"


class PayloadTooLarge(ApiError):
    """A text or body over the configured limit (413)."""

    status = 413
    code = "payload_too_large"


class Unavailable(ApiError):
    """The queue is full or an engine is down (503); the raiser names which in `code`."""

    status = 503
    code = "unavailable"


def error_body(message: str, code: str) -> dict[str, object]:
    """The one error shape every route and stream uses."""
    return {"success": False, "error": message, "code": code}


def http_code(error: HTTPException) -> str:
    """werkzeug's name as a code: "Method Not Allowed" → `method_not_allowed`."""
    if error.code in HTTP_CODES:
        return HTTP_CODES[error.code]
    return re.sub(r"[^a-z0-9]+", "_", (error.name or "error").lower()).strip("_")


def error_response(message: str, status: int, code: str, headers: dict[str, str] | None = None) -> ResponseReturnValue:
    """The JSON answer for an error (refusals counted by cause)."""
    if status in REFUSAL_STATUSES:
        metrics.refusals.labels(str(status), code).inc()
    return jsonify(error_body(message, code)), status, headers or {}


def register_error_handlers(app: Flask) -> None:
    """Map ApiError, HTTP errors and anything unexpected to JSON, never a traceback."""

    @app.errorhandler(ApiError)
    def _api_error(e: ApiError) -> ResponseReturnValue:
        return error_response(e.message, e.status, e.code, e.headers)

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException) -> ResponseReturnValue:
        # keep the exception's own headers (405's Allow, 429's Retry-After) but not its HTML content type
        headers = {k: v for k, v in e.get_headers() if k.lower() != "content-type"}
        return error_response(e.description or e.name, e.code or 500, http_code(e), headers)

    @app.errorhandler(Exception)
    def _unexpected(e: Exception) -> ResponseReturnValue:
        log.exception("unhandled error")
        return error_response("internal server error", 500, ApiError.code)
