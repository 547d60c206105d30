"""The one error shape of every route and stream, and the handlers that map errors to it (never a traceback)."""
from __future__ import annotations

import logging

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from runtime.errors import ApiError

log = logging.getLogger(__name__)


def error_body(message: str) -> dict[str, object]:
    """The one error shape every route and stream uses."""
    return {"success": False, "error": message}


def register_error_handlers(app: Flask) -> None:
    """Map ApiError, HTTP errors and anything unexpected to JSON, never a traceback."""

    @app.errorhandler(ApiError)
    def _api_error(e: ApiError) -> ResponseReturnValue:
        return jsonify(error_body(e.message)), e.status, e.headers

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException) -> ResponseReturnValue:
        return jsonify(error_body(e.description or e.name)), e.code or 500

    @app.errorhandler(Exception)
    def _unexpected(e: Exception) -> ResponseReturnValue:
        log.exception("unhandled error")
        return jsonify(error_body("internal server error")), 500
