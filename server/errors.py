"""The one error shape of every route and stream — `{"success": false, "error": "...", "code": "..."}` — and the
handlers that map errors to it (never a traceback). `code` is a compatible addition beside the seed's `error`."""
from __future__ import annotations

import logging
import re

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from runtime.errors import ApiError
from telemetry import metrics

log = logging.getLogger(__name__)

REFUSAL_STATUSES = (429, 503)  # counted by cause in avatar_refusals_total
HTTP_CODES = {413: "payload_too_large", 429: "rate_limited"}  # werkzeug's own errors, named as ours are


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
