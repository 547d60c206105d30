"""Cross-origin access for browsers on other origins (flask-cors): only the origins the operator lists in
CORS_ORIGINS, every method the API uses, and the headers a page must read (Retry-After, X-Request-ID, limits)."""
from __future__ import annotations

from flask import Flask
from flask_cors import CORS

ALLOWED_HEADERS = ["Content-Type", "Authorization", "X-Request-ID", "Last-Event-ID"]
ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"]
EXPOSED_HEADERS = ["Retry-After", "X-Request-ID", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
                   "Content-Range", "Accept-Ranges", "Content-Length"]
PREFLIGHT_MAX_AGE_S = 600


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
    CORS(app, origins=origins, methods=ALLOWED_METHODS, allow_headers=ALLOWED_HEADERS, expose_headers=EXPOSED_HEADERS,
         max_age=PREFLIGHT_MAX_AGE_S, vary_header=True)
