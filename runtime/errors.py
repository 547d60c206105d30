"""Errors a client must hear about, with the seed's status codes (server/errors.py gives them their JSON shape)."""
from __future__ import annotations


class ApiError(Exception):
    """An error a client caused or must know about; `status` is the HTTP code."""

    status = 500

    def __init__(self, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class BadRequest(ApiError):
    """A missing, malformed or out-of-range field (400)."""

    status = 400


class Unauthorized(ApiError):
    """No valid API key where one is required (401)."""

    status = 401


class Forbidden(ApiError):
    """The caller is known but may not do this, or a media link is unsigned or expired (403)."""

    status = 403


class TooManyRequests(ApiError):
    """A per-client limit was reached (429, with Retry-After)."""

    status = 429


class NotFound(ApiError):
    """An unknown avatar or file (404)."""

    status = 404


class PayloadTooLarge(ApiError):
    """A text or body over the configured limit (413)."""

    status = 413


class Unavailable(ApiError):
    """The queue is full or an engine is down (503)."""

    status = 503
