"""Cross-origin access for browsers on other origins: only the origins the operator lists in CORS_ORIGINS."""
from __future__ import annotations

from flask import Flask, Response, request

ALLOWED_HEADERS = "Content-Type, Authorization"
ALLOWED_METHODS = "GET, POST, OPTIONS"
PREFLIGHT_MAX_AGE_S = "600"


def allowed_origins(setting: str) -> list[str] | str | None:
    """CORS_ORIGINS as Flask-SocketIO wants it: None (same origin only), "*" (any), or a list."""
    origins = [o.strip().rstrip("/") for o in setting.split(",") if o.strip()]
    if "*" in origins:
        return "*"
    return origins or None


def register_cors(app: Flask, origins: list[str] | str | None) -> None:
    """Answer REST requests (and preflights) from the listed origins with CORS headers; others get none."""
    if origins is None:
        return

    @app.after_request
    def _cors_headers(response: Response) -> Response:
        origin = request.headers.get("Origin")
        if origin and (origins == "*" or origin in origins):
            response.headers["Access-Control-Allow-Origin"] = "*" if origins == "*" else origin
            response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE_S
            response.headers.add("Vary", "Origin")
        return response
